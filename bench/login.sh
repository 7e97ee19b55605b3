#!/bin/sh
# The cost of one sign-in (Argon2id, model/accounts/user.h parameters), measured two
# ways on a fresh temporary database:
#   1. 20 sign-ins through curl against `sxsh serve` on a loopback port
#      (GET /login once for the pre-session CSRF token, then 20 POST /login),
#      one after the other: wall time per sign-in, end to end;
#   2. the peak resident memory of `sxsh user passwd`, which hashes one
#      password, against `sxsh user list`, which hashes none: the difference
#      is the memory one hash takes.
#   bench/login.sh [BUILD_DIR]      (default: build; builds nothing)
set -eu
build=${1:-build}
sxsh=$build/sxsh
[ -x "$sxsh" ] || { echo "bench/login.sh: $sxsh not found; run make build first" >&2; exit 1; }
tmp=$(mktemp -d /tmp/sxsh-bench-login-XXXXXX)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
db=$tmp/login.db
pw='bench password 1'
"$sxsh" init --db "$db" >/dev/null
printf '%s\n' "$pw" | "$sxsh" user add --db "$db" --role province --email bench@x.vn >/dev/null

port=$(( 20000 + $$ % 20000 ))
"$sxsh" serve --db "$db" --listen "127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -lt 100 ] || { echo "server did not start" >&2; exit 1; }
	sleep 0.1
done
jar=$tmp/cookies
curl -fs -c "$jar" "http://127.0.0.1:$port/login" >/dev/null
csrf=$(awk '$6 == "sxsh_csrf" { print $7 }' "$jar")
n=20
start=$(date +%s.%N)
for i in $(seq $n); do
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" \
		--data-urlencode "csrf=$csrf" --data-urlencode "email=bench@x.vn" \
		--data-urlencode "password=$pw" "http://127.0.0.1:$port/login")
	[ "$code" = 303 ] || { echo "sign-in $i answered $code" >&2; exit 1; }
done
end=$(date +%s.%N)
echo "sign-in through HTTP: $n in $(awk -v s="$start" -v e="$end" -v n=$n \
	'BEGIN { printf "%.2f s, %.0f ms each", e - s, (e - s) * 1000 / n }') ($(nproc) CPUs, $(uname -m))"

with=$(printf '%s\n' "$pw" | /usr/bin/time -f %M "$sxsh" user passwd --db "$db" --email bench@x.vn 2>&1 >/dev/null | tail -1)
without=$(/usr/bin/time -f %M "$sxsh" user list --db "$db" 2>&1 >/dev/null | tail -1)
echo "peak RSS: user passwd $with KiB, user list $without KiB: one hash takes $(( (with - without) / 1024 )) MiB"
