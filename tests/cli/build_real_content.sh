# Smoke test: the real content/ builds, twice to identical bytes, with a summary line.
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
cd "$ROOT"
out=$("$BRIEFS" build --out "$WORK/a")
grep -Eq '^built [0-9]+ pages \([0-9]+ files\) in [0-9.]+ s into ' <<<"$out" || fail "summary line: $out"
"$BRIEFS" build --out "$WORK/b" >/dev/null
diff -r "$WORK/a" "$WORK/b" || fail "two builds differ"
for f in index.html 404.html favicon.ico robots.txt zh/index.html en/index.html zh/regions/taizhou/index.html \
         en/regions/taizhou/2019/index.html zh/glossary/index.html en/glossary/index.html; do
  [ -s "$WORK/a/$f" ] || fail "missing $f"
done
[ ! -e "$WORK/a/sitemap.xml" ] || fail "a sitemap without a base URL (its URLs would be relative)"
# Rebuilding over the previous site replaces it in place.
"$BRIEFS" build --out "$WORK/a" >/dev/null
diff -r "$WORK/a" "$WORK/b" || fail "rebuild differs"
ls "$WORK" | grep -q staging && fail "staging folder left behind"
echo "1 passed, 0 failed"
