#!/bin/sh
# Times `sxsh demo` for the default 12,151 facilities on a fresh temporary
# database, three times, then prints the row counts and, when the sqlite3
# shell is installed, a SHA-256 of every generated row per run (the runs
# must agree: the demo is deterministic).
#   bench/demo.sh [BUILD_DIR]      (default: build; builds nothing)
set -eu
build=${1:-build}
sxsh=$build/sxsh
[ -x "$sxsh" ] || { echo "bench/demo.sh: $sxsh not found; run make build first" >&2; exit 1; }
tmp=$(mktemp -d /tmp/sxsh-bench-demo-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM

tables="facility report report_output report_energy report_water report_material"
digest() {
	for t in $tables; do
		sqlite3 -batch "$1" "SELECT * FROM $t ORDER BY id"
	done | sha256sum | cut -c1-16
}

echo "sxsh demo --facilities 12151 --seed 1 ($(nproc) CPUs, $(uname -m))"
for i in 1 2 3; do
	db=$tmp/demo$i.db
	start=$(date +%s.%N)
	"$sxsh" demo --db "$db" --seed 1 --facilities 12151 >"$tmp/out$i.txt"
	end=$(date +%s.%N)
	line=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f s", e - s }')
	if command -v sqlite3 >/dev/null 2>&1; then
		line="$line  rows sha256 $(digest "$db")"
	fi
	echo "run $i: $line"
done

if command -v sqlite3 >/dev/null 2>&1; then
	echo "rows:"
	for t in $tables; do
		printf '  %-16s %s\n' "$t" "$(sqlite3 -batch "$tmp/demo1.db" "SELECT count(*) FROM $t")"
	done
else
	cat "$tmp/out1.txt"
fi
