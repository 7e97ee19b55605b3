#!/bin/sh
# Makes the include directory of one layer: DIR/LAYER/NAME -> SRC/src/NAME
# for each NAME given (the layer itself and the layers it may use) and
# nothing else, so that `#include "db/db.h"` compiles only in a layer allowed
# to use db/.  Run by meson.build at configure time; DIR is in the build
# tree and is made anew each time.
#
#   scripts/layer-include.sh DIR SRC LAYER [NAME...]
set -eu
dir=$1
src=$2
layer=$3
shift 3
rm -rf "${dir:?}/$layer"
mkdir -p "$dir/$layer"
for name in "$@"; do
	[ -d "$src/src/$name" ] || {
		echo "layer-include: no directory src/$name" >&2
		exit 1
	}
	ln -s "$src/src/$name" "$dir/$layer/$name"
done
