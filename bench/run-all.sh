#!/bin/sh
# Runs every benchmark against the build directory $1 (default build).
# Results go to stdout; docs/performance.md records the latest figures.
set -eu
build=${1:-build}
here=$(dirname "$0")
for b in demo import campaign_workbooks dashboard publiccache signedin indicators login workflow pg slowclients; do
	if [ -x "$here/$b.sh" ]; then
		echo "== bench/$b.sh"
		"$here/$b.sh" "$build"
	fi
done
