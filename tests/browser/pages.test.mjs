// Issue 7: the real site, built once and served as a static host serves it, in a real browser:
// every page type in both languages at phone and desktop widths (no sideways scrolling, no WCAG 2.1
// A/AA violation, nothing fetched from outside the site, the header's search form and Topics link),
// valid HTML everywhere (search results too, as the script writes them), the language switcher
// keeping the section being read, Chinese typography, and a brief printed on A4.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { FileSystemConfigLoader, HtmlValidate } from "html-validate";
import { useBuiltSite } from "./support.mjs";

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
const AXE = require.resolve("axe-core/axe.min.js");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const VIEWPORTS = [PHONE, DESKTOP];

// One page of every type, in both languages. `expect`: a selector that shows the page is the type
// named (for the search page: results the script wrote, waited for before the checks).
const q = (text) => "?q=" + encodeURIComponent(text);
const PAGES = [
  { path: "", name: "root" },
  { path: "zh/", name: "home", lang: "zh" },
  { path: "en/", name: "home", lang: "en" },
  { path: "zh/regions/linhai/2023/", name: "region", lang: "zh" },
  { path: "en/regions/linhai/2023/", name: "region", lang: "en" },
  { path: "zh/regions/taizhou/2019/", name: "earlier brief", lang: "zh" },
  { path: "en/regions/taizhou/2019/", name: "earlier brief", lang: "en" },
  { path: "zh/compare/", name: "compare", lang: "zh" },
  { path: "en/compare/", name: "compare", lang: "en" },
  { path: "zh/regions/taizhou/", name: "region with a series table", lang: "zh", expect: "section.moved table.moved-table tbody tr" },
  { path: "en/regions/taizhou/", name: "region with a series table", lang: "en", expect: "section.moved table.moved-table tbody tr" },
  { path: "zh/glossary/", name: "glossary", lang: "zh" },
  { path: "en/glossary/", name: "glossary", lang: "en" },
  { path: "zh/topics/", name: "topics", lang: "zh", expect: "main a[href$='/topics/dispute-mediation/']" },
  { path: "en/topics/", name: "topics", lang: "en", expect: "main a[href$='/topics/dispute-mediation/']" },
  { path: "zh/topics/dispute-mediation/", name: "topic", lang: "zh", expect: "li.topic-entry a[href*='regions/']" },
  { path: "en/topics/dispute-mediation/", name: "topic", lang: "en", expect: "li.topic-entry a[href*='regions/']" },
  { path: "zh/search/" + q("调解"), name: "search results", lang: "zh", expect: "li.search-result mark", dynamic: true },
  { path: "en/search/" + q("mediation"), name: "search results", lang: "en", expect: "li.search-result mark", dynamic: true },
  { path: "404.html", name: "404" },
  { path: "no/such/page/", name: "404 (served for a missing page)", status: 404 },
];

const env = useBuiltSite();

/**
 * Opens `path` in a fresh page of the given size; resolves to { page, requests, close }. Every
 * request the page makes is recorded, so a test can check that nothing left the site.
 */
async function open(path, viewport, { status = 200, media } = {}) {
  const context = await env.browser.newContext({ viewport, deviceScaleFactor: 1 });
  context.setDefaultTimeout(60000); // guards against a hang, not expectations of speed
  context.setDefaultNavigationTimeout(60000);
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push({ url: r.url(), type: r.resourceType() }));
  if (media) await page.emulateMedia({ media });
  const response = await page.goto(env.server.url + path, { waitUntil: "load" });
  assert.equal(response.status(), status, `HTTP status of /${path}`);
  await page.evaluate(() => document.fonts.ready);
  return { page, requests, close: () => context.close() };
}

function assertOnlySiteRequests(requests, path) {
  const outside = requests.filter((r) => !r.url.startsWith(env.server.url) && !r.url.startsWith("data:"));
  assert.deepEqual(outside.map((r) => r.url), [], `/${path} requested something outside the site`);
  const fonts = requests.filter((r) => r.type === "font");
  assert.deepEqual(fonts.map((r) => r.url), [], `/${path} downloaded a font`);
}

