#!/bin/sh
# Install what a target needs from Debian's packages: apt-get when root,
# otherwise print the exact command and fail.
#
#	sh scripts/deps.sh [--missing] [build|browser|bench|fuzz|lint|ci]
#
# --missing only prints the packages not yet installed (for the Makefile's
# "run make deps" message).  After installing the build packages, every
# library that `pkg-config --libs` asks to link is looked for, so a -dev
# package that forgets its own dependency (libxlsxwriter-dev needs
# zlib1g-dev for -lz) fails here, by name, and not at the link.
set -u
PKG_MODULES="jansson libutf8proc xlsxwriter libical"
only_list=0
if [ "${1:-}" = --missing ]; then
	only_list=1
	shift
fi
target=${1:-build}
case $target in
build)	pkgs="gcc libc6-dev make pkg-config libjansson-dev libcsv-dev
	libcmocka-dev libutf8proc-dev libxlsxwriter-dev zlib1g-dev libical-dev
	gettext tzdata unzip mandoc git jq" ;;
browser) pkgs="chromium fonts-noto-cjk" ;;
bench)	pkgs="miller time" ;;
fuzz)	pkgs="clang libclang-rt-14-dev" ;;
lint)	pkgs="clang-format mandoc" ;;
ci)	pkgs="debootstrap" ;;
*)	echo "deps.sh: unknown target '$target'" >&2; exit 64 ;;
esac

missing_packages() {
	command -v dpkg-query >/dev/null 2>&1 || return 0
	for p in $pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'ok installed' || printf ' %s' "$p"
	done
}

# Each -lNAME of the pkg-config modules must resolve to a library the
# linker finds; print the ones that do not.
unlinkable_libraries() {
	for flag in $(pkg-config --libs $PKG_MODULES) -lcsv; do
		case $flag in -l*) ;; *) continue ;; esac
		name=${flag#-l}
		found=$(cc -print-file-name="lib$name.so")
		[ "$found" != "lib$name.so" ] && continue
		found=$(cc -print-file-name="lib$name.a")
		[ "$found" != "lib$name.a" ] && continue
		printf ' %s' "$flag"
	done
}

missing=$(missing_packages)
if [ "$only_list" = 1 ]; then
	[ -n "$missing" ] && echo "$missing"
	exit 0
fi
if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "missing packages:$missing" >&2
		echo "run: sudo apt-get install -y$missing" >&2
		exit 1
	fi
	mkdir -p build
	log=build/deps.log
	echo "deps: installing$missing (apt-get; its output in $log)" >&2
	export DEBIAN_FRONTEND=noninteractive
	if ! { apt-get update -q && apt-get install -y -q $missing; } >>"$log" 2>&1; then
		tail -n 20 "$log" >&2
		echo "deps.sh: apt-get failed; see $log" >&2
		exit 1
	fi
fi
if [ "$target" = build ]; then
	bad=$(unlinkable_libraries)
	if [ -n "$bad" ]; then
		echo "deps.sh: pkg-config asks to link$bad, which no installed package" \
			"provides: add its -dev package to scripts/deps.sh" >&2
		exit 1
	fi
fi
exit 0
