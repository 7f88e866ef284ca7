#!/bin/sh
# run-efi-tests.sh BUILD: boots build/baton.efi under OVMF (QEMU TCG) from a
# FAT directory (EFI/BOOT/BOOTX64.EFI + a capture) and checks the serial
# output: baton.efi's own lines, then the payload's boot summary (baton's
# "[ t ] " timestamps and the firmware's terminal escapes removed). Each
# capture's own `expect`/`expect-absent` lines are checked too. One
# PASS/FAIL line per case; exits non-zero if any case failed.
build=${1:-build}
out=$build/tests/efi
mkdir -p "$out"
failed=0
QEMU=${QEMU:-qemu-system-x86_64}
OVMF=${OVMF:-/usr/share/ovmf/OVMF.fd}
OVMF_CODE=${OVMF_CODE:-/usr/share/OVMF/OVMF_CODE_4M.fd}
OVMF_VARS=${OVMF_VARS:-/usr/share/OVMF/OVMF_VARS_4M.fd}
TIMEOUT=${EFI_TIMEOUT:-120}
ONLY=${EFI_ONLY:-}	# run just this case (name without "efi_")

# want NAME: false when EFI_ONLY names another case (then it is not run).
want() {
	[ -z "$ONLY" ] || [ "$ONLY" = "$1" ]
}

for tool in "$QEMU" dtc cpio; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "FAIL: efi ($tool not installed: make deps)"
		exit 1
	fi
done
if [ ! -f "$OVMF" ]; then
	echo "FAIL: efi ($OVMF missing: make deps installs ovmf)"
	exit 1
fi

# kho_fdt FILE RADIX_ROOT: a minimal kho-v4 root FDT whose
# preserved-memory-map (8 bytes, little-endian) names RADIX_ROOT.
kho_fdt() {
	le=$(printf '%016x' "$2" | sed 's/../& /g' |
		awk '{ for (i = 8; i >= 1; i--) printf "%s%s", $i, (i > 1 ? " " : "") }')
	printf '/dts-v1/;\n/ {\n\tcompatible = "kho-v4";\n\tpreserved-memory-map = [%s];\n};\n' \
		"$le" | dtc -q -I dts -O dtb -o "$1" -
}

# esp NAME: a fresh ESP directory with baton.efi; prints its path.
esp() {
	dir=$out/$1/esp
	rm -rf "$out/$1"
	mkdir -p "$dir/EFI/BOOT" "$dir/capture"
	cp "$build/baton.efi" "$dir/EFI/BOOT/BOOTX64.EFI"
	echo "$dir"
}

# as_cpio ESP: replaces ESP/capture/ by ESP/capture.cpio (newc).
as_cpio() {
	(cd "$1/capture" && find . -type f | sort | cpio -o -H newc --quiet) \
		>"$1/capture.cpio"
	rm -rf "$1/capture"
}

# boot NAME MEM [STOP]: runs OVMF on $out/NAME/esp until QEMU exits, the
# timeout, or (when given) a serial line containing STOP appears; leaves
# $out/NAME.log and $status (124: timeout, 0: stopped by STOP). With
# MONITOR=1 QEMU has a monitor socket $out/NAME.mon, and the function named
# by HOOK runs once STOP was seen, before QEMU is ended. PFLASH=1 boots the
# split firmware (read-only CODE, a private copy of VARS) instead of -bios.
boot() {
	name=$1 mem=$2 stop=$3
	raw=$out/$name.raw
	rm -f "$raw" "$out/$name.mon"
	monitor=""
	[ -n "$MONITOR" ] && monitor="-monitor unix:$out/$name.mon,server,nowait"
	firmware="-bios $OVMF"
	if [ -n "$PFLASH" ]; then
		cp "$OVMF_VARS" "$out/$name/vars.fd"
		firmware="-drive if=pflash,format=raw,unit=0,readonly=on,file=$OVMF_CODE"
		firmware="$firmware -drive if=pflash,format=raw,unit=1,file=$out/$name/vars.fd"
	fi
	# shellcheck disable=SC2086
	timeout "$TIMEOUT" "$QEMU" -accel tcg -nodefaults -display none \
		-no-reboot -m "$mem" $firmware \
		-drive "format=raw,file=fat:rw:$out/$name/esp" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-serial "file:$raw" $monitor </dev/null >"$out/$name.qemu" 2>&1 &
	pid=$!
	if [ -n "$stop" ]; then
		while kill -0 "$pid" 2>/dev/null; do
			if grep -qF -- "$stop" "$raw" 2>/dev/null; then
				sleep 1
				[ -n "$HOOK" ] && "$HOOK"
				kill "$pid" 2>/dev/null
				break
			fi
			sleep 1
		done
	fi
	wait "$pid"
	status=$?
	[ -n "$stop" ] && grep -qF -- "$stop" "$raw" 2>/dev/null && status=0
	tr -d '\r' <"$raw" | sed -e 's/\x1b\[[0-9;?=]*[A-Za-z]//g' \
		-e 's/^\[ *[0-9]*\.[0-9]*\] //' >"$out/$name.log"
}

problems=""
expect_line() {
	grep -qxF -- "$2" "$1" || problems="$problems
  missing line: $2"
}

expect_regex() {
	grep -qx -- "$2" "$1" || problems="$problems
  no line matching: $2"
}

expect_absent() {
	! grep -qF -- "$2" "$1" || problems="$problems
  unexpected: $2"
}

expect_status() {
	[ "$status" = "$1" ] || problems="$problems
  exit status $status, expected $1"
}

# expect_usable LOG FIRST LAST: one "usable" e820 line covers [FIRST, LAST]
# (16-digit hex compared as strings).
expect_usable() {
	first=$(printf '%016x' "$2") last=$(printf '%016x' "$3")
	sed -n 's/^e820: \[mem 0x\([0-9a-f]\{16\}\)-0x\([0-9a-f]\{16\}\)\] usable$/\1 \2/p' "$1" |
		awk -v first="$first" -v last="$last" '
			("x" $1) <= ("x" first) && ("x" $2) >= ("x" last) { found = 1 }
			END { exit !found }' || problems="$problems
  no usable e820 entry covers [$2-$3]"
}

