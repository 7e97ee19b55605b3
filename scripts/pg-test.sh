#!/bin/sh
# Runs the whole test suite of build directory $1 against a throw-away
# PostgreSQL server:
#   1. installs Debian's postgresql when initdb is missing (apt-get);
#   2. creates a cluster in a mktemp data directory (C locale, UTF-8, trust
#      authentication on 127.0.0.1 only, no Unix socket outside the data
#      directory) and starts it on a free loopback port, as the postgres
#      user when run as root (initdb refuses root);
#   3. exports SXSH_TEST_PG=postgresql://postgres@127.0.0.1:PORT/postgres and
#      runs `meson test -C BUILD` (tu_db_new() then makes one database per
#      test database and drops it at exit);
#   4. stops the server and removes the data directory on exit, failure or
#      interrupt (trap).
# Exit status: the suite's; 77 when PostgreSQL cannot be installed or started
# (the reason is printed on stderr), so callers can tell a skip from a failure.
#
#   scripts/pg-test.sh BUILD [meson test args...]
#   scripts/pg-test.sh --shell BUILD   start the server, print its URL, run $SHELL
set -u
shell_mode=0
if [ "${1:-}" = "--shell" ]; then
	shell_mode=1
	shift
fi
build=${1:-build}
[ $# -gt 0 ] && shift
SKIP=77

skip() {
	echo "pg-test: $*" >&2
	exit $SKIP
}

find_bindir() {
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && echo "$d"
	done | sort -V | tail -n 1
}

bindir=$(find_bindir)
if [ -z "$bindir" ]; then
	echo "pg-test: installing postgresql (Debian package)" >&2
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
	export DEBIAN_FRONTEND=noninteractive
	{ $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends \
		postgresql; } >&2 || skip "apt-get install postgresql failed"
	bindir=$(find_bindir)
	[ -n "$bindir" ] || skip "no initdb found after installing postgresql"
fi

# Run the server tools as postgres when we are root.
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
		echo $((20000 + $$ % 20000))
}

datadir=$(mktemp -d /tmp/sxsh-pg-XXXXXX) || skip "mktemp failed"
[ "$(id -u)" -eq 0 ] && chown postgres "$datadir"
chmod 700 "$datadir"
started=0
cleanup() {
	if [ "$started" -eq 1 ]; then
		as_pg "$bindir/pg_ctl" -D "$datadir/db" -m immediate -w stop >/dev/null 2>&1
	fi
	rm -rf "$datadir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_pg "$bindir/initdb" -D "$datadir/db" -U postgres -A trust -E UTF8 --locale=C \
	>"$datadir/initdb.log" 2>&1 || {
	cat "$datadir/initdb.log" >&2
	skip "initdb failed"
}
port=$(free_port)
# Trust only the loopback address; no TCP elsewhere, socket in the data dir.
printf 'host all all 127.0.0.1/32 trust\n' >"$datadir/db/pg_hba.conf"
as_pg "$bindir/pg_ctl" -D "$datadir/db" -l "$datadir/db/server.log" -w -t 60 \
	-o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$datadir/db \
-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
	start >/dev/null 2>&1 || {
	cat "$datadir/db/server.log" >&2
	skip "the server did not start"
}
started=1
SXSH_TEST_PG="postgresql://postgres@127.0.0.1:$port/postgres"
export SXSH_TEST_PG
echo "pg-test: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $SXSH_TEST_PG" >&2

if [ "$shell_mode" -eq 1 ]; then
	echo "$SXSH_TEST_PG"
	${SHELL:-/bin/sh}
	exit $?
fi
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
meson test -C "$build" --print-errorlogs --num-processes 2 "$@"
