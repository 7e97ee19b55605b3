#!/bin/sh
# Runs the README's two commands on a fresh Debian 12, as a new user would:
#   1. builds, once, a minimal Debian 12 root (debootstrap --variant=minbase
#      bookworm) holding only what such a user has: build-essential, git,
#      curl, ca-certificates, python3 and Debian's nodejs and npm, none of
#      sxsh's own dependencies; it is cached in $SXSH_FRESH_CACHE (default
#      /var/cache/sxsh-fresh-debian) and marked complete by its "complete"
#      file;
#   2. for each run, mounts a throw-away overlay over that root, copies this
#      machine's package-manager settings into it (Debian apt sources, apt
#      Acquire settings, npm configuration and local CA certificates; auth
#      lines, credentials and client keys are never copied), clones the
#      repository (a commit, not the working tree: uncommitted changes are
#      not tested) to /root/sxsh and, chrooted there as root with a clean
#      environment and CI=true:
#        `make run` on a free loopback port, until `curl /healthz` answers,
#        then stops it;
#        `make test`, whose skips fail under CI=true;
#   3. unmounts everything and deletes the overlay ($SXSH_FRESH_CACHE/run-*)
#      on exit (trap; the mounts live in a private mount namespace of their
#      own), keeps the logs in $SXSH_FRESH_CACHE/logs and prints a summary.
# Needs root (debootstrap, mount, chroot); installs debootstrap when missing.
# Exit status 0 when both commands succeed.
#
#   scripts/fresh-debian.sh [--rebuild] [--without 'PKG...'] [REPO [REF]]
#     REPO        a repository path or URL (default: the one holding this script)
#     REF         the commit, branch or tag to test (default: REPO's HEAD)
#     --rebuild   rebuild the cached root first
#     --without   purge these packages from the overlay first (e.g. 'nodejs npm',
#                 to check that `make test` installs them)
# Environment: SXSH_FRESH_CACHE, SXSH_FRESH_MIRROR (default
# http://deb.debian.org/debian), SXSH_FRESH_TIMEOUT (seconds `make run` may
# take to answer, default 1800).
set -eu

cache=${SXSH_FRESH_CACHE:-/var/cache/sxsh-fresh-debian}
mirror=${SXSH_FRESH_MIRROR:-http://deb.debian.org/debian}
timeout=${SXSH_FRESH_TIMEOUT:-1800}
suite=bookworm
# What the issue's user had on top of minbase; sxsh's scripts install the rest.
base_pkgs="build-essential git curl ca-certificates python3 nodejs npm"
root=$cache/root
marker=$cache/complete
stamp="debootstrap --variant=minbase $suite + $base_pkgs"
path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

case "${1:-}" in
-h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "fresh-debian: run as root (sudo $0)" >&2; exit 2; }
# Every mount below lives in a private mount namespace: none leaks to the
# host, and all go away with the last process of the run.
if [ "${SXSH_FRESH_NS:-}" != 1 ]; then
	SXSH_FRESH_NS=1 exec unshare --mount --propagation private -- /bin/sh "$0" "$@"
fi

rebuild=0
without=""
while [ $# -gt 0 ]; do
	case "$1" in
	--rebuild) rebuild=1 ;;
	--without) shift; without=${1:?--without needs a package list} ;;
	-*) echo "fresh-debian: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
here=$(cd "$(dirname "$0")/.." && pwd)
repo=${1:-$here}
ref=${2:-HEAD}

case "$cache" in
*' '*) echo "fresh-debian: SXSH_FRESH_CACHE must not contain spaces" >&2; exit 2 ;;
esac