# expect_free_in_shell LOG FIRST LAST: the UEFI shell's `memmap` (run by
# a startup.nsh after baton.efi gave up) lists [FIRST, LAST] as Available.
expect_free_in_shell() {
	first=$(printf '%016X' "$2") last=$(printf '%016X' "$3")
	sed -n 's/^Available  *\([0-9A-F]\{16\}\)-\([0-9A-F]\{16\}\) .*/\1 \2/p' "$1" |
		awk -v first="$first" -v last="$last" '
			("x" $1) <= ("x" first) && ("x" $2) >= ("x" last) { found = 1 }
			END { exit !found }' || problems="$problems
  [$2-$3] is not free again in the UEFI shell's memmap"
}

# The capture's own expect / expect-absent lines.
expect_from_manifest() {
	log=$1 manifest=$2
	sed -n 's/^[[:space:]]*expect[[:space:]][[:space:]]*"\(.*\)"[[:space:]]*$/\1/p' \
		"$manifest" >"$log.expect"
	while IFS= read -r line; do
		expect_line "$log" "$line"
	done <"$log.expect"
	sed -n 's/^[[:space:]]*expect-absent[[:space:]][[:space:]]*"\(.*\)"[[:space:]]*$/\1/p' \
		"$manifest" >"$log.absent"
	while IFS= read -r line; do
		expect_absent "$log" "$line"
	done <"$log.absent"
}

verdict() {
	if [ -z "$problems" ]; then
		echo "PASS: efi_$1"
	else
		echo "FAIL: efi_$1$problems"
		echo "  --- serial log ($out/$1.log):"
		tail -n 40 "$out/$1.log" | sed 's/^/  | /'
		failed=1
	fi
	problems=""
}

# The payload's boot_params and image must be where baton.efi put them.
same_placement() {
	log=$1
	efi_bp=$(sed -n 's/^baton\.efi: boot_params \(0x[0-9a-f]*\),.*/\1/p' "$log")
	efi_kernel=$(sed -n 's/^baton\.efi: payload: .*kernel \[mem 0x0*\([0-9a-f]*\)-.*/0x\1/p' "$log")
	[ -n "$efi_bp" ] && grep -q "^boot: linux64 boot_params $efi_bp loader 0xff protocol 2\.15$" "$log" ||
		problems="$problems
  baton did not get boot_params ${efi_bp:-?} from baton.efi"
	[ -n "$efi_kernel" ] && grep -q "^baton 0\.1\.0 (x86_64) entered via linux64, image $efi_kernel-" "$log" ||
		problems="$problems
  baton does not run at ${efi_kernel:-?} where baton.efi loaded it"
}

have_baton=1
[ -f "$build/baton.bzImage" ] || have_baton=0
linux=${LINUX_BZIMAGE:-$build/linux/bzImage}

# 1. A small kho-v4 handover below 4 GiB, capture as a directory.
if ! want boot_low; then :
elif [ $have_baton = 1 ]; then
	dir=$(esp boot_low)
	kho_fdt "$dir/capture/kho.dtb" 0x4001000
	cp "$build/baton.bzImage" "$dir/capture/"
	cat >"$dir/capture/manifest" <<'EOF'
# kho-v4: root FDT, an empty radix root page, 1 MiB of memfd-like data
format baton-capture 1
ram 0x1000000 0x20000000
scratch 0x8000000 0x1000000       # entry 0
scratch 0x10000000 0x400000       # entry 1
blob kho.dtb 0x4000000 0x1000
pattern 0x4001000 0x1000 0 zero
pattern 0x5000000 0x100000 2a builder
kho-fdt 0x4000000 0x1000
scratch-array 0x8ff0000
cmdline "baton.exit=qemu console=ttyS0"
expect "baton.efi: scratch[0] [mem 0x0000000008000000-0x0000000008ffffff]"
expect "baton.efi: scratch[1] [mem 0x0000000010000000-0x00000000103fffff]"
expect "kho: fdt 0x0000000004000000 size 0x1000 scratch array 0x0000000008ff0000 (2 areas)"
expect "cmdline: baton.exit=qemu console=ttyS0"
expect "finding: error E_POINTER_NOT_PRESERVED at 0x0000000004000000: KHO FDT page is not a preserved order-0 range"
expect "baton: handover has 1 error (0 warnings)"
expect "baton: exit failure (qemu)"
expect-absent "EXCEPTION:"
EOF
	boot boot_low 1G
	log=$out/boot_low.log
	expect_from_manifest "$log" "$dir/capture/manifest"
	expect_line "$log" "baton.efi: capture \\capture\\: 1 ram, 2 scratch, 1 blobs, 2 patterns"
	expect_regex "$log" "baton\.efi: setup_data 0x0000000008ff[0-9a-f]* type 10 (KEXEC_KHO): fdt 0x0000000004000000 size 0x1000 scratch array 0x0000000008ff0000 size 0x20"
	expect_regex "$log" "setup_data: 0x0000000008ff[0-9a-f]* type 10 (KEXEC_KHO) len 32"
	expect_regex "$log" "acpi: rsdp 0x[0-9a-f]\{16\}"
	same_placement "$log"
	expect_usable "$log" 0x8000000 0x8ffffff
	expect_usable "$log" 0x10000000 0x103fffff
	expect_usable "$log" 0x4000000 0x4001fff
	expect_usable "$log" 0x5000000 0x50fffff
	# The synthetic map (an empty radix root) does not preserve the FDT
	# page: baton's validation must say so, and the run ends in failure.
	expect_status 35
	verdict boot_low
else
	echo "SKIP: efi_boot_low ($build/baton.bzImage not built)"
fi

# 2. Scratch entry 0 above 4 GiB, so boot_params, command line and the
# payload land there; capture as one cpio archive.
if ! want boot_above_4g; then :
elif [ $have_baton = 1 ]; then
	dir=$(esp boot_above_4g)
	kho_fdt "$dir/capture/kho.dtb" 0x140001000
	mkdir -p "$dir/capture/payload"
	cp "$build/baton.bzImage" "$dir/capture/payload/baton.bzImage"
	cat >"$dir/capture/manifest" <<'EOF'