async function axeViolations(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ") + (n.failureSummary ? "\n        " + n.failureSummary.replace(/\n/g, "\n        ") : "")),
    }));
  }, AXE_TAGS);
}

/** The header of a page in `lang`: a search form sending q to that language's search page (on the search
 *  page itself, its own form, which takes the header's place), and a Topics link. */
async function assertHeader(page, lang, path) {
  const header = await page.evaluate(() => {
    const form = document.querySelector(".site-header form.site-search") || document.querySelector("main form.search-page-form");
    return {
      action: form && new URL(form.getAttribute("action"), location.href).href,
      method: form && form.method,
      input: !!form?.querySelector("input[name=q]"),
      label: form && [...form.querySelectorAll("input[name=q]")].every((i) => i.labels.length > 0),
      nav: [...document.querySelectorAll(".site-header nav a")].map((a) => a.href),
    };
  });
  assert.equal(header.action, `${env.server.url}${lang}/search/`, `/${path}: the search form`);
  assert.equal(header.method, "get");
  assert.ok(header.input && header.label, `/${path}: the header's search box is named q and labelled`);
  assert.ok(header.nav.includes(`${env.server.url}${lang}/topics/`), `/${path}: the header links to the topics`);
}

let validator;
/** html-validate's findings on the page as it is now (after its scripts ran). */
async function domProblems(page, path) {
  validator ??= new HtmlValidate(new FileSystemConfigLoader(JSON.parse(readFileSync(join(HERE, ".htmlvalidate.json"), "utf8"))));
  const report = await validator.validateString("<!doctype html>\n" + await page.evaluate(() => document.documentElement.outerHTML), join(env.site.dir, "dom.html"));
  return report.results.flatMap((r) => r.messages.map((m) => `  /${path} (rendered):${m.line}:${m.column}: ${m.ruleId}: ${m.message}`));
}

