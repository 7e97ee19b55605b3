#!/bin/sh
# The key-user page and a benchmark page, served by two builds side by side
# on one demo database: BEFORE (computing the list and the benchmark on
# every request) and AFTER (keeping them per connection and data
# generation, model/analytics/keyusers.c and benchmark.c).  wrk (2 threads,
# 4 connections, DURATION, default 5 s) alternates between the two servers
# twice per page, a province user signed in on each.  Prints requests/s of
# each run and the ratio after/before of the means.
#
#   bench/ledgercache.sh BEFORE_BUILD_DIR AFTER_BUILD_DIR
#
# Needs wrk (scripts/deps.sh --bench) and curl.  Ports: $SXSH_PORT and the
# next one (default 18094, 18095) on 127.0.0.1.  FACILITIES (default 12151)
# sizes the demo; YEAR (default 2024) and PRODUCT (default milled_rice)
# choose the pages.
set -eu
before=${1:?before build dir}
after=${2:?after build dir}
port=${SXSH_PORT:-18094}
facilities=${FACILITIES:-12151}
duration=${DURATION:-5}
year=${YEAR:-2024}
product=${PRODUCT:-milled_rice}
for b in "$before" "$after"; do
	[ -x "$b/sxsh" ] || { echo "ledgercache.sh: $b/sxsh not found" >&2; exit 1; }
done
command -v wrk >/dev/null 2>&1 || { echo "ledgercache.sh: wrk is missing (scripts/deps.sh --bench)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/sxsh-bench-ledgercache-XXXXXX)
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT INT TERM
db=$tmp/demo.db
pw='bench password 1'
"$after/sxsh" demo --db "$db" --facilities "$facilities" >/dev/null 2>&1
printf '%s\n' "$pw" | "$after/sxsh" user add --db "$db" --role province --email bench@x.vn >/dev/null

# start BUILD PORT: serves db; prints the signed-in session cookie.
start() {
	"$1/sxsh" serve --db "$db" --listen "127.0.0.1:$2" >/dev/null 2>&1 &
	pids="$pids $!"
	i=0
	until curl -fs "http://127.0.0.1:$2/healthz" >/dev/null 2>&1; do
		i=$((i + 1)); [ $i -lt 200 ] || { echo "ledgercache.sh: server did not start" >&2; exit 1; }
		sleep 0.1
	done
	jar=$tmp/jar$2
	curl -fs -c "$jar" "http://127.0.0.1:$2/login" >/dev/null
	pre=$(awk '$6 == "sxsh_csrf" { print $7 }' "$jar")
	curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$pre" \
		--data-urlencode "email=bench@x.vn" --data-urlencode "password=$pw" \
		"http://127.0.0.1:$2/login"
	awk '$6 == "sxsh_session" { print "sxsh_session=" $7 }' "$jar"
}
cb=$(start "$before" "$port")
ca=$(start "$after" $((port + 1)))
[ -n "$cb" ] && [ -n "$ca" ] || { echo "ledgercache.sh: sign-in failed" >&2; exit 1; }

# rps PORT COOKIE PATH
rps() {
	wrk -t2 -c4 -d"${duration}s" -H "Cookie: $2" "http://127.0.0.1:$1$3" |
		awk '/^Requests\/sec:/ { print $2 }'
}
for page in "/keyusers?year=$year" "/benchmark?year=$year&product=$product"; do
	b_all=""
	a_all=""
	for round in 1 2; do
		b=$(rps "$port" "$cb" "$page")
		a=$(rps $((port + 1)) "$ca" "$page")
		printf '%s round %d: before %s req/s, after %s req/s\n' "$page" "$round" "$b" "$a"
		b_all="$b_all $b"
		a_all="$a_all $a"
	done
	echo "$b_all|$a_all" | awk -F'|' -v page="$page" '{
		n = split($1, b, " "); split($2, a, " ")
		for (i = 1; i <= n; i++) { tb += b[i]; ta += a[i] }
		printf "%s mean: before %.1f req/s, after %.1f req/s, ratio %.1f\n", page, tb / n, ta / n, ta / tb
	}'
done