format baton-capture 1
ram 0x1000000 0x20000000
ram 0x100000000 0xc0000000
scratch 0x180000000 0x2000000     # entry 0: above 4 GiB
scratch 0x8000000 0x400000
blob kho.dtb 0x140000000 0x1000
pattern 0x140001000 0x1000 0 zero
pattern 0x150000000 0x200000 7 agent 3000
kho-fdt 0x140000000 0x1000
scratch-array 0x181ff0000
payload payload/baton.bzImage
cmdline "baton.exit=qemu"
expect "kho: fdt 0x0000000140000000 size 0x1000 scratch array 0x0000000181ff0000 (2 areas)"
expect "finding: error E_POINTER_NOT_PRESERVED at 0x0000000140000000: KHO FDT page is not a preserved order-0 range"
expect "baton: exit failure (qemu)"
expect-absent "EXCEPTION:"
EOF
	cp "$dir/capture/manifest" "$out/boot_above_4g.manifest"
	as_cpio "$dir"
	boot boot_above_4g 6G
	log=$out/boot_above_4g.log
	expect_from_manifest "$log" "$out/boot_above_4g.manifest"
	expect_line "$log" "baton.efi: capture \\capture.cpio: 2 ram, 2 scratch, 1 blobs, 2 patterns"
	expect_regex "$log" "baton 0\.1\.0 (x86_64) entered via linux64, image 0x181f[0-9a-f]*-0x181ff0000, link 0x100000"
	expect_regex "$log" "boot: linux64 boot_params 0x0000000181ff[0-9a-f]* loader 0xff protocol 2\.15"
	expect_regex "$log" "setup_data: 0x0000000181ff[0-9a-f]* type 10 (KEXEC_KHO) len 32"
	expect_line "$log" "cmdline: baton.exit=qemu"
	same_placement "$log"
	expect_usable "$log" 0x180000000 0x181ffffff
	expect_usable "$log" 0x140000000 0x140001fff
	expect_status 35	# the empty synthetic map: see boot_low
	verdict boot_above_4g
else
	echo "SKIP: efi_boot_above_4g ($build/baton.bzImage not built)"
fi

# 2b. No KHO at all (no kho-fdt / scratch-array): the payload gets no
# setup_data; booted from the pflash CODE/VARS pair this time.
if ! want pflash_no_kho; then :
elif [ $have_baton = 1 ] && [ -f "$OVMF_CODE" ] && [ -f "$OVMF_VARS" ]; then
	dir=$(esp pflash_no_kho)
	cp "$build/baton.bzImage" "$dir/capture/"
	printf '%s\n' 'format baton-capture 1' 'scratch 0x30000000 0x800000' \
		'cmdline "baton.exit=qemu"' >"$dir/capture/manifest"
	PFLASH=1 boot pflash_no_kho 1G
	log=$out/pflash_no_kho.log
	expect_line "$log" "kho: none"
	expect_absent "$log" "setup_data:"
	expect_absent "$log" "baton.efi: setup_data"
	expect_regex "$log" "baton 0\.1\.0 (x86_64) entered via linux64, image 0x307[0-9a-f]*-0x307[0-9a-f]*, link 0x100000"
	same_placement "$log"
	expect_line "$log" "baton: exit success (qemu)"
	expect_status 33
	verdict pflash_no_kho
else
	echo "SKIP: efi_pflash_no_kho (no baton.bzImage or no $OVMF_CODE)"
fi

# 3. Byte-exact placement: baton halts, then guest memory is dumped through
# the QEMU monitor and compared with the capture (blob + zero tail, every
# pattern kind with offsets, the scratch array) and the KEXEC_KHO record.
dump_capture_memory() {
	dumps=$out/memory_exact/dump
	mkdir -p "$dumps"
	set --
	while read -r directive a b c rest; do
		case $directive in
		blob)
			size=$(( ${c:-$(stat -c %s "$out/memory_exact/capture/$a")} ))
			set -- "$@" "pmemsave $b $(( (size + 4095) / 4096 * 4096 )) \"$PWD/$dumps/$(printf %x $((b))).bin\"" ;;
		pattern)
			set -- "$@" "pmemsave $a $b \"$PWD/$dumps/$(printf %x $((a))).bin\"" ;;
		scratch-array)
			set -- "$@" "pmemsave $a 32 \"$PWD/$dumps/$(printf %x $((a))).bin\"" ;;
		esac
	done <"$out/memory_exact/capture/manifest"
	kho=$(tr -d '\r' <"$raw" | sed -n 's/^baton\.efi: setup_data \(0x[0-9a-f]*\) type 10 .*/\1/p')
	[ -n "$kho" ] && set -- "$@" "pmemsave $kho 48 \"$PWD/$dumps/setup_data.bin\""
	python3 tests/linux/monitor.py "$out/memory_exact.mon" "$@" \
		>"$out/memory_exact.monitor" 2>&1
}

if ! want memory_exact; then :
elif [ $have_baton = 1 ]; then
	dir=$(esp memory_exact)
	kho_fdt "$dir/capture/kho.dtb" 0x4001000
	cp "$build/baton.bzImage" "$dir/capture/"
	head -c 5000 /dev/urandom >"$dir/capture/random.bin"
	cat >"$dir/capture/manifest" <<'EOF'
format baton-capture 1
scratch 0x8000000 0x1000000
scratch 0x10000000 0x400000
blob kho.dtb 0x4000000 0x1000
blob random.bin 0x4100000
pattern 0x4001000 0x1000 0 zero
pattern 0x5000000 0x100000 2a builder 0x1000
pattern 0x5100000 0x3000 ffffffffffffffff agent 0x123
pattern 0x5200000 0x1000 5c fill
kho-fdt 0x4000000 0x1000
scratch-array 0x8ff0000
cmdline "baton.exit=halt"
EOF
	mkdir -p "$out/memory_exact/capture"
	cp "$dir/capture/manifest" "$dir/capture/kho.dtb" "$dir/capture/random.bin" \
		"$out/memory_exact/capture/"
	MONITOR=1 HOOK=dump_capture_memory \
		boot memory_exact 1G "baton: exit failure (halt)"
	log=$out/memory_exact.log
	# failure: the synthetic map does not preserve the FDT page (boot_low)
	expect_line "$log" "finding: error E_POINTER_NOT_PRESERVED at 0x0000000004000000: KHO FDT page is not a preserved order-0 range"
	expect_line "$log" "baton: exit failure (halt)"
	if ! tests/efi/check-memory.py "$out/memory_exact/dump" \
		"$out/memory_exact/capture/manifest" "$out/memory_exact/capture" \
		>"$out/memory_exact.check" 2>&1; then
		problems="$problems
  $(tail -n 1 "$out/memory_exact.check")"
	fi
	checked=$(grep -c '^ok ' "$out/memory_exact.check")
	[ "$checked" = 7 ] || problems="$problems
  expected 7 ranges checked, got $checked"
	record=$(od -An -tx8 -v "$out/memory_exact/dump/setup_data.bin" 2>/dev/null |
		tr -s ' \n' '  ')
	[ "$record" = " 0000000000000000 000000200000000a 0000000004000000 0000000000001000 0000000008ff0000 0000000000000020 " ] ||
		problems="$problems
  KEXEC_KHO record in memory:$record"
	expect_status 0
	verdict memory_exact
