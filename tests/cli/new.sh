# `briefs new`: a skeleton that builds at once, whose placeholders `briefs check` lists at their lines
# and `briefs build` refuses to publish; `briefs new brief` changes nothing of region.json but adds
# the brief.
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
cp -r "$ROOT/content" "$WORK/content"
cd "$WORK"
args=(--content content --templates "$ROOT/templates" --assets "$ROOT/assets")
out=$("$BRIEFS" new region xianju --parent taizhou --zh 仙居县 --en Xianju --level county --period 2025) || fail "new region: $out"
grep -q "wrote content/regions/xianju/region.json" <<<"$out" || fail "new region: $out"
grep -q "its date is \"TODO: YYYY-MM-DD\": \`briefs check\` lists each placeholder at its line" <<<"$out" || fail "next steps: $out"
"$BRIEFS" new brief taizhou 2026 | grep -q "wrote content/regions/taizhou/2026.zh.md" || fail "new brief"
! grep -q "$(date -u +%Y-%m-%d)" content/regions/xianju/region.json || fail "new region wrote today's date, which looks finished"
out=$("$BRIEFS" build "${args[@]}" --out site) || fail "the skeletons do not build: $out"
[ ! -e site/zh/regions/xianju ] || fail "a draft region was published"
[ ! -e site/zh/regions/taizhou/2026 ] || fail "a draft brief was published"
out=$("$BRIEFS" check "${args[@]}") || fail "check calls the skeletons broken: $out"
grep -q "^check: 0 error(s)" <<<"$out" || fail "errors: $out"
# Every placeholder, at its line and column.
x=content/regions/xianju/region.json
for want in \
  "$x:11:5: warning: the Chinese summary is still a placeholder" \
  "$x:12:5: warning: the English summary is still a placeholder" \
  "$x:19:9: warning: the Chinese title of brief 2025 is still a placeholder" \
  "$x:20:9: warning: the English title of brief 2025 is still a placeholder" \
  "$x:22:7: warning: the date of brief 2025 is still a placeholder (\"TODO: YYYY-MM-DD\"): the brief cannot be published until it is a real date" \
  "$x:27:13: warning: the Chinese title of source \"source\" of brief 2025 is still a placeholder" \
  "$x:31:13: warning: the Chinese publisher of source \"source\" of brief 2025 is still a placeholder" \
  "$x:38:7: warning: brief 2025 has no metrics" \
  "content/regions/xianju/2025.zh.md:1:1: warning: the Chinese body still has a TODO" \
  "content/regions/xianju/2025.zh.md:5:1: warning: the Chinese body still has a TODO" \
  "content/regions/xianju/2025.zh.md:3:1: warning: heading \"概况\" has no English translation" \
  "content/regions/taizhou/2026.zh.md: warning: brief 2026 has no English body yet"; do
  grep -qF "$want" <<<"$out" || fail "expected \"$want\" in: $out"
done
[ "$(grep -c "^$x:.*\[unfinished\]$" <<<"$out")" = 10 ] || fail "10 placeholders in $x: $out"
# Published with its placeholder date: the build refuses, at the date's line.
python3 - <<'PY'
import json
p = "content/regions/taizhou/region.json"
text = open(p, encoding="utf-8").read()
i = text.rindex('"draft": true')
open(p, "w", encoding="utf-8").write(text[:i] + '"draft": false' + text[i + len('"draft": true'):])
PY
expect_fail "error: brief 2026 is not a draft but its \"date\" is still the placeholder \"TODO: YYYY-MM-DD\"" -- "$BRIEFS" build "${args[@]}" --out site
out=$("$BRIEFS" build "${args[@]}" --out site 2>&1) || true
grep -qE "content/regions/taizhou/region.json:[0-9]+:[0-9]+: error: brief 2026 is not a draft" <<<"$out" || fail "no position: $out"

