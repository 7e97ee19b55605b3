#!/bin/sh
# Builds the libFuzzer drivers tests/fuzz/fuzz_NAME.c with clang under
# AddressSanitizer and UndefinedBehaviorSanitizer into $FUZZ_BUILD/fuzz/
# (default build-fuzz) and runs each for $FUZZ_SECONDS (default 60) on its
# committed seed corpus tests/fuzz/corpus/NAME/.  New inputs go to a working
# corpus beside the binary, so the committed one stays small; a crash, leak
# or failed invariant leaves its input as $FUZZ_BUILD/fuzz/NAME-crash-*.
# Ends with one line per driver "NAME: N executions, ok|FAILED" and exits
# non-zero when any driver failed to build or found something.
#
#   scripts/fuzz.sh                 every driver
#   scripts/fuzz.sh json form       only these
#   FUZZ_SECONDS=300 scripts/fuzz.sh
#
# The drivers are compiled with the sources they need, listed below (not
# with libsxsh), so that only the code under test is instrumented.  util/embed.c (and
# through it the migrations) reuses the embedded.c that meson generates in
# $FUZZ_BUILD.  Not part of `make test`; run by `make fuzz`.
set -u
cd "$(dirname "$0")/.." || exit 1
build=${FUZZ_BUILD:-build-fuzz}
secs=${FUZZ_SECONDS:-60}
out=$build/fuzz

# util/embed.c needs the generated table of embedded files.
util="$(ls src/util/*.c) $build/embedded.c"
db=$(ls src/db/*.c)

# The sources each driver is linked with, besides util/.
sources() {
	case "$1" in
	csv) echo "src/model/io/csvio.c src/model/validate.c src/model/msg.c src/model/names.c src/model/registry/refdata.c $db" ;;
	form) echo "src/req/request.c src/req/multipart.c" ;;
	multipart) echo "src/req/multipart.c" ;;
	json) echo "src/api/api.c src/req/request.c src/req/response.c src/render/json.c" \
		"src/render/html.c src/model/doc/workflow.c src/model/accounts/scope.c src/model/validate.c src/model/msg.c src/model/names.c $db" ;;
	refdata) echo "src/model/registry/refdata.c src/model/msg.c src/model/validate.c src/model/names.c $db" ;;
	template) echo "src/render/html.c" ;;
	validate) echo "src/model/validate.c src/model/msg.c src/model/names.c" ;;
	sheetread) echo "src/model/io/sheetread.c src/model/msg.c src/model/validate.c src/model/names.c" ;;
	*) return 1 ;;
	esac
}

if [ $# -gt 0 ]; then
	drivers=$*
else
	drivers=$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')
fi

command -v clang >/dev/null || { echo "fuzz: clang is not installed" >&2; exit 1; }
if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" >/dev/null || exit 1
fi
ninja -C "$build" embedded.c >/dev/null || exit 1
mkdir -p "$out"

pkgs="libmicrohttpd sqlite3 libpq jansson libsodium xlsxwriter libzip libxml-2.0 libutf8proc freexl"
cflags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
	-D_GNU_SOURCE -DSXSH_VERSION=\"fuzz\" -Isrc $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lcsv -lm -lpthread"
export ASAN_OPTIONS="detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

summary=""
failed=0
for name in $drivers; do
	if ! src=$(sources "$name"); then
		echo "fuzz: no source list for driver $name (add it to scripts/fuzz.sh)" >&2
		failed=1
		continue
	fi
	bin=$out/fuzz_$name
	echo "== fuzz_$name: building"
	# shellcheck disable=SC2086 # word splitting of the lists is intended
	if ! clang $cflags "tests/fuzz/fuzz_$name.c" $src $util $libs -o "$bin"; then
		summary="$summary
$name: build FAILED"
		failed=1
		continue
	fi
	mkdir -p "$out/corpus-$name" "tests/fuzz/corpus/$name"
	echo "== fuzz_$name: running ${secs}s"
	"$bin" -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$out/$name-" \
		"$out/corpus-$name" "tests/fuzz/corpus/$name" >"$out/$name.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log")
	if [ "$rc" -eq 0 ]; then
		summary="$summary
$name: ${execs:-0} executions, ok"
	else
		grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix)' "$out/$name.log" | head -n 5
		summary="$summary
$name: ${execs:-?} executions, FAILED (see $out/$name.log)"
		failed=1
	fi
done
echo "== fuzz summary$summary"
exit $failed
