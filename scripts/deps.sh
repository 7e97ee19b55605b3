#!/bin/sh
# Installs the Debian packages sxsh needs to build, test and benchmark, when missing.
# Non-interactive; uses sudo when not run as root.
set -eu
pkgs="gcc make pkg-config meson ninja-build libmicrohttpd-dev libsqlite3-dev libjansson-dev
libsodium-dev libcsv-dev libxlsxwriter-dev libzip-dev libxml2-dev libutf8proc-dev libcmocka-dev
libpq-dev sqlite3 curl libfreexl-dev libcurl4-openssl-dev python3-aiosmtpd unzip
libreoffice-calc-nogui"
if [ "${1:-}" = "--bench" ]; then
	pkgs="$pkgs wrk nginx-light bc"
fi
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
