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
cache=$("$(dirname "$0")/../../../tools/fetch-arm64-deb.sh" busybox-static \
	"$ver" busybox-static bin/busybox)
bin=$cache/bin/busybox
mkdir -p "$(dirname "$out")"
cp "$bin" "$out"
