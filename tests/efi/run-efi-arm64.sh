#!/bin/sh
# run-efi-arm64.sh BUILD: the scenario and corruption suite on arm64. For
# each case below mkhandover writes a capture (and its expected report)
# placed in QEMU virt's RAM, AAVMF (qemu-efi-aarch64, QEMU virt, TCG,
# -cpu max, 2 GiB; acpi=off so the firmware hands over its DTB, but for
# the last case) boots BUILD/arm64/baton.efi from a FAT directory (vvfat),
# which replays the capture and enters BUILD/arm64/baton.Image with x0 = a
# DTB carrying the KHO properties. Checked per case: baton runs at the
# address baton.efi loaded it to and finds the DTB and the handover there,
# its console (the PL011 the DTB's stdout-path or, ACPI only, the SPCR
# names), the exact verdict line, the exact error finding codes, and
# tests/qemu/compare-report.py (baton's JSON report against mkhandover's
# expected.json, field by field). One PASS/FAIL line per case;
# EFI_ARM64_ONLY=NAME runs one case.
build=${1:-build}
out=$build/tests/efi-arm64
QEMU=${QEMU_ARM64:-qemu-system-aarch64}
AAVMF_CODE=${AAVMF_CODE:-/usr/share/AAVMF/AAVMF_CODE.fd}
AAVMF_VARS=${AAVMF_VARS:-/usr/share/AAVMF/AAVMF_VARS.fd}
TIMEOUT=${EFI_ARM64_TIMEOUT:-120}
ONLY=${EFI_ARM64_ONLY:-}
efi=$build/arm64/baton.efi
image=$build/arm64/baton.Image
mkh=$build/tools/mkhandover
failed=0

for tool in "$QEMU" python3; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP: efi-arm64 ($tool not installed: make deps)"
		exit 0
	fi
done
if [ ! -f "$AAVMF_CODE" ] || [ ! -f "$AAVMF_VARS" ]; then
	echo "SKIP: efi-arm64 (no $AAVMF_CODE: make deps installs qemu-efi-aarch64)"
	exit 0
fi
for f in "$efi" "$image" "$mkh"; do
	if [ ! -f "$f" ]; then
		echo "FAIL: efi-arm64 ($f not built)"
		exit 1
	fi
done
mkdir -p "$out"

# Where the capture lies in virt's RAM ([1 GiB, 3 GiB) with -m 2G): inside
# the RAM mkhandover models for --mem 2G too ([1 MiB, 2 GiB)), so its
# expected report holds on both machines. Scratch 0 (128 MiB) takes
# baton.efi's DTB, baton.Image and the initrd; scratch 1 starts with the
# scratch array; preserved memory comes from the arena at 0x50000000.
PLACE="--mem 2G --ram 0x40000000:0x30000000 --arena 0x50000000
--scratch 0x48000000:0x8000000 --scratch 0x60000000:0x1000000"

# boot NAME: AAVMF + NAME's ESP on QEMU -M $MACHINE until baton exits
# (PSCI SYSTEM_OFF ends QEMU; without /psci baton halts and is stopped
# here), the launcher gives up, or the timeout; $out/NAME.log is the
# serial output without timestamps and terminal escapes.
boot() {
	raw=$out/$1.raw
	rm -f "$raw"
	cp "$AAVMF_VARS" "$out/$1/vars.fd"
	timeout "$TIMEOUT" "$QEMU" -M "$MACHINE" -cpu max -accel tcg \
		-m 2G -nodefaults -display none -no-reboot \
		-drive "if=pflash,format=raw,readonly=on,file=$AAVMF_CODE" \
		-drive "if=pflash,format=raw,file=$out/$1/vars.fd" \
		-drive "format=raw,file=fat:rw:$out/$1/esp" \
		-serial "file:$raw" </dev/null >"$out/$1.qemu" 2>&1 &
	wait_baton_exit $! "$raw"
	tr -d '\r' <"$raw" | sed -e 's/\x1b\[[0-9;?=]*[A-Za-z]//g' \
		-e 's/^\[ *[0-9]*\.[0-9]*\] //' >"$out/$1.log"
}

. tests/qemu/expect-lib.sh

# The Image runs where baton.efi put it and reads the DTB baton.efi built.
same_placement() {
	log=$1
	kernel=$(sed -n 's/^baton\.efi: exiting boot services, entering the payload at 0x0*\([0-9a-f]*\) with x0 = dtb 0x\([0-9a-f]*\)$/\1/p' "$log")
	dtb=$(sed -n 's/^baton\.efi: exiting boot services, entering the payload at 0x[0-9a-f]* with x0 = dtb \(0x[0-9a-f]*\)$/\1/p' "$log")
	[ -n "$kernel" ] && grep -q "^baton 0\.1\.0 (arm64) entered at EL1 via Image, image 0x$kernel-" "$log" ||
		problems="$problems
  baton does not run at 0x${kernel:-?} where baton.efi loaded it"
	[ -n "$dtb" ] && grep -q "^boot: dtb $dtb size 0x[0-9a-f]*$" "$log" ||
		problems="$problems
  baton did not get the DTB ${dtb:-?} from baton.efi"
}

# codes LOG: the sorted error finding codes baton printed, space separated.
codes() {
	sed -n 's/^finding: error \([A-Z0-9_]*\) at .*/\1/p' "$1" | sort | tr '\n' ' ' | sed 's/ $//'
}

