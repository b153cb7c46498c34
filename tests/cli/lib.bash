# Shared by the CLI tests: `source lib.sh` after setting BRIEFS and ROOT.
set -euo pipefail
WORK=$(mktemp -d)
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_fail EXPECTED_SUBSTRING -- command...
expect_fail() {
  local want=$1; shift; shift
  local out status=0
  out=$("$@" 2>&1) || status=$?
  [ "$status" -ne 0 ] || fail "expected a non-zero exit from: $*"
  [ "$status" -lt 128 ] || fail "crashed (status $status): $*"$'\n'"$out"
  grep -qF -- "$want" <<<"$out" || fail "expected \"$want\" in:"$'\n'"$out"
}
tree_hash() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum); }
site_args() { echo --templates "$ROOT/templates" --assets "$ROOT/assets"; }
