// Issue 4: an open page reloads by itself after an edit, shows a build error over the page, and
// recovers when the error is fixed, with nothing done in the browser.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { launch, projectCopy, serve, ROOT } from "./support.mjs";

test("an open page follows edits, errors and fixes", async () => {
  const project = projectCopy();
  const server = await serve(project.dir);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(server.url + "zh/regions/linhai/");
    const card = page.locator("#metric-homicides .num");
    assert.equal(await card.textContent(), "57");

    // Edit a metric: the open page shows it within a second, by itself.
    const file = join(project.dir, "content/regions/linhai/region.json");
    const original = readFileSync(file, "utf8");
    const started = Date.now();
    writeFileSync(file, original.replace('"value": -57,', '"value": -58,'));
    await page.waitForFunction(() => document.querySelector("#metric-homicides .num")?.textContent === "58", null, { timeout: 1000 });
    const took = Date.now() - started;
    assert.ok(took < 1000, `updated in ${took} ms`);

    // Break the JSON: an overlay with file:line, over the last good page.
    writeFileSync(file, original.replace('"level": "county-level-city",', '"level": "county-level-city"'));
    const overlay = page.locator("#briefs-error");
    await overlay.waitFor({ state: "visible", timeout: 5000 });
    assert.match(await overlay.textContent(), /content\/regions\/linhai\/region\.json:\d+:\d+: error: invalid JSON/);
    assert.equal(await card.textContent(), "58");
    if (process.env.BRIEFS_SCREENSHOTS) {
      mkdirSync(process.env.BRIEFS_SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(process.env.BRIEFS_SCREENSHOTS, "serve-error-overlay.png") });
    }

    // Fix it: the overlay goes and the page is current, by itself.
    writeFileSync(file, original);
    await overlay.waitFor({ state: "detached", timeout: 5000 });
    await page.waitForFunction(() => document.querySelector("#metric-homicides .num")?.textContent === "57", null, { timeout: 2000 });
  } finally {
    await browser.close();
    await server.stop();
    project.remove();
  }
});
