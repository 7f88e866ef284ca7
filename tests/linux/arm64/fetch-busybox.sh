#!/bin/sh
# fetch-busybox.sh OUT: Debian's busybox-static for arm64, the shell and
# tools of the arm64 test initramfs, copied to OUT. The .deb is downloaded
# (apt-get download, needs the arm64 foreign architecture that
# tools/install-deps.sh adds) and unpacked into ~/.cache/baton/, never
# installed: busybox-static:arm64 would replace the host's amd64 one.
set -e
out=${1:?usage: fetch-busybox.sh OUT}
ver=$(apt-cache policy busybox-static:arm64 2>/dev/null |
      awk '/Candidate:/{print $2; exit}')
if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
	echo "fetch-busybox.sh: no busybox-static:arm64 candidate (dpkg --add-architecture arm64 && apt-get update; make deps does both)" >&2
	exit 1
fi
cache=${XDG_CACHE_HOME:-$HOME/.cache}/baton/busybox-static-arm64-$ver
bin=$cache/bin/busybox
if [ ! -f "$bin" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	if ! (cd "$tmp" && apt-get download -q "busybox-static:arm64=$ver" \
		>/dev/null 2>&1); then
		echo "fetch-busybox.sh: apt-get download busybox-static:arm64=$ver failed" >&2
		exit 1
	fi
	dpkg-deb -x "$tmp"/busybox-static_*_arm64.deb "$tmp/x"
	mkdir -p "$cache/bin"
	cp "$tmp/x/bin/busybox" "$bin.tmp"
	mv "$bin.tmp" "$bin"
fi
mkdir -p "$(dirname "$out")"
cp "$bin" "$out"
