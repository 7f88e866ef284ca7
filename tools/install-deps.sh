#!/bin/sh
# install-deps.sh: install the Debian packages baton's build and tests need,
# only when something is missing (fast no-op otherwise). Needs root for apt.
set -e
pkgs="gcc make binutils libfdt-dev device-tree-compiler clang
libclang-rt-14-dev qemu-system-x86 ovmf gnu-efi kexec-tools busybox-static
cpio dosfstools mtools xz-utils bc flex bison libelf-dev libssl-dev python3
console-setup-linux
gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm qemu-efi-aarch64"
# `make deb` (install-deps.sh deb) also needs the Debian packaging tools.
[ "${1:-}" = deb ] && pkgs="$pkgs dpkg-dev debhelper lintian man-db"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
# arm64's libfdt.a and gnu-efi are downloaded, not installed
# (arch/arm64/fetch-libfdt.sh, efi/arch-arm64/fetch-gnu-efi.sh):
# apt needs the arm64 package lists for that.
dpkg --print-foreign-architectures | grep -qx arm64 || missing="$missing arm64-lists"
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing"
if [ "$(id -u)" != 0 ]; then
	echo "install-deps: not root; run as root or install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
missing=$(echo "$missing" | sed 's/ arm64-lists//')
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
