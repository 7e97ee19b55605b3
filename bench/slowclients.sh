#!/bin/sh
# GET /healthz latency with and without slow clients, side by side in one
# run: the HTTP test tests/http/test_slowclients.c (already built in BUILD)
# runs ROUNDS times against BUILD/sxsh; each round measures /healthz
#   - idle, then under 1,100 connections from 127.0.0.2 sending a request
#     head one byte a second (per-address limit 64, head timeout 5 s);
#   - idle, then during 8 concurrent wrong-password sign-ins (real Argon2id).
# Prints each round's median, p99 and maximum in ms, then per condition the
# median over rounds of the p99 and its ratio to the idle p99.
#   bench/slowclients.sh [BUILD_DIR] [ROUNDS]     (defaults: build, 5)
set -eu
build=${1:-build}
rounds=${2:-5}
test=$build/http_test_slowclients
[ -x "$test" ] && [ -x "$build/sxsh" ] || {
	echo "bench/slowclients.sh: $test not found; run make build first" >&2
	exit 1
}
tmp=$(mktemp -d /tmp/sxsh-bench-slow-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
i=0
while [ $i -lt "$rounds" ]; do
	i=$((i + 1))
	# The test's own stdout carries the figures; the server's log is not needed.
	SXSH_BIN=$build/sxsh "$test" 2>/dev/null >"$tmp/round.out" || {
		echo "round $i failed:" >&2
		grep -E 'FAILED|healthz' "$tmp/round.out" >&2 || true
	}
	sed -n 's/^healthz \(.*\): \([0-9]*\) requests, median \([0-9.]*\) ms, p99 \([0-9.]*\) ms, max \([0-9.]*\) ms$/\1|\2|\3|\4|\5/p' \
		"$tmp/round.out" | sed "s/^/$i|/" >>"$tmp/all"
done
echo "healthz (ms) per round: round | condition | requests | median | p99 | max"
sed 's/|/ | /g' "$tmp/all"
echo
echo "median over $rounds rounds of the p99 (ms), and its ratio to the idle p99 of the same test:"
awk -F'|' '
	{ p99[$2] = p99[$2] " " $5 }
	function median(list,   a, n, i, j, t) {
		n = split(list, a, " ")
		for (i = 1; i <= n; i++)
			for (j = i + 1; j <= n; j++)
				if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	END {
		base["under 1,100 slow connections"] = "without slow connections"
		base["during 8 concurrent sign-ins"] = "without sign-ins"
		for (c in base) {
			m = median(p99[c]); b = median(p99[base[c]])
			printf "  %-30s p99 %6.2f   %-26s p99 %6.2f   ratio %.1f\n", c, m, base[c], b, (b > 0 ? m / b : 0)
		}
	}' "$tmp/all"
