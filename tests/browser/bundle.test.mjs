// Issue 15 in a browser: an image kept beside a brief is shown on the Chinese and English pages (at
// its own size), and footnotes link to their notes and back, in both languages, from disk (file://).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { deflateSync } from "node:zlib";
import { BRIEFS, launch, projectCopy } from "./support.mjs";

/** A w×h PNG (RGB, a gradient), made here so the test needs no file of its own. */
function png(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const head = Buffer.alloc(8); head.writeUInt32BE(data.length, 0); head.write(type, 4, "latin1");
    const tail = Buffer.alloc(4); tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, tail]);
  };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const rows = [];
  for (let y = 0; y < h; y++) { rows.push(0); for (let x = 0; x < w; x++) rows.push((x * 255 / w) | 0, 80, 200); }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.from(rows))), chunk("IEND", Buffer.alloc(0))]);
}

const env = {};
before(async () => {
  env.copy = projectCopy();
  const folder = join(env.copy.dir, "content/regions/linhai");
  writeFileSync(join(folder, "patrol.png"), png(320, 120));
  for (const [file, image, note] of [["2023.zh.md", "![巡逻船在椒江口巡航](patrol.png)", "[^日报]: 数据来自《台州日报》的报道。"],
    ["2023.en.md", "![A patrol boat on the Jiaojiang estuary](patrol.png)", "[^1]: From the *Taizhou Daily*."]]) {
    const body = readFileSync(join(folder, file), "utf8");
    const ref = file.includes(".zh.") ? "[^日报]" : "[^1]";
    writeFileSync(join(folder, file), body.replace("\n\n", `\n\n${image}\n\nNote${ref}.\n\n`));
    appendFileSync(join(folder, file), `\n${note}\n`);
  }
  const run = spawnSync(BRIEFS, ["build", "--out", "site"], { cwd: env.copy.dir, encoding: "utf8", timeout: 120000 });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  env.copy?.remove();
});

for (const lang of ["zh", "en"]) {
  test(`${lang}: the image beside the brief is shown, and a footnote links to its note and back`, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10000);
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(env.copy.dir, `site/${lang}/regions/linhai/2023/index.html`)).href);
    const img = page.locator(".brief-body img").first();
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => { const i = document.querySelector(".brief-body img"); return i.complete && i.naturalWidth > 0; });
    const shown = await img.evaluate((i) => ({ w: i.naturalWidth, h: i.naturalHeight, width: i.getAttribute("width"), lazy: i.loading, box: i.getBoundingClientRect().width }));
    assert.deepEqual(shown, { w: 320, h: 120, width: "320", lazy: "lazy", box: 320 });
    assert.match(await img.getAttribute("src"), /^\.\.\/\.\.\/\.\.\/\.\.\/files\/linhai\/patrol\.[0-9a-f]{8}\.png$/);

    await page.locator(".footnote-ref a").first().click();
    const note = await page.evaluate(() => document.querySelector(":target")?.id);
    assert.match(note, new RegExp(`^fn-${lang}-`));
    assert.match(await page.locator(":target").innerText(), lang === "zh" ? /台州日报/ : /Taizhou Daily/);
    await page.locator(":target .footnote-backref").click();
    assert.match(await page.evaluate(() => document.querySelector(":target")?.id), new RegExp(`^fnref-${lang}-`));
    await context.close();
  });
}
