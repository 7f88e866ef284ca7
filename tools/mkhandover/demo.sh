#!/bin/sh
# demo.sh BUILD: `make run`. mkhandover writes a realistic "VM host"
# handover (two VMs' guest RAM as memfds, vCPU and device state, an IOMMU
# FLB, a reserve_mem region) whose initrd is a chain bundle; OVMF boots
# baton.efi, which replays it and enters baton; baton's report appears on
# this terminal, then baton chain-loads the next kernel with the handover
# forwarded: the newest Linux test kernel `make linux` cached (7.3, else
# 7.2; it finds KHO, retrieves LUO, then panics for want of a root fs and
# QEMU exits; from 7.3 this is an upgrade: the handover says 7.2 wrote it),
# otherwise baton.bzImage again, which validates the forwarded handover.
# RUN_NEXT=baton forces the second form. Exit 0 when the chain worked.
# BATON_PREFIX=/usr runs the installed programs and images (make install,
# the Debian package) instead of BUILD's; BUILD/run is still the output.
build=${1:-build}
out=$build/run
if [ -n "${BATON_PREFIX:-}" ]; then
	mkbundle=$BATON_PREFIX/bin/baton-mkbundle
	mkhandover=$BATON_PREFIX/bin/mkhandover
	bzimage=$BATON_PREFIX/lib/baton/baton.bzImage
	efi=$BATON_PREFIX/lib/baton/baton.efi
else
	mkbundle=$build/tools/mkbundle mkhandover=$build/tools/mkhandover
	bzimage=$build/baton.bzImage efi=$build/baton.efi
fi
QEMU=${QEMU:-qemu-system-x86_64}
OVMF=${OVMF:-/usr/share/ovmf/OVMF.fd}
rm -rf "$out"
mkdir -p "$out/esp/EFI/BOOT"

linux=""
if [ "${RUN_NEXT:-}" != baton ]; then
	for k in "$build/linux/7.3/bzImage" "$HOME"/.cache/baton/linux-7.3-*/bzImage \
		"$build/linux/bzImage" "$HOME"/.cache/baton/linux-7.2-*/bzImage; do
		[ -f "$k" ] && { linux=$k; break; }
	done
fi
if [ -n "$linux" ]; then
	next=$linux
	next_cmdline="console=ttyS0 panic=-1 nokaslr kho=on liveupdate=on"
	# the release from the boot protocol header (kernel_version, 0x20e)
	off=$(od -An -tu2 -j $((0x20e)) -N2 "$linux" | tr -d ' ')
	release=$(dd if="$linux" bs=1 skip=$((off + 0x200)) count=64 status=none |
		tr '\0' '\n' | head -n 1 | cut -d' ' -f1)
	echo "run: next kernel: Linux ${release:-?} ($linux)"
else
	next=$bzimage
	next_cmdline="console=ttyS0 baton.exit=qemu baton.chain=off"
	why="no Linux kernel cached; make linux builds one"
	[ "${RUN_NEXT:-}" = baton ] && why="RUN_NEXT=baton"
	echo "run: next kernel: baton.bzImage again ($why)"
fi
"$mkbundle" -o "$out/bundle.cpio" --kernel "$next" \
	--cmdline "$next_cmdline" >/dev/null || exit 1

# Two VMs: guest RAM in 2 MiB folios, vCPU state and a device snapshot in
# small memfds; an idle session; the IOMMU's FLB; a pstore region.
"$mkhandover" -o "$out/esp/capture" --mem 2G \
	--scratch 0x2000000:0xe000000 --scratch 0x70000000:0x4000000 \
	--arena 0x10000000 --payload "$bzimage" \
	--initrd "$out/bundle.cpio" --liveupdate-num 3 --kexec-count 3 \
	--profile 7.2 --release 7.2.0-demo \
	--session vm-web --memfd 0x100:256M,order=9,seals=0xf \
	--memfd 0x101:24K,pos=4096 --memfd 0x102:1M,content=agent \
	--session vm-db --memfd 0x200:128M,order=9,content=agent,hole=8192+4096 \
	--memfd 0x201:24K --session idle \
	--flb iommu-domains-v1:0x3fe00000:2 --reserve-mem pstore:1M \
	--cmdline "console=ttyS0 baton.exit=qemu" || exit 1
cp "$efi" "$out/esp/EFI/BOOT/BOOTX64.EFI"
echo "run: OVMF + $efi + capture $out/esp/capture (QEMU TCG, -m 2G)"

# The firmware's escapes and carriage returns are dropped for the terminal.
timeout 600 "$QEMU" -accel tcg -nodefaults -display none -no-reboot \
	-m 2G -bios "$OVMF" -drive "format=raw,file=fat:rw:$out/esp" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial stdio \
	</dev/null 2>"$out/qemu.err" |
	sed -u -e 's/\x1b\[[0-9;?=]*[A-Za-z]//g' -e 's/\r$//' -e 's/\r/\n/g' |
	tee "$out/serial.log"

if [ -n "$linux" ]; then
	grep -q "KHO: found kexec handover data" "$out/serial.log" &&
	grep -q "Retrieved live update data" "$out/serial.log" && {
		echo "run: baton validated the handover and chain-loaded Linux ${release:-?}, which found KHO and retrieved LUO"
		exit 0
	}
else
	[ "$(grep -c 'report: baton ' "$out/serial.log")" -ge 2 ] &&
	grep -q "baton: exit success (qemu)" "$out/serial.log" && {
		echo "run: baton validated the handover and chain-loaded baton, which validated it again"
		exit 0
	}
fi
echo "run: the demo did not complete (serial log: $out/serial.log)"
exit 1
