#!/bin/sh
# SQLite against PostgreSQL, and one PostgreSQL-backed instance against two,
# in one run on one machine.  The same demo province (FACILITIES, default
# 12,151) is made with `sxsh demo` into SQLite and moved into PostgreSQL
# with `sxsh copy`; then, for each of
#   sqlite   one `sxsh serve` on the SQLite file
#   pg1      one `sxsh serve` on the PostgreSQL database
#   pg2      two `sxsh serve` processes on that same database
# it measures with wrk (DURATION each, default 10s):
#   dashboard  GET / signed out (rendered once per database generation,
#              then served from memory): 32 connections;
#   search     GET /api/v1/facilities?q=ca&limit=20 (a search query on
#              every request, never cached): 32 connections;
#   submit     POST /api/v1/reports as province staff with an API token:
#              16 connections, each request a new report (facility, year
#              never repeated) with one output and one energy line,
#              validated, stored and audited in one write transaction.
# For pg2 the connections are split evenly over the two instances (one wrk
# per instance, run together) and the rates added.  Prints a table of
# requests/s and the ratios pg1/sqlite and pg2/pg1; non-2xx answers are
# counted and make the run fail.
#
#   bench/pg.sh [BUILD_DIR]        (default build; builds nothing)
#
# PostgreSQL: $SXSH_TEST_PG when set (a server URL; the bench creates and
# drops its own database there), else a throw-away cluster started through
# scripts/pg-test.sh (installs Debian's postgresql when missing).  Needs
# wrk and curl (scripts/deps.sh --bench).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${SXSH_BENCH_BUILD:-build}}
case "$build" in
/*) ;;
*) build="$root/$build" ;;
esac
sxsh=$build/sxsh
[ -x "$sxsh" ] || { echo "bench/pg.sh: $sxsh not found; run make build first" >&2; exit 1; }
for tool in wrk curl; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "bench/pg.sh: $tool is missing (scripts/deps.sh --bench)" >&2
		exit 1
	}
done

# Without a server, run this script again inside a throw-away cluster.
if [ -z "${SXSH_TEST_PG:-}" ]; then
	SXSH_BENCH_BUILD=$build SHELL="$root/bench/pg.sh" exec "$root/scripts/pg-test.sh" --shell "$build"
fi

facilities=${FACILITIES:-12151}
duration=${DURATION:-10s}
tmp=$(mktemp -d /tmp/sxsh-bench-pg-XXXXXX)
pids=""
dbname="sxsh_bench_$$"
base=${SXSH_TEST_PG%%\?*}
pgurl="${base%/*}/$dbname"
admin() { # runs one SQL statement on the server's maintenance database
	printf '%s\n' "$1" | "$(ls /usr/lib/postgresql/*/bin/psql | tail -n 1)" -q "$SXSH_TEST_PG" >/dev/null
}
stop_servers() {
	for p in $pids; do kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	pids=""
}
cleanup() {
	stop_servers
	admin "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Starts `sxsh serve` on database $1 and sets $port.
serve() {
	port=$(free_port)
	"$sxsh" serve --db "$1" --listen "127.0.0.1:$port" >>"$tmp/serve.out" 2>>"$tmp/serve.err" &
	pids="$pids $!"
	i=0
	until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 400 ] || { echo "bench/pg.sh: sxsh serve did not start" >&2; tail -5 "$tmp/serve.err" >&2; exit 1; }
		sleep 0.05
	done
}

