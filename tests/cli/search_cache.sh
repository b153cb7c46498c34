# The search index keeps each brief's part in .briefs-cache between runs of `briefs build`: a build after
# an edit segments only the edited brief, and gives the same index as a clean build, whatever the cache holds.
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
cp -r "$ROOT/content" "$WORK/content"
cd "$WORK"
args=(--content content --templates "$ROOT/templates" --assets "$ROOT/assets")
# A clean build to compare with, from another folder (--clean empties the cache of the folder it runs in).
clean_build() { mkdir -p other && (cd other && "$BRIEFS" build --content ../content --templates "$ROOT/templates" --assets "$ROOT/assets" --out ../clean --clean >/dev/null); }
"$BRIEFS" build "${args[@]}" --out site >/dev/null
ls .briefs-cache/search-*-zh.pack .briefs-cache/search-*-en.pack >/dev/null || fail "no search parts in .briefs-cache"
grep -qF 'zh|linhai|' .briefs-cache/search-*-zh.pack || fail "the Chinese parts do not hold Linhai's brief"

# Edit one brief: the next build (a new process) reuses the other parts.
sed -i '0,/## /s//新增一段关于网格员的文字。\n\n## /' content/regions/linhai/2023.zh.md
"$BRIEFS" build "${args[@]}" --out site >/dev/null
grep -q '网格员的文字' site/zh/search/index.js || fail "the edited brief is not in the index"
clean_build
cmp site/zh/search/index.js clean/zh/search/index.js || fail "the index built from cached parts differs from a clean build"
cmp site/en/search/index.js clean/en/search/index.js || fail "the English index differs from a clean build"

# A damaged cache is no cache: cut the Chinese parts in the middle of a record.
pack=$(ls .briefs-cache/search-*-zh.pack | head -1)
head -c 20000 "$pack" >"$pack.cut" && mv "$pack.cut" "$pack"
sed -i 's/新增一段关于网格员的文字/新增一段关于调解员的文字/' content/regions/linhai/2023.zh.md
"$BRIEFS" build "${args[@]}" --out site >/dev/null
clean_build
cmp site/zh/search/index.js clean/zh/search/index.js || fail "a damaged cache changed the index"
echo "1 passed, 0 failed"
