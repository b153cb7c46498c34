# The Atom feeds (issue 7): well-formed, and the RFC 4287 rules that matter: one id, title and updated
# per feed and per entry, an author, unique ids, RFC 3339 times, newest first, every entry's link a page.
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
cd "$ROOT"
"$BRIEFS" build --out "$WORK/site" --base-url https://example.org/briefs/ >/dev/null
for lang in zh en; do
  feed=$WORK/site/$lang/feed.xml
  xmllint --noout "$feed" || fail "$lang feed is not well-formed XML"
  x() { xmllint --xpath "$1" "$feed" 2>/dev/null; }
  ns='*[local-name()="feed"]'
  [ "$(x "count(/$ns/*[local-name()='id'])")" = 1 ] || fail "feed id"
  [ "$(x "count(/$ns/*[local-name()='title'])")" = 1 ] || fail "feed title"
  [ "$(x "count(/$ns/*[local-name()='updated'])")" = 1 ] || fail "feed updated"
  [ "$(x "count(/$ns/*[local-name()='author']/*[local-name()='name'])")" = 1 ] || fail "feed author"
  entries=$(x "count(/$ns/*[local-name()='entry'])")
  [ "$entries" = 18 ] || fail "$lang: $entries entries, expected 18 briefs"
  for field in id title updated; do
    [ "$(x "count(/$ns/*[local-name()='entry']/*[local-name()='$field'])")" = "$entries" ] || fail "every entry has one $field"
  done
  ids=$(x "/$ns/*[local-name()='entry']/*[local-name()='id']/text()" | tr '<' '\n' | sort)
  [ "$(sort -u <<<"$ids" | wc -l)" = "$(wc -l <<<"$ids")" ] || fail "entry ids are not unique"
  updated=$(grep -o '<updated>[^<]*' "$feed" | sed 's/<updated>//')
  grep -Eqv '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' <<<"$updated" && fail "a time is not RFC 3339: $updated"
  [ "$(tail -n +2 <<<"$updated")" = "$(tail -n +2 <<<"$updated" | sort -r)" ] || fail "entries are not newest first"
  for href in $(grep -o '<link rel="alternate" type="text/html" href="[^"]*"' "$feed" | sed 's/.*href="//;s/"$//'); do
    [ -f "$WORK/site/$lang/$href/index.html" ] || [ "$href" = ./ ] || fail "entry link $href is not a page"
  done
  grep -q "xml:base=\"https://example.org/briefs/$lang/\"" "$feed" || fail "xml:base from the base URL"
  grep -q "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"[^\"]*\" href=\"../../../$lang/feed.xml\">" "$WORK/site/$lang/regions/linhai/index.html" \
    || fail "pages link to their language's feed"
done
echo "1 passed, 0 failed"
