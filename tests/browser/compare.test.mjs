// Issue 7: the compare page sorts by column within each city's group when JavaScript is on, and is a
// plain, complete table when it is off.
import assert from "node:assert/strict";
import { test } from "node:test";
import { useBuiltSite } from "./support.mjs";

const env = useBuiltSite();

/** The region names of each group, in table order. */
const groups = (page) => page.$$eval("table.compare tbody", (bodies) =>
  bodies.map((b) => Array.from(b.rows).slice(1).map((r) => r.cells[0].textContent.trim())));

test("sorting by a column keeps the groups and reverses on a second click", async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(env.server.url + "en/compare/");
  const before = await groups(page);
  assert.deepEqual(before.map((g) => g[0]), ["Taizhou", "Wenzhou"], "each group starts with its city (collation order)");
  const figure1 = page.locator("thead th[data-sort-key='3'] button");
  await figure1.click();
  assert.equal(await page.getAttribute("thead th[data-sort-key='3']", "aria-sort"), "ascending");
  const sorted = await page.$$eval("table.compare tbody", (bodies) => bodies.map((b) =>
    Array.from(b.rows).slice(1).map((r) => r.cells[3].getAttribute("data-sort")).filter((v) => v !== "").map(Number)));
  for (const values of sorted) assert.deepEqual(values, [...values].sort((a, b) => a - b), "ascending within each group");
  const after1 = await groups(page);
  assert.deepEqual(after1.map((g) => [...g].sort()), before.map((g) => [...g].sort()), "no row moves to another group");
  await figure1.click();
  assert.equal(await page.getAttribute("thead th[data-sort-key='3']", "aria-sort"), "descending");
  await page.close();
});

test("without JavaScript the table is complete", async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(env.server.url + "zh/compare/");
  const rows = (await groups(page)).flat();
  assert.equal(rows.length, 16, "every region has a row");
  assert.ok(rows.includes("临海市") && rows.includes("温州市"));
  await context.close();
});