# `briefs new brief` keeps every byte of region.json and adds the brief in the file's style.
mkdir -p content/regions/oddly
cat > content/regions/oddly/region.json <<'JSON'
{
    "summary": {"zh": "奇怪的排版。", "en": "Odd layout."},
    "name": {"zh": "奇县", "en": "Oddly"}, "id": "oddly",
    "level": "county",   "parent": "taizhou",
    "briefs": [
        {
            "period": "2024",
            "title": {"zh": "奇县", "en": "Oddly"},
            "date": "2024",
            "sources": [{"id": "s", "title": {"zh": "文", "en": "A"}, "publisher": {"zh": "报", "en": "P"}, "authors": []}],
            "headline": [ "x" ],
            "metrics": [{"id": "x", "label": {"zh": "甲", "en": "X"}, "value": 1, "unit": "case", "polarity": "lower-better", "source": "s"}],
            "headings": {}
        }
    ]
}
JSON
printf '奇县。\n' > content/regions/oddly/2024.zh.md
cp content/regions/oddly/region.json before.json
"$BRIEFS" new brief oddly 2025 >/dev/null || fail "new brief oddly"
cat > expected.json <<'JSON'
{
    "summary": {"zh": "奇怪的排版。", "en": "Odd layout."},
    "name": {"zh": "奇县", "en": "Oddly"}, "id": "oddly",
    "level": "county",   "parent": "taizhou",
    "briefs": [
        {
            "period": "2024",
            "title": {"zh": "奇县", "en": "Oddly"},
            "date": "2024",
            "sources": [{"id": "s", "title": {"zh": "文", "en": "A"}, "publisher": {"zh": "报", "en": "P"}, "authors": []}],
            "headline": [ "x" ],
            "metrics": [{"id": "x", "label": {"zh": "甲", "en": "X"}, "value": 1, "unit": "case", "polarity": "lower-better", "source": "s"}],
            "headings": {}
        },
        {
            "period": "2025",
            "draft": true,
            "title": {
                "zh": "TODO：简报标题",
                "en": "TODO: title of the brief"
            },
            "date": "TODO: YYYY-MM-DD",
            "sources": [
                {
                    "id": "source",
                    "title": {
                        "zh": "TODO：文章标题",
                        "en": "TODO: title of the article"
                    },
                    "publisher": {
                        "zh": "TODO：媒体",
                        "en": "TODO: publisher"
                    },
                    "authors": []
                }
            ],
            "headline": [],
            "metrics": [],
            "headings": {}
        }
    ]
}
JSON
diff expected.json content/regions/oddly/region.json >&2 || fail "new brief changed region.json beyond adding the brief"
# A file with tabs and CRLF line ends keeps them.
printf '{\r\n\t"id": "tabs",\r\n\t"briefs": [{"period": "1"}]\r\n}\r\n' > tabs.json
mkdir -p content/regions/tabs && cp tabs.json content/regions/tabs/region.json
"$BRIEFS" new brief tabs 2 >/dev/null || fail "new brief tabs"
head -c 46 content/regions/tabs/region.json | cmp - <(head -c 46 tabs.json) || fail "tabs: the start changed"
grep -q $'^\t\t\t"period": "2",\r$' content/regions/tabs/region.json || fail "tabs: not indented with tabs and CRLF: $(cat -A content/regions/tabs/region.json)"
tail -c 9 content/regions/tabs/region.json | cmp - <(printf '\t\t}]\r\n}\r\n') || fail "tabs: the end changed: $(cat -A content/regions/tabs/region.json)"
rm -r content/regions/tabs

expect_fail "this region exists already" -- "$BRIEFS" new region xianju --zh 仙居县 --en Xianju --period 2025
expect_fail "already has a brief for 2026" -- "$BRIEFS" new brief taizhou 2026
expect_fail "the parent \"nowhere\" is not a region" -- "$BRIEFS" new region a --parent nowhere --zh 甲 --en A --period 2025
expect_fail "is not a region (no content/regions/taizho/region.json) (did you mean \"taizhou\"?)" -- "$BRIEFS" new region b --parent taizho --zh 乙 --en B --period 2025
expect_fail "briefs new: error: \"linhia\" is not a region (no content/regions/linhia/region.json) (did you mean \"linhai\"?)" -- "$BRIEFS" new brief linhia 2026
expect_fail "a region id is an ASCII slug" -- "$BRIEFS" new region "../x" --zh 甲 --en A --period 2025
expect_fail "a region id is an ASCII slug" -- "$BRIEFS" new brief "../taizhou" 2027
expect_fail "--period is required" -- "$BRIEFS" new region c --zh 丙 --en C
echo "1 passed, 0 failed"
