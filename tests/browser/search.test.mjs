// The search: its ranking on the real site's index (in Node, as the browser's script runs it), and the
// search page in a real browser: results from ?q=, from the header's search box on any page, while
// typing, without JavaScript, opened from disk, and a query that is markup staying text.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import vm from "node:vm";
import { useBuiltSite } from "./support.mjs";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

const env = useBuiltSite();

// ---- Ranking, in Node -----------------------------------------------------------------------------

const engines = {};
/**
 * The built site's search index for `lang` and its search script (the published, hashed copy), run in
 * a context of their own as a page would run them: the index's files are loaded on demand, as the
 * page's <script> elements load them. search(q) resolves to the results with their documents
 * ([url, region name, period, heading, text]) and the files it read.
 */
function engine(lang, fresh = false) {
  if (engines[lang] && !fresh) return engines[lang];
  const context = { Intl, console };
  context.window = context;
  vm.createContext(context);
  const script = readdirSync(join(env.site.dir, "assets")).find((f) => /^search\.[0-9a-f]+\.js$/.test(f));
  assert.ok(script, "the site publishes assets/search.<hash>.js");
  vm.runInContext(readFileSync(join(env.site.dir, "assets", script), "utf8"), context);
  const arrived = {};
  context.briefsSearchLoad = (name, data) => { arrived[name] = data; };
  const read = [];
  const load = async (name, path) => {
    const file = join(env.site.dir, lang, "search", path.replace(/\?.*$/, ""));
    read.push(path.replace(/\?.*$/, ""));
    vm.runInContext(readFileSync(file, "utf8"), context);
    assert.ok(name in arrived, `${file} calls briefsSearchLoad("${name}", …)`);
    return arrived[name];
  };
  const index = context.briefsSearch.open(lang, load, "meta.js");
  const search = async (q) => {
    const results = Array.from(await index.search(q));
    const docs = await Promise.all(results.map((r) => index.texts(r.doc)));
    return results.map((r, i) => ({ score: r.score, doc: Array.from(docs[i]) }));
  };
  const made = { index, search, read };
  if (!fresh) engines[lang] = made;
  return made;
}

/** The region of a document: zh/regions/<id>/… */
const region = (doc) => doc[0].split("/")[2];
const regions = (results, n = results.length) => results.slice(0, n).map((r) => region(r.doc));
const list = (results, n = 8) => results.slice(0, n).map((r) => `${r.doc[0]} (${r.doc[3]}) ${r.score.toFixed(2)}`).join("\n  ");