function formatViolations(violations) {
  return violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n` + v.targets.map((t) => `      ${t}`).join("\n")).join("\n");
}

test("the site builds without warnings (but the one saying what a base URL would add)", () => {
  assert.match(env.site.output, /^built \d+ pages/m);
  const findings = env.site.output.split("\n").filter((line) => /: (warning|error): /.test(line) && !/: warning: no base URL /.test(line));
  assert.deepEqual(findings, []);
});

// Each page is loaded once, at a phone's width, and checked again after widening the window to a
// desktop's: half the page loads (and axe injections) of a fresh load per width, for the same checks.
describe("every page type, both languages, phone and desktop", () => {
  for (const p of PAGES) {
    test(`/${p.path} (${p.name}) at ${VIEWPORTS.map((v) => v.width + "px").join(" and ")}`, async () => {
      const { page, requests, close } = await open(p.path, VIEWPORTS[0], { status: p.status ?? 200 });
      try {
        if (p.expect) await page.locator(p.expect).first().waitFor({ state: "attached" });
        if (p.lang) await assertHeader(page, p.lang, p.path);
        if (p.dynamic) assert.deepEqual(await domProblems(page, p.path), [], "the page as its script leaves it is valid HTML");

        for (const viewport of VIEWPORTS) {
          if (viewport !== VIEWPORTS[0]) await page.setViewportSize(viewport);
          const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
          assert.equal(widths.inner, viewport.width);
          assert.ok(widths.scroll <= widths.inner, `/${p.path} scrolls sideways at ${viewport.width}px: scrollWidth ${widths.scroll} > ${widths.inner}`);

          const violations = await axeViolations(page);
          assert.equal(violations.length, 0, `axe found ${violations.length} violation(s) on /${p.path} at ${viewport.width}px:\n${formatViolations(violations)}`);
        }

        assertOnlySiteRequests(requests, p.path);
      } finally {
        await close();
      }
    });
  }
});

test("the HTML of every generated page is valid (html-validate)", async () => {
  const config = JSON.parse(readFileSync(join(HERE, ".htmlvalidate.json"), "utf8"));
  const validator = new HtmlValidate(new FileSystemConfigLoader(config));
  const files = readdirSync(env.site.dir, { recursive: true }).filter((f) => f.endsWith(".html")).sort();
  assert.ok(files.length >= 40, `only ${files.length} HTML files were generated`);
  for (const lang of ["zh", "en"]) {
    for (const page of ["search/index.html", "topics/index.html", "topics/dispute-mediation/index.html", "regions/taizhou/index.html"]) {
      assert.ok(files.includes(join(lang, page)), `${lang}/${page} is validated`);
    }
  }
  const problems = [];
  for (const file of files) {
    // An absolute name in the temporary folder: no other .htmlvalidate.json is found on the way up.
    const report = await validator.validateString(readFileSync(join(env.site.dir, file), "utf8"), join(env.site.dir, file));
    for (const result of report.results) {
      for (const m of result.messages) problems.push(`  ${file}:${m.line}:${m.column}: ${m.ruleId}: ${m.message}`);
    }
  }
  assert.equal(problems.length, 0, `${problems.length} HTML problem(s):\n${problems.join("\n")}`);
});

describe("the language switcher keeps the section being read", () => {
  const cases = [
    { from: "zh/regions/linhai/2023/", to: "en/regions/linhai/2023/", viewport: DESKTOP },
    { from: "en/regions/linhai/2023/", to: "zh/regions/linhai/2023/", viewport: PHONE },
    { from: "zh/regions/taizhou/2019/", to: "en/regions/taizhou/2019/", viewport: PHONE },
  ];
  for (const c of cases) {
    test(`/${c.from} → /${c.to} at ${c.viewport.width}px`, async () => {
      const { page, close } = await open(c.from, c.viewport);
      try {
        const headings = page.locator(".brief-body h2[id]");
        assert.ok((await headings.count()) >= 3, "the brief has at least three sections");
        // The reader scrolls down to the third section...
        const id = await headings.nth(2).evaluate((h) => { h.scrollIntoView({ block: "start" }); return h.id; });
        await page.waitForFunction(() => window.scrollY > 0);
        // ...and switches language with the switcher that is in view there.
        const switcher = page.locator(".site-header a[data-lang-switch]");
        assert.ok(await switcher.isVisible(), "the language switcher is visible at the third section");
        const inView = await switcher.evaluate((a) => { const r = a.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; });
        assert.ok(inView, "the language switcher is in the viewport at the third section");
        // A real click where the reader sees it (locator.click() would first scroll the page to the link).
        const box = await switcher.boundingBox();
        await Promise.all([page.waitForURL(env.server.url + c.to + "#" + id), page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)]);
        assert.equal(await page.evaluate(() => location.hash), "#" + id);
        // The other language's page is at that section, not hidden under the header.
        await page.waitForFunction((target) => {
          const h = document.getElementById(target);
          const header = document.querySelector(".site-header").getBoundingClientRect();
          const top = h.getBoundingClientRect().top;
          return top >= header.bottom - 1 && top < window.innerHeight / 2;
        }, id);
      } finally {
        await close();
      }
    });
  }
});

test("a region page shows its metric cards; the Chinese page is zh-Hans", async () => {
  for (const [path, lang] of [["zh/regions/linhai/2023/", "zh-Hans"], ["en/regions/linhai/2023/", "en"]]) {
    const { page, close } = await open(path, PHONE);
    try {
      assert.equal(await page.getAttribute("html", "lang"), lang);
      const cards = page.locator(".figures .card");
      assert.ok((await cards.count()) >= 3, `/${path} has metric cards`);
      for (const card of await page.locator(".cards-headline .card").all()) assert.ok(await card.isVisible(), `/${path}: a headline card is visible`);
      const homicides = page.locator("#metric-homicides");
      await homicides.scrollIntoViewIfNeeded();
      assert.ok(await homicides.isVisible());
      assert.equal(await homicides.locator(".num").textContent(), "57");
      assert.ok(await homicides.locator(".card-news").isVisible(), "good or bad news is written out, not only coloured");
    } finally {
      await close();
    }
  }
});

// Issue 17: on a phone, Taizhou's 28 figures are three headline cards and a closed table; every figure
// still reaches its note (the article and the phrase quoted from it, in Chinese), and back.
describe("figures a reader can verify", () => {
  for (const lang of ["zh", "en"]) {
    test(`/${lang}/regions/taizhou/ on a phone: headline cards, the rest in a closed table, each reaching its note`, async () => {
      const { page, close } = await open(`${lang}/regions/taizhou/`, PHONE);
      try {
        assert.equal(await page.locator(".cards-headline .card").count(), 3);
        const more = page.locator("details.more-figures");
        assert.equal(await more.evaluate((d) => d.open), false, "closed on a phone");
        const bodyTop = await page.locator(".brief-body").evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
        assert.ok(bodyTop < 6 * PHONE.height, `the brief's text starts within six screens (${bodyTop}px)`);
        // A headline card → its note: the article and the quoted phrase, marked as Chinese.
        const card = page.locator(".cards-headline .card").first();
        const id = (await card.getAttribute("id")).replace(/^metric-/, "");
        await card.locator(".card-source a").click();
        await page.waitForFunction((id) => location.hash === "#note-" + id, id);
        const note = page.locator(`#note-${id}`);
        assert.ok(await note.isVisible());
        assert.ok(await note.locator("q[lang='zh-Hans']").isVisible(), "the phrase is quoted in Chinese");
        assert.ok(await note.locator("cite").isVisible(), "the article is named");
        // A figure of the closed table: its note's link back opens the table at its row.
        const row = page.locator("details.more-figures tbody tr").first();
        const rowId = (await row.getAttribute("id")).replace(/^metric-/, "");
        await page.locator(`#note-${rowId} .note-head a`).click();
        await page.waitForFunction(() => document.querySelector("details.more-figures").open);
        assert.ok(await row.isVisible(), "the figure's row is shown");
        if (lang === "en") {
          const zh = page.locator(".brief-body h2 .heading-zh").first();
          assert.equal(await zh.getAttribute("lang"), "zh-Hans");
          await zh.scrollIntoViewIfNeeded();
          assert.ok(await zh.isVisible(), "the English page shows the Chinese heading");
        }
        assert.ok(await page.locator(".toc .toc-alt").first().isVisible(), "the contents are bilingual");
      } finally {
        await close();
      }
    });
  }
});

