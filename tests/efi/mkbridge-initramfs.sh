#!/usr/bin/env bash
# mkbridge-initramfs.sh OUT.cpio.gz AGENT MANIFEST
#
# The initramfs the bridge cases (run-efi-tests.sh, case 11) give the real
# Linux 7.2 kernel baton chains into: busybox-static, baton-agent, the
# manifest mkhandover --agent-manifest wrote for the handover, and an /init
# that runs `baton-agent verify --bytes --manifest /agent.manifest` (every
# session retrieved by name through /dev/liveupdate, every memfd by token,
# its size, seals, position, CRC32C and every byte checked), prints
# BATON-INIT verify rc=N and powers off.
set -euo pipefail

out=${1:?usage: mkbridge-initramfs.sh OUT AGENT MANIFEST}
agent=${2:?usage: mkbridge-initramfs.sh OUT AGENT MANIFEST}
manifest=${3:?usage: mkbridge-initramfs.sh OUT AGENT MANIFEST}
busybox=$(command -v busybox || true)
[ -n "$busybox" ] || busybox=/bin/busybox
if ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked'; then
	echo "mkbridge-initramfs: $busybox is not static (install busybox-static)" >&2
	exit 1
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,proc,sys,dev,run,tmp}
cp "$busybox" "$stage/bin/busybox"
cp "$agent" "$stage/bin/baton-agent"
cp "$manifest" "$stage/agent.manifest"
cat >"$stage/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug
# kernel info lines no longer interleave with the agent's (errors still show)
echo 4 > /proc/sys/kernel/printk
echo "BATON-INIT role=bridge-verify"
baton-agent verify --bytes --manifest /agent.manifest
echo "BATON-INIT verify rc=$?"
poweroff -f
INIT
chmod 755 "$stage/init" "$stage/bin/busybox" "$stage/bin/baton-agent"

mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc --owner 0:0 --reproducible) | gzip -9n > "$out.tmp"
mv "$out.tmp" "$out"
