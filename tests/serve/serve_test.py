#!/usr/bin/env python3
"""Integration test of `briefs serve` (issue 4): the real server on a free loopback port.

Requests pages, checks MIME types, 404 and path traversal; edits a file and waits for the rebuild
and the reload event; breaks a file and checks the error overlay; fixes it and checks recovery;
checks that a burst of saves gives one rebuild, that editor-style saves (write + rename) and new or
deleted region folders are picked up, that drafts are shown, and that Ctrl-C stops it cleanly.
Usage: serve_test.py BRIEFS PROJECT_ROOT
"""
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

BRIEFS, ROOT = sys.argv[1], sys.argv[2]
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, flush=True)


def get(url, path):
    """(status, headers, body) without following redirects."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url + path.lstrip("/"), timeout=5) as r:
            return r.status, r.headers, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8", "replace")


def raw_get(port, target):
    """A request line sent as is (urllib would normalise the path)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % target).encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head = data.split(b"\r\n", 1)[0].decode()
    return int(head.split()[1]), data.decode("utf-8", "replace")


class Events:
    """Reads the server-sent events stream in a thread; events arrive on a queue."""
    def __init__(self, port):
        self.q = queue.Queue()
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.sendall(b"GET /_briefs/events HTTP/1.1\r\nHost: x\r\n\r\n")
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        buf = ""
        try:
            while chunk := self.sock.recv(65536):
                buf += chunk.decode("utf-8", "replace")
                *blocks, buf = buf.split("\n\n")  # one event per block (chunk sizes sit between blocks)
                for block in blocks:
                    if ": connected" in block:
                        self.q.put(("connected", None))
                    m = re.search(r"event: (\S+)\r?\ndata: (.*)", block)
                    if m:
                        self.q.put((m.group(1), json.loads(m.group(2))))
        except OSError:
            pass

    def next(self, timeout=5):
        try:
            return self.q.get(timeout=timeout)
        except queue.Empty:
            return (None, None)


