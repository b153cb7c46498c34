# The output folder: briefs replaces only the files it wrote, refuses a folder it did not make, keeps its
# cache in the project (one entry per output folder), and lets one build at a time write a folder.
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
mkdir -p "$WORK/project" "$WORK/elsewhere"
cp -r "$ROOT/content" "$WORK/project/content"
cd "$WORK/elsewhere"
args=(--content ../project/content $(site_args))

# A Hugo site's public/ folder (it has a sitemap.xml too) is refused and left as it was.
mkdir -p public/posts && echo '<urlset/>' > public/sitemap.xml && echo keep > public/precious.txt && echo post > public/posts/a.html
before=$(tree_hash public)
expect_fail "is not a site built by briefs" -- "$BRIEFS" build "${args[@]}" --out public
expect_fail "is not a site built by briefs" -- "$BRIEFS" build "${args[@]}" --out public --clean
[ "$(tree_hash public)" = "$before" ] || fail "a folder briefs did not make was changed"

# The cache goes beside content/, not into the folder the command runs from.
"$BRIEFS" build "${args[@]}" --out ../out >/dev/null
[ -d ../project/.briefs-cache ] || fail "no cache beside the content folder"
[ ! -e .briefs-cache ] || fail "a cache was written into the working folder"
[ -f ../out/.briefs-manifest.json ] || fail "the output has no manifest"

# A deployment's files survive every kind of build.
(cd ../out && mkdir -p .git/objects && echo '[core]' > .git/config && echo obj > .git/objects/x \
  && echo briefs.example.org > CNAME && : > .nojekyll && echo mine > zh/notes.txt)
keep() {
  [ "$(cat ../out/.git/config)" = '[core]' ] && [ -f ../out/.git/objects/x ] && [ "$(cat ../out/CNAME)" = briefs.example.org ] \
    && [ -f ../out/.nojekyll ] && [ "$(cat ../out/zh/notes.txt)" = mine ] || fail "$1 lost a file briefs did not write"
}
"$BRIEFS" build "${args[@]}" --out ../out >/dev/null; keep "an unchanged build"
sed -i '0,/## /s//新增一段。\n\n## /' ../project/content/regions/linhai/2023.zh.md
"$BRIEFS" build "${args[@]}" --out ../out | grep -qE ' [1-9][0-9]* rendered' || fail "the edit was not rendered"
keep "an incremental build"
grep -q '新增一段' ../out/zh/regions/linhai/2023/index.html || fail "the edit was not published"
"$BRIEFS" build "${args[@]}" --out ../out --clean >/dev/null; keep "a --clean build"
# A file briefs did not write at a path the site needs is not overwritten.
(cd ../out && rm zh/glossary/index.html && python3 - <<'PY'
import json; m = json.load(open('.briefs-manifest.json')); m['files'].remove('zh/glossary/index.html'); json.dump(m, open('.briefs-manifest.json', 'w'))
PY
echo mine > zh/glossary/index.html)
expect_fail "was not written by briefs" -- "$BRIEFS" build "${args[@]}" --out ../out --clean
[ "$(cat ../out/zh/glossary/index.html)" = mine ] || fail "a file briefs did not write was overwritten"
rm ../out/zh/glossary/index.html
"$BRIEFS" build "${args[@]}" --out ../out --clean >/dev/null

# Building (and cleaning) another output folder keeps this one's cache.
"$BRIEFS" build "${args[@]}" --out ../other --clean >/dev/null
"$BRIEFS" build "${args[@]}" --out ../out | grep -q " 0 rendered" || fail "another folder's --clean threw this folder's cache away"

# The cache forgets output folders that are gone.
"$BRIEFS" build "${args[@]}" --out ../gone >/dev/null
n=$(ls ../project/.briefs-cache/build-*.json | wc -l)
rm -rf ../gone
"$BRIEFS" build "${args[@]}" --out ../out >/dev/null
[ "$(ls ../project/.briefs-cache/build-*.json | wc -l)" = $((n - 1)) ] || fail "the cache kept the entry of a folder that is gone"

# No project, no leftovers: a failed build in an empty folder leaves it empty.
mkdir ../empty && cd ../empty
expect_fail "error" -- "$BRIEFS" build $(site_args)
[ -z "$(ls -A)" ] || fail "a failed build with no project left files behind: $(ls -A)"
cd ../elsewhere

# Two builds of one folder at once: one waits for the other; both succeed and the site is whole.
sed -i '0,/## /s//又一段。\n\n## /' ../project/content/regions/linhai/2023.zh.md
for round in 1 2 3; do
  "$BRIEFS" build "${args[@]}" --out ../out --clean >a.log 2>&1 & a=$!
  "$BRIEFS" build "${args[@]}" --out ../out --clean >b.log 2>&1 & b=$!
  wait $a || fail "round $round: the first of two concurrent builds failed: $(cat a.log)"
  wait $b || fail "round $round: the second of two concurrent builds failed: $(cat b.log)"
done
"$BRIEFS" build "${args[@]}" --out ../fresh --clean >/dev/null
diff <(cd ../fresh && find . -type f ! -path './.git/*' ! -name CNAME ! -name .nojekyll ! -name notes.txt | sort) \
     <(cd ../out && find . -type f ! -path './.git/*' ! -name CNAME ! -name .nojekyll ! -name notes.txt | sort) \
  || fail "concurrent builds left a different set of files"
ls -d ../out.staging-* 2>/dev/null && fail "staging folders left behind"
keep "concurrent builds"
echo "1 passed, 0 failed"
