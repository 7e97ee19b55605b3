#!/bin/sh
# Proves that the build enforces the layers: for every layer L and every
# other layer M, compiles a one-line file `#include "M/<header>"` with L's
# include path (INC/L, made by scripts/layer-include.sh) and expects success
# exactly when L may use M.  A refusal must be "header not found", not some
# other error.  Run as the meson test "layers"; CC is the compiler command.
#
#   scripts/layer-check.sh INC LAYER=USES,... ...
# e.g. scripts/layer-check.sh build/inc util= db=util web=req,model,util
set -u
inc=$1
shift
cc=${CC:-cc}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# One public header per layer.
header() {
	case "$1" in
	util) echo util/alloc.h ;;
	db) echo db/db.h ;;
	model) echo model/registry/facility.h ;;
	render) echo render/html.h ;;
	req) echo req/request.h ;;
	web) echo web/web.h ;;
	api) echo api/api.h ;;
	http) echo http/server.h ;;
	cli) echo cli/cli.h ;;
	*) return 1 ;;
	esac
}

names=""
for spec in "$@"; do
	names="$names ${spec%%=*}"
done
checks=0
bad=0
for spec in "$@"; do
	layer=${spec%%=*}
	uses=",${spec#*=},"
	for other in $names; do
		h=$(header "$other") || continue
		printf '#include "%s"\n' "$h" >"$tmp/t.c"
		# shellcheck disable=SC2086 # CC may be a command with arguments
		$cc -std=c17 -D_GNU_SOURCE -fsyntax-only -I"$inc/$layer" "$tmp/t.c" \
			>"$tmp/out" 2>&1
		rc=$?
		checks=$((checks + 1))
		case "$uses" in
		*",$other,"*) allowed=1 ;;
		*) allowed=0 ;;
		esac
		[ "$other" = "$layer" ] && allowed=1
		if [ "$allowed" -eq 1 ] && [ "$rc" -ne 0 ]; then
			echo "FAIL: $layer may use $other, but #include \"$h\" does not compile:"
			sed 's/^/  /' "$tmp/out"
			bad=$((bad + 1))
		elif [ "$allowed" -eq 0 ] && [ "$rc" -eq 0 ]; then
			echo "FAIL: $layer may not use $other, but #include \"$h\" compiles"
			bad=$((bad + 1))
		elif [ "$allowed" -eq 0 ] && ! grep -q "$h.*\(No such file\|not found\)" "$tmp/out"; then
			echo "FAIL: #include \"$h\" in $layer fails for another reason:"
			sed 's/^/  /' "$tmp/out"
			bad=$((bad + 1))
		else
			echo "ok: $layer $([ "$allowed" -eq 1 ] && echo may || echo may not) include $h"
		fi
	done
done
echo "layers: $checks checks, $bad failed"
[ "$bad" -eq 0 ] && [ "$checks" -gt 0 ]
