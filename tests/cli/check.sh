# `briefs check`: findings as path:line:col: severity: message [check], a summary, exit status; JSON.
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
cd "$ROOT"
out=$("$BRIEFS" check) || fail "check of the real content failed: $out"
grep -q "^check: 0 error(s)" <<<"$out" || fail "summary: $out"
grep -q "translation coverage" <<<"$out" || fail "coverage table: $out"
"$BRIEFS" check --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["errors"]==0 and d["pages"]>0 and d["coverage"], d' \
  || fail "JSON output"
# --strict makes the real content's warnings (regions without figures) fail.
if "$BRIEFS" check --strict >/dev/null; then fail "--strict passed with warnings"; fi

cp -r "$ROOT/content" "$WORK/content"
cd "$WORK"
args=(--content content --templates "$ROOT/templates" --assets "$ROOT/assets")
md=content/regions/taizhou/2025.zh.md
# A link to a region that does not exist, an anchor that does not exist, a link into the other language.
printf '\n见[临海](../linhay/)、[临海](../linhai/#no-such-section)和[英文](../../../en/regions/linhai/)。\n' >> "$md"
line=$(wc -l < "$md")
expect_fail "$md:$line:2: error: link \"../linhay/\" leads to zh/regions/linhay/index.html, which is not a page of the site [links]" -- "$BRIEFS" check "${args[@]}"
expect_fail "has no section \"#no-such-section\" [links]" -- "$BRIEFS" check "${args[@]}"
expect_fail "into the other language's pages" -- "$BRIEFS" check "${args[@]}"
# The build refuses to publish it too.
expect_fail "[links]" -- "$BRIEFS" build "${args[@]}" --out site
[ ! -e site ] || fail "a site was written despite broken links"
cp "$ROOT/$md" "$md"  # back to the tree's copy (tests never read git: a source tarball has none)
# A heading without translation, and a map entry that matches no heading: warnings.
sed -i '0,/^## /s/^## \(.*\)$/## \1（新）/' "$md"
out=$("$BRIEFS" check "${args[@]}") || fail "warnings made check fail"
grep -q "has no English translation in the brief's \"headings\" map \[translation\]" <<<"$out" || fail "untranslated heading: $out"
grep -Eq "content/regions/taizhou/region.json:[0-9]+:[0-9]+: warning: the headings map translates .* \[translation\]" <<<"$out" || fail "stale map entry: $out"
cp "$ROOT/$md" "$md"
cp "$ROOT/content/regions/taizhou/region.json" content/regions/taizhou/region.json
# An English body that lost, gained or swapped a heading: a [translation] warning each, from check.
en=content/regions/taizhou/2025.en.md
sed -i 's/^## Workplace safety: fewer accidents and deaths$/Workplace safety./' "$en"
out=$("$BRIEFS" check "${args[@]}") || fail "a missing English heading made check fail"
grep -q "^$en:37:1: warning: the English body has no heading for Chinese heading 3 \"安全生产：事故与亡人数下降\" (\"Workplace safety: fewer accidents and deaths\"); .* \[translation\]$" <<<"$out" || fail "removed heading: $out"
cp "$ROOT/$en" "$en"
sed -i '33i ## An extra section\n' "$en"
out=$("$BRIEFS" check "${args[@]}") || fail "an extra English heading made check fail"
grep -q "^$en:33:1: warning: heading \"An extra section\" is not the translation of any Chinese heading" <<<"$out" || fail "added heading: $out"
cp "$ROOT/$en" "$en"
sed -i -e 's/^## Policing and crackdowns: criminal and public-order cases both down$/## SWAP/' \
  -e 's/^## Workplace safety: fewer accidents and deaths$/## Policing and crackdowns: criminal and public-order cases both down/' \
  -e 's/^## SWAP$/## Workplace safety: fewer accidents and deaths/' "$en"
out=$("$BRIEFS" check "${args[@]}") || fail "swapped English headings made check fail"
grep -q "^$en:33:1: warning: heading \"Policing and crackdowns: criminal and public-order cases both down\" translates Chinese heading 2 \"治安与打击：刑事、治安案件双降\".*in another order \[translation\]$" <<<"$out" || fail "swapped headings: $out"
cp "$ROOT/$en" "$en"
# A missing image is an error at its line and column; a remote one a warning, which --strict fails.
printf '\n![巡逻](patrol.png)\n' >> "$md"
line=$(wc -l < "$md")
expect_fail "$md:$line:1: error: image \"patrol.png\": there is no file \"patrol.png\" in content/regions/taizhou/ [content]" -- "$BRIEFS" check "${args[@]}"
cp "$ROOT/$md" "$md"
printf '\n![巡逻](https://example.org/patrol.png)\n' >> "$md"
line=$(wc -l < "$md")
out=$("$BRIEFS" check "${args[@]}") || fail "a remote image made check fail: $out"
grep -q "^$md:$line:1: warning: image \"https://example.org/patrol.png\" is loaded from another site" <<<"$out" || fail "remote image: $out"
expect_fail "$md:$line:1: warning: image \"https://example.org/patrol.png\"" -- "$BRIEFS" check "${args[@]}" --strict
echo "1 passed, 0 failed"
