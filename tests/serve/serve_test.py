#!/usr/bin/env python3
"""Integration test of `briefs serve` (issue 4): the real server on a free loopback port.

Requests pages, checks MIME types, 404 and path traversal; edits a file and waits for the rebuild
and the reload event; breaks a file and checks the error overlay; fixes it and checks recovery;
checks that a burst of saves gives one rebuild, that editor-style saves (write + rename) and new or
deleted region folders are picked up, that drafts are shown, and that Ctrl-C stops it cleanly.
Usage: serve_test.py BRIEFS PROJECT_ROOT

No step depends on how fast the machine is: every step waits for an event (a server-sent event, a
line of the server's log, a page that changed, the process's exit), with GUARD seconds only as a
guard against a hang. Saves are atomic (written beside the watched folders, then renamed into place)
unless a step says otherwise, so that the watcher never sees half a file. What must reach the
watcher as one batch (an editor's write + rename, a burst of saves) is written while the server is
stopped (SIGSTOP), so it is one batch whatever the load; the count of rebuilds is read from the log,
in order, up to a change that is known to be the next one.
"""
import glob
import contextlib
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
GUARD = 60  # seconds: only ever a guard against a hang, never what is measured
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
        with opener.open(url + path.lstrip("/"), timeout=GUARD) as r:
            return r.status, r.headers, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8", "replace")


def raw_get(port, target):
    """A request line sent as is (urllib would normalise the path)."""
    with socket.create_connection(("127.0.0.1", port), timeout=GUARD) as s:
        s.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" % target).encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head = data.split(b"\r\n", 1)[0].decode()
    return int(head.split()[1]), data.decode("utf-8", "replace")


