#!/usr/bin/env python3
"""The preview server must stay up and be safe (issue 13).

Starts `briefs serve --port 0` on a copy of the real content, then:
- holds 100 live-reload streams open and still gets every page, each within a guard of 10 s (the
  measured times are printed); an edit reaches all 100 streams;
- closes 50 of them and opens 50 new ones: all connect, pages are still answered;
- fills the streams up to the limit: one more is told to retry (`retry:`, then closed), pages are still
  answered, and a stream freed by a closing client is taken again;
- refuses `Host: attacker.example` (403), accepts localhost, 127.0.0.1 and [::1] with the port;
  refuses an event stream for another site's page (Origin);
- answers a negative or 20-digit Content-Length with 400 and closes the connection at once; refuses
  other methods with 405;
- answers two (and three) pipelined requests on one socket, in order;
- stops on Ctrl-C with all the streams open;
- with `--bind 0.0.0.0`, warns that drafts are exposed, accepts IP addresses and still refuses other names.
Timeouts below are hang guards only; every wait is for an answer or an event.
Usage: serve_hardening_test.py BRIEFS PROJECT_ROOT
"""
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

BRIEFS, ROOT = sys.argv[1], sys.argv[2]
GUARD = 10        # seconds: a page, a stream's greeting, a refusal (hang guard, not a performance limit)
MAX_STREAMS = 256  # generator/devserver/src/server.cpp: k_max_streams
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, flush=True)


def exchange(port, data, timeout=GUARD):
    """Sends raw bytes, reads until the server closes: (bytes, seconds, timed_out)."""
    start = time.monotonic()
    out = b""
    timed_out = False
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        try:
            while chunk := s.recv(65536):
                out += chunk
        except socket.timeout:
            timed_out = True
        except ConnectionResetError:
            pass
    return out, time.monotonic() - start, timed_out


def statuses(data):
    return [int(m.group(1)) for m in re.finditer(rb"HTTP/1\.1 (\d{3}) ", data)]


def get(port, path, host=None, extra=""):
    """One GET on its own connection: (status, body, seconds)."""
    host = host or "127.0.0.1:%d" % port
    data, took, timed_out = exchange(port, ("GET %s HTTP/1.1\r\nHost: %s\r\n%sConnection: close\r\n\r\n" % (path, host, extra)).encode())
    codes = statuses(data)
    return (codes[0] if codes and not timed_out else None), data.split(b"\r\n\r\n", 1)[-1].decode("utf-8", "replace"), took


class Stream:
    """A live-reload stream as EventSource opens it; `state` is "connected" or "retry" once answered."""
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=GUARD)
        self.sock.sendall(("GET /_briefs/events HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAccept: text/event-stream\r\n\r\n" % port).encode())
        self.buf = b""
        self.state = None
        try:
            while b"\n\n" not in self.buf.split(b"\r\n\r\n", 1)[-1] or b"\r\n\r\n" not in self.buf:
                chunk = self.sock.recv(65536)
                if not chunk:
                    break
                self.buf += chunk
        except socket.timeout:
            return  # no answer: state stays None
        body = self.buf.split(b"\r\n\r\n", 1)[-1]
        if self.buf.startswith(b"HTTP/1.1 200") and b": connected" in body:
            self.state = "connected"
        elif self.buf.startswith(b"HTTP/1.1 200") and b"retry:" in body:
            self.state = "retry"
            self.sock.close()

    def wait_event(self, name):
        """Reads until an event called `name` arrives (or the guard passes); returns its data line."""
        pattern = re.compile(rb"event: " + name.encode() + rb"\ndata: ([^\n]*)\n")
        while not (m := pattern.search(self.buf)):
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return None
            if not chunk:
                return None
            self.buf += chunk
        self.buf = self.buf[m.end():]
        return m.group(1).decode()

    def closed_by_server(self):
        """Reads to the end: True when the server closes the stream, False when the guard passes first."""
        try:
            while self.sock.recv(65536):
                pass
            return True
        except ConnectionResetError:
            return True
        except socket.timeout:
            return False

    def close(self):
        self.sock.close()


def open_stream(port):
    """Opens a stream; when it is told to retry (the limit), tries again like EventSource, within the guard."""
    deadline = time.monotonic() + 3 * GUARD
    retries = 0
    while True:
        s = Stream(port)
        if s.state != "retry" or time.monotonic() > deadline:
            return s, retries
        retries += 1
        time.sleep(0.05)


