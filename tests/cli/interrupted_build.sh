# An interrupted build (SIGKILL or SIGINT in the middle) leaves the previous site whole, and the next
# build cleans up after it.
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
python3 "$ROOT/bench/make_corpus" 1000 "$WORK/corpus" >/dev/null
cd "$WORK"
args=(--content corpus/briefs/content --templates "$ROOT/templates" --assets "$ROOT/assets" --out site)
"$BRIEFS" build "${args[@]}" >/dev/null
before=$(tree_hash site)
# Change every region, so that the next build rewrites the whole site, and kill it half-way.
sed -i '0,/"zh": "/s//"zh": "改/' corpus/briefs/content/regions/*/region.json
for signal in KILL INT TERM; do
  # A background job of a script starts with SIGINT ignored: give the build the default, as a terminal would.
  python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])' \
    "$BRIEFS" build "${args[@]}" --clean >/dev/null 2>&1 &
  pid=$!
  # Wait until this build (exec keeps the pid) has written some pages, then stop it.
  for _ in $(seq 3000); do
    [ "$(find "site.staging-$pid" -name index.html 2>/dev/null | head -200 | wc -l)" -ge 200 ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  kill -"$signal" "$pid" 2>/dev/null || fail "the build ended before it could be interrupted (corpus too small?)"
  status=0; wait "$pid" 2>/dev/null || status=$?
  [ "$(tree_hash site)" = "$before" ] || fail "SIG$signal in the middle of a build changed the site"
  if [ "$signal" != KILL ]; then
    [ "$status" = 130 ] || fail "SIG$signal: exit status $status, expected 130"
    ls -d site.staging-* 2>/dev/null && fail "SIG$signal left a staging folder"
  fi
done
"$BRIEFS" build "${args[@]}" >/dev/null
ls -d site.staging-* 2>/dev/null && fail "staging folders left after a good build"
[ "$(tree_hash site)" != "$before" ] || fail "the good build did not publish the change"
echo "1 passed, 0 failed"
