#!/bin/sh
# Lists the files under the given directories (space-separated in $1) whose
# names end in $2, sorted, one per line, relative to the source root.  Used
# by meson.build; test programs are only tests/*/test_*.c.
cd "$(dirname "$0")/.." || exit 1
for d in $1; do
	[ -d "$d" ] || continue
	case "$d" in
	tests/unit | tests/http) find "$d" -maxdepth 1 -type f -name "test_*$2" ;;
	*) find "$d" -type f -name "*$2" ! -name '.*' ! -name '*~' ;;
	esac
done | LC_ALL=C sort
