#!/bin/sh
# fetch-libfdt.sh OUT INCDIR: the aarch64 build of Debian's libfdt
# (libfdt.a) for the arm64 payload, copied to OUT, and its three headers
# into INCDIR (the payload is built -nostdinc, so /usr/include is hidden). libfdt-dev is not Multi-Arch: same, so
# libfdt-dev:arm64 cannot be installed beside the amd64 one the x86 build
# links; the .deb is downloaded (apt-get download, needs the arm64 foreign
# architecture that tools/install-deps.sh adds) and unpacked into
# ~/.cache/baton/, never installed. The version is the host's libfdt-dev,
# so the headers in /usr/include match the library.
set -e
out=$1 inc=$2
mkdir -p "$inc"
native=/usr/lib/aarch64-linux-gnu/libfdt.a
if [ -f "$native" ]; then
	cp /usr/include/libfdt.h /usr/include/libfdt_env.h /usr/include/fdt.h "$inc"
	cp "$native" "$out"
	exit 0
fi
ver=$(dpkg-query -W -f='${Version}' libfdt-dev 2>/dev/null) || {
	echo "fetch-libfdt.sh: libfdt-dev is not installed (make deps)" >&2
	exit 1
}
cache=$("$(dirname "$0")/../../tools/fetch-arm64-deb.sh" libfdt-dev "$ver" \
	libfdt usr/lib/aarch64-linux-gnu/libfdt.a)
lib=$cache/usr/lib/aarch64-linux-gnu/libfdt.a
cp "$cache/usr/include/libfdt.h" "$cache/usr/include/libfdt_env.h" \
	"$cache/usr/include/fdt.h" "$inc"
cp "$lib" "$out"
