#!/bin/sh
# The reporting workflow under load: 16 concurrent clients (curl loops),
# each signed in as province staff with its own session, submitting annual
# reports through HTTP (POST /facilities/ID/report/YEAR, op=submit: create,
# validate, store and submit in one request) for DURATION seconds (default
# 10), while one more client times GET /facilities/ID and GET /review in
# turn.  Prints submissions per second, the median and p99 latency of the
# two pages under that load, and the number of errors (any status other
# than 303 for a submission or 200 for a page).  The database is a fresh
# `sxsh demo --facilities 300` and one signed-in session shared by the
# clients (sign-ins are throttled per address); client k files years 1900+... for facilities
# k, k+16, ..., so no two requests write the same report.
#   bench/workflow.sh [BUILD_DIR] [DURATION]      (default: build, 10; builds nothing)
set -eu
build=${1:-build}
duration=${2:-10}
clients=16
sxsh=$build/sxsh
[ -x "$sxsh" ] || { echo "bench/workflow.sh: $sxsh not found; run make build first" >&2; exit 1; }
tmp=$(mktemp -d /tmp/sxsh-bench-workflow-XXXXXX)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
db=$tmp/wf.db
pw='bench password 1'
"$sxsh" demo --db "$db" --facilities 300 >/dev/null 2>&1
printf '%s\n' "$pw" | "$sxsh" user add --db "$db" --role province --email bench@x.vn >/dev/null

port=$(( 20000 + $$ % 20000 ))
"$sxsh" serve --db "$db" --listen "127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
i=0
until curl -fs "$base/healthz" >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -lt 100 ] || { echo "server did not start" >&2; exit 1; }
	sleep 0.1
done

# Signs in with cookie jar $1; prints the session's CSRF token.
signin() {
	curl -fs -c "$1" "$base/login" >/dev/null
	pre=$(awk '$6 == "sxsh_csrf" { print $7 }' "$1")
	curl -s -o /dev/null -b "$1" -c "$1" --data-urlencode "csrf=$pre" \
		--data-urlencode "email=bench@x.vn" --data-urlencode "password=$pw" "$base/login"
	curl -fs -b "$1" "$base/review" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1
}

lines='cp_aware=1&cp_staff=1&cp_unit=0&cp_applied=1&n_output=1&output%5B0%5D.product=frozen_seafood&output%5B0%5D.quantity=10.5&output%5B0%5D.unit=t&n_energy=1&energy%5B0%5D.carrier=electricity&energy%5B0%5D.quantity=3596&energy%5B0%5D.unit=kWh&op=submit'
end=$(( $(date +%s) + duration ))

client() {
	k=$1
	jar=$tmp/jar
	n=0
	while [ "$(date +%s)" -lt "$end" ]; do
		fac=$(( k + 1 + (n % 18) * clients ))
		year=$(( 1990 + n / 18 ))
		curl -s -o /dev/null -w '%{http_code}\n' -b "$jar" --data "csrf=$csrf&$lines" \
			"$base/facilities/$fac/report/$year" >>"$tmp/post$k"
		n=$((n + 1))
	done
}

reader() {
	jar=$tmp/jar
	while [ "$(date +%s)" -lt "$end" ]; do
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$jar" \
			"$base/facilities/1" >>"$tmp/facility"
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$jar" \
			"$base/review" >>"$tmp/review"
	done
}

# One session for every client: sign-ins are throttled per address.
csrf=$(signin "$tmp/jar")
[ -n "$csrf" ] || { echo "bench/workflow.sh: sign-in failed" >&2; exit 1; }
start=$(date +%s.%N)
load=
k=0
while [ $k -lt $clients ]; do
	client $k &
	load="$load $!"
	k=$((k + 1))
done
reader &
load="$load $!"
for p in $load; do wait "$p"; done
stop=$(date +%s.%N)

cat "$tmp"/post* >"$tmp/posts"
ok=$(grep -c '^303$' "$tmp/posts" || true)
bad=$(grep -vc '^303$' "$tmp/posts" || true)
pagebad=$(cat "$tmp/facility" "$tmp/review" | awk '$1 != 200' | wc -l)
secs=$(echo "$stop - $start" | bc -l)
# Latency quantiles (seconds -> ms) of the page samples in file $1.
q() {
	awk '{print $2 * 1000}' "$1" | sort -n | awk '{a[NR] = $1}
		END { m = a[int((NR + 1) / 2)]; p = a[int(NR * 0.99 + 0.999)];
		      printf "median %.1f ms, p99 %.1f ms (%d requests)", m, p, NR }'
}
printf 'workflow: %d clients, %.1f s: %d submissions, %.1f submissions/s\n' \
	$clients "$secs" "$ok" "$(echo "$ok / $secs" | bc -l)"
echo "GET /facilities/1 under load: $(q "$tmp/facility")"
echo "GET /review under load: $(q "$tmp/review")"
echo "errors: $bad submissions, $pagebad page requests"
[ "$bad" -eq 0 ] && [ "$pagebad" -eq 0 ]
