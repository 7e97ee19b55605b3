#!/bin/sh
# The campaign workbook import at the province's size (issue 12, item 7):
#   1. a filled workbook of the 12,151-facility demo province, one report per
#      facility (a product line, an electricity line typed as Vietnamese
#      text, the CP status), written by bench/wbgen.c with libxlsxwriter for
#      a year the demo has no reports of, imported with `sxsh import
#      workbook` first as a dry run, then for real: target < 10 s;
#   2. the peak resident memory (/usr/bin/time -v) of reading a 50 MB .xlsx
#      of 1,000,000 rows x 12 columns (a sheet the import does not know, so
#      the reader alone streams it): target < 100 MB.
#   bench/workbook_import.sh [BUILD_DIR]      (default: build; builds nothing but wbgen)
set -eu
build=${1:-build}
sxsh=$build/sxsh
[ -x "$sxsh" ] || { echo "bench/workbook_import.sh: $sxsh not found; run make build first" >&2; exit 1; }
tmp=$(mktemp -d /tmp/sxsh-bench-wbi-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
db=$tmp/demo.db
now() { date +%s.%N; }
secs() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", e - s }'; }
rss() { awk -F: '/Maximum resident set size/ { printf "%.1f MB", $2 / 1024 }' "$1"; }

cc -O2 -o "$tmp/wbgen" "$(dirname "$0")/wbgen.c" $(pkg-config --cflags --libs xlsxwriter)
"$sxsh" demo --db "$db" --seed 1 --facilities 12151 >/dev/null
year=$(sqlite3 -batch "$db" "SELECT coalesce(max(year), 2024) + 1 FROM report")
sqlite3 -batch "$db" "SELECT code FROM facility ORDER BY code" > "$tmp/codes"
n=$(wc -l < "$tmp/codes")
"$tmp/wbgen" fill "$year" "$tmp/filled.xlsx" < "$tmp/codes"
echo "filled workbook: $n facilities, year $year, $(stat -c %s "$tmp/filled.xlsx") bytes ($(nproc) CPUs, $(uname -m))"

s=$(now)
/usr/bin/time -v -o "$tmp/dry.time" "$sxsh" import workbook "$tmp/filled.xlsx" --dry-run --db "$db" > "$tmp/dry.out"
e=$(now)
echo "sxsh import workbook --dry-run: $(secs "$s" "$e") s, peak RSS $(rss "$tmp/dry.time"): $(head -1 "$tmp/dry.out")"
s=$(now)
/usr/bin/time -v -o "$tmp/imp.time" "$sxsh" import workbook "$tmp/filled.xlsx" --db "$db" > "$tmp/imp.out"
e=$(now)
echo "sxsh import workbook: $(secs "$s" "$e") s, peak RSS $(rss "$tmp/imp.time"): $(head -1 "$tmp/imp.out")"
echo "reports of $year stored: $(sqlite3 -batch "$db" "SELECT count(*) FROM report WHERE year = $year")"

"$tmp/wbgen" big 1000000 12 "$tmp/big.xlsx"
s=$(now)
/usr/bin/time -v -o "$tmp/big.time" "$sxsh" import workbook "$tmp/big.xlsx" --dry-run --year "$year" --db "$db" > /dev/null 2>"$tmp/big.err" || true
e=$(now)
echo "reading a $(stat -c %s "$tmp/big.xlsx")-byte .xlsx (1,000,000 rows x 12): $(secs "$s" "$e") s, peak RSS $(rss "$tmp/big.time") ($(head -c 120 "$tmp/big.err"))"
