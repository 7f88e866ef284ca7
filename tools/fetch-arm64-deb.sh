#!/bin/sh
# fetch-arm64-deb.sh PACKAGE VERSION NAME MARKER: Debian's PACKAGE:arm64 at
# VERSION, unpacked (never installed: the arm64 builds of libfdt-dev,
# gnu-efi and busybox-static cannot sit beside the host's amd64 ones) into
# ~/.cache/baton/NAME-arm64-VERSION; prints that directory. Downloaded with
# apt-get download (the arm64 foreign architecture tools/install-deps.sh
# adds) and unpacked beside the cache, then moved into place, so a cache
# that holds MARKER (a path inside it) is always a whole package.
set -e
pkg=$1 ver=$2 name=$3 marker=$4
cache=${XDG_CACHE_HOME:-$HOME/.cache}/baton/$name-arm64-$ver
if [ ! -e "$cache/$marker" ]; then
	mkdir -p "$(dirname "$cache")"
	tmp=$(mktemp -d "$cache.tmp.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	if ! (cd "$tmp" && apt-get download -q "$pkg:arm64=$ver" \
		>/dev/null 2>&1); then
		echo "fetch-arm64-deb.sh: apt-get download $pkg:arm64=$ver failed (dpkg --add-architecture arm64 && apt-get update; make deps does both)" >&2
		exit 1
	fi
	dpkg-deb -x "$tmp"/*_arm64.deb "$tmp/root"
	if [ ! -e "$tmp/root/$marker" ]; then
		echo "fetch-arm64-deb.sh: $pkg:arm64=$ver has no $marker" >&2
		exit 1
	fi
	rm -rf "$cache"
	mv "$tmp/root" "$cache"
fi
echo "$cache"