pw='bench password 1'
# Adds the bench user to database $1 and sets $token to a new API token
# for it (signs in through a temporary server and asks /account/tokens).
token_for() {
	printf '%s\n' "$pw" | "$sxsh" user add --db "$1" --role province --email bench@x.vn >/dev/null
	serve "$1"
	u="http://127.0.0.1:$port"
	jar=$tmp/jar.$port
	curl -fs -c "$jar" "$u/login" >/dev/null
	pre=$(awk '$6 == "sxsh_csrf" { print $7 }' "$jar")
	curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$pre" \
		--data-urlencode "email=bench@x.vn" --data-urlencode "password=$pw" "$u/login"
	csrf=$(curl -fs -b "$jar" "$u/account" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
	token=$(curl -fs -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "name=bench" \
		"$u/account/tokens" | sed -n 's/.*<code class="secret">\([^<]*\)<.*/\1/p' | head -n 1)
	stop_servers
	[ -n "$token" ] || { echo "bench/pg.sh: could not get an API token" >&2; exit 1; }
}

# wrk's script for the submissions: request k of thread t of part p of P
# files report number n = OFFSET + (k * threads + t) * P + p, for facility
# n mod F + 1 and a year the demo leaves free (1990-2011, then 2026-2100):
# 97 free years per facility.  pg2 writes to pg1's database, so it starts
# at OFFSET = half of those F * 97 slots.
cat >"$tmp/submit.lua" <<'EOF'
-- tid is a global: setup() sets it in each thread's own Lua state.
local threads, counter = {}, 0
tid = 0
local nthreads, part, parts, nfac, token, offset = 2, 0, 1, 1, "", 0
function setup(thread)
	thread:set("tid", #threads)
	table.insert(threads, thread)
end
function init(args)
	nthreads = tonumber(args[1]); part = tonumber(args[2]); parts = tonumber(args[3])
	nfac = tonumber(args[4]); token = args[5]; offset = tonumber(args[6])
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
	wrk.headers["Authorization"] = "Bearer " .. token
end
function request()
	local n = offset + (counter * nthreads + tid) * parts + part
	counter = counter + 1
	local fac = n % nfac + 1
	local y = math.floor(n / nfac)
	local year = y < 22 and 1990 + y or 2026 + (y - 22)
	local body = string.format('{"facility_id":%d,"year":%d,"cp_aware":true,' ..
		'"energy":[{"carrier":"electricity","quantity":%d,"unit":"kWh"}]}', fac, year, 1000 + n % 977)
	return wrk.format(nil, "/api/v1/reports", nil, body)
end
EOF

# Measures one kind ($1: dashboard|search|submit) against the ports in $2
# (space-separated) with $3 connections and 2 wrk threads in total, split
# evenly over the ports; prints requests/s summed over the ports.
measure() {
	kind=$1
	ports=$2
	conns=$3
	nports=$(echo "$ports" | wc -w)
	per=$((conns / nports))
	thr=$((2 / nports))
	part=0
	wrks=""
	rm -f "$tmp"/out.*
	for p in $ports; do
		u="http://127.0.0.1:$p"
		case "$kind" in
		dashboard) wrk -t"$thr" -c"$per" -d"$duration" "$u/" >"$tmp/out.$part" 2>&1 & ;;
		search) wrk -t"$thr" -c"$per" -d"$duration" "$u/api/v1/facilities?q=ca&limit=20" \
			>"$tmp/out.$part" 2>&1 & ;;
		submit) wrk -t"$thr" -c"$per" -d"$duration" -s "$tmp/submit.lua" "$u" -- "$thr" \
			"$part" "$nports" "$facilities" "$token" "$offset" >"$tmp/out.$part" 2>&1 & ;;
		esac
		wrks="$wrks $!"
		part=$((part + 1))
	done
	for w in $wrks; do wait "$w"; done
	rps=$(cat "$tmp"/out.* | awk '/^Requests\/sec:/ { s += $2 } END { printf "%.1f", s }')
	bad=$(cat "$tmp"/out.* | awk '/Non-2xx or 3xx responses:/ { s += $NF } END { print s + 0 }')
	if [ "$bad" -ne 0 ] || [ "$rps" = "0.0" ]; then
		echo "bench/pg.sh: $kind: $bad answers were not 2xx/3xx" >&2
		cat "$tmp"/out.* >&2
		tail -5 "$tmp/serve.err" >&2
		exit 1
	fi
	echo "$rps"
}

echo "demo province: $facilities facilities; wrk $duration per measurement; $(nproc) CPUs"
"$sxsh" demo --db "$tmp/demo.db" --facilities "$facilities" >/dev/null
admin "CREATE DATABASE $dbname TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
start=$(date +%s.%N)
"$sxsh" copy --from "$tmp/demo.db" --to "$pgurl" >/dev/null
echo "sxsh copy SQLite -> PostgreSQL: $(echo "$(date +%s.%N) - $start" | bc -l | xargs printf '%.2f') s"

# One run per setup; the token of each database is made first.
results=""
for setup in sqlite pg1 pg2; do
	case "$setup" in
	sqlite) db=$tmp/demo.db ;;
	*) db=$pgurl ;;
	esac
	[ "$setup" != pg2 ] && token_for "$db"
	offset=0
	[ "$setup" = pg2 ] && offset=$((facilities * 97 / 2))
	serve "$db"
	ports=$port
	if [ "$setup" = pg2 ]; then
		serve "$db"
		ports="$ports $port"
	fi
	for p in $ports; do # render and cache the dashboard on each instance
		curl -sf "http://127.0.0.1:$p/" >/dev/null
	done
	d=$(measure dashboard "$ports" 32)
	s=$(measure search "$ports" 32)
	w=$(measure submit "$ports" 16)
	stop_servers
	results="$results$setup $d $s $w
"
done

echo
printf '%-8s %14s %14s %14s\n' setup "dashboard/s" "search/s" "submissions/s"
printf '%s' "$results" | awk '{ printf "%-8s %14.1f %14.1f %14.1f\n", $1, $2, $3, $4 }'
printf '%s' "$results" | awk '
	{ d[$1] = $2; s[$1] = $3; w[$1] = $4 }
	END {
		printf "ratio pg1/sqlite %9.2f %14.2f %14.2f\n", d["pg1"] / d["sqlite"], s["pg1"] / s["sqlite"], w["pg1"] / w["sqlite"]
		printf "ratio pg2/pg1    %9.2f %14.2f %14.2f\n", d["pg2"] / d["pg1"], s["pg2"] / s["pg1"], w["pg2"] / w["pg1"]
	}'
