# Runs one bad-input case: tests/bad_input/<case>/ holds `case.txt` and, optionally, `content/` and
# `templates/` files laid over a copy of a small valid site, and `setup.sh` for inputs git cannot
# hold (links, named pipes, huge files, read-only or full disks). case.txt lines:
#   exit: N                 the expected exit status (1 for bad input; 0 for odd input that is fine)
#   expect: TEXT            a line of the output must contain TEXT (repeatable)
#   command: build|check    what to run (default build)
# Every case also checks: no crash (status < 128), no hang (a 240 s guard: a sanitizer build on a busy machine is
# slow, and speed is not what is tested), and no site/ unless the build passed.
set -euo pipefail
BRIEFS=$1 ROOT=$2 CASE=$3
WORK=$(mktemp -d)
cleanup() { mountpoint -q "$WORK/full" 2>/dev/null && umount "$WORK/full"; chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
fail() { echo "FAIL [$(basename "$CASE")]: $*" >&2; exit 1; }

cp -r "$ROOT/tests/sites/basic/input/content" "$WORK/content"
cp -r "$ROOT/templates" "$WORK/templates"
cp -r "$ROOT/assets" "$WORK/assets"
[ -d "$CASE/content" ] && cp -r "$CASE/content/." "$WORK/content/"
[ -d "$CASE/templates" ] && cp -r "$CASE/templates/." "$WORK/templates/"
cd "$WORK"
OUT=site
[ -f "$CASE/setup.sh" ] && source "$CASE/setup.sh"

want_exit=$(sed -n 's/^exit: //p' "$CASE/case.txt")
command=$(sed -n 's/^command: //p' "$CASE/case.txt"); command=${command:-build}
args=(--content content --templates templates --assets assets)
[ "$command" = build ] && args+=(--out "$OUT")
status=0
output=$(timeout 240 "$BRIEFS" "$command" "${args[@]}" 2>&1) || status=$?
[ "$status" -ne 124 ] || fail "timed out (a hang)"
[ "$status" -lt 128 ] || fail "crashed with status $status:"$'\n'"$output"
[ "$status" = "$want_exit" ] || fail "exit status $status, expected $want_exit:"$'\n'"$output"
while IFS= read -r want; do
  grep -qF -- "$want" <<<"$output" || fail "expected \"$want\" in:"$'\n'"$output"
done < <(sed -n 's/^expect: //p' "$CASE/case.txt")
if [ "$command" = build ] && [ "$status" != 0 ] && [ "$OUT" = site ] && [ -e site ]; then fail "a failed build left a site/"; fi
ls -a | grep -q '\.staging-' && fail "a staging folder was left behind"
echo "1 passed, 0 failed"
