// Shared by the browser tests: Debian's Chromium through playwright-core, and a briefs server.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    const timer = setTimeout(() => reject(new Error("briefs serve did not start: " + out)), 15000);
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
