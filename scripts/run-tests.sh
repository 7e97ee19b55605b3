#!/bin/sh
# Runs every test suite of the build directory $1 and ends with one summary
# line "N passed, N failed".  Exit status is non-zero when any test fails.
set -u
build=${1:-build}
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
meson test -C "$build" --print-errorlogs --num-processes 2 2>&1 | tee "$build/test-output.txt"
status=$?
ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$build/test-output.txt" | tail -1)
fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$build/test-output.txt" | tail -1)
timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$build/test-output.txt" | tail -1)
fail=$(( ${fail:-0} + ${timeout:-0} ))
echo "tests: ${ok:-0} passed, $fail failed"
[ "$status" -eq 0 ] && [ "$fail" -eq 0 ] && [ "${ok:-0}" -gt 0 ]
