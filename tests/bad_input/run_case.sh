# Runs one bad-input case: tests/bad_input/<case>/ holds `case.txt` and, optionally, `content/` and
# `templates/` files laid over a copy of a small valid site, and `setup.sh` for inputs git cannot
# hold (links, named pipes, huge files, read-only or full disks). case.txt lines:
#   exit: N                 the expected exit status (1 for bad input; 0 for odd input that is fine)
#   expect: TEXT            a line of the output must contain TEXT (repeatable)
#   absent: TEXT            no line of the output may contain TEXT (repeatable)
#   command: build|check    what to run (default build)
#   seconds: N              the time limit (default 120; three times as long under AddressSanitizer)
# Every case also checks: no crash (status < 128), no hang (timeout), no more than ~1 GB of memory, and
# no site/ unless the build passed. Memory: in a normal build the address space is limited to 1 GiB
# (prlimit --as), so an allocation beyond it fails; AddressSanitizer reserves terabytes of address space,
# so under it the peak resident memory is measured instead (/usr/bin/time) and must stay below 1.5 GB.
# setup.sh may set RUN_AS (a command prefix, e.g. setpriv to run as another user).
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
seconds=$(sed -n 's/^seconds: //p' "$CASE/case.txt"); seconds=${seconds:-120}
args=(--content content --templates templates --assets assets)
[ "$command" = build ] && args+=(--out "$OUT")
limit=(prlimit --as=$((1 << 30)) --)
# (The output is matched whole: with pipefail, `ldd | grep -q` fails when grep stops reading early.)
if [[ $(ldd "$BRIEFS" 2>/dev/null) == *libasan* ]]; then limit=(); seconds=$((seconds * 3)); fi
rss_file=$(mktemp)
status=0
output=$(/usr/bin/time -f %M -o "$rss_file" timeout "$seconds" ${RUN_AS[@]+"${RUN_AS[@]}"} "${limit[@]}" "$BRIEFS" "$command" "${args[@]}" 2>&1) || status=$?
peak_kb=$(tail -n 1 "$rss_file"); rm -f "$rss_file"
[ "$status" -ne 124 ] || fail "took more than $seconds s (a hang)"
[ "$status" -lt 128 ] || fail "crashed with status $status:"$'\n'"$output"
[ "${peak_kb:-0}" -lt 1500000 ] 2>/dev/null || fail "used ${peak_kb} KB of memory at its peak (the bound is 1.5 GB)"
[ "$status" = "$want_exit" ] || fail "exit status $status, expected $want_exit:"$'\n'"$output"
while IFS= read -r want; do
  grep -qF -- "$want" <<<"$output" || fail "expected \"$want\" in:"$'\n'"$output"
done < <(sed -n 's/^expect: //p' "$CASE/case.txt")
while IFS= read -r unwanted; do
  grep -qF -- "$unwanted" <<<"$output" && fail "did not expect \"$unwanted\" in:"$'\n'"$output"
done < <(sed -n 's/^absent: //p' "$CASE/case.txt")
if [ "$command" = build ] && [ "$status" != 0 ] && [ "$OUT" = site ] && [ -e site ]; then fail "a failed build left a site/"; fi
ls -a | grep -q '\.staging-' && fail "a staging folder was left behind"
echo "1 passed, 0 failed (peak RSS ${peak_kb:-?} KB)"
