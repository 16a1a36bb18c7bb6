// referat: the bytes a reader's browser loads for the search page and for
// each query, measured by running the site's own assets/search.js (in
// Node, with just enough of a document: a <script> element appended to
// the head is the file read from the site and run). Each query starts
// from a freshly opened search page, so its bytes are what that one query
// loads after the page (the index directory included in the page's bytes).
//
// Usage: node search_bytes.mjs SITE_DIR QUERY...
// Prints JSON: {page: {html, script, directory, total}, index, files,
//               queries: [{query, bytes, files, total, first}]}
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";

const [site, ...queries] = process.argv.slice(2);
const searchScript = readFileSync(join(site, "assets", "search.js"), "utf8");

function openPage() {
  const loadedFiles = [];
  const context = {
    console,
    Promise, Map, URLSearchParams,
    unescape, encodeURIComponent,
    location: { search: "" },
  };
  context.window = context;
  context.document = {
    documentElement: { lang: "nb" },
    querySelector: () => null,
    getElementById: () => null,
    createElement: () => ({}),
    head: {
      appendChild(script) {
        const path = join(site, script.src.split("?")[0]);
        let text;
        try {
          text = readFileSync(path, "utf8");
        } catch {
          setImmediate(() => script.onerror && script.onerror());
          return;
        }
        loadedFiles.push([script.src, statSync(path).size]);
        setImmediate(() => vm.runInContext(text, context));
      },
    },
  };
  vm.createContext(context);
  vm.runInContext(searchScript, context);
  return { context, loadedFiles };
}

async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

const page = openPage();
await settle();
const html = statSync(join(site, "sok.html")).size;
const script = statSync(join(site, "assets", "search.js")).size;
const directory = page.loadedFiles.reduce((sum, [, size]) => sum + size, 0);

const result = { page: { html, script, directory, total: html + script + directory }, queries: [] };
let index = 0, files = 0;
for (const name of readdirSync(join(site, "assets", "search"))) {
  index += statSync(join(site, "assets", "search", name)).size;
  files++;
}
result.index = index;
result.files = files;

for (const query of queries) {
  const tab = openPage();
  await settle();
  const before = tab.loadedFiles.length;
  const found = await tab.context.referatSearchQuery(query, false);
  const loaded = tab.loadedFiles.slice(before);
  result.queries.push({
    query,
    bytes: loaded.reduce((sum, [, size]) => sum + size, 0),
    files: loaded.length,
    total: found ? found.total : 0,
    first: found && found.shown && found.shown[0] ? found.shown[0][0] : null,
  });
}
console.log(JSON.stringify(result, null, 1));
