# The search index keeps each brief's part (texts and terms) in .briefs-cache between runs of `briefs
# build`: a build after an edit segments only the edited brief, rewrites only that brief's texts, the
# buckets whose terms changed and the meta file, and gives the same index as a clean build, whatever
# the cache holds.
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
cp -r "$ROOT/content" "$WORK/content"
cd "$WORK"
args=(--content content --templates "$ROOT/templates" --assets "$ROOT/assets")
# A clean build to compare with, from another folder (--clean empties the cache of the folder it runs in).
clean_build() { rm -rf clean; mkdir -p other && (cd other && "$BRIEFS" build --content ../content --templates "$ROOT/templates" --assets "$ROOT/assets" --out ../clean --clean >/dev/null); }
"$BRIEFS" build "${args[@]}" --out site >/dev/null
ls .briefs-cache/search-*-zh.parts .briefs-cache/search-*-en.parts >/dev/null || fail "no search parts in .briefs-cache"
ls .briefs-cache/search-*-zh.buckets .briefs-cache/search-*-en.buckets >/dev/null || fail "no search buckets in .briefs-cache"
grep -qF 'zh|linhai|' .briefs-cache/search-*-zh.parts || fail "the Chinese parts do not hold Linhai's brief"
[ ! -e site/zh/search/index.js ] || fail "the whole-index file is still written"
ls site/zh/search/meta.js site/zh/search/w/0.js site/zh/search/t/0.js >/dev/null || fail "no meta, bucket or texts file"
linhai=$(grep -l '"zh/regions/linhai/2023/"' site/zh/search/t/*.js) || fail "no texts file for Linhai's 2023 brief"

# Edit one brief: the next build (a new process) reuses the other parts and rewrites only what changed.
sed -i '0,/## /s//新增一段关于网格员的文字。\n\n## /' content/regions/linhai/2023.zh.md
snapshot() { stat -c '%n %i %Y' site/zh/search/t/*.js site/en/search/t/*.js | sort; }
snapshot >before
"$BRIEFS" build "${args[@]}" --out site >/dev/null
grep -q '网格员的文字' "$linhai" || fail "the edited brief's texts are not in its texts file"
rewritten=$(snapshot | { diff before - || true; } | sed -n 's/^> \([^ ]*\) .*/\1/p')
[ "$rewritten" = "$linhai" ] || fail "texts files rewritten after editing one brief: $rewritten (expected $linhai alone)"
clean_build
diff -r site/zh/search clean/zh/search >/dev/null || fail "the index built from cached parts differs from a clean build"
diff -r site/en/search clean/en/search >/dev/null || fail "the English index differs from a clean build"

# A damaged cache is no cache: cut the Chinese parts and buckets in the middle of a record.
for pack in .briefs-cache/search-*-zh.parts .briefs-cache/search-*-zh.buckets; do
  head -c $(( $(stat -c %s "$pack") / 2 )) "$pack" >"$pack.cut" && mv "$pack.cut" "$pack"
done
sed -i 's/新增一段关于网格员的文字/新增一段关于调解员的文字/' content/regions/linhai/2023.zh.md
"$BRIEFS" build "${args[@]}" --out site >/dev/null
clean_build
diff -r site/zh/search clean/zh/search >/dev/null || fail "a damaged cache changed the index"
echo "1 passed, 0 failed"
