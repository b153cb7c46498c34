# The command line's answers and exit statuses (README.md, "Exit status"): a mistake in the command
# line is named, with the nearest known command or option, and exits 2; errors in the content exit 1.
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
cd "$WORK"
# expect_status STATUS EXPECTED_SUBSTRING -- command...
expect_status() {
  local want_status=$1 want=$2; shift 3
  local out status=0
  out=$("$@" 2>&1) || status=$?
  [ "$status" = "$want_status" ] || fail "expected status $want_status, got $status from: $*"$'\n'"$out"
  grep -qF -- "$want" <<<"$out" || fail "expected \"$want\" in:"$'\n'"$out"
}
expect_status 2 'unknown command "buidl"; did you mean "build"?' -- "$BRIEFS" buidl
expect_status 2 'unknown command "chek"; did you mean "check"?' -- "$BRIEFS" chek --strict
expect_status 2 'unknown command "publish"; the commands are init, build, serve, check or new' -- "$BRIEFS" publish
expect_status 2 'unknown command "regoin" for "briefs new"; did you mean "region"?' -- "$BRIEFS" new regoin x --zh 甲 --en A
expect_status 2 'unknown option --outdir for "briefs build"; did you mean --out?' -- "$BRIEFS" build --outdir x
expect_status 2 'unknown option --outdir for "briefs build"; did you mean --out?' -- "$BRIEFS" build --outdir=x
expect_status 2 'unknown option --contnet for "briefs check"; did you mean --content?' -- "$BRIEFS" check --contnet content
expect_status 2 'unknown option --strict for "briefs build"' -- "$BRIEFS" build --strict
expect_status 2 '"briefs" needs a command: init, build, serve, check or new' -- "$BRIEFS"
expect_status 2 '"briefs new" needs a command: region or brief' -- "$BRIEFS" new
expect_status 2 '--format: xml not in {text,json}' -- "$BRIEFS" check --format xml
expect_status 2 'briefs --help' -- "$BRIEFS" build --out
expect_status 2 '--port' -- "$BRIEFS" serve --port 70000
for url in "https://example.org/my briefs/" "https://example.org/briefs/?v=2" "https://example.org/briefs/#top" "example.org/briefs/"; do
  expect_status 2 "briefs: --base-url \"$url\" cannot be used: it" -- "$BRIEFS" build --base-url "$url" --content "$ROOT/content" $(site_args) --out site
done
[ ! -e site ] || fail "a site was built with a bad --base-url"
expect_status 2 'it has a query' -- "$BRIEFS" build --base-url "https://example.org/?v=2"
# Help is not a mistake.
out=$("$BRIEFS" --help) || fail "--help exits non-zero"
grep -q "build" <<<"$out" || fail "--help: $out"
"$BRIEFS" build --help >/dev/null || fail "build --help exits non-zero"
# Errors in the content: 1. A good build: 0.
mkdir content && echo '{' > content/site.json
expect_status 1 'content/site.json:' -- "$BRIEFS" build --content content $(site_args) --out site
"$BRIEFS" build --content "$ROOT/content" $(site_args) --out site >/dev/null 2>&1 || fail "the real content does not build"
echo "1 passed, 0 failed"
