# An interrupted build (SIGKILL, SIGINT or SIGTERM in the middle) leaves the previous site whole, and the
# next build cleans up after it.
# "In the middle" does not depend on the machine's speed: BRIEFS_TEST_PAUSE_AFTER=N (a test hook of `briefs
# build`) holds the build after N pages and says so on stderr; the signal is sent once that line is read.
# So a small corpus suffices, also under the sanitizers.
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
GUARD=60  # seconds: a guard against a hang, never what is measured
python3 "$ROOT/bench/make_corpus" 100 "$WORK/corpus" >/dev/null
cd "$WORK"
args=(--content corpus/briefs/content --templates "$ROOT/templates" --assets "$ROOT/assets" --out site)
"$BRIEFS" build "${args[@]}" >/dev/null
before=$(tree_hash site)
# Change every region, so that the next build rewrites the whole site, and stop it half-way.
sed -i '0,/"zh": "/s//"zh": "改/' corpus/briefs/content/regions/*/region.json
for signal in KILL INT TERM; do
  mkfifo "stderr-$signal"
  # A background job of a script starts with SIGINT ignored: give the build the default, as a terminal would.
  BRIEFS_TEST_PAUSE_AFTER=40 python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])' \
    "$BRIEFS" build "${args[@]}" --clean >/dev/null 2>"stderr-$signal" &
  pid=$!
  exec 3<"stderr-$signal"
  held=
  while IFS= read -r -t "$GUARD" line <&3; do
    [[ $line == "paused after "* ]] && { held=$line; break; }
  done
  [ -n "$held" ] || fail "SIG$signal: the build did not hold after 40 pages (it ended, or said nothing for ${GUARD} s; corpus too small?)"
  [ -d "site.staging-$pid" ] || fail "SIG$signal: no staging folder while the build is held: $held"
  kill -"$signal" "$pid"
  status=0; wait "$pid" 2>/dev/null || status=$?
  said=$(cat <&3); exec 3<&-
  [ "$(tree_hash site)" = "$before" ] || fail "SIG$signal in the middle of a build changed the site"
  if [ "$signal" = KILL ]; then
    [ "$status" = 137 ] || fail "SIGKILL: exit status $status, expected 137"
  else
    [ "$status" = 130 ] || fail "SIG$signal: exit status $status, expected 130: $said"
    grep -q "^interrupted: site was left as it was" <<<"$said" || fail "SIG$signal: $said"
    ls -d site.staging-* 2>/dev/null && fail "SIG$signal left a staging folder"
  fi
done
"$BRIEFS" build "${args[@]}" >/dev/null
ls -d site.staging-* 2>/dev/null && fail "staging folders left after a good build"
[ "$(tree_hash site)" != "$before" ] || fail "the good build did not publish the change"
echo "1 passed, 0 failed"
