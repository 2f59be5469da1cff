#!/bin/sh
# Prove the README's set-up on a fresh machine: a Debian 12 minbase root
# with only git, make and ca-certificates installed, a clone of the commit
# under test (HEAD), and the commands of the README's "Set-up" section run
# there exactly as written.  A build dependency that our own machines
# happen to have but scripts/deps.sh forgets fails here.
#
#	sh scripts/fresh-debian.sh		(as root; needs debootstrap)
#
# The minbase root is cached as bookworm-minbase.tar in $FRESH_CACHE
# (default build/fresh; CI keeps it outside its fresh clone); each run
# unpacks a new copy, so the cache saves the download, never the proof.  The mirror is the one this machine's apt sources
# use for bookworm, so nothing about the network lives in the repository.
# Everything mounted into the root is mounted in a private mount namespace
# and unmounted, and checked to be gone, before anything is removed.
set -eu
top=$(git rev-parse --show-toplevel)
cache=${FRESH_CACHE:-$top/build/fresh}
base=$cache/bookworm-minbase.tar
root=$cache/root
prog=fresh-debian

say() { echo "$prog: $*"; }
die() { echo "$prog: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, chroot, mount)"
command -v debootstrap >/dev/null || die "needs debootstrap (apt-get install debootstrap)"

# The URI this machine's apt uses for bookworm itself (not -security or
# -updates), from deb822 .sources files or a one-line sources.list.
host_mirror() {
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk 'BEGIN { RS = "" }
		/(^|\n)Types:[^\n]*deb([ \n]|$)/ &&
		/(^|\n)Suites:[^\n]* bookworm([ \n]|$)/ {
			n = split($0, line, "\n")
			for (i = 1; i <= n; i++)
				if (line[i] ~ /^URIs:/) {
					split(line[i], w, /[ \t]+/)
					print w[2]
					exit
				}
		}' "$f"
	done
	if [ -f /etc/apt/sources.list ]; then
		awk '$1 == "deb" {
			for (i = 2; i < NF; i++)
				if ($i ~ /:\/\// && $(i + 1) == "bookworm") {
					print $i
					exit
				}
		}' /etc/apt/sources.list
	fi
}

# Nothing may be removed while something is mounted below it.
mounted_below() {
	awk -v d="$1" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts
}

unmount_below() {
	for m in $(mounted_below "$1" | sort -r); do
		umount -l "$m" 2>/dev/null || true
	done
	[ -z "$(mounted_below "$1")" ] || die "still mounted below $1; not removing it"
}

remove_tree() {
	[ -e "$1" ] || return 0
	unmount_below "$1"
	rm -rf --one-file-system "$1"
}

cleanup() {
	remove_tree "$root"
	remove_tree "$cache/base-root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

mkdir -p "$cache"
if [ ! -s "$base" ]; then
	mirror=$(host_mirror | head -n 1)
	[ -n "$mirror" ] || die "no bookworm mirror in this machine's apt sources"
	say "debootstrap --variant=minbase bookworm from this machine's mirror" \
		"(log: $cache/debootstrap.log)"
	remove_tree "$cache/base-root"
	debootstrap --variant=minbase bookworm "$cache/base-root" "$mirror" \
		>"$cache/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$cache/debootstrap.log" >&2; die "debootstrap failed"; }
	# How this machine reaches its mirror (a snapshot mirror's old
	# Release dates, say) is part of the mirror, not of the project.
	for f in /etc/apt/apt.conf.d/*; do
		[ -f "$f" ] && grep -q '^Acquire::' "$f" &&
			cp "$f" "$cache/base-root/etc/apt/apt.conf.d/"
	done
	unmount_below "$cache/base-root"
	tar -C "$cache/base-root" -cf "$base.tmp" . && mv "$base.tmp" "$base"
	remove_tree "$cache/base-root"
fi

remove_tree "$root"
mkdir -p "$root"
tar -C "$root" -xf "$base"
cp /etc/resolv.conf "$root/etc/resolv.conf"
git -C "$top" bundle create "$root/tmp/aekit.bundle" HEAD 2>/dev/null

# The README's set-up commands: the first code block of its "Set-up"
# section, comments dropped.
commands=$(awk '/^## Set-up/ { on = 1; next }
	on && /^    [^ ]/ { sub(/^    /, ""); sub(/[ \t]*#.*/, ""); print; got = 1; next }
	on && got { exit }' "$top/README.md")
[ -n "$commands" ] || die "no commands in the README's Set-up section"
say "in a fresh Debian 12 root: apt-get install git make ca-certificates, then:"
printf '%s\n' "$commands" | sed 's/^/    /'

script='set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/tmp/apt.log 2>&1 &&
apt-get install -y -q --no-install-recommends git make ca-certificates \
	>>/tmp/apt.log 2>&1 || { tail -n 20 /tmp/apt.log; exit 1; }
git -c advice.detachedHead=false clone -q /tmp/aekit.bundle /root/aekit
cd /root/aekit
'"$commands"

# A private mount namespace: whatever happens, the mounts die with it.
unshare --mount --propagation private sh -c '
	set -e
	root=$1 script=$2
	mount -t proc proc "$root/proc"
	mount --bind /dev "$root/dev"
	mount --bind /dev/pts "$root/dev/pts"
	mount -t tmpfs tmpfs "$root/dev/shm"
	rc=0
	env -i HOME=/root TERM=dumb \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		chroot "$root" /bin/sh -c "$script" || rc=$?
	umount "$root/dev/shm" "$root/dev/pts" "$root/dev" "$root/proc"
	exit $rc
' fresh-root "$root" "$script" || die "the README's set-up failed in a fresh Debian 12 root"
say "the README's set-up passed in a fresh Debian 12 root"
