#!/bin/sh
# The dashboard signed in against signed out: GET / with wrk (2 threads,
# 32 connections, DURATION, default 10 s) without a session, then with a
# province user's session cookie, alternating twice in one run.  The
# signed-out page is cached whole; the signed-in one wraps the cached
# content (model/analytics/kpi_cache.h, web/dashboard.c) in the user's own
# layout.  Prints requests/s of each run, the means and the ratio
# signed-in/signed-out (target: at least 0.5).
#
#   bench/signedin.sh [BUILD_DIR]
#
# Needs wrk (scripts/deps.sh --bench) and curl.  Port: $SXSH_PORT (default
# 18092) on 127.0.0.1.  FACILITIES (default 12151) sizes the demo.
set -eu
build=${1:-build}
sxsh=$build/sxsh
port=${SXSH_PORT:-18092}
facilities=${FACILITIES:-12151}
duration=${DURATION:-10}
[ -x "$sxsh" ] || { echo "signedin.sh: $sxsh not found; run make build first" >&2; exit 1; }
command -v wrk >/dev/null 2>&1 || { echo "signedin.sh: wrk is missing (scripts/deps.sh --bench)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/sxsh-bench-signedin-XXXXXX)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
db=$tmp/demo.db
pw='bench password 1'
"$sxsh" demo --db "$db" --facilities "$facilities" >/dev/null 2>&1
printf '%s\n' "$pw" | "$sxsh" user add --db "$db" --role province --email bench@x.vn >/dev/null

"$sxsh" serve --db "$db" --listen "127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
i=0
until curl -fs "$base/healthz" >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -lt 200 ] || { echo "signedin.sh: server did not start" >&2; exit 1; }
	sleep 0.1
done

jar=$tmp/jar
curl -fs -c "$jar" "$base/login" >/dev/null
pre=$(awk '$6 == "sxsh_csrf" { print $7 }' "$jar")
curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$pre" \
	--data-urlencode "email=bench@x.vn" --data-urlencode "password=$pw" "$base/login"
session=$(awk '$6 == "sxsh_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "signedin.sh: sign-in failed" >&2; exit 1; }
cookie="sxsh_session=$session"
curl -fs -H "Cookie: $cookie" "$base/" | grep -q 'bench@x.vn' ||
	{ echo "signedin.sh: the signed-in dashboard does not name the user" >&2; exit 1; }

rps() {
	wrk -t2 -c32 -d"${duration}s" "$@" "$base/" | awk '/^Requests\/sec:/ { print $2 }'
}

wrk -t2 -c32 -d2s "$base/" >/dev/null # compute and cache
out_all=""
in_all=""
for round in 1 2; do
	o=$(rps)
	s=$(rps -H "Cookie: $cookie")
	printf 'round %d: signed out %s req/s, signed in %s req/s\n' "$round" "$o" "$s"
	out_all="$out_all $o"
	in_all="$in_all $s"
done
echo "$out_all|$in_all" | awk -F'|' '{
	n = split($1, o, " "); split($2, s, " ")
	for (i = 1; i <= n; i++) { to += o[i]; ts += s[i] }
	printf "mean: signed out %.0f req/s, signed in %.0f req/s, ratio %.2f (target >= 0.5)\n",
		to / n, ts / n, ts / to
}'
