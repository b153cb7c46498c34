# `briefs new`: a skeleton that builds at once and that `briefs check` reports as unfinished and
# untranslated, not as broken.
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
cp -r "$ROOT/content" "$WORK/content"
cd "$WORK"
args=(--content content --templates "$ROOT/templates" --assets "$ROOT/assets")
"$BRIEFS" new region xianju --parent taizhou --zh 仙居县 --en Xianju --level county --period 2025 | grep -q "wrote content/regions/xianju/region.json" \
  || fail "new region"
"$BRIEFS" new brief taizhou 2026 | grep -q "wrote content/regions/taizhou/2026.zh.md" || fail "new brief"
out=$("$BRIEFS" build "${args[@]}" --out site) || fail "the skeletons do not build: $out"
[ ! -e site/zh/regions/xianju ] || fail "a draft region was published"
[ ! -e site/zh/regions/taizhou/2026 ] || fail "a draft brief was published"
out=$("$BRIEFS" check "${args[@]}") || fail "check calls the skeletons broken: $out"
grep -q "^check: 0 error(s)" <<<"$out" || fail "errors: $out"
grep -q "content/regions/xianju/region.json: warning: the English summary is still a placeholder" <<<"$out" || fail "placeholders: $out"
grep -q "xianju/2025.zh.md:3:1: warning: heading \"概况\" has no English translation" <<<"$out" || fail "untranslated heading: $out"
grep -q "taizhou/2026.zh.md: warning: brief 2026 has no English body yet" <<<"$out" || fail "missing English body: $out"
expect_fail "this region exists already" -- "$BRIEFS" new region xianju --zh 仙居县 --en Xianju
expect_fail "already has a brief for 2026" -- "$BRIEFS" new brief taizhou 2026
expect_fail "the parent \"nowhere\" is not a region" -- "$BRIEFS" new region a --parent nowhere --zh 甲 --en A
expect_fail "is not a region (no content/regions/taizho/region.json) (did you mean \"taizhou\"?)" -- "$BRIEFS" new region b --parent taizho --zh 乙 --en B
expect_fail "a region id is an ASCII slug" -- "$BRIEFS" new region "../x" --zh 甲 --en A
echo "1 passed, 0 failed"