else
	echo "SKIP: efi_memory_exact ($build/baton.bzImage not built)"
fi

# 4. An address the firmware keeps for itself (OVMF's fixed ACPI NVS work
# area at 8 MiB): a clear error naming the address, the manifest line and
# what the firmware map has there.
if want address_busy; then
	dir=$(esp address_busy)
	kho_fdt "$dir/capture/kho.dtb" 0x4001000
	cat >"$dir/capture/manifest" <<-'EOF'
	format baton-capture 1
	scratch 0x8000000 0x1000000
	blob kho.dtb 0x4000000 0x1000
	pattern 0x4001000 0x1000 0 zero
	pattern 0x800000 0x2000 0 zero     # OVMF's work area
	kho-fdt 0x4000000 0x1000
	scratch-array 0x8ff0000
	EOF
	printf 'memmap\r\necho memmap-done\r\n' >"$dir/startup.nsh"
	boot address_busy 1G "memmap-done"
	log=$out/address_busy.log
	expect_line "$log" "baton.efi: cannot allocate [mem 0x0000000000800000-0x0000000000801fff] for the pattern of manifest line 5: not found"
	expect_regex "$log" "baton\.efi:   firmware map there: \[mem 0x0000000000800000-0x0000000000807fff\] EfiACPIMemoryNVS attr 0x[0-9a-f]*"
	expect_line "$log" "baton.efi: stopped: nothing was booted"
	expect_absent "$log" "exiting boot services"
	# What was claimed before the refused address is free again.
	expect_free_in_shell "$log" 0x8000000 0x8ffffff
	expect_free_in_shell "$log" 0x4000000 0x4001fff
	expect_status 0
	verdict address_busy
fi

# 5. A ram line the firmware does not report as RAM (the PCI hole).
if want ram_missing; then
	dir=$(esp ram_missing)
	cat >"$dir/capture/manifest" <<-'EOF'
	format baton-capture 1
	ram 0x1000000 0x10000000
	ram 0xe0000000 0x100000
	scratch 0x8000000 0x1000000
	EOF
	boot ram_missing 1G "stopped: nothing was booted"
	log=$out/ram_missing.log
	expect_line "$log" "baton.efi: ram [mem 0x00000000e0000000-0x00000000e00fffff] (manifest line 3) is not all RAM here"
	expect_line "$log" "baton.efi:   firmware map there: nothing (no descriptor covers [0xe0000000-0xe00fffff])"
	expect_line "$log" "baton.efi: stopped: nothing was booted"
	expect_status 0
	verdict ram_missing
fi

# 6. A malformed manifest: the parser's message with its line number.
if want bad_manifest; then
	dir=$(esp bad_manifest)
	printf 'format baton-capture 1\nscratch 0x8000000 0x1000000\nblob kho.dtb 0x4000800\n' \
		>"$dir/capture/manifest"
	boot bad_manifest 1G "stopped: nothing was booted"
	log=$out/bad_manifest.log
	expect_line "$log" "baton.efi: \\capture\\manifest: line 3: ADDR 0x4000800 is not 4 KiB aligned"
	expect_line "$log" "baton.efi: stopped: nothing was booted"
	expect_status 0
	verdict bad_manifest
fi

# vectors_capture DIR PAYLOAD CMDLINE [INITRD]: the real Linux 7.2
# handover of tests/vectors/linux-7.2 as a capture in DIR/capture
# (tests/efi/vectors-capture.py: every structure at Linux's address, memfd
# pages from data files or agent/zero patterns).
vectors_capture() {
	python3 tests/efi/vectors-capture.py tests/vectors/linux-7.2 \
		"$1/capture" "$2" "$3" $4
}

# 6b. A payload that is no 64-bit bzImage: the probe's reason, nothing
# entered, the capture's memory released (seen in the UEFI shell's memmap).
if want payload_refused; then
	dir=$(esp payload_refused)
	kho_fdt "$dir/capture/kho.dtb" 0x4001000
	printf '%s\n' 'format baton-capture 1' 'scratch 0x8000000 0x1000000' \
		'payload kho.dtb' >"$dir/capture/manifest"
	# The firmware falls back to its shell, which runs startup.nsh: the
	# memory map it prints shows whether the scratch pages were freed.
	printf 'memmap\r\necho memmap-done\r\n' >"$dir/startup.nsh"
	boot payload_refused 1G "memmap-done"
	log=$out/payload_refused.log
	expect_line "$log" "baton.efi: scratch[0] [mem 0x0000000008000000-0x0000000008ffffff]"
	expect_regex "$log" "baton\.efi: payload refused: .*"
	expect_line "$log" "baton.efi: stopped: nothing was booted"
	expect_absent "$log" "exiting boot services"
	expect_free_in_shell "$log" 0x8000000 0x8ffffff
	expect_status 0
	verdict payload_refused
fi

# 6c. Linux itself above 4 GiB: scratch entry 0 at 6 GiB holds boot_params,
# command line and the kernel (decompressed in place with nokaslr).
if ! want linux_above_4g; then :
elif [ -f "$linux" ]; then
	dir=$(esp linux_above_4g)
	kho_fdt "$dir/capture/kho.dtb" 0x4001000
	cp "$linux" "$dir/capture/linux.bzImage"
	cat >"$dir/capture/manifest" <<'EOF'
