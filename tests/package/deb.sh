# Issue 18: `cpack -G DEB` makes briefs_<version>_amd64.deb with the binary, the theme and a manual
# page, and Depends computed from the binary's libraries (ICU and cmark-gfm among them). The package is
# made in a temporary folder; its files are unpacked there and run (installing it needs a fresh
# Debian 12 system, which is done by hand: see the README).
set -euo pipefail
BUILD=$1 ROOT=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
WORK=$(cd "$WORK" && pwd -P)
fail() { echo "FAIL: $*" >&2; exit 1; }

version=$(sed -n 's/^project(briefs VERSION \([0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt")
cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$WORK" >"$WORK/cpack.log" 2>&1 || fail "cpack: $(cat "$WORK/cpack.log")"
deb=$WORK/briefs_${version}_amd64.deb
[ -f "$deb" ] || fail "no $deb: $(ls "$WORK")"

info=$(dpkg-deb -I "$deb")
depends=$(sed -n 's/^ Depends: //p' <<<"$info")
[ -n "$depends" ] || fail "no Depends: $info"
grep -Eq "(^|, )libicu[0-9]+ " <<<"$depends" || fail "Depends has no ICU: $depends"
grep -Eq "(^|, )libcmark-gfm[0-9.a-z]* " <<<"$depends" || fail "Depends has no cmark-gfm: $depends"
grep -Eq "(^|, )libc6 " <<<"$depends" || fail "Depends was not computed from the binary: $depends"
grep -q "^ Package: briefs$" <<<"$info" && grep -q "^ Version: $version$" <<<"$info" && grep -q "^ Architecture: amd64$" <<<"$info" \
  || fail "control fields: $info"

files=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/briefs ./usr/share/briefs/templates/home.html ./usr/share/briefs/templates/partials/head.html \
         ./usr/share/briefs/assets/style.css ./usr/share/briefs/i18n/zh.json ./usr/share/briefs/i18n/en.json \
         ./usr/share/briefs/site-skeleton/content/site.json ./usr/share/briefs/site-skeleton/.gitignore \
         ./usr/share/man/man1/briefs.1.gz ./usr/share/doc/briefs/publishing.md; do
  grep -qxF "$f" <<<"$files" || fail "the package lacks $f"
done

# Its files work where they are unpacked: the binary finds the packaged theme beside it.
dpkg-deb -x "$deb" "$WORK/root"
B=$WORK/root/usr/bin/briefs
"$B" --version | grep -qxF "theme: $WORK/root/usr/share/briefs" || fail "the packaged binary's theme: $("$B" --version)"
zcat "$WORK/root/usr/share/man/man1/briefs.1.gz" | grep -q "Write a new site into DIR" || fail "the manual page does not describe init"
cd "$WORK" && "$B" init site-test >/dev/null && cd site-test && "$B" build >/dev/null || fail "the packaged binary cannot build a new site"
[ -f site/en/regions/example/index.html ] || fail "no English brief"
echo "1 passed, 0 failed"