# case NAME VERDICT ERROR-CODES MKHANDOVER-ARGS...: one capture, one boot.
# ERROR-CODES: the sorted error codes expected ("-": none). A NAME ending
# in .cpio is written as one capture.cpio.
run_case() {
	name=$1 verdict=$2 want_codes=$3
	shift 3
	[ -z "$ONLY" ] || [ "$ONLY" = "$name" ] || return 0
	dir=$out/$name
	rm -rf "$dir"
	mkdir -p "$dir/esp/EFI/BOOT"
	cp "$efi" "$dir/esp/EFI/BOOT/BOOTAA64.EFI"
	capture=$dir/esp/capture
	case $name in
	*.cpio) set -- "$@" --cpio "$dir/esp/capture.cpio"
		capture=$dir/capture ;;
	esac
	# shellcheck disable=SC2086
	if ! "$mkh" -o "$capture" $PLACE --payload "$image" \
		--cmdline "baton.exit=qemu" "$@" >"$dir/mkhandover.log" 2>&1; then
		echo "FAIL: efi-arm64/$name (mkhandover: $(tail -n 1 "$dir/mkhandover.log"))"
		failed=1
		return
	fi
	start=$(date +%s)
	boot "$name"
	secs=$(( $(date +%s) - start ))
	log=$out/$name.log
	same_placement "$log"
	expect_line "$log" "console: pl011 0x9000000 ($CONSOLE)"
	expect_line "$log" "baton: $verdict"
	[ "$want_codes" = - ] && want_codes=
	got=$(codes "$log")
	[ "$got" = "$want_codes" ] || problems="$problems
  error codes: expected '${want_codes}', got '$got'"
	python3 tests/qemu/compare-report.py "$name" "$log" \
		"$capture/expected.json" >"$dir/verdict" ||
		problems="$problems
$(sed -n '2,$p' "$dir/verdict")"
	if [ -z "$problems" ]; then
		echo "PASS: efi-arm64/$name (${verdict}${want_codes:+: $want_codes}, ${secs} s)"
	else
		echo "FAIL: efi-arm64/$name$problems"
		echo "  --- serial log ($log):"
		tail -n 30 "$log" | sed 's/^/  | /'
		failed=1
	fi
	problems=""
	rm -f "$dir/esp/capture.cpio"
}

suite_start=$(date +%s)
# The firmware hands over its DTB (acpi=off): baton's console is the PL011
# its stdout-path names.
MACHINE=virt,acpi=off CONSOLE=stdout-path
# The scenario of every release profile (tests/qemu/scenarios.txt's for
# the profile where it has one; 6.17 has none there), two as capture.cpio.
# 6.18 and 6.19 (kho-v1 with 4096-byte bitmaps) carry W_KHO_V1_VARIANT_ASSUMED
# as on x86: their map fits both bitmap sizes.
run_case reserve-mem-6.16 "handover OK (0 errors, 0 warnings)" - \
	--profile 6.16 --reserve-mem a:8M --reserve-mem b:12K --reserve-mem c:5M:9
run_case reserve-mem-6.17 "handover OK (0 errors, 0 warnings)" - \
	--profile 6.17 --reserve-mem trace:1M --reserve-mem log:64K:4
run_case reserve-mem-6.18 "handover OK (0 errors, 1 warning)" - \
	--profile 6.18 --reserve-mem trace:1M --reserve-mem log:64K:4 --reserve-mem ftrace:3M:10
run_case sessions-6.19.cpio "handover OK (0 errors, 1 warning)" - \
	--profile 6.19 --session vm-a --memfd 1:1M --memfd 2:5000,pos=100 \
	--session vm-b --memfd 7:64K,content=agent --session idle
run_case flb-7.0 "handover OK (0 errors, 0 warnings)" - \
	--profile 7.0 --session vm0 --memfd 0x10:2M,order=9 --memfd 0x11:12345 \
	--flb iommu-v1:0xabc000:2 --flb pci-v1:0x1000:1
run_case holes-7.1 "handover OK (0 errors, 0 warnings)" - \
	--profile 7.1 --release 7.1.3-test --kexec-count 4 --session vm0 \
	--memfd 1:1M,seals=0x1f,hole=16+64,hole=200+8 --memfd 2:256K,content=zero \
	--reserve-mem pstore:128K
run_case standard-7.2 "handover OK (0 errors, 0 warnings)" - \
	--profile 7.2 --standard
run_case update-7.3.cpio "handover OK (0 errors, 0 warnings)" - \
	--profile 7.3 --release 7.3.4 --kexec-count 2 --liveupdate-num 2 \
	--session vm0 --memfd 1:2M,order=9,content=agent \
	--memfd 2:20000,pos=8192,seals=0xf --session vm1 --memfd 3:64K \
	--flb iommu-v1:0xabc000:2 --reserve-mem pstore:64K
# A sample of corruptions, codes from mkhandover --list-corruptions (the
# x86 suite's table): the KHO FDT, a kho-v1 chunk list (whose cycle also
# leaves the scenario's reserve_mem region unpreserved), the LUO blob.
run_case corrupt-fdt-bad-magic "handover has 1 error (0 warnings)" E_FDT_INTEGRITY \
	--corrupt fdt-bad-magic
run_case corrupt-v1-cycle "handover has 2 errors (1 warning)" \
	"E_LIST_CYCLE E_POINTER_NOT_PRESERVED" --corrupt v1-cycle
run_case corrupt-luo-blob-small "handover has 1 error (0 warnings)" E_LUO_BLOB_SIZE \
	--corrupt luo-blob-small
# ACPI only (QEMU virt's default): the firmware installs no DTB, baton.efi
# starts from an empty tree, and baton, told no console, finds the PL011
# in AAVMF's own SPCR through the UEFI system table and memory map
# baton.efi names in /chosen (issue 16).
MACHINE=virt CONSOLE="ACPI SPCR"
run_case spcr-acpi-7.2 "handover OK (0 errors, 0 warnings)" - \
	--profile 7.2 --standard
echo "efi-arm64: $(( $(date +%s) - suite_start )) s in all"
exit $failed
