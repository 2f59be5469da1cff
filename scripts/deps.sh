#!/bin/sh
# Install what a target needs from Debian's packages: apt-get when root,
# otherwise print the exact command and fail.
set -u
case "${1:-build}" in
build)	pkgs="gcc make pkg-config libjansson-dev libcsv-dev libcmocka-dev
	libutf8proc-dev libxlsxwriter-dev libical-dev gettext tzdata unzip mandoc
	git" ;;
bench)	pkgs="miller time" ;;
fuzz)	pkgs="clang libclang-rt-14-dev" ;;
*)	echo "deps.sh: unknown target '$1'" >&2; exit 64 ;;
esac
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 && apt-get install -y -qq $missing >&2 && exit 0
	echo "deps.sh: apt-get failed" >&2
	exit 1
fi
echo "missing packages:$missing" >&2
echo "run: sudo apt-get install -y$missing" >&2
exit 1
