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
         "--disable-component-update", "--disable-sync"],
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
