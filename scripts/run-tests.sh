#!/bin/sh
# Runs every test suite of the build directory $1 twice: against SQLite, then
# against a throw-away PostgreSQL server (scripts/pg-test.sh), and ends with
# one summary line "tests: N passed, N failed" counting cmocka test cases of
# both runs.  The exit status is non-zero when any test case or program fails.
#
# When PostgreSQL cannot be installed or started, the PostgreSQL run is
# reported as "PostgreSQL suite SKIPPED: <reason>" and the result is the
# SQLite run's, except under CI (CI=true), where a skip is a failure.
# SXSH_SUITES=sqlite runs the SQLite suite alone on purpose (make asan).
set -u
build=${1:-build}
suites=${SXSH_SUITES:-sqlite postgresql}
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
total_ok=0
total_fail=0
failed=0

# Adds the cmocka counts of the run whose meson output is $1 to the totals.
count() {
	log="$build/meson-logs/testlog.txt"
	# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)" per program.
	ok=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	fail=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	progs=$(sed -n 's/^\(Fail\|Timeout\): *\([0-9]*\).*/\2/p' "$1" | awk '{s+=$1} END {print s+0}')
	[ "$progs" -gt "$fail" ] && fail=$progs
	echo "$2: $ok passed, $fail failed"
	total_ok=$((total_ok + ok))
	total_fail=$((total_fail + fail))
	[ "$ok" -gt 0 ] || failed=1
}

for suite in $suites; do
	out="$build/test-output-$suite.txt"
	# A run that cannot even build must not be counted by an older log.
	rm -f "$build/meson-logs/testlog.txt"
	case "$suite" in
	sqlite)
		echo "== SQLite suite"
		env -u SXSH_TEST_PG meson test -C "$build" --print-errorlogs --num-processes 2 >"$out" 2>&1
		status=$?
		cat "$out"
		;;
	postgresql)
		echo "== PostgreSQL suite"
		./scripts/pg-test.sh "$build" >"$out" 2>&1
		status=$?
		cat "$out"
		if [ "$status" -eq 77 ]; then
			reason=$(sed -n 's/^pg-test: //p' "$out" | tail -n 1)
			echo "PostgreSQL suite SKIPPED: ${reason:-unknown reason}"
			if [ "${CI:-}" = "true" ]; then
				echo "CI must run the PostgreSQL suite: failing"
				failed=1
			fi
			continue
		fi
		;;
	*)
		echo "unknown suite $suite" >&2
		exit 2
		;;
	esac
	[ "$status" -eq 0 ] || failed=1
	cp "$build/meson-logs/testlog.txt" "$build/testlog-$suite.txt" 2>/dev/null
	count "$out" "$suite"
done
echo "tests: $total_ok passed, $total_fail failed"
[ "$failed" -eq 0 ] && [ "$total_fail" -eq 0 ] && [ "$total_ok" -gt 0 ]
