#!/usr/bin/env bash
# Runs the README's Quick start, exactly as written, on a fresh Debian 12: a minimal bookworm chroot made
# with debootstrap (--variant=minbase), as root. Not part of ctest: it takes 20-40 minutes and a network.
#
#   tests/fresh-debian.sh [--from tarball|clone] [--ref REF] [--dir DIR] [--keep] [--mirror URL]
#
#   --from tarball  (default) the tracked files of REF as `git archive` makes them: no .git, as a source
#                   tarball; the stricter case (nothing may come from git)
#   --from clone    a `git clone` of this repository, checked out at REF
#   --ref REF       what to test (default HEAD: what is committed, not the working tree)
#   --dir DIR       where to make the chroot (default: a new folder under /var/tmp)
#   --keep          keep the chroot afterwards (default: removed, once nothing is mounted in it)
#   --mirror URL    the Debian mirror (default: the one in /etc/apt/sources.list*)
#
# The two commands are read from README.md's "Quick start" (its first two ```sh blocks) of the copy that
# is tested, so this script cannot drift from the README. The repository goes to /src/<name>, and the
# shared folder beside it (../shared, which content:provenance reads) to /src/shared. /proc, /sys, /dev,
# /dev/pts and /dev/shm are mounted in the chroot for Chromium and the tests (in a mount namespace of the
# script's own), and unmounted on exit.
# Prints each step's time and the result; exit status 0 only if both commands passed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED=$(cd "$REPO/.." && pwd)/shared
FROM=tarball REF=HEAD DIR= KEEP=0 MIRROR=
ARGS=("$@")
while (($#)); do
  case $1 in
    --from) FROM=$2; shift 2 ;;
    --ref) REF=$2; shift 2 ;;
    --dir) DIR=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --mirror) MIRROR=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "fresh-debian.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
die() { echo "fresh-debian.sh: $*" >&2; exit 1; }
trap 'echo "fresh-debian.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
log() { echo "[$(date -u +%T)] $*"; }
[[ $FROM == tarball || $FROM == clone ]] || die "--from is tarball or clone"
[ "$(id -u)" = 0 ] || die "run it as root (debootstrap, chroot and mounts need it)"
# Everything is mounted in a mount namespace of its own: nothing can propagate to this machine's /dev or
# /proc (where / is a shared mount, as under systemd), and nothing outlives the script.
if [ -z "${BRIEFS_FRESH_DEBIAN_NS:-}" ]; then
  BRIEFS_FRESH_DEBIAN_NS=1 exec unshare --mount --propagation private "$0" "${ARGS[@]}"
fi
[ -d "$SHARED/seeds" ] || die "no $SHARED/seeds beside the repository"
COMMIT=$(git -C "$REPO" rev-parse --verify "$REF^{commit}") || die "no commit $REF"

# The Debian mirror this machine uses (deb822 .sources or one-line .list), and its security mirror.
if [ -z "$MIRROR" ]; then
  mirrors=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    awk '/^deb / { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } } /^URIs:/ { print $2 }' || true)
  MIRROR=$(grep -v -- '-security' <<<"$mirrors" | grep -m1 '/debian/*$' || true)
  SECURITY=$(grep -m1 -- '/debian-security/*$' <<<"$mirrors" || true)
fi
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY=${SECURITY:-${MIRROR%/debian*}/debian-security}
MIRROR=${MIRROR%/} SECURITY=${SECURITY%/}

if ! command -v debootstrap >/dev/null; then
  log "installing debootstrap"
  apt-get install -y --no-install-recommends debootstrap >/dev/null
fi

