// The screenshots in the documentation (docs/screenshots/, shown in README.md): not a test.
//
//   cmake --build build && node tests/browser/screenshots.mjs [output folder]
//
// Builds the real site with build/briefs (or $BRIEFS) into a temporary folder, serves it as a static
// host would, and takes each page type in both languages at a desktop's and a phone's width: the top
// of the page (about two screens), not the whole page, which is far too tall on a phone.
// Names: <page>-<lang>-<width>.png, e.g. home-zh-1280.png, search-en-390.png.
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
process.env.BRIEFS_ROOT ||= ROOT;
process.env.BRIEFS ||= join(ROOT, "build", "briefs");
if (!existsSync(process.env.BRIEFS)) {
  console.error(`${process.env.BRIEFS} not found: build the generator first (cmake --build build), or set BRIEFS`);
  process.exit(1);
}
// After the environment is set: support.mjs reads it when it loads.
const { buildSite, launch, staticServer } = await import("./support.mjs");

const OUT = resolve(process.argv[2] || join(ROOT, "docs", "screenshots"));

// width → the viewport, and the height of the picture (from the top of the page).
const SIZES = [
  { width: 1280, height: 900, clip: 1600 },
  { width: 390, height: 844, clip: 1700 },
];
const SHOTS = [
  { name: "home", path: () => "" },
  { name: "region", path: () => "regions/taizhou/" },
  { name: "compare", path: () => "compare/" },
  { name: "topic", path: () => "topics/dispute-mediation/" },
  { name: "search", path: (lang) => "search/?q=" + encodeURIComponent(lang === "zh" ? "调解" : "mediation"), ready: "li.search-result mark" },
];

const site = buildSite();
const server = await staticServer(site.dir);
const browser = await launch();
const written = [];
try {
  mkdirSync(OUT, { recursive: true });
  for (const size of SIZES) {
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const shot of SHOTS) {
      for (const lang of ["zh", "en"]) {
        await page.goto(server.url + `${lang}/` + shot.path(lang), { waitUntil: "load" });
        if (shot.ready) await page.locator(shot.ready).first().waitFor();
        await page.evaluate(() => document.fonts.ready);
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const file = join(OUT, `${shot.name}-${lang}-${size.width}.png`);
        await page.screenshot({
          path: file, fullPage: true, animations: "disabled", caret: "hide",
          clip: { x: 0, y: 0, width: size.width, height: Math.min(height, size.clip) },
        });
        written.push(file);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  site.remove();
}
console.log(`${written.length} screenshots in ${OUT}:\n` + written.map((f) => "  " + f.slice(OUT.length + 1)).join("\n"));
