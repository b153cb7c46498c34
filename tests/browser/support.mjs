// Shared by the browser tests: Debian's Chromium through playwright-core, and a briefs server.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFile, rmSync, stat } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

export const BRIEFS = process.env.BRIEFS;
export const ROOT = process.env.BRIEFS_ROOT;

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A copy of the project's content/, templates/ and assets/ in a temporary folder. */
export function projectCopy() {
  const dir = mkdtempSync(join(tmpdir(), "briefs-browser-"));
  for (const d of ["content", "templates", "assets"]) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts `briefs serve --port 0` in `cwd`; resolves to { url, stop }. */
export function serve(cwd) {
  return new Promise((resolve, reject) => {
    const proc = spawn(BRIEFS, ["serve", "--port", "0"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    // A guard against a hang only: the first build of a busy machine may take a while.
    const timer = setTimeout(() => { proc.kill(); reject(new Error("briefs serve did not start: " + out)); }, 60000);
    proc.stderr.on("data", () => {});
    proc.on("error", reject);
    proc.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/serving (http:\/\/\S+)/);
      if (!m) return;
      clearTimeout(timer);
      resolve({ url: m[1], stop: () => new Promise((done) => { proc.on("exit", done); proc.kill("SIGINT"); }) });
    });
  });
}

/** Builds the project's site with `briefs build` into a new temporary folder; resolves to { dir, output, remove }. */
/**
 * For a test file: builds the real site once, serves it as a static host would and starts Chromium
 * before its tests, and cleans all of it up after them. Returns { site, server, browser }, filled in
 * once the tests run.
 */
export function useBuiltSite() {
  const env = {};
  before(async () => {
    env.site = buildSite();
    env.server = await staticServer(env.site.dir);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
    env.site?.remove();
  });
  return env;
}

export function buildSite() {
  const dir = mkdtempSync(join(tmpdir(), "briefs-site-"));
  const out = join(dir, "site");
  const run = spawnSync(BRIEFS, ["build", "--content", join(ROOT, "content"), "--templates", join(ROOT, "templates"),
    "--assets", join(ROOT, "assets"), "--out", out, "--clean"], {
    cwd: dir, // its .briefs-cache too is this build's own: test files run side by side
    encoding: "utf8", timeout: 120000, // a guard against a hang
  });
  const output = (run.stdout || "") + (run.stderr || "");
  if (run.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`briefs build failed (${run.status ?? run.signal ?? run.error}):\n${output}`);
  }
  return { dir: out, output, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const MIME = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json", ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
  ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".svg": "image/svg+xml",
  ".webp": "image/webp", ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff", ".pdf": "application/pdf",
};

/**
 * Serves the folder `root` as a static host would, on loopback and a free port: "folder/" is
 * folder/index.html, "folder" redirects to "folder/", anything else missing is the site's 404.html
 * (status 404). With `prefix` ("/sub/"), the site is served under that path, as GitHub project pages or
 * nginx's `error_page 404 /sub/404.html` serve it: any other path is the site's 404.html too.
 * Resolves to { url, stop } (`url` without the prefix).
 */
export function staticServer(root, { prefix = "/" } = {}) {
  root = resolve(root);
  const send = (res, status, file, head) => readFile(file, (err, body) => {
    if (err) { res.writeHead(500, { "content-type": "text/plain" }); res.end(String(err)); return; }
    res.writeHead(status, { "content-type": MIME[extname(file).toLowerCase()] || "application/octet-stream",
      "content-length": body.length, "cache-control": "no-store" });
    res.end(head ? undefined : body);
  });
  const notFound = (res, head) => send(res, 404, join(root, "404.html"), head);
  const server = createServer((req, res) => {
    const head = req.method === "HEAD";
    if (req.method !== "GET" && !head) { res.writeHead(405, { allow: "GET, HEAD" }); res.end(); return; }
    let path;
    try { path = decodeURIComponent(new URL(req.url, "http://localhost").pathname); } catch { notFound(res, head); return; }
    if (!path.startsWith(prefix)) { notFound(res, head); return; }
    path = "/" + path.slice(prefix.length);
    const file = resolve(root, "." + path);
    if (path.includes("\0") || (file !== root && !file.startsWith(root + sep))) { notFound(res, head); return; }
    stat(file, (err, st) => {
      if (err) { notFound(res, head); return; }
      if (st.isDirectory()) {
        if (!path.endsWith("/")) { res.writeHead(301, { location: prefix + path.slice(1) + "/" }); res.end(); return; }
        stat(join(file, "index.html"), (e2, s2) => (e2 || !s2.isFile() ? notFound(res, head) : send(res, 200, join(file, "index.html"), head)));
        return;
      }
      send(res, 200, file, head);
    });
  });
  return new Promise((done, fail) => {
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => done({
      url: `http://127.0.0.1:${server.address().port}/`,
      stop: () => new Promise((closed) => { server.closeAllConnections(); server.close(() => closed()); }),
    }));
  });
}