describe("ranking on the real site's index", async () => {
  test("反诈: Taizhou's and Jiaojiang's sections are the top two briefs", async () => {
    const results = (await engine("zh").search("反诈")).filter((r) => r.doc[0].includes("/regions/"));
    assert.deepEqual(regions(results, 2).sort(), ["jiaojiang", "taizhou"], list(results));
    for (const r of results) assert.ok((r.doc[3] + r.doc[4]).includes("反诈"), `${r.doc[0]} contains 反诈`);
  });

  test("topic pages and glossary terms are found too: 反诈 and fraud find the topic and the term", async () => {
    for (const [lang, q] of [["zh", "反诈"], ["en", "fraud"]]) {
      const results = await engine(lang).search(q);
      const urls = results.map((r) => r.doc[0]);
      assert.ok(urls.some((u) => new RegExp(`^${lang}/topics/[a-z-]+/$`).test(u)), `${lang} ${q}: a topic page:\n  ${list(results, 20)}`);
      const term = results.find((r) => r.doc[0].startsWith(`${lang}/glossary/#`));
      assert.ok(term, `${lang} ${q}: a glossary term:\n  ${list(results, 20)}`);
      assert.ok(existsSync(join(env.site.dir, lang, "glossary", "index.html")));
      assert.equal(term.doc[2], "", "a glossary term has no period");
    }
    // A glossary term is found by its pinyin too.
    const pinyin = await engine("en").search("fǎnzhà"); // by its pinyin, as written
    assert.ok(pinyin.some((r) => r.doc[0].startsWith("en/glossary/#")), list(pinyin));
  });

  test("a query of one Chinese character finds every section that has it (single characters are indexed)", async () => {
    const one = await engine("zh").search("诈");
    const pair = await engine("zh").search("诈骗");
    assert.ok(one.length >= pair.length && pair.length > 0, `诈: ${one.length}, 诈骗: ${pair.length}`);
    const found = new Set(one.map((r) => r.doc[0]));
    for (const r of pair) assert.ok(found.has(r.doc[0]), `诈 misses ${r.doc[0]}, which 诈骗 finds`);
    for (const r of one) assert.ok((r.doc[1] + r.doc[3] + r.doc[4]).includes("诈"), `${r.doc[0]} contains 诈`);
  });

  test("网格: Taizhou first", async () => {
    const results = await engine("zh").search("网格");
    assert.ok(results.length >= 5, list(results));
    assert.equal(region(results[0].doc), "taizhou", list(results));
    assert.match(results[0].doc[3], /网格/, "the best result is a section about grids");
  });

  test("调解: Longgang or Ouhai in the first three; every result mentions 调解", async () => {
    const results = await engine("zh").search("调解");
    assert.ok(results.length >= 10, list(results));
    const top = regions(results, 3);
    assert.ok(top.includes("longgang") || top.includes("ouhai"), `first three: ${top}\n  ${list(results)}`);
    for (const r of results) assert.ok(r.doc[3].includes("调解") || r.doc[4].includes("调解"), `${r.doc[0]} (${r.doc[3]}) does not contain 调解`);
  });

  test("枫桥: Dongtou first", async () => {
    const results = await engine("zh").search("枫桥");
    assert.equal(region(results[0]?.doc ?? [""]), "dongtou", list(results));
  });

  test("fraud: Taizhou first; mediation: Longgang first (any capitalisation)", async () => {
    const fraud = await engine("en").search("fraud");
    assert.equal(region(fraud[0].doc), "taizhou", list(fraud));
    const mediation = await engine("en").search("mediation");
    assert.equal(region(mediation[0].doc), "longgang", list(mediation));
    assert.match(mediation[0].doc[3], /mediation/i);
    assert.deepEqual((await engine("en").search("Mediation")).map((r) => r.doc[0]), mediation.map((r) => r.doc[0]));
  });

  test("a word's beginning finds the whole word: mediat finds every mediation section", async () => {
    const whole = (await engine("en").search("mediation")).map((r) => r.doc[0]);
    const prefix = (await engine("en").search("mediat")).map((r) => r.doc[0]);
    assert.ok(whole.length >= 10);
    assert.deepEqual(whole.filter((url) => !prefix.includes(url)), [], "mediation sections that mediat misses");
    assert.ok(regions(await engine("en").search("mediat"), 5).includes("longgang"), "Longgang's mediation brand is among the first five");
  });

  test("矛盾纠纷 (indexed as 矛盾 + 纠纷) finds Taizhou's section on the resolution rate", async () => {
    const { search } = engine("zh");
    const results = await search("矛盾纠纷");
    const at = results.findIndex((r) => region(r.doc) === "taizhou" && r.doc[3].includes("矛盾纠纷化解率"));
    assert.ok(at !== -1 && at < 3, `Taizhou's 矛盾纠纷化解率 section is ${at === -1 ? "missing" : "number " + (at + 1)}:\n  ${list(results)}`);
    for (const r of results) assert.ok((r.doc[3] + r.doc[4] + r.doc[1]).includes("矛盾纠纷"), `${r.doc[0]} contains 矛盾纠纷 as written`);
  });

  test("a query reads the meta file, one bucket per pair of characters, and the texts of its results only", async () => {
    const { read, search } = engine("zh", true);
    const results = await search("调解");
    const buckets = read.filter((f) => f.startsWith("w/"));
    assert.equal(read[0], "meta.js");
    assert.equal(buckets.length, 1, `调解 reads one bucket: ${read}`);
    // One texts file per brief found (a glossary term, found too, has its own).
    const briefs = new Set(results.map((r) => (r.doc[0].includes("/glossary/") ? r.doc[0] : r.doc[0].replace(/#.*$/, ""))));
    assert.equal(read.filter((f) => f.startsWith("t/")).length, briefs.size, "one texts file per brief found");
    assert.ok(!read.includes("index.js"), "no whole index");
  });

  test("every brief whose Chinese body has 信访, 诈骗, 网格, 调解 or 金鼎 as written is found, and every result has it", async () => {
    const bodies = []; // [url of the brief, body without line breaks]
    const regionsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "content", "regions");
    for (const id of readdirSync(regionsDir)) {
      const periods = readdirSync(join(regionsDir, id)).filter((f) => /^\d{4}\.zh\.md$/.test(f)).map((f) => f.slice(0, 4)).sort();
      for (const p of periods) {
        const text = readFileSync(join(regionsDir, id, `${p}.zh.md`), "utf8").replace(/\n/g, "");
        bodies.push([`zh/regions/${id}/` + (p === periods.at(-1) ? "" : `${p}/`), text]);
      }
    }
    assert.ok(bodies.length >= 17, "the real content's briefs");
    for (const q of ["信访", "诈骗", "网格", "调解", "金鼎"]) {
      const results = await engine("zh").search(q);
      const found = new Set(results.map((r) => r.doc[0].replace(/#.*$/, "")));
      const expected = bodies.filter(([, text]) => text.includes(q)).map(([u]) => u);
      assert.ok(expected.length >= 1, `some brief has ${q}`);
      assert.deepEqual(expected.filter((u) => !found.has(u)), [], `briefs with ${q} that the search misses`);
      for (const r of results) assert.ok((r.doc[3] + r.doc[4] + r.doc[1]).includes(q), `${r.doc[0]} (${r.doc[3]}) lacks ${q}`);
    }
    // ICU segments "安全事故和信访总量" (Taizhou 2019) as 和信|访: the pairs find it all the same.
    const xinfang = await engine("zh").search("信访");
    assert.ok(xinfang.some((r) => r.doc[0].startsWith("zh/regions/taizhou/2019/") && r.doc[4].includes("和信访")), list(xinfang));
  });

  test("a query that matches nothing, or only blanks, finds nothing", async () => {
    assert.equal((await engine("zh").search("量子计算")).length, 0);
    assert.equal((await engine("en").search("xyzzy")).length, 0);
    assert.equal((await engine("en").search("quantum mediation")).length, 0, "every word of the query must match");
    assert.equal((await engine("zh").search("   ")).length, 0);
    assert.equal((await engine("en").search("")).length, 0);
  });

  test("Chinese characters must appear as typed: 格网 finds nothing, 网格化 only sections that say 网格化", async () => {
    // 网 and 格 are in many sections (网格 finds them), but never as 格网: no section of loose characters.
    assert.ok((await engine("zh").search("网格")).length >= 5);
    assert.equal((await engine("zh").search("格网")).length, 0, list(await engine("zh").search("格网")));
    const grid = await engine("zh").search("网格化");
    assert.ok(grid.length >= 1);
    for (const r of grid) assert.ok((r.doc[3] + r.doc[4] + r.doc[1]).includes("网格化"), `${r.doc[0]} contains 网格化`);
  });
});

// ---- The search page in the browser ----------------------------------------------------------------

const url = (path, q) => env.server.url + path + (q === undefined ? "" : "?q=" + encodeURIComponent(q));

async function newPage(viewport = DESKTOP, options = {}) {
  const context = await env.browser.newContext({ viewport, deviceScaleFactor: 1, ...options });
  context.setDefaultTimeout(60000); // guards against a hang, not expectations of speed
  context.setDefaultNavigationTimeout(60000);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  return { page, errors, close: () => context.close() };
}

/** The results as shown: status text, and per result its heading link, region line, snippet and marks. */
function shown(page) {
  return page.evaluate(() => ({
    status: document.getElementById("search-status").textContent,
    items: [...document.querySelectorAll("ol#search-results > li.search-result")].map((li) => {
      const link = li.querySelector("a.result-link");
      const box = li.getBoundingClientRect();
      return {
        heading: link?.textContent.trim() ?? "",
        href: link?.getAttribute("href") ?? "",
        region: li.querySelector("p.result-region")?.textContent ?? "",
        snippet: li.querySelector("p.result-snippet")?.textContent ?? "",
        marks: [...li.querySelectorAll("p.result-snippet mark")].map((m) => m.textContent),
        fits: box.left >= 0 && box.right <= window.innerWidth && box.width > 0,
      };
    }),
  }));
}

/** How many results the page's own script finds for `q` (with the browser's word segmentation). */
const count = (page, q) => page.evaluate((query) => window.briefsSearch.index.search(query).then((r) => r.length), q);

function assertResults(view, q, expected, where) {
  assert.ok(expected > 0, `${where}: "${q}" finds something`);
  assert.equal(view.items.length, Math.min(expected, 10), `${where}: one item per result, 10 at first`);
  assert.ok(view.status.includes(String(expected)), `${where}: the status "${view.status}" gives the count ${expected}`);
  assert.ok(view.status.includes(q), `${where}: the status "${view.status}" repeats the query`);
  for (const item of view.items) {
    assert.ok(item.heading, `${where}: a result without a heading link`);
    // A brief's section, or a topic page or glossary term (searchable too; no period on its line).
    const page = /\/(topics\/[a-z-]+\/|glossary\/#[\w-]+)$/.test(item.href);
    assert.ok(page || /regions\/[a-z-]+\/(\d{4}\/)?(#[\w-]+)?$/.test(item.href), `${where}: ${item.heading} links to a region's brief: ${item.href}`);
    assert.match(item.region, page ? /^\S+$/ : /^\S.* · \d{4}$/, `${where}: ${item.heading}: region line "${item.region}"`);
    const marked = item.marks.some((m) => m.toLowerCase() === q.toLowerCase()) || (page && item.heading.toLowerCase().includes(q.toLowerCase()));
    assert.ok(marked, `${where}: ${item.heading}: snippet "${item.snippet}" marks ${JSON.stringify(item.marks)}, not ${q}`);
    // A Chinese query is found as written: its characters are not marked on their own (网 for 网格).
    if (/^\p{Script=Han}+$/u.test(q)) {
      for (const m of item.marks) assert.equal(m, q, `${where}: ${item.heading}: snippet "${item.snippet}" marks ${JSON.stringify(item.marks)}`);
    }
    assert.ok(item.fits, `${where}: ${item.heading} is wider than the window`);
  }
}

describe("the search page", () => {
  for (const [lang, q] of [["zh", "反诈"], ["en", "mediation"]]) {
    for (const viewport of [PHONE, DESKTOP]) {
      test(`/${lang}/search/?q=${q} at ${viewport.width}px: results, and the first leads to its section`, async () => {
        const { page, errors, close } = await newPage(viewport);
        try {
          await page.goto(url(`${lang}/search/`, q));
          await page.locator("li.search-result").first().waitFor();
          const where = `/${lang}/search/?q=${q} at ${viewport.width}px`;
          assertResults(await shown(page), q, await count(page, q), where);
          assert.equal(await page.inputValue("#search-q"), q, "the search box shows the query");
          assert.equal(await page.locator(".site-header form.site-search").count(), 0, "one search box: the page's own, none in the header");
          const first = page.locator("li.search-result a.result-link").first();
          assert.ok(await first.isVisible(), "the first result is visible");

          await Promise.all([page.waitForURL(/\/regions\/.+#.+/), first.click()]);
          const target = await page.evaluate(() => {
            const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
            return el && { tag: el.tagName, top: el.getBoundingClientRect().top, height: window.innerHeight };
          });
          assert.ok(target, `${page.url()}: the section named by the hash exists`);
          assert.ok(target.top >= 0 && target.top < target.height, `${page.url()}: the section is scrolled into view (top ${target.top})`);
          assert.deepEqual(errors, []);
        } finally {
          await close();
        }
      });
    }
  }

  for (const [lang, q, viewport] of [["zh", "调解", PHONE], ["en", "fraud", DESKTOP]]) {
    test(`the header's search box on a region page (${lang}, ${viewport.width}px) leads to the results`, async () => {
      const { page, errors, close } = await newPage(viewport);
      try {
        await page.goto(url(`${lang}/regions/linhai/`));
        const box = page.locator(".site-header form.site-search input[name=q]");
        assert.ok(await box.isVisible(), "the header's search box is visible");
        await box.fill(q);
        await Promise.all([page.waitForURL(url(`${lang}/search/`, q)), box.press("Enter")]);
        await page.locator("li.search-result").first().waitFor();
        assertResults(await shown(page), q, await count(page, q), `${lang} header search for ${q}`);
        assert.deepEqual(errors, []);
      } finally {
        await close();
      }
    });
  }

  test("typing in the search box updates the results without reloading the page", async () => {
    const { page, errors, close } = await newPage(PHONE);
    try {
      let loads = 0;
      page.on("load", () => loads++);
      await page.goto(url("en/search/", "mediation"));
      await page.locator("li.search-result").first().waitFor();
      await page.evaluate(() => { window.sameDocument = true; });

      await page.fill("#search-q", "fraud");
      await page.waitForFunction(() => document.getElementById("search-status").textContent.includes("fraud"));
      assertResults(await shown(page), "fraud", await count(page, "fraud"), "after typing fraud");
      assert.ok(await page.evaluate(() => window.sameDocument), "the page was not reloaded");
      assert.equal(loads, 1);
      assert.equal(new URL(page.url()).searchParams.get("q"), "fraud", "the address keeps the query");

      // Word by word, as typed: the results follow the last keystroke.
      await page.fill("#search-q", "");
      await page.locator("#search-q").pressSequentially("Fengqiao", { delay: 20 });
      await page.waitForFunction(() => document.getElementById("search-status").textContent.includes("Fengqiao"));
      assertResults(await shown(page), "Fengqiao", await count(page, "Fengqiao"), "after typing Fengqiao");

      await page.fill("#search-q", "");
      await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 0);
      assert.equal((await shown(page)).status, "", "an empty box clears the status");
      assert.equal(new URL(page.url()).searchParams.has("q"), false);

      await page.fill("#search-q", "xyzzy");
      await page.waitForFunction(() => document.getElementById("search-status").textContent.includes("xyzzy"));
      assert.equal((await shown(page)).items.length, 0, "nothing found, nothing listed");
      assert.equal(loads, 1);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test("10 results at a time, more on demand; only the texts of shown results are fetched", async () => {
    const { page, errors, close } = await newPage(DESKTOP);
    const fetched = [];
    page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
    try {
      await page.goto(url("zh/search/", "调解"));
      await page.locator("li.search-result").first().waitFor();
      const total = await count(page, "调解");
      assert.ok(total > 10, `调解 finds more than 10 sections (${total})`);
      assert.equal((await shown(page)).items.length, 10);
      assert.ok(!fetched.some((p) => p.endsWith("/index.js")), "no whole index");
      const texts = fetched.filter((p) => p.includes("/search/t/")).length;
      assert.ok(texts >= 1 && texts <= 10, `texts files fetched for 10 results: ${texts}`);
      assert.equal(fetched.filter((p) => p.includes("/search/w/")).length, 1, "one bucket for 调解");
      await page.click("#search-more");
      await page.waitForFunction(() => document.querySelectorAll("li.search-result").length > 10);
      assert.equal((await shown(page)).items.length, Math.min(20, total));
      assertResults({ ...(await shown(page)), items: (await shown(page)).items.slice(0, 10) }, "调解", total, "after more");
      assert.equal(await page.locator("#search-more").isVisible(), total > 20, "the button stays while results remain");
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test("a Chinese query on the English page says where to search it", async () => {
    const { page, errors, close } = await newPage(DESKTOP);
    try {
      await page.goto(url("en/search/", "调解"));
      const link = page.locator("#search-status a.search-elsewhere");
      await link.waitFor();
      assert.equal(new URL(await link.evaluate((a) => a.href)).pathname, new URL(url("zh/search/")).pathname);
      await Promise.all([page.waitForURL(/\/zh\/search\/\?q=/), link.click()]);
      await page.locator("li.search-result").first().waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test("without JavaScript the page says that search needs it", async () => {
    const { page, close } = await newPage(PHONE, { javaScriptEnabled: false });
    try {
      await page.goto(url("zh/search/", "反诈"));
      const note = page.locator("main p.note");
      assert.ok(await note.isVisible(), "the <noscript> note is visible");
      assert.match(await note.textContent(), /JavaScript/);
      assert.equal(await page.locator("li.search-result").count(), 0);
    } finally {
      await close();
    }
  });

  test("with JavaScript the note is not shown", async () => {
    const { page, close } = await newPage(PHONE);
    try {
      await page.goto(url("zh/search/", "反诈"));
      assert.equal(await page.locator("main p.note").count(), 0);
    } finally {
      await close();
    }
  });

  test("opened from disk: the header's search leads to search/index.html?q=… with results", async () => {
    const { page, errors, close } = await newPage(DESKTOP);
    try {
      await page.goto(pathToFileURL(join(env.site.dir, "zh", "index.html")).href);
      const box = page.locator(".site-header form.site-search input[name=q]");
      await box.fill("调解");
      await Promise.all([page.waitForURL(/\/zh\/search\/index\.html\?q=/), box.press("Enter")]);
      assert.equal(new URL(page.url()).searchParams.get("q"), "调解");
      await page.locator("li.search-result").first().waitFor();
      const view = await shown(page);
      assertResults({ ...view, items: view.items.map((i) => ({ ...i, href: i.href.replace("/index.html", "/") })) }, "调解", await count(page, "调解"), "from disk");
      assert.ok(view.items.every((i) => /\/index\.html(#|$)/.test(i.href)), "result links name index.html on disk");
      await Promise.all([page.waitForURL(/\/regions\/.+\/index\.html#/), page.locator("a.result-link").first().click()]);
      assert.ok(await page.evaluate(() => !!document.getElementById(decodeURIComponent(location.hash.slice(1)))), `${page.url()}: the section exists`);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test("a query that is markup is shown as text: no element, no script", async () => {
    const { page, errors, close } = await newPage(DESKTOP);
    const dialogs = [];
    const requests = [];
    page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
    page.on("request", (r) => requests.push(r.url()));
    try {
      const attack = "<img src=x onerror=alert(1)>";
      await page.goto(url("zh/search/", attack));
      await page.waitForFunction(() => document.getElementById("search-status").textContent !== "");
      assert.ok((await page.textContent("#search-status")).includes(attack), "the status quotes the query as text");
      // Typed into the box: markup that breaks out of an attribute, and markup around a word that
      // finds results (<b>mediation</b> finds the mediation sections), so results and marks are made.
      await page.fill("#search-q", "调解\"><img src=y onerror=alert(3)>");
      await page.waitForFunction(() => document.getElementById("search-status").textContent.includes("<img src=y"));
      await page.goto(url("en/search/"));
      await page.fill("#search-q", "<b>mediation</b>");
      await page.waitForFunction(() => document.getElementById("search-status").textContent.includes("<b>mediation</b>"));
      assert.ok((await page.locator("li.search-result").count()) > 0, "<b>mediation</b> finds the mediation sections");
      assert.equal(await page.locator("#search-results b, #search-status b").count(), 0, "no <b> was made from the query");
      // search.js writes the status and the results in one synchronous step (show()): once the status
      // quotes the query, every element the query could have made would be in the page already.
      assert.equal(await page.locator("img, svg[onload], [onerror], [onload]").count(), 0, "no element was made from the query");
      assert.deepEqual(dialogs, [], "no script ran");
      assert.deepEqual(requests.filter((r) => /\/[xy]$/.test(r)), [], "no image was requested");
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});
