// referat: accessibility of every page of a built site, with axe-core in
// headless Chromium (WCAG 2.0/2.1 A and AA rules), and the README's
// screenshots. Prints TAP-like lines and "N passed, N failed".
//
// Usage: node axe_test.mjs SITE_DIR [SCREENSHOT_DIR]
import { readFileSync, readdirSync, statSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [site, screenshots] = process.argv.slice(2);

function pages(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return pages(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});
let passed = 0, failed = 0;
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
for (const path of pages(site).sort()) {
  const page = await context.newPage();
  await page.goto("file://" + path);
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  const name = relative(site, path);
  if (result.violations.length === 0) {
    passed++;
    console.log(`ok - axe: ${name}`);
  } else {
    failed++;
    console.log(`not ok - axe: ${name}`);
    for (const v of result.violations)
      console.log(`  ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  }
  await page.close();
}
// The two scripts do their jobs: search finds cases, the register filters
// and sorts. Both pages are opened from disk, as a reader might.
async function check(name, body) {
  try {
    await body();
    passed++;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed++;
    console.log(`not ok - ${name}\n  ${error.message}`);
  }
}
await check("search finds a case by a word of its decision and opens it", async () => {
  const tab = await context.newPage();
  await tab.goto("file://" + join(site, "sok.html?q=etterretning"));
  const results = await tab.locator("#search-results li").count();
  if (results !== 1) throw new Error(`${results} results for 'etterretning', expected 1`);
  await tab.locator("#search-results a").first().click();
  if (!tab.url().endsWith("ssu/2025-01-22.html#sak-5-2025")) throw new Error(`went to ${tab.url()}`);
  await tab.close();
});
await check("the register filters and sorts", async () => {
  const tab = await context.newPage();
  await tab.goto("file://" + join(site, "saker.html"));
  const all = await tab.locator("#register tbody tr:not([hidden])").count();
  // One case's title word: the filter keeps that row alone.
  await tab.fill("#register-filter", "palliativt");
  const matching = await tab.locator("#register tbody tr:not([hidden])").count();
  if (!(all > 20 && matching === 1)) throw new Error(`${all} rows, ${matching} after filtering for 'palliativt'`);
  await tab.fill("#register-filter", "");
  await tab.locator("th button[data-column='4']").click();
  const first = await tab.locator("#register tbody tr td:nth-child(5)").first().textContent();
  if (first !== "12.05.2023") throw new Error(`sorted by date, the first row is ${first}`);
  await tab.close();
});

if (screenshots) {
  mkdirSync(screenshots, { recursive: true });
  const shots = [
    ["meeting-desktop.png", "ssu/2025-01-22.html", 1280, 900],
    ["meeting-phone.png", "ssu/2025-01-22.html", 390, 844],
    ["register-desktop.png", "saker.html", 1280, 900],
    ["register-phone.png", "saker.html", 390, 844],
  ];
  for (const [file, page, width, height] of shots) {
    const tab = await browser.newPage({ viewport: { width, height } });
    await tab.goto("file://" + join(site, page));
    await tab.screenshot({ path: join(screenshots, file) });
    await tab.close();
    passed++;
    console.log(`ok - screenshot ${file}`);
  }
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
