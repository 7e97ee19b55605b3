#!/bin/sh
# The browser test (tests/browser/workflow.mjs): installs Debian chromium
# with apt when /usr/bin/chromium is missing and playwright-core with npm
# when tests/browser/node_modules is missing (no browser is ever
# downloaded), builds a fixture database (sxsh demo --facilities 300, an
# enterprise user on a facility without a report for the year, a district
# user of its unit, a province user), starts `sxsh serve` on a free
# loopback port and runs the test.
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
if [ ! -x /usr/bin/chromium ]; then
	if [ "$(id -u)" = 0 ]; then
		apt-get install -y chromium >/dev/null 2>&1 ||
			{ apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1; }
	else
		sudo -n apt-get install -y chromium >/dev/null 2>&1
	fi
	[ -x /usr/bin/chromium ] || skip "Debian chromium could not be installed"
fi
command -v node >/dev/null 2>&1 || skip "node is not installed"
if [ ! -d "$dir/node_modules/playwright-core" ]; then
	if [ -f "$dir/package-lock.json" ]; then
		(cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null 2>&1)
	else
		(cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund >/dev/null 2>&1)
	fi
	[ -d "$dir/node_modules/playwright-core" ] || skip "npm could not install playwright-core"
fi
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
SXSH_BASE="http://127.0.0.1:$port" SXSH_FACILITY=$fac SXSH_FACILITY_CODE=$code SXSH_YEAR=$year node "$dir/workflow.mjs"