PAGES = ("/", "/zh/", "/en/", "/zh/regions/linhai/", "/en/regions/taizhou/", "/_status/")


def pages_answered(port, what):
    times = []
    for path in PAGES:
        status, body, took = get(port, path)
        times.append(took)
        check(status == 200 and len(body) > 200, "%s: %s answered 200 (got %s in %.3f s)" % (what, path, status, took))
    print("%s: %d pages in %.3f s in all, slowest %.3f s (%s)" % (what, len(PAGES), sum(times), max(times),
          ", ".join("%s %.0f ms" % (p, t * 1000) for p, t in zip(PAGES, times))), flush=True)
    return times


work = tempfile.mkdtemp(prefix="briefs-serve-hardening-")
proc = None
streams = []
try:
    for d in ("content", "templates", "assets"):
        shutil.copytree(os.path.join(ROOT, d), os.path.join(work, d))
    proc = subprocess.Popen([BRIEFS, "serve", "--port", "0"], cwd=work, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    log = []
    threading.Thread(target=lambda: [log.append(line) for line in proc.stderr], daemon=True).start()
    first = proc.stdout.readline()
    m = re.search(r"serving http://127\.0\.0\.1:(\d+)/", first)
    check(m is not None, "serve prints its URL on loopback: " + first)
    port = int(m.group(1))
    pages_answered(port, "no streams")

    # 100 open streams (the issue: 32 held every worker).
    start = time.monotonic()
    for _ in range(100):
        streams.append(Stream(port))
        if streams[-1].state != "connected":
            break  # the server stopped answering (the issue): no need to wait 10 s for each of the others
    print("100 streams opened in %.3f s" % (time.monotonic() - start), flush=True)
    check(all(s.state == "connected" for s in streams), "100 streams connected: %s" % sorted({str(s.state) for s in streams}))
    pages_answered(port, "100 streams open")
    if failed:
        raise SystemExit  # the server stopped answering (the issue): the rest would only wait out its guards

    # An edit reaches every stream.
    region = os.path.join(work, "content/regions/linhai/region.json")
    original = open(region, encoding="utf-8").read()
    open(region, "w", encoding="utf-8").write(original.replace('"value": -57,', '"value": -58,', 1))
    start = time.monotonic()
    got = [s.wait_event("reload") for s in streams]
    check(all(g and "zh/regions/linhai/2023/index.html" in g for g in got),
          "the reload event reached all 100 streams (%d did)" % sum(1 for g in got if g))
    print("the reload event reached 100 streams %.3f s after the save" % (time.monotonic() - start), flush=True)

    # Close 50, open 50 new ones.
    for s in streams[:50]:
        s.close()
    streams = streams[50:]
    fresh = [open_stream(port) for _ in range(50)]
    streams += [s for s, _ in fresh]
    check(all(s.state == "connected" for s, _ in fresh), "50 new streams connect after 50 closed")
    pages_answered(port, "50 closed, 50 new")

    # Up to the limit; one more is told to retry; a freed stream is taken again.
    streams += [Stream(port) for _ in range(MAX_STREAMS - len(streams))]
    check(all(s.state == "connected" for s in streams), "%d streams connected" % MAX_STREAMS)
    extra = Stream(port)
    check(extra.state == "retry" and b"retry: " in extra.buf, "stream %d is told to retry: %r" % (MAX_STREAMS + 1, extra.buf[-120:]))
    pages_answered(port, "%d streams open" % MAX_STREAMS)
    streams.pop().close()
    again, retries = open_stream(port)
    check(again.state == "connected", "a stream freed by its client is taken again (after %d retries)" % retries)
    streams.append(again)
    open(region, "w", encoding="utf-8").write(original)
    check(all(s.wait_event("reload") for s in streams[-5:]), "events still flow with %d streams" % MAX_STREAMS)

    # Host: DNS rebinding.
    status, body, _ = get(port, "/", host="attacker.example")
    check(status == 403 and "localhost" in body, "Host: attacker.example is refused: %s %r" % (status, body[:80]))
    status, _, _ = get(port, "/_status/", host="attacker.example:%d" % port)
    check(status == 403, "the status page too")
    status, _, _ = get(port, "/_briefs/events", host="attacker.example")
    check(status == 403, "and the event stream")
    for host in ("localhost:%d" % port, "127.0.0.1:%d" % port, "localhost", "[::1]:%d" % port):
        status, _, _ = get(port, "/zh/", host=host)
        check(status == 200, "Host: %s is accepted (%s)" % (host, status))
    data, _, timed_out = exchange(port, b"GET / HTTP/1.0\r\n\r\n")
    check(statuses(data) == [403] and not timed_out, "a request without Host is refused: %r" % data[:40])
    status, _, _ = get(port, "/_briefs/events", extra="Origin: http://attacker.example\r\n")
    check(status == 403, "an event stream for another site's page is refused (%s)" % status)

    # Bad Content-Length: 400 and the connection closed at once, not a hang.
    for method, value in (("GET", "-5"), ("POST", "-5"), ("GET", "99999999999999999999"), ("POST", "99999999999999999999"),
                          ("POST", "18446744073709551615"), ("GET", "5, 5")):
        data, took, timed_out = exchange(port, ("%s / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Length: %s\r\n\r\n" % (method, port, value)).encode())
        check(not timed_out and statuses(data) in ([400], []),
              "%s with Content-Length %s: 400 or closed, no hang (%s in %.3f s)" % (method, value, statuses(data), took))
    data, _, timed_out = exchange(port, ("POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Length: 3\r\n\r\nabc" % port).encode())
    check(statuses(data) == [405] and not timed_out, "POST is refused with 405: %s" % statuses(data))

    # Pipelining: every request gets its answer, in order.
    req = "GET %%s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n%%s\r\n" % port
    data, took, timed_out = exchange(port, ((req % ("/zh/", "")) + (req % ("/en/", "Connection: close\r\n"))).encode())
    check(statuses(data) == [200, 200] and not timed_out, "two pipelined requests, two answers: %s (%.3f s)" % (statuses(data), took))
    data, _, timed_out = exchange(port, ((req % ("/", "")) + (req % ("/nowhere/", "")) + (req % ("/zh", "Connection: close\r\n"))).encode())
    check(statuses(data) == [200, 404, 301] and not timed_out, "three pipelined requests, answered in order: %s" % statuses(data))

    check(proc.poll() is None, "the server is still running")
    pages_answered(port, "after everything")

    # Ctrl-C with every stream open.
    start = time.monotonic()
    proc.send_signal(signal.SIGINT)
    try:
        code = proc.wait(timeout=GUARD)
    except subprocess.TimeoutExpired:
        code = None
    check(code == 0, "Ctrl-C stops it with %d streams open (status %s, %.2f s)" % (len(streams), code, time.monotonic() - start))
    check(all(s.closed_by_server() for s in streams[:3]), "the streams are closed")

    # --bind 0.0.0.0: a warning that drafts are exposed; IP addresses accepted, other names still refused.
    proc = subprocess.Popen([BRIEFS, "serve", "--port", "0", "--bind", "0.0.0.0"], cwd=work, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    m = re.search(r"serving http://0\.0\.0\.0:(\d+)/", proc.stdout.readline())
    check(m is not None, "serve --bind 0.0.0.0 starts")
    port = int(m.group(1))
    # The warning is written before the URL, so it is in the pipe by now (the queue's timeout is a hang guard).
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True).start()
    seen = []
    try:
        while not seen or "warning" not in seen[-1]:
            seen.append(lines.get(timeout=GUARD))
    except queue.Empty:
        pass
    check(seen and "drafts" in seen[-1], "--bind 0.0.0.0 warns that drafts are exposed: %r" % seen)
    check(get(port, "/zh/", host="127.0.0.1:%d" % port)[0] == 200, "--bind 0.0.0.0: loopback accepted")
    check(get(port, "/zh/", host="192.0.2.7:%d" % port)[0] == 200, "--bind 0.0.0.0: an IP address accepted")
    check(get(port, "/zh/", host="attacker.example:%d" % port)[0] == 403, "--bind 0.0.0.0: other names refused")
    proc.send_signal(signal.SIGINT)
    check(proc.wait(timeout=GUARD) == 0, "and stops on Ctrl-C")
except SystemExit:
    pass
finally:
    for s in streams:
        s.close()
    if proc and proc.poll() is None:
        proc.kill()
        proc.wait()
    shutil.rmtree(work, ignore_errors=True)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
