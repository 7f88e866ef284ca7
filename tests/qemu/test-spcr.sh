#!/bin/sh
# test-spcr.sh BUILD: the console ACPI's SPCR names (docs/boot.md,
# "Consoles found by themselves"), five QEMU TCG boots of baton.elf (PVH)
# and one of baton.efi under OVMF:
#   com2        -acpitable SPCR -> 16550 I/O 0x2f8, no console option: all
#               output on the second serial port, none on COM1
#   mmio        SPCR -> MMIO 16550, 32-bit registers, at 0xd0000000 (QEMU's
#               PC has no MMIO UART: nothing answers there) with
#               baton.debugcon=1: the debug console shows the UART taken
#               from the SPCR and enabled once baton's page tables map it
#   cmdline     the same SPCR as com2 with console=ttyS0: the command line
#               wins, COM1 gets everything and says the SPCR was not used
#   bad         a damaged SPCR (checksum off by one) in memory loaded by
#               QEMU's loader device, reached through acpi_rsdp= (QEMU
#               recomputes the checksum of -acpitable tables):
#               W_ACPI_TABLE_BAD, and the console falls back to COM1
#   unusable    an SPCR naming interface type 0x05: W_ACPI_SPCR_UNUSABLE, COM1
#   efi         OVMF -> baton.efi -> baton with the COM2 SPCR: the RSDP from
#               the EFI configuration table, an XSDT (SeaBIOS gives an RSDT):
#               baton's output on COM2 (baton.efi's own lines go to both)
# Each boot checks exact lines (timestamps removed), which files stay
# empty, and QEMU's exit status (33: baton exited with success).
build=${1:-build}
out=$build/tests/spcr
mkdir -p "$out"
QEMU=${QEMU:-qemu-system-x86_64}
failed=0
problems=""
BLOB=0x10000000

boot() {
	name=$1 append=$2
	shift 2
	rm -f "$out/$name".*
	: >"$out/$name.com2"
	: >"$out/$name.dbg"
	timeout 60 "$QEMU" -accel tcg -nodefaults -display none -no-reboot \
		-m 512M -kernel "$build/baton.elf" -append "$append" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-serial "file:$out/$name.com1" -serial "file:$out/$name.com2" \
		-debugcon "file:$out/$name.dbg" "$@" \
		</dev/null >"$out/$name.qemu" 2>&1
	status=$?
	for f in com1 com2 dbg; do
		tr -d '\r' <"$out/$name.$f" |
			sed 's/^\[ *[0-9]*\.[0-9]*\] //' >"$out/$name.$f.log"
	done
}

expect_line() {
	grep -qxF -- "$2" "$1" || problems="$problems
  missing in $(basename "$1"): $2"
}

expect_empty() {
	[ ! -s "$1" ] || problems="$problems
  not empty: $1 ($(wc -c <"$1") bytes)"
}

expect_status() {
	[ "$status" = 33 ] || problems="$problems
  QEMU exit status $status, expected 33"
}

verdict() {
	if [ -z "$problems" ]; then
		echo "PASS: spcr/$1"
	else
		echo "FAIL: spcr/$1$problems"
		failed=1
	fi
	problems=""
}

mk() {
	f=$1
	shift
	python3 tests/qemu/mkspcr.py "$out/$f" "$@"
}
mk in-com2.spcr --io 0x2f8
mk in-mmio.spcr --mmio 0xd0000000 --width 32
mk in-bad.blob --io 0x2f8 --bad-checksum --blob $BLOB
mk in-unusable.spcr --io 0x2f8 --type 5

done_line="baton: exit success (qemu)"

boot com2 "baton.exit=qemu" -acpitable "file=$out/in-com2.spcr"
l=$out/com2.com2.log
expect_line "$l" "console: uart8250 io 0x2f8 115200 (ttyS1) from ACPI SPCR"
expect_line "$l" "baton: no handover (0 errors, 0 warnings)"
expect_line "$l" "$done_line"
expect_empty "$out/com2.com1"
expect_status
verdict com2

