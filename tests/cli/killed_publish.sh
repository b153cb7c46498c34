# A build killed at any step of publishing leaves the site wholly old or wholly new, never a mix (for an
# incremental build as for a clean one), and the next build cleans up after it. strace kills the build
# on entry to the Nth call of each system call that changes files: the first, a middle and the last.
BRIEFS=$1 ROOT=$2
source "$(dirname "$0")/lib.bash"
command -v strace >/dev/null || fail "strace is needed (it is in the README's setup command)"
python3 "$ROOT/bench/make_corpus" 20 "$WORK/corpus" >/dev/null
cd "$WORK"
args=(--content corpus/briefs/content --templates "$ROOT/templates" --assets "$ROOT/assets" --out site)
"$BRIEFS" build "${args[@]}" >/dev/null
cp -a site old-site && cp -a corpus/briefs/.briefs-cache old-cache
old=$(tree_hash site)
# Change every region, so that the next build rewrites most of the site; the new site, built clean elsewhere.
sed -i '0,/"zh": "/s//"zh": "改/' corpus/briefs/content/regions/*/region.json
"$BRIEFS" build "${args[@]/#site/new-site}" --clean >/dev/null
new=$(tree_hash new-site)
[ "$old" != "$new" ] || fail "the edit changed nothing"

# LeakSanitizer cannot run under ptrace: a sanitizer build traced by strace runs without it (a killed
# build leaks by definition; the untraced builds below keep it).
traced() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace "$@"; }
restore() { rm -rf site corpus/briefs/.briefs-cache && cp -a old-site site && cp -a old-cache corpus/briefs/.briefs-cache; }
calls=(rename renameat renameat2 link linkat unlink unlinkat rmdir)
kills=0
for mode in incremental clean; do
  extra=(); [ $mode = clean ] && extra=(--clean)
  restore
  # How many times the build makes each call.
  traced -f -qq -c -U name,calls -e trace="$(IFS=,; echo "${calls[*]}")" -o counts.txt "$BRIEFS" build "${args[@]}" "${extra[@]}" >/dev/null
  while read -r name count; do
    case "$name" in ''|syscall|-*|total) continue ;; esac
    for n in $(printf '%s\n' 1 $(( (count + 1) / 2 )) "$count" | sort -un); do
      restore
      # (through sh, which does not announce the killed job as bash does)
      ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" sh -c '"$@" >/dev/null 2>&1; exit 0' sh strace -f -qq -o /dev/null -e trace="$name" -e inject="$name:signal=KILL:when=$n" \
        "$BRIEFS" build "${args[@]}" "${extra[@]}"
      now=$(tree_hash site)
      [ "$now" = "$old" ] || [ "$now" = "$new" ] || fail "$mode build killed at $name #$n of $count: the site is a mix"
      find site -name '*.briefs-new' | grep -q . && fail "$mode build killed at $name #$n: pending files inside the site"
      kills=$((kills + 1))
      # The next build finishes the job and cleans up.
      "$BRIEFS" build "${args[@]}" >/dev/null || fail "the build after a kill ($mode, $name #$n) failed"
      [ "$(tree_hash site)" = "$new" ] || fail "the build after a kill ($mode, $name #$n) is not the new site"
      ls -d site.staging-* 2>/dev/null && fail "a staging folder was left after the kill ($mode, $name #$n) and a good build"
    done
    echo "$mode build: $name called $count times; killed at calls $(printf '%s\n' 1 $(( (count + 1) / 2 )) "$count" | sort -un | xargs)"
  done < <(tail -n +3 counts.txt)
done
[ "$kills" -ge 8 ] || fail "only $kills kills were tried"
echo "killed $kills builds at a publishing step; each left the old or the new site"
echo "1 passed, 0 failed"