format baton-capture 1
scratch 0x180000000 0x10000000
scratch 0x8000000 0x8000000
blob kho.dtb 0x4000000 0x1000
pattern 0x4001000 0x1000 0 zero
kho-fdt 0x4000000 0x1000
scratch-array 0x18fff0000
payload linux.bzImage
cmdline "console=ttyS0 panic=-1 nokaslr kho=on"
EOF
	boot linux_above_4g 6G
	log=$out/linux_above_4g.log
	expect_regex "$log" "baton\.efi: payload: protocol 2\.15, kernel \[mem 0x000000018f[0-9a-f]*-0x000000018f[0-9a-f]*\] align 0x200000, entry 0x18f[0-9a-f]*"
	expect_line "$log" "Command line: console=ttyS0 panic=-1 nokaslr kho=on"
	expect_line "$log" "KHO: found kexec handover data."
	expect_regex "$log" "Kernel panic - not syncing: VFS: Unable to mount root fs.*"
	verdict linux_above_4g
else
	echo "SKIP: efi_linux_above_4g (no Linux test kernel at $linux: make linux)"
fi

# 7. The real Linux 7.2 handover replayed under UEFI, into baton.
if ! want vectors_baton; then :
elif [ $have_baton = 1 ] && [ -f tests/vectors/linux-7.2/index.txt ]; then
	dir=$(esp vectors_baton)
	cp "$build/baton.bzImage" "$dir/capture/"
	vectors_capture "$dir" baton.bzImage "baton.exit=qemu"
	boot vectors_baton 1G
	log=$out/vectors_baton.log
	fdt=$(awk '$1 == "kho-fdt.dtb" { print $2 }' tests/vectors/linux-7.2/index.txt)
	expect_line "$log" "kho: fdt $(printf '0x%016x' "$fdt") size 0x1000 scratch array 0x000000000fff0000 (2 areas)"
	# the whole flow on a real 7.2 handover: clean verdict, LUO model
	expect_line "$log" "mm: preserved 48 entries, 0x30000 bytes, 25 ranges after merging"
	expect_line "$log" "kho: this handover looks like Linux 7.2 (kho-v4, luo-v5, memfd-v2)"
	expect_line "$log" "luo: luo-v5 liveupdate_num 1 sessions 4 files 6 flbs 0"
	expect_line "$log" "luo: session \"vm-alpha\" files 3"
	expect_line "$log" "luo:   file token 0x2 memfd-v2 size 0x3039 pos 0x64 seals 0xe (shrink,grow,write) flags 0x0 folios 4 orders 0:4 data 0x0000000001fc2000"
	expect_line "$log" "baton: handover OK (0 errors, 0 warnings)"
	expect_absent "$log" "finding: error"
	expect_regex "$log" "report: blob 0x[0-9a-f]* bytes at 0x[0-9a-f]*"
	expect_line "$log" "chain: no bundle (no initrd), no next kernel to boot"
	expect_line "$log" "baton: exit success (qemu)"
	same_placement "$log"
	expect_status 33
	verdict vectors_baton
else
	echo "SKIP: efi_vectors_baton (no baton.bzImage or no tests/vectors/linux-7.2)"
fi

# 7b. The same handover with baton.selftest=write-preserved: once mm's
# mapping is active, a write to the first preserved page must fault and the
# fault report must name the preserved range (mm's fault-description hook).
if ! want vectors_write_preserved; then :
elif [ $have_baton = 1 ] && [ -f tests/vectors/linux-7.2/index.txt ]; then
	dir=$(esp vectors_write_preserved)
	cp "$build/baton.bzImage" "$dir/capture/"
	vectors_capture "$dir" baton.bzImage \
		"baton.exit=qemu baton.selftest=write-preserved"
	boot vectors_write_preserved 1G
	log=$out/vectors_write_preserved.log
	first=$(sed -n 's/^selftest: write-preserved: writing to \(0x[0-9a-f]*\)$/\1/p' "$log")
	expect_regex "$log" "paging: memory model applied, [0-9]* ranges, [0-9]* more table pages; preserved memory read-only"
	expect_line "$log" "selftest: write-preserved"
	expect_line "$log" "EXCEPTION: vector 14 (#PF page fault), error code 0x3"
	expect_line "$log" "page fault: write protection violation at ${first:-?}"
	expect_regex "$log" "fault address ${first:-?} is preserved range \[${first:-?}-0x[0-9a-f]*) order 0"
	expect_line "$log" "baton: exit exception (qemu)"
	expect_absent "$log" "did not stop baton"
	expect_status 37
	verdict vectors_write_preserved
else
	echo "SKIP: efi_vectors_write_preserved (no baton.bzImage or no tests/vectors/linux-7.2)"
fi

# 7c. The next kernel's ABI precheck on the same handover: a bundle whose
# stub kernel (tests/efi/mkstubkernel.py) says 6.19.3 is refused under the
# default on-clean with E_CHAIN_ABI_MISMATCH naming both sides; one that
# says 7.2.13 matches, is chain-loaded, and its entry ends QEMU (65).
precheck_case() {
	name=$1 version=$2
	dir=$(esp "$name")
	cp "$build/baton.bzImage" "$dir/capture/"
	python3 tests/efi/mkstubkernel.py "$out/$name/stub" "$version (stub) #1"
	"$mkbundle" -o "$dir/capture/bundle.cpio" --kernel "$out/$name/stub" \
		--cmdline "console=ttyS0" >/dev/null
	vectors_capture "$dir" baton.bzImage "baton.exit=qemu" bundle.cpio
	boot "$name" 1G
	log=$out/$name.log
	expect_line "$log" "kho: this handover looks like Linux 7.2 (kho-v4, luo-v5, memfd-v2)"
}
mkbundle=${MKBUNDLE:-$build/tools/mkbundle}
if ! want vectors_precheck_refused; then :
elif [ $have_baton = 1 ] && [ -x "$mkbundle" ] && [ -f tests/vectors/linux-7.2/index.txt ]; then
	precheck_case vectors_precheck_refused 6.19.3
	mismatch="next kernel 6.19.3 speaks kho-v1 luo-v1 memfd-v1: MISMATCH with handover kho-v4 luo-v5 memfd-v2, refused (on-clean)"
	expect_line "$log" "chain: $mismatch"
	expect_regex "$log" "finding: error E_CHAIN_ABI_MISMATCH at 0x0*: $mismatch"
	expect_line "$log" "baton: handover has 1 error (0 warnings)"
	expect_line "$log" "chain: not booting the next kernel: 1 error finding(s) and baton.chain=on-clean"
	expect_absent "$log" "chain: jumping"
	expect_line "$log" "baton: exit failure (qemu)"
	expect_status 35
	verdict vectors_precheck_refused