boot mmio "baton.exit=qemu baton.debugcon=1" -acpitable "file=$out/in-mmio.spcr"
l=$out/mmio.dbg.log
expect_line "$l" "console: uart8250 mmio32 0xd0000000 115200 from ACPI SPCR (starts with baton's page tables)"
expect_line "$l" "console: debugcon io 0xe9"
expect_line "$l" "console: enabled uart8250 mmio32 0xd0000000 115200 from ACPI SPCR"
expect_line "$l" "$done_line"
expect_empty "$out/mmio.com1"
expect_status
verdict mmio

boot cmdline "baton.exit=qemu console=ttyS0" -acpitable "file=$out/in-com2.spcr"
l=$out/cmdline.com1.log
expect_line "$l" "console: uart8250 io 0x3f8 115200"
expect_line "$l" "console: ACPI SPCR's uart8250 io 0x2f8 not used: the command line names the console"
expect_line "$l" "$done_line"
expect_empty "$out/cmdline.com2"
expect_status
verdict cmdline

boot bad "baton.exit=qemu acpi_rsdp=$BLOB" \
	-device "loader,file=$out/in-bad.blob,addr=$BLOB,force-raw=on"
l=$out/bad.com1.log
expect_line "$l" "console: uart8250 io 0x3f8 115200"
expect_line "$l" "finding: warning W_ACPI_TABLE_BAD at 0x10000080: ACPI SPCR checksum wrong (bytes sum to 0x01)"
expect_line "$l" "baton: no handover (0 errors, 1 warning)"
expect_line "$l" "$done_line"
expect_empty "$out/bad.com2"
expect_status
verdict bad

boot unusable "baton.exit=qemu" -acpitable "file=$out/in-unusable.spcr"
l=$out/unusable.com1.log
expect_line "$l" "console: uart8250 io 0x3f8 115200"
expect_line "$l" "$done_line"
grep -q "^finding: warning W_ACPI_SPCR_UNUSABLE at 0x[0-9a-f]*: ACPI SPCR not used: interface type (0x5)$" "$l" ||
	problems="$problems
  no W_ACPI_SPCR_UNUSABLE finding line"
expect_empty "$out/unusable.com2"
expect_status
verdict unusable

OVMF=${OVMF:-/usr/share/ovmf/OVMF.fd}
if [ -f "$OVMF" ] && [ -f "$build/baton.efi" ] && [ -f "$build/baton.bzImage" ]; then
	esp=$out/efi.esp
	rm -rf "$esp"
	mkdir -p "$esp/EFI/BOOT" "$esp/capture"
	cp "$build/baton.efi" "$esp/EFI/BOOT/BOOTX64.EFI"
	cp "$build/baton.bzImage" "$esp/capture/"
	printf '%s\n' 'format baton-capture 1' 'scratch 0x30000000 0x800000' \
		'cmdline "baton.exit=qemu"' >"$esp/capture/manifest"
	rm -f "$out"/efi.com* "$out"/efi.dbg*
	: >"$out/efi.dbg"
	timeout 120 "$QEMU" -accel tcg -nodefaults -display none -no-reboot \
		-m 1G -bios "$OVMF" -drive "format=raw,file=fat:rw:$esp" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-serial "file:$out/efi.com1" -serial "file:$out/efi.com2" \
		-acpitable "file=$out/in-com2.spcr" </dev/null >"$out/efi.qemu" 2>&1
	status=$?
	for f in com1 com2; do
		tr -d '\r' <"$out/efi.$f" |
			sed 's/^\[ *[0-9]*\.[0-9]*\] //' >"$out/efi.$f.log"
	done
	l=$out/efi.com2.log
	expect_line "$l" "console: uart8250 io 0x2f8 115200 (ttyS1) from ACPI SPCR"
	expect_line "$l" "$done_line"
	grep -q "^acpi: rsdp 0x" "$l" || problems="$problems
  no acpi: rsdp line on COM2"
	! grep -q "$done_line" "$out/efi.com1.log" || problems="$problems
  baton's output on COM1 too"
	expect_status
	verdict efi
else
	echo "SKIP: spcr/efi (no OVMF, baton.efi or baton.bzImage)"
fi

exit $failed
