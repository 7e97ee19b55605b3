#!/bin/sh
# Dashboard throughput: `sxsh serve` answering GET / against nginx serving a
# saved copy of the same page, both measured in one run with wrk (2 threads,
# 32 connections, 10 s), alternating twice.  Prints requests/s of each run,
# the means and the ratio sxsh/nginx (target: at least 0.20).
#
#   bench/dashboard.sh BUILD_DIR
#
# Needs wrk, nginx (scripts/deps.sh --bench) and curl.  Ports: $SXSH_PORT
# (default 18080) and $NGINX_PORT (default 18081) on 127.0.0.1.
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
case "$build" in
/*) sxsh="$build/sxsh" ;;
*) sxsh="$root/$build/sxsh" ;;
esac
sport=${SXSH_PORT:-18080}
nport=${NGINX_PORT:-18081}
facilities=${FACILITIES:-12151}
duration=${DURATION:-10s}

for tool in wrk nginx curl; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "dashboard.sh: $tool is missing (scripts/deps.sh --bench)" >&2
		exit 1
	}
done

tmp=$(mktemp -d /tmp/sxsh-bench-dashboard.XXXXXX)
spid=""
npid=""
cleanup() {
	[ -n "$spid" ] && kill -TERM "$spid" 2>/dev/null && wait "$spid" 2>/dev/null
	[ -n "$npid" ] && kill -QUIT "$npid" 2>/dev/null && wait "$npid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

if [ -n "${DB:-}" ]; then
	echo "database: copy of $DB"
	cp "$DB" "$tmp/demo.db"
else
	echo "demo database: $facilities facilities"
	"$sxsh" demo --db "$tmp/demo.db" --facilities "$facilities" >/dev/null
fi

"$sxsh" serve --db "$tmp/demo.db" --listen "127.0.0.1:$sport" >"$tmp/serve.out" 2>"$tmp/serve.err" &
spid=$!
i=0
until curl -sf "http://127.0.0.1:$sport/healthz" >/dev/null 2>&1; do
	i=$((i + 1))
	if [ $i -gt 200 ] || ! kill -0 "$spid" 2>/dev/null; then
		echo "dashboard.sh: sxsh serve did not start" >&2
		tail -5 "$tmp/serve.err" >&2
		exit 1
	fi
	sleep 0.05
done

mkdir -p "$tmp/www"
curl -sf "http://127.0.0.1:$sport/" >"$tmp/www/index.html"
# nginx workers may run as an unprivileged user: let them read the copy.
chmod 755 "$tmp" "$tmp/www"
chmod 644 "$tmp/www/index.html"
echo "page: $(wc -c <"$tmp/www/index.html") bytes"

sed -e "s|@TMP@|$tmp|g" -e "s|@ROOT@|$tmp/www|g" -e "s|@PORT@|$nport|g" \
	"$root/bench/nginx.conf" >"$tmp/nginx.conf"
nginx -e "$tmp/nginx-error.log" -p "$tmp" -c "$tmp/nginx.conf" &
npid=$!
i=0
until curl -sf "http://127.0.0.1:$nport/" >/dev/null 2>&1; do
	i=$((i + 1))
	if [ $i -gt 200 ] || ! kill -0 "$npid" 2>/dev/null; then
		echo "dashboard.sh: nginx did not start" >&2
		tail -5 "$tmp/nginx-error.log" >&2
		exit 1
	fi
	sleep 0.05
done

# One wrk run; prints its requests/s.
rps() {
	wrk -t2 -c32 -d"$duration" "$1" | awk '/^Requests\/sec:/ { print $2 }'
}

# Warm both up (the first sxsh request renders and caches the page).
wrk -t2 -c32 -d2s "http://127.0.0.1:$sport/" >/dev/null
wrk -t2 -c32 -d2s "http://127.0.0.1:$nport/" >/dev/null

s_all=""
n_all=""
for round in 1 2; do
	s=$(rps "http://127.0.0.1:$sport/")
	n=$(rps "http://127.0.0.1:$nport/")
	echo "round $round: sxsh $s req/s, nginx $n req/s"
	s_all="$s_all $s"
	n_all="$n_all $n"
done
echo "$s_all|$n_all" | awk -F'|' '{
	ns = split($1, s, " "); nn = split($2, n, " ")
	for (i = 1; i <= ns; i++) ts += s[i]
	for (i = 1; i <= nn; i++) tn += n[i]
	ms = ts / ns; mn = tn / nn
	printf "mean: sxsh %.0f req/s, nginx %.0f req/s, ratio sxsh/nginx %.2f (target >= 0.20)\n", ms, mn, ms / mn
}'
