# docs/publishing.md's recipes, as written: nginx under a sub-path (docs/publishing/nginx-subpath.conf),
# rsync, and the build steps of the GitHub Pages and GitLab Pages workflows. A recipe whose tool is
# not installed is skipped (nginx and rsync are in the README's setup line).
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
WORK=$(cd "$WORK" && pwd -P)
cd "$WORK"
"$BRIEFS" init s >/dev/null || fail "init"
cd s
mkdir bin && ln -s "$BRIEFS" bin/briefs  # the workflows call `briefs`
export PATH="$PWD/bin:$PATH"

# The workflows' build steps, taken from the files, with the variables the CI services set.
python3 - "$ROOT/docs/publishing" >"$WORK/github.sh" 2>"$WORK/gitlab.sh" <<'PY' || fail "the workflow files do not parse"
import sys, yaml
d = sys.argv[1]
steps = yaml.safe_load(open(d + "/github-pages.yml"))["jobs"]["build"]["steps"]
assert any(s.get("run", "").endswith("./ci/briefs.deb") for s in steps), steps
print(next(s["run"] for s in steps if s.get("name") == "Build"))
script = yaml.safe_load(open(d + "/gitlab-ci.yml"))["pages"]["script"]
assert script[0].endswith("./ci/briefs.deb"), script
print("\n".join(script[1:]), file=sys.stderr)
PY
GITHUB_REPOSITORY_OWNER=octo GITHUB_REPOSITORY=octo/safe-briefs bash -euo pipefail "$WORK/github.sh" >/dev/null || fail "the GitHub build step"
grep -qF '<link rel="canonical" href="https://octo.github.io/safe-briefs/en/regions/example/">' site/en/regions/example/index.html \
  || fail "GitHub Pages: base URL"
CI_PAGES_URL=https://group.gitlab.io/safe-briefs bash -euo pipefail "$WORK/gitlab.sh" >/dev/null || fail "the GitLab build step"
grep -qF '<link rel="canonical" href="https://group.gitlab.io/safe-briefs/en/regions/example/">' public/en/regions/example/index.html \
  || fail "GitLab Pages: base URL (in public/)"

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$NGINX" ]; then echo "skipped: nginx is not installed"; echo "1 passed, 0 failed"; exit 0; fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
briefs build --base-url "http://127.0.0.1:$port/briefs/" >/dev/null || fail "build for nginx"
mkdir -p www/briefs
if command -v rsync >/dev/null; then
  # rsync, as in the recipe: a second run after an edit sends the change and deletes what is gone.
  rsync -rlc --delete --delay-updates site/ www/briefs/ || fail "rsync"
  touch www/briefs/stale.html
  sed -i 's/98.5%/98.6%/' content/regions/example/2025.zh.md
  briefs build --base-url "http://127.0.0.1:$port/briefs/" >/dev/null || fail "rebuild"
  rsync -rlc --delete --delay-updates site/ www/briefs/ || fail "rsync again"
  [ "$(tree_hash site)" = "$(tree_hash www/briefs)" ] || fail "rsync: the copy differs from site/"
else
  echo "rsync is not installed: copying with cp"
  cp -r site/. www/briefs/
fi

sed "s|/var/www/briefs/|$WORK/s/www/briefs/|g" "$ROOT/docs/publishing/nginx-subpath.conf" >"$WORK/nginx-subpath.conf"
mkdir -p "$WORK/nginx-tmp" "$WORK/empty"
{
  [ "$(id -u)" = 0 ] && echo "user root;"  # workers must read the temporary folder
  cat <<CONF
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path $WORK/nginx-tmp/body;
  proxy_temp_path $WORK/nginx-tmp/proxy;
  fastcgi_temp_path $WORK/nginx-tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx-tmp/uwsgi;
  scgi_temp_path $WORK/nginx-tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $WORK/empty;
    include $WORK/nginx-subpath.conf;
  }
}
CONF
} >"$WORK/nginx.conf"
"$NGINX" -e "$WORK/nginx-error.log" -p "$WORK" -c "$WORK/nginx.conf" &
nginx_pid=$!
trap 'kill $nginx_pid 2>/dev/null; wait $nginx_pid 2>/dev/null; rm -rf "$WORK"' EXIT
python3 - "$port" <<'PY' || fail "nginx under /briefs/: $(cat "$WORK/nginx-error.log" 2>/dev/null)"
import re, sys, time, urllib.error, urllib.parse, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None

opener = urllib.request.build_opener(NoRedirect)

def get(url):
    try:
        with opener.open(url, timeout=5) as r:
            return r.status, r.headers, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8", "replace")

for _ in range(100):  # nginx starting
    try:
        get(base + "/briefs/")
        break
    except OSError:
        time.sleep(0.05)

status, headers, _ = get(base + "/briefs")
assert status == 301 and headers["Location"].endswith("/briefs/"), (status, dict(headers))

def links(url, body):
    for href in re.findall(r'(?:href|src)="([^"#]+)', body):
        if href.startswith(("http://", "https://")) and not href.startswith(base):
            continue
        yield urllib.parse.urljoin(url, href)

checked = set()
for page in ["/briefs/", "/briefs/zh/", "/briefs/en/", "/briefs/en/regions/example/", "/briefs/zh/regions/example/"]:
    status, headers, body = get(base + page)
    assert status == 200 and headers["Content-Type"].startswith("text/html"), (page, status)
    for url in links(base + page, body):
        if url in checked:
            continue
        checked.add(url)
        status, headers, _ = get(url)
        assert status == 200, (page, url, status)
        assert url.startswith(base + "/briefs/"), (page, url)
        if "/assets/" in url:
            assert "immutable" in headers.get("Cache-Control", ""), (url, dict(headers))
        if url.endswith(".css"):
            assert headers["Content-Type"].startswith("text/css"), (url, headers["Content-Type"])
assert any(u.endswith(".css") for u in checked) and any(u.endswith(".js") for u in checked), checked

# A missing page: the site's 404 page, whose links (from base_url) work from any depth.
url = base + "/briefs/en/regions/nowhere/deeper/"
status, headers, body = get(url)
assert status == 404 and "not_found" not in body and 'lang="en"' in body, (status, body[:300])
targets = list(links(url, body))
assert targets, body
for target in targets:
    assert get(target)[0] == 200, target
status, headers, _ = get(base + "/briefs/en/feed.xml")
assert status == 200 and "xml" in headers["Content-Type"], (status, headers["Content-Type"])
print(f"nginx: {len(checked)} links checked under /briefs/")
PY
echo "1 passed, 0 failed"
