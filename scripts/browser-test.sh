#!/bin/sh
# The browser tests (tests/browser/*.mjs): installs what it needs from
# Debian when missing (chromium, and nodejs and npm when there is no node or
# npm) and playwright-core with npm (`npm ci`, the version pinned in
# tests/browser/package.json) when tests/browser/node_modules lacks it or
# holds another version, and likewise axe-core (the accessibility checks of
# pages.mjs); no browser is ever downloaded.  It builds a
# fixture database (sxsh demo --facilities 300, an enterprise user on a
# facility without a report for the year, a district user of its unit, a
# province user), starts `sxsh serve` on a free loopback port and runs the
# test, which ends with one line "browser: N passed, N failed".
#   scripts/browser-test.sh BUILD_DIR
# Exit 0 on success.  When chromium, node or the package cannot be
# installed it prints "browser test SKIPPED: reason" and exits 0, except
# under CI (CI=true), where that is a failure.
set -u
build=${1:-build}
sxsh=$build/sxsh
dir=tests/browser
skip() {
	echo "browser test SKIPPED: $1"
	[ "${CI:-}" = "true" ] && { echo "CI must run the browser test: failing"; exit 1; }
	exit 0
}
# Installs the Debian packages given as arguments (apt-get, through sudo when
# not root), updating the package lists when the first attempt fails.
apt_install() {
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO="sudo -n"
	echo "browser test: installing $* (Debian packages)"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get install -y -qq "$@" >/dev/null 2>&1 ||
		{ $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq "$@" >/dev/null 2>&1; }
}
[ -x /usr/bin/chromium ] || apt_install chromium
[ -x /usr/bin/chromium ] || skip "Debian chromium could not be installed"
# Debian's nodejs package has no npm; a node from elsewhere usually brings its own.
if ! command -v node >/dev/null 2>&1; then
	apt_install nodejs npm
elif ! command -v npm >/dev/null 2>&1; then
	apt_install npm
fi
command -v node >/dev/null 2>&1 || skip "node could not be installed (Debian package nodejs)"
command -v npm >/dev/null 2>&1 || skip "npm could not be installed (Debian package npm)"
# The pinned versions (package.json) and the ones installed (empty when
# none): playwright-core drives chromium, axe-core checks accessibility.
pinned() { sed -n "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p" "$dir/package.json"; }
installed() { sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' "$dir/node_modules/$1/package.json" 2>/dev/null; }
want=$(pinned playwright-core)
want_axe=$(pinned axe-core)
if [ "$(installed playwright-core)" != "$want" ] || [ "$(installed axe-core)" != "$want_axe" ]; then
	echo "browser test: installing playwright-core $want and axe-core $want_axe (npm ci)"
	log=$(mktemp /tmp/sxsh-npm-XXXXXX)
	(cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >"$log" 2>&1) || {
		tail -n 20 "$log" >&2
		rm -f "$log"
		skip "npm could not install playwright-core $want and axe-core $want_axe"
	}
	rm -f "$log"
fi
[ "$(installed axe-core)" = "$want_axe" ] || skip "axe-core $want_axe is not installed"
echo "browser test: node $(node --version), playwright-core $want, axe-core $want_axe, $(/usr/bin/chromium --version 2>/dev/null)"
[ -x "$sxsh" ] || { echo "browser test: $sxsh not found" >&2; exit 1; }

tmp=$(mktemp -d /tmp/sxsh-browser-XXXXXX)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
db=$tmp/browser.db
year=$(( $(date +%Y) - 1 ))
"$sxsh" demo --db "$db" --facilities 300 >/dev/null 2>&1 || { echo "browser test: demo failed" >&2; exit 1; }
# A facility with no report for the year and its administrative unit.
row=$(sqlite3 "$db" "SELECT f.id, au.code, f.code FROM facility f JOIN admin_unit au ON au.id = f.admin_unit_id
	WHERE f.status = 'active' AND NOT EXISTS (SELECT 1 FROM report r WHERE r.facility_id = f.id
	AND r.year = $year) ORDER BY f.id LIMIT 1")
fac=${row%%|*}
rest=${row#*|}
unit=${rest%%|*}
code=${rest#*|}
echo "enterprise pass 1" | "$sxsh" user add --db "$db" --role enterprise --email ent@x.vn --facility "$fac" >/dev/null
echo "district pass 1" | "$sxsh" user add --db "$db" --role district --email dis@x.vn --unit "$unit" >/dev/null
echo "province pass 1" | "$sxsh" user add --db "$db" --role province --email pro@x.vn >/dev/null

port=$(( 20000 + $$ % 20000 ))
"$sxsh" serve --db "$db" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
pid=$!
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -lt 100 ] || { echo "browser test: server did not start" >&2; exit 1; }
	sleep 0.1
done
# Every tests/browser/*.mjs in name order against the same server; each
# prints "browser: N passed, N failed" and may make the accounts and data it
# needs with SXSH_BIN and SXSH_DB (the server's database), so no file
# depends on another's state.  The totals are printed last.
# SXSH_BROWSER_ONLY=NAME runs tests/browser/NAME.mjs alone (a glob works).
export SXSH_BASE="http://127.0.0.1:$port" SXSH_FACILITY=$fac SXSH_FACILITY_CODE=$code SXSH_YEAR=$year
export SXSH_BIN="$(cd "$(dirname "$sxsh")" && pwd)/sxsh" SXSH_DB="$db" SXSH_UNIT="$unit"
total_pass=0
total_fail=0
rc=0
for t in "$dir"/${SXSH_BROWSER_ONLY:-*}.mjs; do
	out=$(node "$t" 2>&1) || rc=1
	printf '%s\n' "$out" | sed "s|^|$(basename "$t"): |"
	line=$(printf '%s\n' "$out" | sed -n 's/^browser: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' | tail -n 1)
	if [ -z "$line" ]; then
		rc=1
		total_fail=$((total_fail + 1))
		continue
	fi
	total_pass=$((total_pass + ${line% *}))
	total_fail=$((total_fail + ${line#* }))
done
echo "browser: $total_pass passed, $total_fail failed"
[ "$rc" = 0 ] && [ "$total_fail" = 0 ] && [ "$total_pass" -gt 0 ]