work = tempfile.mkdtemp(prefix="briefs-serve-")
try:
    for d in ("content", "templates", "assets"):
        shutil.copytree(os.path.join(ROOT, d), os.path.join(work, d))
    region = os.path.join(work, "content/regions/linhai/region.json")
    original = open(region, encoding="utf-8").read()
    # A draft brief: shown in the preview, with a badge.
    draft_dir = os.path.join(work, "content/regions/draftville")
    os.makedirs(draft_dir)
    open(os.path.join(draft_dir, "region.json"), "w", encoding="utf-8").write(
        re.sub(r'"id": "linhai"', '"id": "draftville"', original).replace('"name": {', '"draft": true,\n  "name": {', 1))
    shutil.copy(os.path.join(work, "content/regions/linhai/2023.zh.md"), draft_dir)
    shutil.copy(os.path.join(work, "content/regions/linhai/2023.en.md"), draft_dir)
    before = sorted(os.listdir(work))

    proc = subprocess.Popen([BRIEFS, "serve", "--port", "0"], cwd=work, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    log = []
    threading.Thread(target=lambda: [log.append(line) for line in proc.stderr], daemon=True).start()
    first = proc.stdout.readline()
    m = re.search(r"serving (http://127\.0\.0\.1:(\d+)/)", first)
    check(m is not None, "serve prints its URL on loopback: " + first)
    url, port = m.group(1), int(m.group(2))

    status, headers, body = get(url, "/")
    check(status == 200 and headers["Content-Type"] == "text/html; charset=utf-8", "root page as UTF-8 HTML")
    check("/_briefs/live.js" in body, "preview pages carry the live-reload script")
    status, headers, _ = get(url, "/zh")
    check(status == 301 and headers["Location"] == "/zh/", "a folder without its slash is redirected")
    status, _, body = get(url, "/zh/regions/linhai/")
    check(status == 200 and "临海" in body, "a region page")
    css = re.search(r'href="((?:\.\./)*assets/style\.[0-9a-f]{8}\.css)"', body).group(1).replace("../", "")
    status, headers, _ = get(url, "/" + css)
    check(status == 200 and headers["Content-Type"] == "text/css; charset=utf-8", "CSS with its MIME type")
    status, _, body = get(url, "/zh/regions/nowhere/")
    check(status == 404 and "页面不存在" in body, "the site's 404 page with status 404")
    for target in ("/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/zh/..%2f..%2f..%2fetc/passwd",
                   "/assets/../../content/site.json", "/%2E%2E/content/site.json"):
        status, text = raw_get(port, target)
        check(status in (400, 404) and "root:" not in text and '"languages"' not in text, "no way out of the site: " + target)
    status, headers, body = get(url, "/_status/")
    check(status == 200 and "Translation coverage" in body and "region names" in body, "the preview's status page")
    status, _, body = get(url, "/zh/regions/draftville/")
    check(status == 200 and "badge-draft" in body, "a draft is previewed with a badge")

    ev = Events(port)
    check(ev.next()[0] == "connected", "the event stream answers")

    # Edit a metric: one rebuild, a reload event naming the page, the page updated.
    open(region, "w", encoding="utf-8").write(original.replace('"value": -57,', '"value": -58,', 1))
    name, data = ev.next()
    check(name == "reload" and "zh/regions/linhai/index.html" in data["files"], "reload event after an edit: %s %s" % (name, data))
    check(">58<" in get(url, "/zh/regions/linhai/")[2], "the page shows the new figure")

    # Break the JSON: an error event with file:line:col, the overlay, the last good page still served.
    broken = original.replace('"level": "county-level-city",', '"level": "county-level-city"', 1)
    open(region, "w", encoding="utf-8").write(broken)
    name, data = ev.next()
    check(name == "build-error" and re.search(r"content/regions/linhai/region\.json:\d+:\d+: error: invalid JSON", data["message"] or ""),
          "error event with file:line:col: %s %s" % (name, data))
    body = get(url, "/zh/regions/linhai/")[2]
    check('id="briefs-error"' in body and "region.json:" in body and ">58<" in body, "overlay over the last good page")
    check(proc.poll() is None, "the server keeps running after a build error")

    # Fix it, the editor way: write a temporary file and rename it over the original.
    tmp = region + ".tmp~"
    open(tmp, "w", encoding="utf-8").write(original)
    os.rename(tmp, region)
    name, data = ev.next()
    check(name == "reload", "recovery reloads the page: %s" % name)
    body = get(url, "/zh/regions/linhai/")[2]
    check('id="briefs-error"' not in body and ">57<" in body, "the overlay is gone after the fix")

    # A burst of saves gives one rebuild.
    count = sum("rebuilt" in line for line in log)
    for i in range(5):
        open(region, "w", encoding="utf-8").write(original.replace('"value": -57,', '"value": -%d,' % (60 + i), 1))
        time.sleep(0.005)
    name, data = ev.next()
    time.sleep(0.6)
    check(name == "reload" and sum("rebuilt" in line for line in log) == count + 1, "one rebuild for a burst of saves")
    check(">64<" in get(url, "/zh/regions/linhai/")[2], "the burst's last save is what is served")
    open(region, "w", encoding="utf-8").write(original)
    ev.next()

    # A touch changes nothing: no reload event.
    os.utime(region)
    check(ev.next(timeout=1.5)[0] is None, "touching a file does not reload pages")

    # A new region folder, then its removal.
    new_dir = os.path.join(work, "content/regions/newtown")
    shutil.copytree(draft_dir, new_dir)
    text = open(os.path.join(new_dir, "region.json"), encoding="utf-8").read()
    open(os.path.join(new_dir, "region.json"), "w", encoding="utf-8").write(text.replace("draftville", "newtown").replace('"draft": true,\n  ', ""))
    deadline = time.time() + 5
    while time.time() < deadline and get(url, "/en/regions/newtown/")[0] != 200:
        time.sleep(0.1)
    check(get(url, "/en/regions/newtown/")[0] == 200, "a new region folder is built")
    shutil.rmtree(new_dir)
    deadline = time.time() + 5
    while time.time() < deadline and get(url, "/en/regions/newtown/")[0] != 404:
        time.sleep(0.1)
    check(get(url, "/en/regions/newtown/")[0] == 404, "a deleted region is gone")

    # Ctrl-C: a quick, clean stop, nothing left behind.
    start = time.time()
    proc.send_signal(signal.SIGINT)
    try:
        code = proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = None
    check(code == 0 and time.time() - start < 2, "Ctrl-C stops it within 2 s with status 0 (took %.2f s)" % (time.time() - start))
    check(sorted(os.listdir(work)) == before, "no temporary files left: %s" % sorted(os.listdir(work)))
finally:
    shutil.rmtree(work, ignore_errors=True)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
