// The 404 page wherever a host serves it (issue 12): under a sub-path, at any depth, it is styled and
// its links lead to the site's home pages; /favicon.ico is there; and from disk (file://) the root
// chooser and the 404 page lead to pages, not to folder listings.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { buildSite, launch, staticServer } from "./support.mjs";

const env = {};
before(async () => {
  env.site = buildSite();
  env.sub = await staticServer(env.site.dir, { prefix: "/sub/" });
  env.root = await staticServer(env.site.dir);
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  await env.sub?.stop();
  await env.root?.stop();
  env.site?.remove();
});

async function open(url) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const response = await page.goto(url);
  return { page, response, close: () => context.close() };
}

for (const path of ["sub/missing", "sub/a/b/c/missing", "sub/zh/regions/nowhere/", "sub/a/b/c/d/e/f/g/"]) {
  test(`404 under a sub-path at /${path}: styled, and its links lead home`, async () => {
    const { page, response, close } = await open(env.sub.url + path);
    try {
      assert.equal(response.status(), 404);
      const button = page.locator("a.button").first();
      // The stylesheet applies: the button has the accent colour, the sections are laid out.
      assert.equal(await button.evaluate((a) => getComputedStyle(a).backgroundColor), "rgb(11, 83, 148)");
      assert.equal(await page.locator(".entry-main").evaluate((m) => getComputedStyle(m).display), "grid");
      // The script found the site's root: the links lead to /sub/zh/ and /sub/en/.
      await page.waitForFunction(() => document.querySelector("a.button").getAttribute("href") === "/sub/zh/");
      assert.equal(await page.locator("a.button").nth(1).getAttribute("href"), "/sub/en/");
      assert.equal(await page.locator("link[rel=icon]").getAttribute("href"), await page.evaluate(() => {
        const l = document.querySelector("link[rel=icon]");
        return "/sub/" + l.getAttribute("data-site-path");
      }));
      await Promise.all([page.waitForURL(env.sub.url + "sub/zh/"), button.click()]);
      assert.equal(await page.locator("html").getAttribute("lang"), "zh-Hans");
    } finally {
      await close();
    }
  });
}

test("404 at a domain's root: links work at once, and /favicon.ico is an icon", async () => {
  const { page, response, close } = await open(env.root.url + "a/b/missing");
  try {
    assert.equal(response.status(), 404);
    assert.equal(await page.locator("a.button").first().getAttribute("href"), "/zh/");
    const ico = await page.request.get(env.root.url + "favicon.ico");
    assert.equal(ico.status(), 200);
    const bytes = await ico.body();
    assert.deepEqual([...bytes.subarray(0, 4)], [0, 0, 1, 0]);
  } finally {
    await close();
  }
});

for (const file of ["index.html", "404.html"]) {
  test(`from disk, ${file} leads to a page, not a folder listing`, async () => {
    const { page, close } = await open(pathToFileURL(env.site.dir + "/" + file).href);
    try {
      const link = page.locator(file === "404.html" ? "a.button" : "a.button[hreflang='zh-Hans']").first();
      await page.waitForFunction((sel) => /index\.html$/.test(document.querySelector(sel).getAttribute("href")),
        file === "404.html" ? "a.button" : "a.button[hreflang='zh-Hans']");
      await Promise.all([page.waitForURL(/\/zh\/index\.html$/), link.click()]);
      assert.equal(await page.locator("html").getAttribute("lang"), "zh-Hans");
      // The stylesheet applies from disk too.
      assert.notEqual(await page.locator("body").evaluate((b) => getComputedStyle(b).fontFamily), "");
    } finally {
      await close();
    }
  });
}
