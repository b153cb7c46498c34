// Issue 4: an open page reloads by itself after an edit, shows a build error over the page, and
// recovers when the error is fixed, with nothing done in the browser.
//
// Every wait is for an event (the page's event stream is open, a figure changed, the overlay came or
// went), with GUARD only as a guard against a hang: how fast a page follows an edit is not measured
// here (this machine may be busy; speed belongs to bench/). Edits are atomic saves, so that the
// server never builds half a file.
import assert from "node:assert/strict";
import { readFileSync, renameSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { launch, projectCopy, serve } from "./support.mjs";

const GUARD = 60000;

test("an open page follows edits, errors and fixes", async (t) => {
  const project = projectCopy();
  const server = await serve(project.dir);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(GUARD);
    // The server sends a page only the events that come after its event stream is open: each edit
    // waits until the page showing it has opened its stream (the response's headers have arrived).
    const streamOpen = () => page.waitForResponse((r) => new URL(r.url()).pathname === "/_briefs/events");
    const save = (file, text) => {
      const tmp = join(project.dir, "save.tmp"); // outside the watched folders
      writeFileSync(tmp, text);
      renameSync(tmp, file);
    };
    let open = streamOpen();
    await page.goto(server.url + "zh/regions/linhai/2023/");
    await open;
    const card = page.locator("#metric-homicides .num");
    assert.equal(await card.textContent(), "57");

    // Edit a metric: the open page shows it, by itself.
    const file = join(project.dir, "content/regions/linhai/region.json");
    const original = readFileSync(file, "utf8");
    const started = Date.now();
    open = streamOpen();
    save(file, original.replace('"value": -57,', '"value": -58,'));
    await page.waitForFunction(() => document.querySelector("#metric-homicides .num")?.textContent === "58");
    t.diagnostic(`the page showed the edit after ${Date.now() - started} ms (not asserted)`);
    await open; // the reloaded page's stream

    // Break the JSON: an overlay with file:line, over the last good page.
    save(file, original.replace('"level": "county-level-city",', '"level": "county-level-city"'));
    const overlay = page.locator("#briefs-error");
    await overlay.waitFor({ state: "visible" });
    assert.match(await overlay.textContent(), /content\/regions\/linhai\/region\.json:\d+:\d+: error: invalid JSON/);
    assert.equal(await card.textContent(), "58");
    if (process.env.BRIEFS_SCREENSHOTS) {
      mkdirSync(process.env.BRIEFS_SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(process.env.BRIEFS_SCREENSHOTS, "serve-error-overlay.png") });
    }

    // Fix it: the overlay goes and the page is current, by itself.
    save(file, original);
    await overlay.waitFor({ state: "detached" });
    await page.waitForFunction(() => document.querySelector("#metric-homicides .num")?.textContent === "57");
  } finally {
    await browser.close();
    await server.stop();
    project.remove();
  }
});
