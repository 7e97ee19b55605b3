#!/bin/sh
# Import benchmark: times `sxsh import reports` on 100,000 report rows against
# the sqlite3 shell's `.import` of the same CSV into a bare table, three runs
# each in this one run, and prints the ratio of the medians.
#   bench/import.sh BUILD_DIR [ROWS]
# The data are synthetic: 10,000 facilities, each with 10 report rows (one
# output, eight monthly electricity lines, one water line) per year.
set -eu
build=${1:-build}
rows=${2:-100000}
sxsh="$(cd "$build" && pwd)/sxsh"
work=$(mktemp -d /tmp/sxsh-bench-import.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work"

nfac=10000
awk -v n="$nfac" 'BEGIN {
	print "code,tax_code,name,sector,admin_unit,address,lat,lon,ownership,size,employees,opened_year,closed_year,status"
	for (i = 1; i <= n; i++)
		printf "B%05d,,Cơ sở %d,1020,rach-gia,,,,private,small,%d,2000,,active\n", i, i, i % 500
}' > facilities.csv
# Ten rows per (facility, year): output, electricity months 1-8, tap water.
awk -v rows="$rows" -v n="$nfac" 'BEGIN {
	print "facility_code,year,status,cp_aware,cp_staff,cp_unit,cp_applied,line,item,product,month,quantity,unit,cost_vnd"
	r = 0
	for (y = 2015; r < rows; y++)
		for (i = 1; i <= n && r < rows; i++) {
			f = sprintf("B%05d,%d,submitted,1,0,,1", i, y)
			printf "%s,output,,frozen_shrimp,,%d.5,t,\n", f, 100 + i % 900; r++
			for (m = 1; m <= 8 && r < rows; m++) {
				printf "%s,energy,electricity,,%d,%d,kWh,%d\n", f, m, 1000 + (i * m) % 5000, 2000 * (1000 + (i * m) % 5000); r++
			}
			if (r < rows) { printf "%s,water,tap,,,%d,m3,\n", f, 50 + i % 70; r++ }
		}
}' > reports.csv

now() { date +%s.%N; }
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }

t_sxsh=""
t_sql=""
for rep in 1 2 3; do
	rm -f sxsh.db sxsh.db-wal sxsh.db-shm bare.db
	"$sxsh" init --db sxsh.db > /dev/null
	"$sxsh" import facilities facilities.csv --db sxsh.db > /dev/null
	t0=$(now)
	"$sxsh" import reports reports.csv --db sxsh.db > /dev/null
	t1=$(now)
	sqlite3 bare.db '.mode csv' '.import reports.csv t'
	t2=$(now)
	t_sxsh="$t_sxsh $(echo "$t1 - $t0" | bc -l)"
	t_sql="$t_sql $(echo "$t2 - $t1" | bc -l)"
done
n=$(sqlite3 sxsh.db 'SELECT (SELECT count(*) FROM report_output) + (SELECT count(*) FROM report_energy) + (SELECT count(*) FROM report_water)')
s=$(median3 $t_sxsh)
q=$(median3 $t_sql)
printf 'import of %s report rows (%s lines stored)\n' "$rows" "$n"
printf '  sxsh import reports   : %.3f s (runs:%s)\n' "$s" "$t_sxsh"
printf '  sqlite3 .import (bare): %.3f s (runs:%s)\n' "$q" "$t_sql"
printf '  ratio sxsh / sqlite3  : %.2f (target <= 3)\n' "$(echo "$s / $q" | bc -l)"
