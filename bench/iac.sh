#!/bin/sh
# IAC import benchmark: the 22,576 assessments of ../shared/data/iac/assess.csv
# through the saved profiles of data/profiles/ into a fresh database, three
# runs each in this one run, printing the median wall time of the facilities
# import and of the reports import (each a dry-run pass that finds the bad
# rows and a writing pass: bad_rows "leave_out").
#   bench/iac.sh BUILD_DIR [ASSESS_CSV]
set -eu
build=${1:-build}
src=$(cd "$(dirname "$0")/.." && pwd)
csv=${2:-$src/../shared/data/iac/assess.csv}
sxsh="$(cd "$build" && pwd)/sxsh"
work=$(mktemp -d /tmp/sxsh-bench-iac.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work"

now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
: > fac.t
: > rep.t
for run in 1 2 3; do
	rm -f iac.db iac.db-wal iac.db-shm
	"$sxsh" init --db iac.db >/dev/null
	"$sxsh" profile refdata "$src/data/profiles/iac" --db iac.db >/dev/null
	"$sxsh" profile import "$src/data/profiles/iac-facilities.json" --db iac.db >/dev/null
	"$sxsh" profile import "$src/data/profiles/iac-reports.json" --db iac.db >/dev/null
	t0=$(now)
	"$sxsh" import facilities "$csv" --profile iac-facilities --db iac.db >/dev/null 2>&1
	t1=$(now)
	"$sxsh" import reports "$csv" --profile iac-reports --db iac.db >/dev/null 2>&1
	t2=$(now)
	echo "$t1 - $t0" | bc >> fac.t
	echo "$t2 - $t1" | bc >> rep.t
done
echo "facilities (22,576 rows): median $(median < fac.t) s"
echo "reports (22,576 rows): median $(median < rep.t) s"
