#!/bin/sh
# Times the campaign workbooks of the 12,151-facility demo province: one
# campaign of kind both over the whole province (`sxsh campaign open`), then
# `sxsh campaign workbook ID --unit U` for each of its 15 districts, each
# timed on its own, with the facilities, rows and size of each workbook and
# the total.  Target (issue 12): each well under 10 s.
#   bench/campaign_workbooks.sh [BUILD_DIR]      (default: build; builds nothing)
set -eu
build=${1:-build}
sxsh=$build/sxsh
[ -x "$sxsh" ] || { echo "bench/campaign_workbooks.sh: $sxsh not found; run make build first" >&2; exit 1; }
tmp=$(mktemp -d /tmp/sxsh-bench-camp-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
db=$tmp/demo.db
now() { date +%s.%N; }
secs() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", e - s }'; }

"$sxsh" demo --db "$db" --seed 1 --facilities 12151 >/dev/null
s=$(now)
id=$("$sxsh" campaign open --db "$db" --year 2025 --kind both --deadline 2026-03-31 2>/dev/null)
e=$(now)
echo "sxsh campaign open (12,151 facilities, kind both): $(secs "$s" "$e") s, campaign $id ($(nproc) CPUs, $(uname -m))"
units=$(sqlite3 -batch "$db" "SELECT DISTINCT u.code FROM campaign_facility cf JOIN admin_unit u ON u.id = cf.unit_id WHERE cf.campaign_id = $id ORDER BY u.code")
total_s=$(now)
printf '%-20s %10s %8s %10s\n' unit facilities seconds bytes
for u in $units; do
	n=$(sqlite3 -batch "$db" "SELECT count(*) FROM campaign_facility cf JOIN admin_unit u ON u.id = cf.unit_id WHERE cf.campaign_id = $id AND u.code = '$u'")
	s=$(now)
	"$sxsh" campaign workbook "$id" --unit "$u" -o "$tmp/$u.xlsx" --db "$db"
	e=$(now)
	printf '%-20s %10s %8s %10s\n' "$u" "$n" "$(secs "$s" "$e")" "$(stat -c %s "$tmp/$u.xlsx")"
done
total_e=$(now)
echo "total: $(echo "$units" | wc -l) workbooks in $(secs "$total_s" "$total_e") s"