describe("Chinese typography", () => {
  test("system CJK fonts, no italics, strict line breaking, comfortable line height", async () => {
    const { page, requests, close } = await open("zh/regions/linhai/2023/", DESKTOP);
    try {
      assertOnlySiteRequests(requests, "zh/regions/linhai/2023/");
      const style = await page.evaluate(() => {
        const p = document.querySelector(".brief-body p");
        const cs = getComputedStyle(p);
        const probe = document.createElement("em");
        probe.textContent = "重点";
        p.append(probe);
        const em = getComputedStyle(probe);
        const cite = getComputedStyle(document.querySelector(".sources cite"));
        const result = {
          fontFamily: cs.fontFamily, lineHeight: parseFloat(cs.lineHeight) / parseFloat(cs.fontSize), lineBreak: cs.lineBreak,
          emStyle: em.fontStyle, emWeight: Number(em.fontWeight), citeStyle: cite.fontStyle,
          // @font-face rules that name anything but an installed font (local()).
          webFonts: [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
            .filter((rule) => rule instanceof CSSFontFaceRule)
            .map((rule) => rule.style.getPropertyValue("src"))
            .filter((src) => !/^\s*local\(/.test(src) || /url\(/.test(src)),
          quoteWidth: (() => {  // in em
            const q = document.createElement("span");
            q.textContent = "“";
            p.append(q);
            const w = q.getBoundingClientRect().width / parseFloat(cs.fontSize);
            q.remove();
            return w;
          })(),
        };
        probe.remove();
        return result;
      });
      assert.match(style.fontFamily, /PingFang SC/);
      assert.match(style.fontFamily, /Noto Sans CJK SC|Source Han Sans SC/);
      assert.match(style.fontFamily, /Microsoft YaHei/);
      assert.match(style.fontFamily, /WenQuanYi Micro Hei/);
      assert.deepEqual(style.webFonts, [], "no web fonts are declared, only installed ones");
      // Chinese quotation marks are a character wide (a CJK font's), not the Latin font's narrow ones.
      assert.ok(style.quoteWidth > 0.9, `“ is ${style.quoteWidth.toFixed(2)} em wide in Chinese text (is a CJK font such as fonts-wqy-microhei installed?)`);
      assert.ok(style.lineHeight >= 1.7 && style.lineHeight <= 2, `line height ${style.lineHeight.toFixed(2)}`);
      assert.equal(style.lineBreak, "strict");
      assert.equal(style.emStyle, "normal", "Chinese emphasis is not slanted");
      assert.ok(style.emWeight >= 600, "Chinese emphasis is shown by weight");
      assert.equal(style.citeStyle, "normal");

      // A paragraph of Chinese, wrapped at a phone's width, never starts a line with closing punctuation.
      await page.setViewportSize(PHONE);
      const stranded = await page.evaluate(() => {
        const closing = "，。、；：！？）」』】》〉”’";
        const found = [];
        for (const p of document.querySelectorAll(".brief-body p, .brief-body li")) {
          const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          let lastTop = null;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.data.length; i++) {
              const range = document.createRange();
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const rects = range.getClientRects();
              if (!rects.length) continue;
              const top = Math.round(rects[0].top);
              if (lastTop !== null && top > lastTop + 4 && closing.includes(node.data[i])) found.push(node.data.slice(Math.max(0, i - 6), i + 2));
              lastTop = top;
            }
          }
        }
        return found;
      });
      assert.deepEqual(stranded, [], "punctuation at the start of a line");
    } finally {
      await close();
    }
  });

  test("English text keeps its own line height and italics", async () => {
    const { page, close } = await open("en/regions/longgang/", DESKTOP);
    try {
      const style = await page.evaluate(() => {
        const p = getComputedStyle(document.querySelector(".brief-body p"));
        const em = document.querySelector(".brief-body em");
        return { lineHeight: parseFloat(p.lineHeight) / parseFloat(p.fontSize), emStyle: em && getComputedStyle(em).fontStyle };
      });
      assert.ok(style.lineHeight >= 1.45 && style.lineHeight <= 1.7, `line height ${style.lineHeight.toFixed(2)}`);
      if (style.emStyle) assert.equal(style.emStyle, "italic");
    } finally {
      await close();
    }
  });
});

describe("a brief printed on A4", () => {
  for (const path of ["zh/regions/linhai/2023/", "en/regions/linhai/2023/"]) {
    test(`/${path}`, async () => {
      const { page, close } = await open(path, DESKTOP, { media: "print" });
      try {
        for (const chrome of [".site-header", ".site-footer", ".site-nav", ".skip-link", ".breadcrumb", ".toc", "a[data-lang-switch]"]) {
          for (const el of await page.locator(chrome).all()) assert.equal(await el.isVisible(), false, `${chrome} is hidden in print`);
        }
        assert.ok(await page.locator("h1").isVisible());
        const cards = await page.locator(".figures .card").all();
        assert.ok(cards.length >= 3);
        for (const card of cards) assert.ok(await card.isVisible(), "every card prints");
        assert.ok(await page.locator(".sources").isVisible(), "the sources print");
        assert.ok(await page.locator(".figure-notes li q[lang='zh-Hans']").first().isVisible(), "the figures' notes print");
        assert.ok(await page.locator(".sources li").first().isVisible());
        assert.ok(await page.locator(".brief-body h2").first().isVisible());
        if (path.startsWith("zh/")) {
          const en = page.locator(".brief-body h2 .heading-en").first();
          assert.ok(await en.isVisible(), "headings print in both languages");
        }
        const pdf = await page.pdf({ format: "A4", printBackground: true });
        assert.ok(pdf.length > 10000, `PDF of ${pdf.length} bytes`);
        assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
        const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
        assert.ok(pages >= 1 && pages <= 12, `${pages} A4 pages`);
      } finally {
        await close();
      }
    });
  }
});
