#!/usr/bin/env bash
# mkinitramfs.sh OUT.cpio.gz AGENT [NAME=FILE ...]
#
# Build the gzip'ed newc initramfs of the real-Linux tests: busybox-static,
# baton-agent, /init (tests/linux/init.sh) and the scenarios. Each NAME=FILE
# adds FILE as /payload/NAME (next kernel, baton, the verify initramfs ...).
set -euo pipefail

out=${1:?usage: mkinitramfs.sh OUT AGENT [NAME=FILE ...]}
agent=${2:?usage: mkinitramfs.sh OUT AGENT [NAME=FILE ...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
busybox=$(command -v busybox || true)
[ -n "$busybox" ] || busybox=/bin/busybox
if ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked' &&
   ! ldd "$busybox" 2>&1 | grep -q 'not a dynamic'; then
	echo "mkinitramfs: $busybox is not static (install busybox-static)" >&2
	exit 1
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,proc,sys,dev,run,tmp,scenarios,payload}
cp "$busybox" "$stage/bin/busybox"
cp "$agent" "$stage/bin/baton-agent"
cp "$here/init.sh" "$stage/init"
chmod 755 "$stage/init" "$stage/bin/busybox" "$stage/bin/baton-agent"
cp "$here"/scenarios/*.scn "$stage/scenarios/"
for item in "$@"; do
	cp "${item#*=}" "$stage/payload/${item%%=*}"
done

mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc --owner 0:0 --reproducible) | gzip -9n > "$out.tmp"
mv "$out.tmp" "$out"
