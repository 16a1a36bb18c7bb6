// referat: accessibility of every page of a built site, with axe-core in
// headless Chromium (WCAG 2.0/2.1 A and AA rules), and the README's
// screenshots. Prints TAP-like lines and "N passed, N failed".
//
// Usage: node axe_test.mjs SITE_DIR [SCREENSHOT_DIR]
import { readFileSync, readdirSync, statSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
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
  // The accessibility statement is linked from every page (issue 20).
  const statement = await page.locator('footer a[href$="tilgjengelighet.html"]').count();
  if (statement !== 1) {
    failed++;
    console.log(`not ok - the accessibility statement is linked from ${name}`);
  }
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
// The index is loaded in pieces by <script> elements (issue 18): a query
// from disk finds Tromsø when typed without ø, phrases, prefixes, and
// loads only a few small files. Sizes are counted from the files the page
// inserted, on disk.
async function searchFor(tab, query) {
  await tab.goto("file://" + join(site, "sok.html?q=" + encodeURIComponent(query)));
  await tab.waitForFunction(() => document.getElementById("search-status").textContent !== "");
  return await tab.locator("#search-results li a").evaluateAll((links) => links.map((a) => a.textContent));
}
function scriptBytes(sources) {
  return sources.reduce((sum, source) => sum + statSync(fileURLToPath(source)).size, 0);
}
await check("search from file:// folds Tromso to Tromsø and ranks a heading hit first", async () => {
  const tab = await context.newPage();
  const plain = await searchFor(tab, "Tromso");
  const written = await searchFor(tab, "Tromsø");
  if (!plain.length || plain.join("|") !== written.join("|"))
    throw new Error(`'Tromso': ${plain.join(" | ")}; 'Tromsø': ${written.join(" | ")}`);
  const mark = await tab.locator("#search-results mark").first().textContent();
  if (mark !== "Tromsø") throw new Error(`the excerpt marks '${mark}'`);
  // "behov" is in one case's title once and in another's text 7 times:
  // the title hit comes first, then the case with more occurrences.
  const ranked = await searchFor(tab, "behov");
  if (!(ranked.length >= 4 && /behov/i.test(ranked[0]) && !/behov/i.test(ranked[1])))
    throw new Error(`results for 'behov': ${ranked.join(" | ")}`);
  await tab.close();
});
await check("search finds a phrase in order only, and a prefix", async () => {
  const tab = await context.newPage();
  const phrase = await searchFor(tab, '"Tromsø kommune"');
  const words = await searchFor(tab, "kommune Tromsø");
  const reversed = await searchFor(tab, '"kommune Tromsø"');
  if (!(phrase.length > 0 && reversed.length < words.length && phrase.length <= words.length))
    throw new Error(`phrase ${phrase.length}, reversed ${reversed.length}, both words ${words.length}`);
  const prefix = await searchFor(tab, "samhandl*");
  const exact = await searchFor(tab, "samhandl");
  if (!(prefix.length > 1 && exact.length === 0)) throw new Error(`'samhandl*' ${prefix.length}, 'samhandl' ${exact.length}`);
  // While typing, the last word is a prefix.
  await tab.fill("#search-query", "");
  await tab.locator("#search-query").pressSequentially("samhandl");
  await tab.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0);
  await tab.close();
});
await check("the search page loads ≤ 50 KB before a query, a one-word query ≤ 100 KB more", async () => {
  const tab = await context.newPage();
  await tab.goto("file://" + join(site, "sok.html"));
  await tab.waitForFunction(() => [...document.scripts].some((s) => s.src.includes("search/index.js")));
  const scripts = () => tab.evaluate(() => [...document.scripts].map((s) => s.src).filter(Boolean));
  await tab.waitForTimeout(100);
  const before = await scripts();
  const page = statSync(join(site, "sok.html")).size + scriptBytes(before);
  await tab.fill("#search-query", "kommune");
  await tab.locator("form.search button[type=submit]").click();
  await tab.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0);
  const after = (await scripts()).filter((source) => !before.includes(source));
  const query = scriptBytes(after);
  if (!(page <= 50000 && query <= 100000 && after.some((s) => /search\/t\d+\.js(\?|$)/.test(s))))
    throw new Error(`page ${page} bytes, query ${query} bytes: ${after.join(", ")}`);
  console.log(`# search: page ${page} bytes, 'kommune' ${query} bytes in ${after.length} files`);
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

// What a reader looks for first: the saksliste (with each case's outcome)
// and the PDF come before the attendance.
await check("the saksliste and the PDF link come before the attendance", async () => {
  const tab = await context.newPage();
  await tab.goto("file://" + join(site, "kommunestyre/ks/2026-02-12.html"));
  const order = await tab.evaluate(() => {
    const attendance = document.querySelector("section.attendance");
    const agenda = document.querySelector("nav.agenda");
    const pdf = document.querySelector('.source-links a[href$=".pdf"]');
    const before = (a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    return [before(agenda, attendance), before(pdf, attendance), agenda.textContent];
  });
  if (!order[0] || !order[1]) throw new Error(`agenda before attendance: ${order[0]}, PDF before attendance: ${order[1]}`);
  if (!order[2].includes("vedtatt (10 mot 5)")) throw new Error("the saksliste does not show 04/26's outcome");
  await tab.close();
});
// A case's history: the thread page links every step, each step links back.
await check("a case's history links every step, and the steps link back and forward", async () => {
  const tab = await context.newPage();
  await tab.goto("file://" + join(site, "kommunestyre/saker/ks-5-2026.html"));
  const steps = await tab.locator(".thread-steps > li h2 a").evaluateAll((links) => links.map((a) => a.href));
  const expected = ["ks/2026-02-12.html#sak-5-2026", "ks/2026-03-19.html#sak-10-2026"];
  if (steps.length !== 2 || !expected.every((end, i) => steps[i].endsWith(end)))
    throw new Error(`steps ${steps.join(", ")}`);
  await tab.locator(".thread-steps > li h2 a").nth(1).click();
  const back = await tab.locator("#sak-10-2026 .thread-link a").getAttribute("href");
  if (back !== "../saker/ks-5-2026.html") throw new Error(`10/26 links to its history as ${back}`);
  await tab.goto("file://" + join(site, "kommunestyre/ks/2026-02-12.html"));
  const forward = await tab.locator("#sak-5-2026 .followed-by a").getAttribute("href");
  if (forward !== "../ks/2026-03-19.html#sak-10-2026") throw new Error(`05/26 links forward to ${forward}`);
  await tab.goto("file://" + join(site, "kommunestyre/ks/index.html"));
  const open = await tab.locator(".open-items").textContent();
  if (!open.includes("11/26")) throw new Error(`open items: ${open}`);
  await tab.close();
});
await check("a member links from the body page to a page of meetings attended, absences and recusals", async () => {
  const tab = await context.newPage();
  await tab.goto("file://" + join(site, "kommunestyre/ks/index.html"));
  const groups = await tab.locator("#members-heading ~ h3").allTextContents();
  if (!groups.includes("Medlemmer med stemmerett – Ap") || !groups.includes("Varamedlemmer – Ap"))
    throw new Error(`member groups: ${groups.join(", ")}`);
  await tab.locator('a[href$="personer/per-hansen.html"]').first().click();
  const text = await tab.locator("article.person").textContent();
  if (!text.includes("KS 12.02.2026") || !text.includes("Sak 04/26 (fvl. § 6"))
    throw new Error(`Per Hansen's page: ${text.replace(/\s+/g, " ").slice(0, 300)}`);
  await tab.goto("file://" + join(site, "kommunestyre/personer/jonas-eriksen.html"));
  const absent = await tab.locator("#absent-heading + ul").textContent();
  if (!absent.includes("KS 12.02.2026")) throw new Error(`Jonas Eriksen's absences: ${absent}`);
  await tab.close();
});
await check("the register's outcome reads right for O, R, postponed and voted cases, newest first", async () => {
  const tab = await context.newPage();
  await tab.goto("file://" + join(site, "kommunestyre/saker.html"));
  const rows = await tab.locator("#register tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.cells[0].textContent, tr.cells[5].textContent]));
  const outcome = Object.fromEntries(rows);
  const want = { "03/26": "referert", "07/26": "tatt til orientering", "11/26": "utsatt",
                 "04/26": "vedtatt (10 mot 5)", "02/26": "vedtatt (enstemmig)" };
  for (const [number, words] of Object.entries(want))
    if (outcome[number] !== words) throw new Error(`${number}: '${outcome[number]}', expected '${words}'`);
  if (rows[0][0] !== "11/26") throw new Error(`the first row is ${rows[0][0]}, not the newest case`);
  await tab.close();
});
// Phones: nothing to scroll sideways at 360 px.
await check("no horizontal scrolling at 360 px on the register, meeting and body pages", async () => {
  const narrow = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const wide = [];
  for (const path of ["saker.html", "ssu/2025-01-22.html", "ssu/index.html", "kommunestyre/saker.html",
                      "kommunestyre/ks/2026-02-12.html", "kommunestyre/ks/index.html",
                      "kommunestyre/saker/ks-5-2026.html", "kommunestyre/personer/per-hansen.html",
                      "tilgjengelighet.html"]) {
    const tab = await narrow.newPage();
    await tab.goto("file://" + join(site, path));
    const widths = await tab.evaluate(() => [document.documentElement.scrollWidth,
      ...Array.from(document.querySelectorAll(".table-wrap, nav.agenda")).map((e) => e.scrollWidth - e.clientWidth)]);
    if (widths[0] > 360 || widths.slice(1).some((extra) => extra > 0)) wide.push(`${path}: ${widths.join(" ")}`);
    await tab.close();
  }
  await narrow.close();
  if (wide.length) throw new Error(wide.join("; "));
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