else
	echo "SKIP: efi_vectors_precheck_refused (no baton.bzImage, mkbundle or tests/vectors/linux-7.2)"
fi
if ! want vectors_precheck_match; then :
elif [ $have_baton = 1 ] && [ -x "$mkbundle" ] && [ -f tests/vectors/linux-7.2/index.txt ]; then
	precheck_case vectors_precheck_match 7.2.13
	expect_line "$log" "chain: next kernel 7.2.13 speaks kho-v4 luo-v5 memfd-v2: matches handover"
	expect_line "$log" "baton: handover OK (0 errors, 0 warnings)"
	expect_regex "$log" "chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*"
	expect_status 65
	verdict vectors_precheck_match
else
	echo "SKIP: efi_vectors_precheck_match (no baton.bzImage, mkbundle or tests/vectors/linux-7.2)"
fi

# 8. The same handover into the real Linux 7.2 test kernel: it must find
# the KHO data and retrieve LUO's state (liveupdate number 1).
if ! want vectors_linux; then :
elif [ -f "$linux" ] && [ -f tests/vectors/linux-7.2/index.txt ]; then
	dir=$(esp vectors_linux)
	cp "$linux" "$dir/capture/linux.bzImage"
	vectors_capture "$dir" linux.bzImage \
		"console=ttyS0 panic=-1 nokaslr kho=on liveupdate=on"
	boot vectors_linux 1G
	log=$out/vectors_linux.log
	expect_regex "$log" "Linux version 7\.2.*"
	expect_line "$log" "Command line: console=ttyS0 panic=-1 nokaslr kho=on liveupdate=on"
	expect_line "$log" "KHO: found kexec handover data."
	expect_line "$log" "KHO: exec from: 7.2.13 (count 1)"
	expect_regex "$log" ".*Retrieved live update data, liveupdate number: 1"
	expect_absent "$log" "disabling KHO revival"
	expect_absent "$log" "Failed to deserialize"
	expect_regex "$log" "Kernel panic - not syncing: VFS: Unable to mount root fs.*"
	verdict vectors_linux
else
	echo "SKIP: efi_vectors_linux (no Linux test kernel at $linux: make linux)"
fi

# 9. Full fidelity: the Linux test kernel boots the replayed handover with
# the real-Linux tier's verify initramfs; baton-agent retrieves every
# session and file and checks sizes, seals, positions and content digests
# against its own manifest (the sparse memfd's pages come from patterns).
verify_initrd=${VERIFY_INITRD:-$build/linux/verify.cpio.gz}
if ! want vectors_verify; then :
elif [ -f "$linux" ] && [ -f "$verify_initrd" ] &&
	[ -f tests/vectors/linux-7.2/index.txt ]; then
	dir=$(esp vectors_verify)
	cp "$linux" "$dir/capture/linux.bzImage"
	cp "$verify_initrd" "$dir/capture/verify.cpio.gz"
	vectors_capture "$dir" linux.bzImage \
		"console=ttyS0 panic=-1 nokaslr kho=on liveupdate=on baton.test=verify" \
		verify.cpio.gz
	boot vectors_verify 1G "BATON-INIT verify rc="
	log=$out/vectors_verify.log
	expect_regex "$log" "baton\.efi: initrd \[mem 0x[0-9a-f]*-0x[0-9a-f]*\] size 0x[0-9a-f]*"
	expect_line "$log" "KHO: found kexec handover data."
	expect_regex "$log" ".*Retrieved live update data, liveupdate number: 1"
	expect_line "$log" "AGENT-VERIFY PASS passed=18 failed=0 bytes=90169"
	expect_line "$log" "BATON-INIT verify rc=0"
	expect_status 0
	verdict vectors_verify
else
	echo "SKIP: efi_vectors_verify (needs $linux and $verify_initrd: make linux test-linux)"
fi

# 10. baton -> baton: the first baton (baton.chain=on) hands its report over
# as the KHO subtree `baton` (new root FDT and map pages outside scratch) and
# chain-loads a second baton from its bundle with baton.role=verify, which
# recomputes every handover digest and compares it with the first one's.
# baton_pair NAME FIRST_OPTIONS: one such boot, log in $out/NAME.log.
baton_pair() {
	dir=$(esp "$1")
	cp "$build/baton.bzImage" "$dir/capture/"
	"$build/tools/mkbundle" -o "$dir/capture/bundle.cpio" \
		--kernel "$build/baton.bzImage" \
		--cmdline "baton.role=verify baton.exit=qemu"
	vectors_capture "$dir" baton.bzImage \
		"baton.exit=qemu baton.chain=on $2" bundle.cpio
	boot "$1" 1G
	log=$out/$1.log
}

# fingerprint_of LOG N: the Nth "handover: fingerprint" line (1: first baton)
fingerprint_of() {
	sed -n 's/^handover: fingerprint \(kho-fdt [0-9a-fx]* preserved [0-9a-fx]*\) (\([0-9]*\) entries.*) \(luo [0-9a-fx]* memfds [0-9]*\)$/\1 \2 \3/p' "$1" |
		sed -n "$2p"
}

