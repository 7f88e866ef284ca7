#!/bin/sh
# fetch-gnu-efi.sh OUTDIR: Debian's gnu-efi for arm64 (crt0-efi-aarch64.o,
# elf_aarch64_efi.lds, libgnuefi.a and the headers) for the AArch64
# baton.efi, copied into OUTDIR. gnu-efi is not Multi-Arch: same, so
# gnu-efi:arm64 cannot be installed beside the amd64 one the x86 baton.efi
# links; the .deb is downloaded (apt-get download, needs the arm64 foreign
# architecture that tools/install-deps.sh adds) and unpacked into
# ~/.cache/baton/, never installed, as arch/arm64/fetch-libfdt.sh does for
# libfdt. The version is the host's gnu-efi.
set -e
out=$1
ver=$(dpkg-query -W -f='${Version}' gnu-efi 2>/dev/null) || {
	echo "fetch-gnu-efi.sh: gnu-efi is not installed (make deps)" >&2
	exit 1
}
cache=$("$(dirname "$0")/../../tools/fetch-arm64-deb.sh" gnu-efi "$ver" \
	gnu-efi usr/lib/crt0-efi-aarch64.o)
rm -rf "$out"
mkdir -p "$out"
cp "$cache/usr/lib/crt0-efi-aarch64.o" "$cache/usr/lib/elf_aarch64_efi.lds" \
	"$cache/usr/lib/libgnuefi.a" "$out"
cp -r "$cache/usr/include/efi" "$out/include"
