#!/bin/sh
# Runs every test suite of the build directory $1 and ends with one summary
# line "tests: N passed, N failed" counting cmocka test cases.  The exit
# status is non-zero when any test case or test program fails.
set -u
build=${1:-build}
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
meson test -C "$build" --print-errorlogs --num-processes 2 2>&1 | tee "$build/test-output.txt"
status=$?
log="$build/meson-logs/testlog.txt"
# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)" per program.
cases_ok=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
cases_fail=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
progs_fail=$(sed -n 's/^\(Fail\|Timeout\): *\([0-9]*\).*/\2/p' "$build/test-output.txt" | awk '{s+=$1} END {print s+0}')
[ "$progs_fail" -gt "$cases_fail" ] && cases_fail=$progs_fail
echo "tests: $cases_ok passed, $cases_fail failed"
[ "$status" -eq 0 ] && [ "$cases_fail" -eq 0 ] && [ "$cases_ok" -gt 0 ]