if ! want baton_verify; then :
elif [ $have_baton = 1 ] && [ -f tests/vectors/linux-7.2/index.txt ]; then
	baton_pair baton_verify ""
	# first instance: subtree, amended handover checked, chain
	expect_regex "$log" 'report: subtree "baton": blob 0x[0-9a-f]* bytes at 0x[0-9a-f]*, KHO FDT 0x[0-9a-f]* -> 0x[0-9a-f]* ([0-9]* bytes), map root 0x[0-9a-f]* -> 0x[0-9a-f]* ([1-6] new map pages)'
	expect_regex "$log" 'report: amended handover parsed back: [0-9]* preserved entries = 48 kept + [0-9]* added, 0 missing, 0 unexpected; 0 errors (received: 0)'
	expect_regex "$log" "chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*"
	# second instance: the report found, every digest compared
	expect_regex "$log" 'verify: report blob found: subtree "baton" at 0x[0-9a-f]*, 0x[0-9a-f]* bytes, crc32 0x[0-9a-f]* valid, previous baton: 0 errors, [0-9]* warnings*'
	expect_regex "$log" "verify: kho-fdt 0x[0-9a-f]* matches ([0-9]* bytes)"
	expect_regex "$log" "verify: preserved 0x[0-9a-f]* matches (48 entries)"
	expect_regex "$log" "verify: luo 0x[0-9a-f]* matches ([0-9]* bytes)"
	expect_line "$log" "verify: memfd count 6 matches"
	expect_regex "$log" "verify: memfd token 0x2 0x[0-9a-f]* matches (size 0x3039)"
	[ "$(grep -c '^verify: memfd token 0x[0-9a-f]* 0x[0-9a-f]* matches (size 0x[0-9a-f]*)$' "$log")" = 6 ] ||
		problems="$problems
  not 6 memfd digests matched"
	expect_line "$log" "verify: handover identical to what the previous baton received (10 digests compared)"
	expect_absent "$log" "E_VERIFY"
	expect_absent "$log" "finding: error"
	# the two instances' own fingerprint lines agree too
	one=$(fingerprint_of "$log" 1) two=$(fingerprint_of "$log" 2)
	[ -n "$one" ] && [ "$one" = "$two" ] || problems="$problems
  fingerprints differ: '$one' vs '$two'"
	expect_line "$log" "baton: exit success (qemu)"
	expect_status 33
	verdict baton_verify
else
	echo "SKIP: efi_baton_verify (no baton.bzImage or no tests/vectors/linux-7.2)"
fi

# 10b. The check can fail: the first baton records memfd 0x1's digest with
# one bit changed (baton.report.tamper=memfd) -> the verify instance names
# that memfd; it forwards the map minus one preserved entry
# (baton.report.tamper=drop-range) -> the preserved digest differs.
if ! want baton_verify_tamper; then :
elif [ $have_baton = 1 ] && [ -f tests/vectors/linux-7.2/index.txt ]; then
	baton_pair baton_verify_tamper "baton.report.tamper=memfd"
	expect_regex "$log" "report: baton.report.tamper=memfd: recording memfd token 0x1 with digest 0x[0-9a-f]* (low bit flipped, test option)"
	expect_regex "$log" "verify: E_VERIFY_DIGEST_MISMATCH: memfd token 0x1 0x[0-9a-f]*, previous baton recorded 0x[0-9a-f]*"
	expect_regex "$log" "verify: preserved 0x[0-9a-f]* matches (48 entries)"
	expect_line "$log" "verify: handover DIFFERS from what the previous baton received (1 of 10 digests differ)"
	expect_line "$log" "baton: exit failure (qemu)"
	expect_status 35
	verdict baton_verify_tamper
else
	echo "SKIP: efi_baton_verify_tamper (no baton.bzImage or no tests/vectors/linux-7.2)"
fi

if ! want baton_verify_drop; then :
elif [ $have_baton = 1 ] && [ -f tests/vectors/linux-7.2/index.txt ]; then
	baton_pair baton_verify_drop "baton.report.tamper=drop-range"
	expect_regex "$log" "report: baton.report.tamper=drop-range: dropping preserved 0x[0-9a-f]* order [0-9]* from the forwarded map (test option)"
	expect_regex "$log" "finding: error E_REPORT_HANDOVER_CHANGED at 0x0000000000000000: 1 missing (first 0x[0-9a-f]*), 0 unexpected.*"
	expect_regex "$log" "verify: E_VERIFY_DIGEST_MISMATCH: preserved 0x[0-9a-f]*, previous baton recorded 0x[0-9a-f]*"
	expect_line "$log" "verify: preserved entries 47, previous baton recorded 48"
	expect_regex "$log" "verify: handover DIFFERS from what the previous baton received ([1-9] of 10 digests differ)"
	expect_line "$log" "baton: exit failure (qemu)"
	expect_status 35
	verdict baton_verify_drop
else
	echo "SKIP: efi_baton_verify_drop (no baton.bzImage or no tests/vectors/linux-7.2)"
fi