class Events:
    """Reads the server-sent events stream in a thread; events arrive on a queue, in order."""
    def __init__(self, port):
        self.q = queue.Queue()
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=GUARD)
        self.sock.settimeout(None)  # the stream is quiet between edits: only the server ends it
        self.sock.sendall(b"GET /_briefs/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
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

    def next(self, timeout=GUARD):
        try:
            return self.q.get(timeout=timeout)
        except queue.Empty:
            return (None, None)


class Log:
    """The server's stderr, line by line, in order (and all of it, for messages)."""
    BUILD = re.compile(r"^(rebuilt|rebuild failed) in ")

    def __init__(self, stream):
        self.q = queue.Queue()
        self.lines = []
        self.thread = threading.Thread(target=self.read, args=(stream,), daemon=True)
        self.thread.start()

    def read(self, stream):
        for line in stream:
            self.lines.append(line)
            self.q.put(line)
        self.q.put(None)

    def next_build(self):
        """The next rebuild's summary line ("rebuilt in ..." or "rebuild failed in ..."), or None."""
        deadline = time.monotonic() + GUARD
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.q.get(timeout=left)
            except queue.Empty:
                return None
            if line is None:
                return None
            if self.BUILD.match(line):
                return line
        return None


def save(path, text):
    """An atomic save: written outside the watched folders, then renamed over `path`."""
    tmp = os.path.join(work, "save.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


@contextlib.contextmanager
def paused(proc):
    """Stops the server (SIGSTOP) for the body, so that what the body writes reaches its watcher as one
    batch however slow this machine is; waits until every thread of it has stopped."""
    os.kill(proc.pid, signal.SIGSTOP)
    deadline = time.monotonic() + GUARD
    while time.monotonic() < deadline:
        states = []
        for task in os.listdir("/proc/%d/task" % proc.pid):
            try:
                with open("/proc/%d/task/%s/stat" % (proc.pid, task)) as f:
                    states.append(f.read().rsplit(")", 1)[1].split()[0])
            except OSError:
                pass
        if states and all(st in "tT" for st in states):
            break
        time.sleep(0.01)  # polling for the stop, bounded by the guard
    try:
        yield
    finally:
        os.kill(proc.pid, signal.SIGCONT)


def wait_for(ev, condition):
    """Waits, event by event, until condition() holds (it is checked first and after every event)."""
    deadline = time.monotonic() + GUARD
    while not condition():
        left = deadline - time.monotonic()
        if left <= 0 or ev.next(timeout=left)[0] is None:
            return condition()
    return True


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
    for body in glob.glob(os.path.join(work, "content/regions/linhai/*.md")):
        shutil.copy(body, draft_dir)
    before = sorted(os.listdir(work))

    proc = subprocess.Popen([BRIEFS, "serve", "--port", "0"], cwd=work, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    log = Log(proc.stderr)
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
    save(region, original.replace('"value": -57,', '"value": -58,', 1))
    name, data = ev.next()
    check(name == "reload" and "zh/regions/linhai/2023/index.html" in data["files"], "reload event after an edit: %s %s" % (name, data))
    line = log.next_build()
    check(line and line.startswith("rebuilt in "), "the edit is one rebuild: %s" % line)
    check(">58<" in get(url, "/zh/regions/linhai/2023/")[2], "the page shows the new figure")

    # Break the JSON: an error event with file:line:col, the overlay, the last good page still served.
    broken = original.replace('"level": "county-level-city",', '"level": "county-level-city"', 1)
    save(region, broken)
    name, data = ev.next()
    check(name == "build-error" and re.search(r"content/regions/linhai/region\.json:\d+:\d+: error: invalid JSON", data["message"] or ""),
          "error event with file:line:col: %s %s" % (name, data))
    line = log.next_build()
    check(line and line.startswith("rebuild failed in "), "the broken file is one failed rebuild: %s" % line)
    body = get(url, "/zh/regions/linhai/2023/")[2]
    check('id="briefs-error"' in body and "region.json:" in body and ">58<" in body, "overlay over the last good page")
    check(proc.poll() is None, "the server keeps running after a build error")

    # Fix it, the editor way: write a temporary file beside it and rename it over the original (an
    # editor does both at once: the server is paused meanwhile, so that the watcher sees them together).
    tmp = region + ".tmp~"
    with paused(proc):
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(original)
        os.rename(tmp, region)
    name, data = ev.next()
    check(name == "reload", "recovery reloads the page: %s %s" % (name, data))
    line = log.next_build()
    check(line and line.startswith("rebuilt in "), "the editor's save is one rebuild: %s" % line)
    body = get(url, "/zh/regions/linhai/2023/")[2]
    check('id="briefs-error"' not in body and ">57<" in body, "the overlay is gone after the fix")

    # A burst of saves (in place, as most editors write) that reaches the watcher at once: one rebuild,
    # and the last save is what is served. The next rebuild the log shows must be the one of the next
    # change (a build error, to tell it apart): a second rebuild for the burst would come before it.
    with paused(proc):
        for i in range(5):
            with open(region, "w", encoding="utf-8") as f:
                f.write(original.replace('"value": -57,', '"value": -%d,' % (60 + i), 1))
    name, data = ev.next()
    check(name == "reload" and "zh/regions/linhai/2023/index.html" in data["files"], "a burst of saves reloads the page: %s %s" % (name, data))
    check(">64<" in get(url, "/zh/regions/linhai/2023/")[2], "the burst's last save is what is served")
    line = log.next_build()
    check(line and line.startswith("rebuilt in "), "the burst is rebuilt: %s" % line)
    save(region, broken)
    name, data = ev.next()
    check(name == "build-error", "the change after the burst: %s %s" % (name, data))
    line = log.next_build()
    check(line and line.startswith("rebuild failed in "), "one rebuild for a burst of saves (the next one is the change after it): %s" % line)

    # A burst of saves while the server runs: however this machine spaces them, the last one is what
    # is served, and no save is rebuilt twice (at most one rebuild per save).
    for i in range(5):
        save(region, original.replace('"value": -57,', '"value": -%d,' % (70 + i), 1))
    check(wait_for(ev, lambda: ">74<" in get(url, "/zh/regions/linhai/2023/")[2]), "a running burst: the last save is served")
    save(region, broken)
    rebuilds = 0
    while (line := log.next_build()) and line.startswith("rebuilt in "):
        rebuilds += 1
    check(line and line.startswith("rebuild failed in ") and 1 <= rebuilds <= 5,
          "a running burst of 5 saves: %d rebuild(s), then the next change: %s" % (rebuilds, line))
    print("a running burst of 5 saves gave %d rebuild(s)" % rebuilds)
    # Its events: reloads, then the build error of the same rebuild as that log line. After it, and the
    # one rebuild of an atomic save, no event of these steps is left to come.
    while (name := ev.next()[0]) == "reload":
        pass
    check(name == "build-error", "the build error after the burst: %s" % name)
    save(region, original)
    name, data = ev.next()
    check(name == "reload", "back to the original: %s %s" % (name, data))
    check((log.next_build() or "").startswith("rebuilt in "), "back to the original: one rebuild")
    body = get(url, "/zh/regions/linhai/2023/")[2]
    check(">57<" in body and 'id="briefs-error"' not in body, "back to the original page")

    # A touch changes nothing: no reload event. The next change (to another region) must be the next
    # event, and must not name Linhai's pages.
    draft_json = os.path.join(draft_dir, "region.json")
    draft_text = open(draft_json, encoding="utf-8").read()
    os.utime(region)
    save(draft_json, draft_text.replace('"value": -57,', '"value": -59,', 1))
    name, data = ev.next()
    check(name == "reload" and "zh/regions/draftville/2023/index.html" in data["files"] and
          not any(f.startswith(("zh/regions/linhai/", "en/regions/linhai/")) for f in data["files"]),
          "touching a file does not reload pages (the next event is the next change's): %s %s" % (name, data))
    save(draft_json, draft_text)
    name, data = ev.next()
    check(name == "reload", "the draft restored: %s" % name)

    # A new region folder, made in place (the watcher must follow into it), then its removal.
    new_dir = os.path.join(work, "content/regions/newtown")
    shutil.copytree(draft_dir, new_dir)
    text = open(os.path.join(new_dir, "region.json"), encoding="utf-8").read()
    open(os.path.join(new_dir, "region.json"), "w", encoding="utf-8").write(text.replace("draftville", "newtown").replace('"draft": true,\n  ', ""))
    check(wait_for(ev, lambda: get(url, "/en/regions/newtown/")[0] == 200), "a new region folder is built")
    shutil.rmtree(new_dir)
    check(wait_for(ev, lambda: get(url, "/en/regions/newtown/")[0] == 404), "a deleted region is gone")

    # Ctrl-C: a clean stop (status 0, "stopped"), nothing left behind. How fast it stops is printed,
    # not asserted: this machine may be busy.
    start = time.monotonic()
    proc.send_signal(signal.SIGINT)
    try:
        code = proc.wait(timeout=GUARD)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = None
    took = time.monotonic() - start
    print("Ctrl-C: stopped in %.2f s" % took)
    check(code == 0, "Ctrl-C stops it with status 0 (status %s after %.2f s)" % (code, took))
    log.thread.join(GUARD)  # the whole log, up to the end of the server's stderr
    check(log.lines[-1:] == ["stopped\n"], "the server says it stopped: %s" % log.lines[-3:])
    check(sorted(os.listdir(work)) == before, "no temporary files left: %s" % sorted(os.listdir(work)))
finally:
    shutil.rmtree(work, ignore_errors=True)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
