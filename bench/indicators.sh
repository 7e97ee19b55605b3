#!/bin/sh
# All plan indicators, every year with reports and all five breakdowns
# (unit, sector, class, ownership, size) in one `sxsh kpi --year all --by all`
# computation, on the 12,151-facility demo and on a demo of LARGE facilities
# (default 1,215,100, a hundred times the 12,151-facility province).  Prints
# the computing time of each
# (the best of RUNS, measured inside sxsh with --time), the ratio of times
# and of facilities (linear growth: the two ratios are about equal), and the
# dashboard's first render (GET / on a fresh server, uncached) on each.
#
#   bench/indicators.sh BUILD_DIR
#
# The big demo takes a minute or two and 1-2 GB under $TMPDIR (default
# /tmp); it is deleted at the end.  SKIP_BIG=1 measures the small one only.
# Needs curl.  Port: $SXSH_PORT (default 18090) on 127.0.0.1.
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
case "$build" in
/*) sxsh="$build/sxsh" ;;
*) sxsh="$root/$build/sxsh" ;;
esac
large=${LARGE:-1215100}
runs=${RUNS:-5}
port=${SXSH_PORT:-18090}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sxsh-bench-indicators.XXXXXX")
spid=""
cleanup() {
	[ -n "$spid" ] && kill -TERM "$spid" 2>/dev/null && wait "$spid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# best_ms DB: the fastest of $runs computations, in ms.
best_ms() {
	best=""
	i=0
	while [ "$i" -lt "$runs" ]; do
		ms=$("$sxsh" kpi --db "$1" --year all --by all --format csv --time 2>&1 >/dev/null |
			sed -n 's/^kpi: .*: \([0-9.]*\) ms$/\1/p')
		if [ -z "$best" ] || awk "BEGIN { exit !($ms < $best) }"; then
			best=$ms
		fi
		i=$((i + 1))
	done
	echo "$best"
}

# first_render DB: seconds for the first GET / of a new server (nothing cached).
first_render() {
	"$sxsh" serve --db "$1" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
	spid=$!
	n=0
	until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do
		n=$((n + 1))
		[ "$n" -lt 200 ] || { echo "indicators.sh: server did not start" >&2; exit 1; }
		sleep 0.1
	done
	curl -fs -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/"
	kill -TERM "$spid" && wait "$spid" 2>/dev/null || true
	spid=""
}

small=12151
"$sxsh" demo --db "$tmp/small.db" --facilities "$small" >/dev/null
ms_small=$(best_ms "$tmp/small.db")
dash_small=$(first_render "$tmp/small.db")
printf 'facilities %9d: all indicators, all years, all breakdowns %8.1f ms; ' "$small" "$ms_small"
printf 'dashboard first render %.3f s\n' "$dash_small"

if [ "${SKIP_BIG:-0}" = 1 ]; then
	exit 0
fi
df -h "${TMPDIR:-/tmp}" | tail -1 | awk '{ print "free space under TMPDIR: " $4 }'
"$sxsh" demo --db "$tmp/big.db" --facilities "$large" >/dev/null
ms_big=$(best_ms "$tmp/big.db")
dash_big=$(first_render "$tmp/big.db")
printf 'facilities %9d: all indicators, all years, all breakdowns %8.1f ms; ' "$large" "$ms_big"
printf 'dashboard first render %.3f s\n' "$dash_big"
awk -v a="$ms_small" -v b="$ms_big" -v s="$small" -v l="$large" 'BEGIN {
	n = l / s
	printf "time ratio %.1f for %.1f x the facilities (%.2f of linear)\n", b / a, n, (b / a) / n
}'