# 10b'. The first baton with baton.digest=off reads no memfd byte: its
# fingerprint says the memfd digests were not computed, and the verify
# instance compares those memfds by token and size and says so (no
# mismatch). baton.log=summary: its console report is the short form.
if ! want baton_verify_digest_off; then :
elif [ $have_baton = 1 ] && [ -f tests/vectors/linux-7.2/index.txt ]; then
	baton_pair baton_verify_digest_off "baton.digest=off baton.log=summary"
	expect_line "$log" "digest: off (baton.digest=off)"
	expect_regex "$log" "handover: fingerprint kho-fdt 0x[0-9a-f]* preserved 0x[0-9a-f]* (48 entries) luo 0x[0-9a-f]* memfds 6 (contents not digested: baton.digest=off)"
	expect_line "$log" "report: baton 0.1.0 schema 1 (summary: baton.log=summary)"
	expect_line "$log" "report: console summary only (baton.log=summary); the full report and JSON go to the next kernel in the report blob"
	[ "$(grep -c -- '----- BEGIN BATON JSON -----' "$log")" = 1 ] ||
		problems="$problems
  not exactly one JSON block (the verify instance's)"
	expect_line "$log" "verify: memfd contents not compared: the previous baton computed no memfd content digests (baton.digest=off); tokens and sizes only"
	[ "$(grep -c '^verify: memfd token 0x[0-9a-f]* size 0x[0-9a-f]* matches (content not digested)$' "$log")" = 6 ] ||
		problems="$problems
  not 6 memfds compared by token and size"
	expect_line "$log" "verify: handover identical to what the previous baton received (10 digests compared)"
	expect_absent "$log" "E_VERIFY"
	expect_line "$log" "baton: exit success (qemu)"
	expect_status 33
	verdict baton_verify_digest_off
else
	echo "SKIP: efi_baton_verify_digest_off (no baton.bzImage or no tests/vectors/linux-7.2)"
fi

# 10b''. A Linux 6.16 handover (mkhandover: kho-v1, 512-byte bitmaps, no
# LUO) gets the subtree too: the report wrapped in a sub-FDT, a new head
# chunk in front of the old chunk list; the verify instance finds the
# report and the same handover.
if ! want baton_verify_v1; then :
elif [ $have_baton = 1 ] && [ -x "$build/tools/mkhandover" ]; then
	dir=$(esp baton_verify_v1)
	"$build/tools/mkbundle" -o "$out/baton_verify_v1/bundle.cpio" \
		--kernel "$build/baton.bzImage" \
		--cmdline "baton.role=verify baton.exit=qemu"
	rm -rf "$dir/capture"
	"$build/tools/mkhandover" -o "$dir/capture" --profile 6.16 \
		--reserve-mem trace:1M --payload "$build/baton.bzImage" \
		--initrd "$out/baton_verify_v1/bundle.cpio" \
		--cmdline "console=ttyS0 baton.exit=qemu baton.chain=on" \
		>"$out/baton_verify_v1/mkhandover.log" 2>&1
	boot baton_verify_v1 1G
	log=$out/baton_verify_v1.log
	expect_regex "$log" 'report: subtree "baton": blob 0x[0-9a-f]* bytes at 0x[0-9a-f]* (in a kho-v1 sub-FDT), KHO FDT 0x[0-9a-f]* -> 0x[0-9a-f]* ([0-9]* bytes), map root 0x[0-9a-f]* -> 0x[0-9a-f]* ([2-4] new map pages)'
	# the 6.16 scenario's 3 entries: the FDT, memblock's sub-FDT, trace
	expect_regex "$log" 'report: amended handover parsed back: [0-9]* preserved entries = 3 kept + [3-4] added, 0 missing, 0 unexpected; 0 errors (received: 0)'
	expect_regex "$log" "chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*"
	expect_line "$log" "kho: kho-v1 bitmap 512 evidence alignment"
	expect_regex "$log" 'verify: report blob found: subtree "baton" at 0x[0-9a-f]*, 0x[0-9a-f]* bytes, crc32 0x[0-9a-f]* valid, previous baton: 0 errors, [0-9]* warnings*'
	expect_regex "$log" "verify: preserved 0x[0-9a-f]* matches (3 entries)"
	expect_regex "$log" "verify: handover identical to what the previous baton received ([0-9]* digests compared)"
	expect_absent "$log" "W_REPORT_SUBTREE_FAILED"
	expect_absent "$log" "E_VERIFY"
	expect_absent "$log" "finding: error"
	one=$(fingerprint_of "$log" 1) two=$(fingerprint_of "$log" 2)
	[ -n "$one" ] && [ "$one" = "$two" ] || problems="$problems
  fingerprints differ: '$one' vs '$two'"
	expect_line "$log" "baton: exit success (qemu)"
	expect_status 33
	verdict baton_verify_v1
else
	echo "SKIP: efi_baton_verify_v1 (no baton.bzImage or no mkhandover)"
fi

# 10b'. kho-v2 (7.0) has no blob-size either: the report is wrapped in a
# sub-FDT as for kho-v1, and the verify instance sizes it by its header.
if ! want baton_verify_v2; then :
elif [ $have_baton = 1 ] && [ -x "$build/tools/mkhandover" ]; then
	dir=$(esp baton_verify_v2)
	"$build/tools/mkbundle" -o "$out/baton_verify_v2/bundle.cpio" \
		--kernel "$build/baton.bzImage" \
		--cmdline "baton.role=verify baton.exit=qemu"
	rm -rf "$dir/capture"
	"$build/tools/mkhandover" -o "$dir/capture" --profile 7.0 \
		--reserve-mem trace:1M --payload "$build/baton.bzImage" \
		--initrd "$out/baton_verify_v2/bundle.cpio" \
		--cmdline "console=ttyS0 baton.exit=qemu baton.chain=on" \
		>"$out/baton_verify_v2/mkhandover.log" 2>&1
	boot baton_verify_v2 1G
	log=$out/baton_verify_v2.log
	expect_regex "$log" 'report: subtree "baton": blob 0x[0-9a-f]* bytes at 0x[0-9a-f]* (in a kho-v2 sub-FDT), KHO FDT 0x[0-9a-f]* -> 0x[0-9a-f]* ([0-9]* bytes), map root 0x[0-9a-f]* -> 0x[0-9a-f]* (6 new map pages)'
	# the 7.0 scenario's entries: the FDT, memblock's sub-FDT, trace
	expect_regex "$log" 'report: amended handover parsed back: [0-9]* preserved entries = 6 kept + 3 added, 0 missing, 0 unexpected; 0 errors (received: 0)'
	expect_regex "$log" "chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*"
	expect_absent "$log" "kho: kho-v1 bitmap"
	expect_regex "$log" 'verify: report blob found: subtree "baton" at 0x[0-9a-f]*, 0x[0-9a-f]* bytes, crc32 0x[0-9a-f]* valid, previous baton: 0 errors, [0-9]* warnings*'
	expect_regex "$log" "verify: preserved 0x[0-9a-f]* matches (6 entries)"
	expect_regex "$log" "verify: handover identical to what the previous baton received ([0-9]* digests compared)"
	expect_absent "$log" "W_REPORT_SUBTREE_FAILED"
	expect_absent "$log" "E_VERIFY"
	expect_absent "$log" "finding: error"
	one=$(fingerprint_of "$log" 1) two=$(fingerprint_of "$log" 2)
	[ -n "$one" ] && [ "$one" = "$two" ] || problems="$problems
  fingerprints differ: '$one' vs '$two'"
	expect_line "$log" "baton: exit success (qemu)"
	expect_status 33
	verdict baton_verify_v2
else
	echo "SKIP: efi_baton_verify_v2 (no baton.bzImage or no mkhandover)"
fi

# 10c. baton.report=off: the FDT is forwarded untouched, so the verify
# instance finds no report.
if ! want baton_report_off; then :
elif [ $have_baton = 1 ] && [ -f tests/vectors/linux-7.2/index.txt ]; then
	baton_pair baton_report_off "baton.report=off"
	expect_line "$log" "report: baton.report=off: KHO FDT forwarded untouched, report on the console only"
	expect_absent "$log" 'report: subtree "baton"'
	expect_regex "$log" 'verify: E_VERIFY_REPORT_MISSING: the KHO FDT has no "baton" subtree'
	expect_line "$log" "baton: exit failure (qemu)"
	expect_status 35
	verdict baton_report_off
else
	echo "SKIP: efi_baton_report_off (no baton.bzImage or no tests/vectors/linux-7.2)"
fi

exit $failed