DIR=${DIR:-$(mktemp -d /var/tmp/briefs-fresh-debian.XXXXXX)}
mkdir -p "$DIR"
[ -z "$(ls -A "$DIR")" ] || die "$DIR is not empty (another run's chroot, or one still being removed?)"
DIR=$(cd "$DIR" && pwd)
NAME=$(basename "$REPO")
mounted=()
cleanup() {
  local status=$? m p
  # Whatever still runs inside the chroot (a daemon a test left) would keep its mounts busy.
  for p in /proc/[0-9]*; do
    if [ "$(readlink "$p/root" 2>/dev/null)" = "$DIR" ]; then kill -KILL "${p#/proc/}" 2>/dev/null || true; fi
  done
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    m=${mounted[i]}
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || echo "fresh-debian.sh: could not unmount $m" >&2
  done
  if ((KEEP)); then
    echo "chroot kept in $DIR"
  elif findmnt -rn -o TARGET | grep -q "^$DIR/"; then
    echo "fresh-debian.sh: something is still mounted under $DIR: not removing it" >&2
  else
    echo "removing $DIR"
    rm -rf --one-file-system "$DIR"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
mount_in() { # mount_in TARGET MOUNT-ARGS...
  mkdir -p "$DIR$1"
  mount "${@:2}" "$DIR$1"
  mounted+=("$DIR$1")
}

T0=$(date +%s)
log "from $FROM of $NAME at $COMMIT ($REF); chroot in $DIR; mirror $MIRROR"
log "debootstrap --variant=minbase bookworm"
debootstrap --variant=minbase bookworm "$DIR" "$MIRROR" >"$DIR.debootstrap.log" 2>&1 ||
  { tail -20 "$DIR.debootstrap.log"; die "debootstrap failed (log: $DIR.debootstrap.log)"; }
rm -f "$DIR.debootstrap.log"
# What a fresh install's sources are: the release, its updates and security, from this machine's mirrors.
rm -f "$DIR/etc/apt/sources.list"
cat >"$DIR/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECURITY
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
cp /etc/resolv.conf "$DIR/etc/resolv.conf"
# This machine's network settings, not the project's: local CA certificates (a TLS-inspecting proxy's,
# say: ca-certificates, which the README's setup installs, adds them to the bundle) and, below, the
# proxy and NODE_EXTRA_CA_CERTS variables, if set here. Nothing else comes from this machine.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$DIR/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$DIR/usr/local/share/ca-certificates/"
fi
network_env=()
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY NODE_EXTRA_CA_CERTS; do
  [ -z "${!v:-}" ] || network_env+=("$v=${!v}")
done
T1=$(date +%s)

# The repository, and the shared folder beside it.
mkdir -p "$DIR/src"
if [ "$FROM" = tarball ]; then
  mkdir "$DIR/src/$NAME"
  git -C "$REPO" archive --format=tar "$COMMIT" | tar -x -C "$DIR/src/$NAME"
  [ ! -e "$DIR/src/$NAME/.git" ] || die "the tarball has a .git"
else
  git clone --quiet --no-hardlinks "$REPO" "$DIR/src/$NAME"
  git -C "$DIR/src/$NAME" checkout --quiet "$COMMIT"
fi
cp -a "$SHARED" "$DIR/src/shared"

# The README's two Quick-start commands, from the copy under test.
readme=$DIR/src/$NAME/README.md
extract() { # extract N: the Nth ```sh block of the "## Quick start" section
  awk -v want="$1" '
    /^## / { inside = ($0 == "## Quick start") }
    inside && /^```sh$/ { n++; inblock = (n == want); next }
    inblock && /^```$/ { exit }
    inblock { print }' "$readme"
}
CMD1=$(extract 1) CMD2=$(extract 2)
[ -n "$CMD1" ] && [ -n "$CMD2" ] || die "cannot find the two \`\`\`sh blocks of the Quick start in README.md"
[ "$(wc -l <<<"$CMD1")" = 1 ] && [ "$(wc -l <<<"$CMD2")" = 1 ] || die "a Quick-start block is not one command"
printf '%s\n' "$CMD1" >"$DIR/src/command-1.sh"
printf '%s\n' "$CMD2" >"$DIR/src/command-2.sh"

mount_in /proc -t proc proc
mount_in /sys -t sysfs sysfs
mount_in /dev --bind /dev
mount_in /dev/pts -t devpts devpts -o newinstance,ptmxmode=0666
mount_in /dev/shm -t tmpfs tmpfs -o mode=1777

# run N: runs command N as root in the chroot, from the repository, with a login's environment.
declare -A took result
run() {
  local n=$1 start status=0
  log "command $n: $(cat "$DIR/src/command-$n.sh")"
  start=$(date +%s)
  chroot "$DIR" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/sh TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "${network_env[@]}" \
    /bin/sh -c "cd /src/$NAME && . /src/command-$n.sh" </dev/null || status=$?
  took[$n]=$(($(date +%s) - start))
  result[$n]=$([ "$status" = 0 ] && echo passed || echo "FAILED (status $status)")
  log "command $n: ${result[$n]} in ${took[$n]} s"
  return "$status"
}
status=0
run 1 && { run 2 || status=$?; } || status=$?
T2=$(date +%s)

echo
echo "== fresh Debian 12 ($FROM of $COMMIT), $(nproc) cores"
echo "debootstrap:  $((T1 - T0)) s"
echo "command 1:    ${result[1]:-not run} in ${took[1]:--} s (install, build, generate)"
echo "command 2:    ${result[2]:-not run} in ${took[2]:--} s (build and test, Release then ASan/UBSan)"
echo "total:        $((T2 - T0)) s"
exit "$status"
