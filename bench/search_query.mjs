// One cold browser per query: what the search page downloads before its first result is shown, and how
// long that takes. Usage: node bench/search_query.mjs N BASE_URL QUERY… (BASE_URL of a served site,
// e.g. http://127.0.0.1:8123/). Prints one Markdown table row per query (N is its first column).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "..", "tests", "browser", "package.json"));
const { chromium } = require("playwright-core");

const [n, base, ...queries] = process.argv.slice(2);
const kb = (b) => (b / 1024).toFixed(1) + " KB";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
try {
  for (const q of queries) {
    const lang = /[\u3400-\u9fff]/.test(q) ? "zh" : "en";
    const context = await browser.newContext(); // a new profile: nothing cached
    const page = await context.newPage();
    const files = [];
    page.on("requestfinished", async (r) => {
      const sizes = await r.sizes().catch(() => null);
      if (sizes) files.push({ url: r.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
    });
    const start = Date.now();
    await page.goto(`${base}${lang}/search/?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => document.querySelectorAll("li.search-result").length > 0, null, { polling: "raf", timeout: 120000 });
    const ms = Date.now() - start;
    const shown = await page.evaluate(() => ({
      status: document.getElementById("search-status").textContent,
      items: document.querySelectorAll("li.search-result").length,
    }));
    await new Promise((r) => setTimeout(r, 200)); // let the last requestfinished events arrive
    const kinds = {};
    for (const f of files) {
      const path = new URL(f.url).pathname;
      const kind = /\/search\/w\//.test(path) ? "chunks" : /\/search\/t\//.test(path) ? "texts" : /meta\.js$/.test(path) ? "meta" : "page+css+js";
      kinds[kind] = (kinds[kind] || 0) + f.bytes;
    }
    const total = files.reduce((s, f) => s + f.bytes, 0);
    const count = (shown.status.match(/[\d,]+/) || ["?"])[0];
    console.log(`| ${n} | ${q} | ${count} | ${kb(total)} | ${kb(kinds["page+css+js"] || 0)} | ${kb(kinds.meta || 0)} | ` +
      `${kb(kinds.chunks || 0)} | ${kb(kinds.texts || 0)} | ${files.length} | ${ms} ms |`);
    await context.close();
  }
} finally {
  await browser.close();
}