started=$(date +%s)
step() { printf '== %s  %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { echo "fresh-debian: $*" >&2; exit 1; }

# Mounts, most recent first, so that they are unmounted in reverse order.
mounts=""
mount_at() { # mount_at DIR mount-args...: mounts and records DIR
	dir=$1
	shift
	mkdir -p "$dir"
	mount "$@" "$dir"
	mounts="$dir $mounts"
}
mount_system() { # mount_system ROOT: /proc, /sys, /dev, /dev/pts, /dev/shm
	mount_at "$1/proc" -t proc proc
	mount_at "$1/sys" -t sysfs -o ro sysfs
	mount_at "$1/dev" --bind /dev
	mount_at "$1/dev/pts" --bind /dev/pts
	# chromium needs a writable /dev/shm; a private one keeps the host's clean.
	mount_at "$1/dev/shm" -t tmpfs -o mode=1777,size=512m shm
}
# Stops what still runs chrooted under ROOT (the server, PostgreSQL, chromium).
kill_inside() {
	for p in /proc/[0-9]*; do
		r=$(readlink "$p/root" 2>/dev/null) || continue
		case "$r" in "$1" | "$1"/*) kill "$2" "${p#/proc/}" 2>/dev/null || true ;; esac
	done
}
unmount_all() {
	for m in $mounts; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || echo "fresh-debian: could not unmount $m" >&2
	done
	mounts=""
}
# Removes DIR unless something is still mounted under it.
remove_tree() {
	[ -e "$1" ] || return 0
	if awk -v d="$1" '$5 == d || index($5, d "/") == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then
		echo "fresh-debian: $1 still has mounts, not removed" >&2
		return 1
	fi
	rm -rf --one-file-system "$1"
}

tmp=""
chroot_dir=""
cleanup() {
	status=$?
	trap - EXIT INT TERM
	if [ -n "$chroot_dir" ]; then
		kill_inside "$chroot_dir" -TERM
		sleep 1
		kill_inside "$chroot_dir" -KILL
	fi
	unmount_all
	[ -n "$tmp" ] && remove_tree "$tmp"
	[ -d "$root.new" ] && remove_tree "$root.new"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Runs a command chrooted in $chroot_dir as root with a clean environment.
in_root() {
	chroot "$chroot_dir" /usr/bin/env -i HOME=/root PATH=$path TERM=dumb CI=true "$@"
}

# Copies this machine's package-manager settings into ROOT; never secrets.
copy_settings() {
	r=$1
	# apt: the sources of Debian's archive (signed by debian-archive-keyring, or
	# naming no key); third-party sources would bring non-Debian packages.
	copied=0
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
		[ -s "$f" ] || continue
		if grep -qi 'signed-by' "$f" && ! grep -q 'debian-archive-keyring' "$f"; then
			echo "fresh-debian: not copied (not Debian's archive): $f"
			continue
		fi
		mkdir -p "$r$(dirname "$f")"
		cp "$f" "$r$f"
		copied=1
	done
	# Debian's own sources now come from this machine.
	if [ "$copied" -eq 1 ] && [ ! -s /etc/apt/sources.list ]; then
		rm -f "$r/etc/apt/sources.list"
	fi
	# apt: network settings only (Acquire::...), without hooks or credentials.
	for f in /etc/apt/apt.conf /etc/apt/apt.conf.d/*; do
		[ -f "$f" ] || continue
		grep -q 'Acquire' "$f" || continue
		grep -qi 'invoke' "$f" && continue
		grep -v -E '://[^/"]*@' "$f" >"$r/etc/apt/apt.conf.d/${f##*/}" || true
	done
	# npm: global and user configuration, without auth lines or client keys.
	for f in /etc/npmrc /usr/etc/npmrc /root/.npmrc; do
		[ -f "$f" ] || continue
		mkdir -p "$r$(dirname "$f")"
		grep -v -i -E '(_auth|token|password|username|email|^[[:space:]]*//|^[[:space:]]*(cert|key)[[:space:]]*=|://[^/]*@)' \
			"$f" >"$r$f" || true
	done
	# CA certificates this machine added (public certificates only).
	if [ -d /usr/local/share/ca-certificates ]; then
		mkdir -p "$r/usr/local/share/ca-certificates"
		find /usr/local/share/ca-certificates -name '*.crt' -exec cp {} "$r/usr/local/share/ca-certificates/" \;
	fi
	rm -f "$r/etc/resolv.conf"
	cp -L /etc/resolv.conf "$r/etc/resolv.conf"
	[ -s "$r/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n::1\tlocalhost\n' >"$r/etc/hosts"
}

# 1. The cached root.
if [ "$rebuild" -eq 1 ] || [ "$(cat "$marker" 2>/dev/null)" != "$stamp" ]; then
	step "building the Debian 12 root in $root (once; a few minutes)"
	if ! command -v debootstrap >/dev/null 2>&1; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null 2>&1 ||
			{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap; } ||
			die "cannot install debootstrap"
	fi
	rm -f "$marker"
	remove_tree "$root.new"
	remove_tree "$root"
	mkdir -p "$cache"
	# debootstrap downloads with wget: give it apt's proxy, if any.
	proxy=$(apt-config shell p Acquire::http::Proxy | sed -n "s/^p='\(.*\)'$/\1/p")
	[ -n "$proxy" ] && export http_proxy="$proxy"
	debootstrap --variant=minbase "$suite" "$root.new" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$cache/debootstrap.log" >&2; die "debootstrap failed (log: $cache/debootstrap.log)"; }
	copy_settings "$root.new"
	# No service starts inside a chroot (postgresql's would outlive the run).
	printf '#!/bin/sh\nexit 101\n' >"$root.new/usr/sbin/policy-rc.d"
	chmod 755 "$root.new/usr/sbin/policy-rc.d"
	chroot_dir=$root.new
	mount_system "$root.new"
	in_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >>"$cache/debootstrap.log" 2>&1 ||
		die "apt-get update failed in the root (log: $cache/debootstrap.log)"
	# shellcheck disable=SC2086 # the list is split on purpose
	in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $base_pkgs \
		>>"$cache/debootstrap.log" 2>&1 || die "installing $base_pkgs failed (log: $cache/debootstrap.log)"
	in_root update-ca-certificates >/dev/null 2>&1 || true
	in_root apt-get clean
	kill_inside "$root.new" -KILL
	unmount_all
	chroot_dir=""
	mv "$root.new" "$root"
	echo "$stamp" >"$marker"
fi

# 2. A throw-away overlay over it.
mkdir -p "$cache/logs"
tmp=$(mktemp -d "$cache/run-XXXXXX")
mkdir "$tmp/upper" "$tmp/work" "$tmp/merged"
mount_at "$tmp/merged" -t overlay overlay -o "lowerdir=$root,upperdir=$tmp/upper,workdir=$tmp/work"
chroot_dir=$tmp/merged
mount_system "$chroot_dir"
copy_settings "$chroot_dir"
in_root update-ca-certificates >/dev/null 2>&1 || true
if [ -n "$without" ]; then
	step "purging $without from the overlay"
	# shellcheck disable=SC2086
	in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq --autoremove $without >/dev/null 2>&1 ||
		die "could not purge $without"
fi

step "cloning $repo ($ref) into /root/sxsh"
dest=$chroot_dir/root/sxsh
git clone --quiet --no-checkout "$repo" "$dest" || die "git clone $repo failed"
git -C "$dest" checkout --quiet --detach "$ref" 2>/dev/null ||
	git -C "$dest" checkout --quiet --detach "origin/$ref" 2>/dev/null ||
	die "no ref $ref in $repo"
commit=$(git -C "$dest" log -1 --format='%h %s' | cut -c1-72)
node=$(in_root node --version 2>/dev/null || echo "none")
# shellcheck disable=SC2016 # ${Version} is dpkg-query's, not the shell's
nodepkg=$(in_root dpkg-query -W -f='${Version}' nodejs 2>/dev/null || echo "not installed")
npmv=$(in_root npm --version 2>/dev/null || echo "none")
debver=$(cat "$chroot_dir/etc/debian_version")
step "commit $commit; Debian $debver, node $node (nodejs $nodepkg), npm $npmv"

# 3. make run, until /healthz answers.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
step "make run LISTEN=127.0.0.1:$port (log: $cache/logs/run.log)"
t0=$(date +%s)
setsid chroot "$chroot_dir" /usr/bin/env -i HOME=/root PATH=$path TERM=dumb CI=true \
	sh -c "cd /root/sxsh && exec make run LISTEN=127.0.0.1:$port" >"$cache/logs/run.log" 2>&1 &
run_pid=$!
health=""
while :; do
	if health=$(in_root curl -fsS --max-time 5 "http://127.0.0.1:$port/healthz" 2>/dev/null); then
		break
	fi
	health=""
	kill -0 "$run_pid" 2>/dev/null || break
	[ $(($(date +%s) - t0)) -lt "$timeout" ] || break
	sleep 2
done
run_secs=$(($(date +%s) - t0))
kill -TERM "-$run_pid" 2>/dev/null || true
wait "$run_pid" 2>/dev/null || true
if [ -n "$health" ]; then
	run_result="healthz answered \"$(echo "$health" | head -n 1)\" after ${run_secs}s"
	step "make run: $run_result; stopped"
	run_ok=1
else
	run_result="FAILED: no answer from /healthz after ${run_secs}s"
	step "make run: $run_result"
	tail -n 30 "$cache/logs/run.log"
	run_ok=0
fi

# 4. make test.
step "make test (log: $cache/logs/test.log)"
t0=$(date +%s)
{
	rc=0
	in_root sh -c 'cd /root/sxsh && make test' 2>&1 || rc=$?
	echo "$rc" >"$tmp/test.rc"
} | tee "$cache/logs/test.log"
test_rc=$(cat "$tmp/test.rc")
test_secs=$(($(date +%s) - t0))
tests_line=$(grep '^tests: ' "$cache/logs/test.log" | tail -n 1)
browser_line=$(grep -E '^browser: ' "$cache/logs/test.log" | tail -n 1)
browser_env=$(sed -n 's/^browser test: \(node .*\)/\1/p' "$cache/logs/test.log" | tail -n 1)

total=$(($(date +%s) - started))
result=PASSED
[ "$run_ok" -eq 1 ] && [ "$test_rc" -eq 0 ] || result=FAILED
cat <<EOF
== fresh-debian summary
commit     $commit
root       Debian $debver (cached in $root), node $node (nodejs $nodepkg), npm $npmv${without:+, without $without}
make run   $run_result
make test  exit $test_rc after ${test_secs}s
           ${tests_line:-no "tests:" line}
           ${browser_line:-no "browser:" line}${browser_env:+ ($browser_env)}
logs       $cache/logs/run.log, $cache/logs/test.log
result     $result in $((total / 60)) min $((total % 60)) s
EOF
[ "$result" = PASSED ]
