#!/bin/sh
# The public dashboard's cache under private writes: GET / with wrk
# (2 threads, 32 connections, DURATION, default 10 s) alone, then while one
# client re-saves a draft report as fast as it can (a curl loop posting
# op=save to the report form, each save one version later), alternating
# twice in one run.  A draft changes no public figure, so it must leave the
# cached dashboard alone.  Prints requests/s of each run, the draft saves
# per second, the means and the ratio with/without (target: at least 0.5).
#
#   bench/publiccache.sh [BUILD_DIR]
#
# Needs wrk (scripts/deps.sh --bench), curl and sqlite3.  Port: $SXSH_PORT
# (default 18090) on 127.0.0.1.  FACILITIES (default 12151) sizes the demo.
set -eu
build=${1:-build}
sxsh=$build/sxsh
port=${SXSH_PORT:-18090}
facilities=${FACILITIES:-12151}
duration=${DURATION:-10}
[ -x "$sxsh" ] || { echo "publiccache.sh: $sxsh not found; run make build first" >&2; exit 1; }
command -v wrk >/dev/null 2>&1 || { echo "publiccache.sh: wrk is missing (scripts/deps.sh --bench)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/sxsh-bench-cache-XXXXXX)
pid=
wpid=
trap '[ -n "$wpid" ] && kill "$wpid" 2>/dev/null; [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
db=$tmp/demo.db
pw='bench password 1'
"$sxsh" demo --db "$db" --facilities "$facilities" >/dev/null 2>&1
printf '%s\n' "$pw" | "$sxsh" user add --db "$db" --role province --email bench@x.vn >/dev/null
# A facility with no report for 1995: the draft is created there.
fac=$(sqlite3 "$db" "SELECT id FROM facility WHERE NOT EXISTS (SELECT 1 FROM report r
	WHERE r.facility_id = facility.id AND r.year = 1995) ORDER BY id LIMIT 1")

"$sxsh" serve --db "$db" --listen "127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
i=0
until curl -fs "$base/healthz" >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -lt 200 ] || { echo "publiccache.sh: server did not start" >&2; exit 1; }
	sleep 0.1
done

jar=$tmp/jar
curl -fs -c "$jar" "$base/login" >/dev/null
pre=$(awk '$6 == "sxsh_csrf" { print $7 }' "$jar")
curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$pre" \
	--data-urlencode "email=bench@x.vn" --data-urlencode "password=$pw" "$base/login"
csrf=$(curl -fs -b "$jar" "$base/review" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
[ -n "$csrf" ] || { echo "publiccache.sh: sign-in failed" >&2; exit 1; }

form='cp_aware=1&cp_staff=1&cp_unit=0&cp_applied=1&n_output=1&output%5B0%5D.product=frozen_seafood&output%5B0%5D.quantity=10.5&output%5B0%5D.unit=t&n_energy=1&energy%5B0%5D.carrier=electricity&energy%5B0%5D.quantity=3596&energy%5B0%5D.unit=kWh&op=save'
url="$base/facilities/$fac/report/1995"
# Creates the draft (version 1).
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" --data "csrf=$csrf&$form" "$url")
[ "$code" = 303 ] || { echo "publiccache.sh: creating the draft answered $code" >&2; exit 1; }

# Re-saves the draft until killed, from the version its form shows; one
# line per answer in $tmp/saves.
writer() {
	v=$(curl -fs -b "$jar" "$url" | sed -n 's/.*name="version" value="\([0-9]*\)".*/\1/p' | head -n 1)
	while :; do
		c=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" \
			--data "csrf=$csrf&version=$v&$form" "$url")
		echo "$c" >>"$tmp/saves"
		[ "$c" = 303 ] && v=$((v + 1))
	done
}

rps() {
	wrk -t2 -c32 -d"${duration}s" "$base/" | awk '/^Requests\/sec:/ { print $2 }'
}

wrk -t2 -c32 -d2s "$base/" >/dev/null # render and cache the page
alone_all=""
with_all=""
saves_all=""
for round in 1 2; do
	a=$(rps)
	: >"$tmp/saves"
	writer &
	wpid=$!
	w=$(rps)
	kill "$wpid" 2>/dev/null
	wait "$wpid" 2>/dev/null || true
	wpid=
	ok=$(grep -c '^303$' "$tmp/saves" || true)
	bad=$(grep -vc '^303$' "$tmp/saves" || true)
	[ "$bad" -eq 0 ] || { echo "publiccache.sh: $bad draft saves failed: $(sort "$tmp/saves" | uniq -c | tr "\n" " ")" >&2; exit 1; }
	s=$(echo "$ok / $duration" | bc -l)
	printf 'round %d: dashboard alone %s req/s, with a draft writer %s req/s (%.0f saves/s)\n' \
		"$round" "$a" "$w" "$s"
	alone_all="$alone_all $a"
	with_all="$with_all $w"
	saves_all="$saves_all $s"
done
echo "$alone_all|$with_all|$saves_all" | awk -F'|' '{
	n = split($1, a, " "); split($2, w, " "); split($3, s, " ")
	for (i = 1; i <= n; i++) { ta += a[i]; tw += w[i]; ts += s[i] }
	printf "mean: alone %.0f req/s, with writer %.0f req/s (%.0f saves/s), ratio %.2f (target >= 0.5)\n",
		ta / n, tw / n, ts / n, tw / ta
}'
