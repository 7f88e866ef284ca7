#!/bin/sh
# run-efi-tests.sh BUILD: boots build/baton.efi under OVMF (QEMU TCG) from a
# FAT directory (EFI/BOOT/BOOTX64.EFI + a capture) and checks the serial
# output: baton.efi's own lines, then the payload's boot summary (baton's
# "[ t ] " timestamps and the firmware's terminal escapes removed). Each
# capture's own `expect`/`expect-absent` lines are checked too. The cases
# and their expectations are one table at the end (the run_* functions and
# helpers above it build each case's ESP and boot it). One PASS/FAIL line
# per case; exits non-zero if any case failed. EFI_ONLY=NAME runs one case.
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

. tests/qemu/expect-lib.sh


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

# expect_count N REGEX: exactly N lines of the log match REGEX (whole line).
expect_count() {
	got=$(grep -cx -- "$2" "$log")
	[ "$got" = "$1" ] || problems="$problems
  expected $1 lines matching: $2, got $got"
}

# fingerprint_of LOG N: the Nth "handover: fingerprint" line (1: first baton)
fingerprint_of() {
	sed -n 's/^handover: fingerprint \(kho-fdt [0-9a-fx]* preserved [0-9a-fx]*\) (\([0-9]*\) entries.*) \(luo [0-9a-fx]* memfds [0-9]*\)$/\1 \2 \3/p' "$1" |
		sed -n "$2p"
}

# baton -> baton: the two instances' own fingerprint lines agree.
same_fingerprints() {
	one=$(fingerprint_of "$log" 1) two=$(fingerprint_of "$log" 2)
	[ -n "$one" ] && [ "$one" = "$two" ] || problems="$problems
  fingerprints differ: '$one' vs '$two'"
}

have_baton=1
[ -f "$build/baton.bzImage" ] || have_baton=0
linux=${LINUX_BZIMAGE:-$build/linux/bzImage}
# The bridge's Linux cases boot the THP variant of the 7.2 test kernel
# (tests/linux/kernel-thp.config; make test-bridge links it): their memfds
# hold folios of orders 0, 2 and 9, which the base kernel cannot read back.
linux_thp=${LINUX_THP_BZIMAGE:-$build/linux/7.2-thp/bzImage}
mkbundle=${MKBUNDLE:-$build/tools/mkbundle}
verify_initrd=${VERIFY_INITRD:-$build/linux/verify.cpio.gz}

# ---- how each case builds its ESP and boots ---------------------------------
# run_NAME: prepares $out/NAME/esp, boots it and sets $log (and, where the
# table needs them, $manifest and the values it names as @var@).

run_boot_low() {
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
	manifest=$dir/capture/manifest
}

run_boot_above_4g() {
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
	manifest=$out/boot_above_4g.manifest
}

run_pflash_no_kho() {
	dir=$(esp pflash_no_kho)
	cp "$build/baton.bzImage" "$dir/capture/"
	printf '%s\n' 'format baton-capture 1' 'scratch 0x30000000 0x800000' \
		'cmdline "baton.exit=qemu"' >"$dir/capture/manifest"
	PFLASH=1 boot pflash_no_kho 1G
	log=$out/pflash_no_kho.log
}

# memory_exact halts baton, then guest memory is dumped through the QEMU
# monitor (this HOOK) and compared with the capture (check_memory_exact).
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

run_memory_exact() {
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
}

# The dump: blob + zero tail, every pattern kind with offsets, the scratch
# array (7 ranges) and the KEXEC_KHO record, byte for byte.
check_memory_exact() {
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
}

run_address_busy() {
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
}

run_ram_missing() {
	dir=$(esp ram_missing)
	cat >"$dir/capture/manifest" <<-'EOF'
	format baton-capture 1
	ram 0x1000000 0x10000000
	ram 0xe0000000 0x100000
	scratch 0x8000000 0x1000000
	EOF
	boot ram_missing 1G "stopped: nothing was booted"
	log=$out/ram_missing.log
}

run_bad_manifest() {
	dir=$(esp bad_manifest)
	printf 'format baton-capture 1\nscratch 0x8000000 0x1000000\nblob kho.dtb 0x4000800\n' \
		>"$dir/capture/manifest"
	boot bad_manifest 1G "stopped: nothing was booted"
	log=$out/bad_manifest.log
}

run_payload_refused() {
	dir=$(esp payload_refused)
	kho_fdt "$dir/capture/kho.dtb" 0x4001000
	printf '%s\n' 'format baton-capture 1' 'scratch 0x8000000 0x1000000' \
		'payload kho.dtb' >"$dir/capture/manifest"
	# The firmware falls back to its shell, which runs startup.nsh: the
	# memory map it prints shows whether the scratch pages were freed.
	printf 'memmap\r\necho memmap-done\r\n' >"$dir/startup.nsh"
	boot payload_refused 1G "memmap-done"
	log=$out/payload_refused.log
}

run_linux_above_4g() {
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
}

# vectors_capture DIR PAYLOAD CMDLINE [INITRD]: the real Linux 7.2
# handover of tests/vectors/linux-7.2 as a capture in DIR/capture
# (tests/efi/vectors-capture.py: every structure at Linux's address, memfd
# pages from data files or agent/zero patterns).
vectors_capture() {
	python3 tests/efi/vectors-capture.py tests/vectors/linux-7.2 \
		"$1/capture" "$2" "$3" $4
}

# run_vectors NAME PAYLOAD CMDLINE [INITRD]: the real handover into
# PAYLOAD (baton.bzImage from the build, or the Linux test kernel).
run_vectors() {
	dir=$(esp "$1")
	case $2 in
	baton.bzImage) cp "$build/baton.bzImage" "$dir/capture/" ;;
	linux.bzImage) cp "$linux" "$dir/capture/linux.bzImage" ;;
	esac
	[ -n "$4" ] && cp "$verify_initrd" "$dir/capture/$4"
	vectors_capture "$dir" "$2" "$3" $4
	boot "$1" 1G ${5:+"$5"}
	log=$out/$1.log
}

# shellcheck disable=SC2034 # fdt and fault are read by the table (@var@)
run_vectors_baton() {
	run_vectors vectors_baton baton.bzImage "baton.exit=qemu"
	fdt=$(printf '0x%016x' "$(awk '$1 == "kho-fdt.dtb" { print $2 }' tests/vectors/linux-7.2/index.txt)")
}

# shellcheck disable=SC2034
run_vectors_write_preserved() {
	run_vectors vectors_write_preserved baton.bzImage \
		"baton.exit=qemu baton.selftest=write-preserved"
	fault=$(sed -n 's/^selftest: write-preserved: writing to \(0x[0-9a-f]*\)$/\1/p' "$log")
}

# precheck_case NAME VERSION: a bundle whose stub kernel
# (tests/efi/mkstubkernel.py) says VERSION, after the real handover.
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
}

run_vectors_linux() {
	run_vectors vectors_linux linux.bzImage \
		"console=ttyS0 panic=-1 nokaslr kho=on liveupdate=on"
}

run_vectors_verify() {
	run_vectors vectors_verify linux.bzImage \
		"console=ttyS0 panic=-1 nokaslr kho=on liveupdate=on baton.test=verify" \
		verify.cpio.gz "BATON-INIT verify rc="
}

# baton_pair NAME FIRST_OPTION...: the first baton (baton.chain=on) with
# these options chain-loads a second one from its bundle with
# baton.role=verify.
baton_pair() {
	name=$1
	shift
	dir=$(esp "$name")
	cp "$build/baton.bzImage" "$dir/capture/"
	"$build/tools/mkbundle" -o "$dir/capture/bundle.cpio" \
		--kernel "$build/baton.bzImage" \
		--cmdline "baton.role=verify baton.exit=qemu"
	vectors_capture "$dir" baton.bzImage \
		"baton.exit=qemu baton.chain=on $*" bundle.cpio
	boot "$name" 1G
	log=$out/$name.log
}

# mkhandover_pair NAME PROFILE: the same with a mkhandover handover of
# PROFILE (and a 1 MiB reserve_mem region) instead of the real vectors.
mkhandover_pair() {
	dir=$(esp "$1")
	"$build/tools/mkbundle" -o "$out/$1/bundle.cpio" \
		--kernel "$build/baton.bzImage" \
		--cmdline "baton.role=verify baton.exit=qemu"
	rm -rf "$dir/capture"
	"$build/tools/mkhandover" -o "$dir/capture" --profile "$2" \
		--reserve-mem trace:1M --payload "$build/baton.bzImage" \
		--initrd "$out/$1/bundle.cpio" \
		--cmdline "console=ttyS0 baton.exit=qemu baton.chain=on" \
		>"$out/$1/mkhandover.log" 2>&1
	boot "$1" 1G
	log=$out/$1.log
}

# bridge_linux NAME PROFILE SIZE OPTION...: a mkhandover handover of
# PROFILE (three sessions; memfds of folio orders 0, 9 (the SIZE one) and
# 2 and an empty one, all of baton-agent's content; two FLBs, a 1 MiB
# reserve_mem region; kexec-metadata, where the profile writes it, names
# 7.1.0-bridge-test) replayed by baton.efi (3 GiB of RAM for a 1G SIZE,
# else 1 GiB); baton (baton.chain=on and OPTION...) chain-loads the real
# Linux 7.2 test kernel's THP variant from its bundle (docs/bridge.md,
# "Evidence") with an initramfs (tests/efi/mkbridge-initramfs.sh) whose
# baton-agent verifies, from mkhandover's --agent-manifest, every session
# and every memfd byte for byte through /dev/liveupdate.
bridge_linux() {
	bridge_handover "$linux_thp" \
		"console=ttyS0 panic=-1 nokaslr kho=on liveupdate=on" "$@"
}

# bridge_baton NAME PROFILE SIZE OPTION...: the same handover, the bundle's
# kernel baton itself with
# baton.role=verify: a second baton checks the bridged handover against
# the first one's report.
bridge_baton() {
	bridge_handover "$build/baton.bzImage" "baton.role=verify baton.exit=qemu" \
		"$@"
}

# bridge_mkhandover OUT-DIR PROFILE SIZE MEM BIG-ORDER SMALL-ORDER
# MKHANDOVER-OPTION...: the bridge scenario (the same bytes on every run),
# the SIZE memfd (token 2) in folios of BIG-ORDER, the 200 KiB one (token
# 7) of SMALL-ORDER.
bridge_mkhandover() {
	bm_dir=$1 bm_profile=$2 bm_size=$3 bm_mem=$4 bm_big=$5 bm_small=$6
	shift 6
	"$build/tools/mkhandover" -o "$bm_dir" --profile "$bm_profile" \
		--mem "$bm_mem" --session vm0 \
		--memfd 1:10000,pos=4096,content=agent \
		--memfd "2:$bm_size,order=$bm_big,content=agent" --memfd 3:0 \
		--session vm1 --memfd "7:200K,order=$bm_small,pos=8192,content=agent" \
		--session idle --flb test-flb-a:0x1234:1 --flb test-flb-b:0x5678:2 \
		--reserve-mem trace:1M --release 7.1.0-bridge-test "$@"
}

# bridge_handover KERNEL KERNEL-CMDLINE NAME PROFILE SIZE OPTION...
bridge_handover() {
	bridge_next=$1 next_cmdline=$2 name=$3 profile=$4 size=$5
	shift 5
	mem=1G
	[ "$size" = 1G ] && mem=3G
	dir=$(esp "$name")
	initrd="" orders="9 2"
	if [ "$bridge_next" = "$linux_thp" ]; then
		# the agent's manifest first (it does not depend on the payload)
		bridge_mkhandover "$out/$name/agent-capture" "$profile" "$size" \
			"$mem" $orders --agent-manifest "$out/$name/agent.manifest" \
			>"$out/$name/agent-manifest.log" 2>&1 &&
		rm -rf "$out/$name/agent-capture" &&
		tests/efi/mkbridge-initramfs.sh "$out/$name/agent.cpio.gz" \
			"$build/tools/baton-agent" "$out/$name/agent.manifest" &&
		initrd=$out/$name/agent.cpio.gz
	fi
	"$build/tools/mkbundle" -o "$out/$name/bundle.cpio" \
		--kernel "$bridge_next" ${initrd:+--initrd "$initrd"} \
		--cmdline "$next_cmdline"
	rm -rf "$dir/capture"
	bridge_mkhandover "$dir/capture" "$profile" "$size" "$mem" $orders \
		--payload "$build/baton.bzImage" \
		--initrd "$out/$name/bundle.cpio" \
		--cmdline "console=ttyS0 baton.exit=qemu baton.chain=on $*" \
		>"$out/$name/mkhandover.log" 2>&1
	boot "$name" "$mem"
	log=$out/$name.log
	expected_json=$dir/capture/expected.json
}

# The memfd digests baton computed through the bridged handover (its
# digest phase runs after the bridge) are the ones mkhandover expects for
# the contents it wrote: every byte read through the new descriptors.
bridge_digests_match() {
	python3 - "$expected_json" "$log" <<'PY' || problems="$problems
  memfd digests through the bridged handover differ from mkhandover's"
import json, sys
want = json.load(open(sys.argv[1]))["digests"]
log = open(sys.argv[2], errors="replace").read().splitlines()
missing = [d for d in want
           if 'digest: session "%s" token %s size %#x crc32c 0x%08x unchecked'
           % (d["session"], d["token"], d["size"], int(d["crc32c"], 16))
           not in log]
for d in missing:
    print("  no digest line for", d)
sys.exit(1 if missing or not want else 0)
PY
}

# ---- the driver -------------------------------------------------------------

# needs_met NEED...: every named prerequisite is there.
needs_met() {
	for need; do
		case $need in
		-) ;;
		baton) [ $have_baton = 1 ] ;;
		pflash) [ -f "$OVMF_CODE" ] && [ -f "$OVMF_VARS" ] ;;
		vectors) [ -f tests/vectors/linux-7.2/index.txt ] ;;
		linux) [ -f "$linux" ] ;;
		linux-thp) [ -f "$linux_thp" ] ;;
		verify-initrd) [ -f "$verify_initrd" ] ;;
		mkbundle) [ -x "$mkbundle" ] ;;
		mkhandover) [ -x "$build/tools/mkhandover" ] ;;
		bridge-suite) ;;	# suite_selected decides
		*) echo "run-efi-tests.sh: unknown need $need" >&2; false ;;
		esac || return 1
	done
}

# suite_selected NEED...: a case of another step's suite (bridge-suite: make
# test-bridge sets EFI_BRIDGE=1) is not this run's, and not a skip either:
# it runs, and is counted, in that step.
suite_selected() {
	for need; do
		[ "$need" != bridge-suite ] || [ -n "$EFI_BRIDGE" ] || return 1
	done
}

# expand TEXT: TEXT with each @var@ replaced by $var ("?" when empty).
expand() {
	rest=$1 done_=
	while :; do
		case $rest in
		*@*@*) ;;
		*) break ;;
		esac
		done_=$done_${rest%%@*}
		rest=${rest#*@}
		var=${rest%%@*}
		rest=${rest#*@}
		eval "done_=\$done_\${$var:-?}"
	done
	printf '%s' "$done_$rest"
}

# expect KIND ARG: one row of a case's expectations (see the table).
expect() {
	case $1 in
	run) set -f; set -- $2; set +f; "$@" </dev/null 3<&- ;;
	manifest) expect_from_manifest "$log" "$manifest" ;;
	line) expect_line "$log" "$2" ;;
	regex) expect_regex "$log" "$2" ;;
	absent) expect_absent "$log" "$2" ;;
	count) expect_count "${2%% *}" "${2#* }" ;;
	usable) expect_usable "$log" "${2% *}" "${2#* }" ;;
	free-in-shell) expect_free_in_shell "$log" "${2% *}" "${2#* }" ;;
	placement) same_placement "$log" ;;
	fingerprints) same_fingerprints ;;
	check) "$2" ;;
	status) expect_status "$2" ;;
	*) problems="$problems
  bad table row: $1 $2" ;;
	esac
}

# The table: "case NAME NEEDS..." starts a case (NEEDS: see needs_met, "-"
# for none), "skip TEXT" is its SKIP reason when a need is missing, "run
# FUNCTION ARG..." boots it; every other row is one expectation on
# its serial log, checked in order (line: the exact line, regex: a whole
# line matching, absent: no line containing, count N REGEX: exactly N lines
# matching, usable FIRST LAST: an e820 usable entry covers it,
# free-in-shell FIRST LAST: free in the UEFI shell's memmap, manifest: the
# capture's own expect lines, placement: where baton.efi put boot_params
# and the image, fingerprints: both batons' fingerprint lines agree, check
# FN: a function's own checks, status N: QEMU's exit status). @var@ is the
# value the run function left in $var.
case_name='' skipping=''
while read -r kind arg <&3; do
	case $kind in
	''|'#'*) continue ;;
	case)
		[ -n "$case_name" ] && [ -z "$skipping" ] && verdict "$case_name"
		set -- $arg
		case_name=$1
		shift
		skipping=
		if ! want "$case_name" || ! suite_selected "$@"; then
			skipping=unwanted
		elif ! needs_met "$@"; then
			skipping=missing
		fi
		problems="" ;;
	skip)
		[ "$skipping" = missing ] &&
			echo "SKIP: efi_$case_name ($(expand "$arg"))" ;;
	*)
		[ -z "$skipping" ] && expect "$kind" "$(expand "$arg")" ;;
	esac
done 3<<'TABLE'
# 1. A small kho-v4 handover below 4 GiB, capture as a directory. The
# synthetic map (an empty radix root) does not preserve the FDT page:
# baton's validation must say so, and the run ends in failure.
case boot_low baton
skip @build@/baton.bzImage not built
run run_boot_low
manifest
line baton.efi: capture \capture\: 1 ram, 2 scratch, 1 blobs, 2 patterns
regex baton\.efi: setup_data 0x0000000008ff[0-9a-f]* type 10 (KEXEC_KHO): fdt 0x0000000004000000 size 0x1000 scratch array 0x0000000008ff0000 size 0x20
regex setup_data: 0x0000000008ff[0-9a-f]* type 10 (KEXEC_KHO) len 32
regex acpi: rsdp 0x[0-9a-f]\{16\}
placement
usable 0x8000000 0x8ffffff
usable 0x10000000 0x103fffff
usable 0x4000000 0x4001fff
usable 0x5000000 0x50fffff
status 35

# 2. Scratch entry 0 above 4 GiB, so boot_params, command line and the
# payload land there; capture as one cpio archive. Status 35: the empty
# synthetic map, as in boot_low.
case boot_above_4g baton
skip @build@/baton.bzImage not built
run run_boot_above_4g
manifest
line baton.efi: capture \capture.cpio: 2 ram, 2 scratch, 1 blobs, 2 patterns
regex baton 0\.1\.0 (x86_64) entered via linux64, image 0x181[0-9a-f]*-0x181ff0000, link 0x100000
regex boot: linux64 boot_params 0x0000000181ff[0-9a-f]* loader 0xff protocol 2\.15
regex setup_data: 0x0000000181ff[0-9a-f]* type 10 (KEXEC_KHO) len 32
line cmdline: baton.exit=qemu
placement
usable 0x180000000 0x181ffffff
usable 0x140000000 0x140001fff
status 35

# 2b. No KHO at all (no kho-fdt / scratch-array): the payload gets no
# setup_data; booted from the pflash CODE/VARS pair this time.
case pflash_no_kho baton pflash
skip no baton.bzImage or no @OVMF_CODE@
run run_pflash_no_kho
line kho: none
absent setup_data:
absent baton.efi: setup_data
regex baton 0\.1\.0 (x86_64) entered via linux64, image 0x30[0-9a-f]*-0x307[0-9a-f]*, link 0x100000
placement
line baton: exit success (qemu)
status 33

# 3. Byte-exact placement: baton halts, guest memory is dumped through the
# QEMU monitor and compared with the capture. Failure: the synthetic map
# does not preserve the FDT page (boot_low).
case memory_exact baton
skip @build@/baton.bzImage not built
run run_memory_exact
line finding: error E_POINTER_NOT_PRESERVED at 0x0000000004000000: KHO FDT page is not a preserved order-0 range
line baton: exit failure (halt)
check check_memory_exact
status 0

# 4. An address the firmware keeps for itself (OVMF's fixed ACPI NVS work
# area at 8 MiB): a clear error naming the address, the manifest line and
# what the firmware map has there; what was claimed before the refused
# address is free again.
case address_busy -
run run_address_busy
line baton.efi: cannot allocate [mem 0x0000000000800000-0x0000000000801fff] for the pattern of manifest line 5: not found
regex baton\.efi:   firmware map there: \[mem 0x0000000000800000-0x0000000000807fff\] EfiACPIMemoryNVS attr 0x[0-9a-f]*
line baton.efi: stopped: nothing was booted
absent exiting boot services
free-in-shell 0x8000000 0x8ffffff
free-in-shell 0x4000000 0x4001fff
status 0

# 5. A ram line the firmware does not report as RAM (the PCI hole).
case ram_missing -
run run_ram_missing
line baton.efi: ram [mem 0x00000000e0000000-0x00000000e00fffff] (manifest line 3) is not all RAM here
line baton.efi:   firmware map there: nothing (no descriptor covers [0xe0000000-0xe00fffff])
line baton.efi: stopped: nothing was booted
status 0

# 6. A malformed manifest: the parser's message with its line number.
case bad_manifest -
run run_bad_manifest
line baton.efi: \capture\manifest: line 3: ADDR 0x4000800 is not 4 KiB aligned
line baton.efi: stopped: nothing was booted
status 0

# 6b. A payload that is no 64-bit bzImage: the probe's reason, nothing
# entered, the capture's memory released (seen in the UEFI shell's memmap).
case payload_refused -
run run_payload_refused
line baton.efi: scratch[0] [mem 0x0000000008000000-0x0000000008ffffff]
regex baton\.efi: payload refused: .*
line baton.efi: stopped: nothing was booted
absent exiting boot services
free-in-shell 0x8000000 0x8ffffff
status 0

# 6c. Linux itself above 4 GiB: scratch entry 0 at 6 GiB holds boot_params,
# command line and the kernel (decompressed in place with nokaslr).
case linux_above_4g linux
skip no Linux test kernel at @linux@: make linux
run run_linux_above_4g
regex baton\.efi: payload: protocol 2\.15, kernel \[mem 0x000000018f[0-9a-f]*-0x000000018f[0-9a-f]*\] align 0x200000, entry 0x18f[0-9a-f]*
line Command line: console=ttyS0 panic=-1 nokaslr kho=on
line KHO: found kexec handover data.
regex Kernel panic - not syncing: VFS: Unable to mount root fs.*

# 7. The real Linux 7.2 handover replayed under UEFI, into baton: the whole
# flow, clean verdict, LUO model.
case vectors_baton baton vectors
skip no baton.bzImage or no tests/vectors/linux-7.2
run run_vectors_baton
line kho: fdt @fdt@ size 0x1000 scratch array 0x000000000fff0000 (2 areas)
line mm: preserved 48 entries, 0x30000 bytes, 25 ranges after merging
line kho: written by 7.2.13 (kexec-metadata): kho-v4, luo-v5, memfd-v2
line luo: luo-v5 liveupdate_num 1 sessions 4 files 6 flbs 0
line luo: session "vm-alpha" files 3
line luo:   file token 0x2 memfd-v2 size 0x3039 pos 0x64 seals 0xe (shrink,grow,write) flags 0x0 folios 4 orders 0:4 data 0x0000000001fc2000
line baton: handover OK (0 errors, 0 warnings)
absent finding: error
regex report: blob 0x[0-9a-f]* bytes at 0x[0-9a-f]*
line chain: no bundle (no initrd), no next kernel to boot
line baton: exit success (qemu)
placement
status 33

# 7b. The same handover with baton.selftest=write-preserved: once mm's
# mapping is active, a write to the first preserved page must fault and the
# fault report must name the preserved range (mm's fault-description hook).
case vectors_write_preserved baton vectors
skip no baton.bzImage or no tests/vectors/linux-7.2
run run_vectors_write_preserved
regex paging: memory model applied, [0-9]* ranges, [0-9]* more table pages; preserved memory read-only
line selftest: write-preserved
line EXCEPTION: vector 14 (#PF page fault), error code 0x3
line page fault: write protection violation at @fault@
regex fault address @fault@ is preserved range \[@fault@-0x[0-9a-f]*) order 0
line baton: exit exception (qemu)
absent did not stop baton
status 37

# 7c. The next kernel's ABI precheck on the same handover: a bundle whose
# stub kernel says 6.19.3 is refused under the default on-clean with
# E_CHAIN_ABI_MISMATCH naming both sides; one that says 7.2.13 matches, is
# chain-loaded, and its entry ends QEMU (65).
case vectors_precheck_refused baton mkbundle vectors
skip no baton.bzImage, mkbundle or tests/vectors/linux-7.2
run precheck_case vectors_precheck_refused 6.19.3
line kho: written by 7.2.13 (kexec-metadata): kho-v4, luo-v5, memfd-v2
line chain: next kernel 6.19.3 speaks kho-v1 luo-v1 memfd-v1: MISMATCH with handover kho-v4 luo-v5 memfd-v2, refused (on-clean)
regex finding: error E_CHAIN_ABI_MISMATCH at 0x0*: next kernel 6.19.3 speaks kho-v1 luo-v1 memfd-v1: MISMATCH with handover kho-v4 luo-v5 memfd-v2, refused (on-clean)
line baton: handover has 1 error (0 warnings)
line chain: not booting the next kernel: 1 error finding(s) and baton.chain=on-clean
absent chain: jumping
line baton: exit failure (qemu)
status 35

case vectors_precheck_match baton mkbundle vectors
skip no baton.bzImage, mkbundle or tests/vectors/linux-7.2
run precheck_case vectors_precheck_match 7.2.13
line kho: written by 7.2.13 (kexec-metadata): kho-v4, luo-v5, memfd-v2
line chain: next kernel 7.2.13 speaks kho-v4 luo-v5 memfd-v2: matches handover
line baton: handover OK (0 errors, 0 warnings)
regex chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*
status 65

# 8. The same handover into the real Linux 7.2 test kernel: it must find
# the KHO data and retrieve LUO's state (liveupdate number 1).
case vectors_linux linux vectors
skip no Linux test kernel at @linux@: make linux
run run_vectors_linux
regex Linux version 7\.2.*
line Command line: console=ttyS0 panic=-1 nokaslr kho=on liveupdate=on
line KHO: found kexec handover data.
line KHO: exec from: 7.2.13 (count 1)
regex .*Retrieved live update data, liveupdate number: 1
absent disabling KHO revival
absent Failed to deserialize
regex Kernel panic - not syncing: VFS: Unable to mount root fs.*

# 9. Full fidelity: the Linux test kernel boots the replayed handover with
# the real-Linux tier's verify initramfs; baton-agent retrieves every
# session and file and checks sizes, seals, positions and content digests
# against its own manifest (the sparse memfd's pages come from patterns).
case vectors_verify linux verify-initrd vectors
skip needs @linux@ and @verify_initrd@: make linux test-linux
run run_vectors_verify
regex baton\.efi: initrd \[mem 0x[0-9a-f]*-0x[0-9a-f]*\] size 0x[0-9a-f]*
line KHO: found kexec handover data.
regex .*Retrieved live update data, liveupdate number: 1
line AGENT-VERIFY PASS passed=18 failed=0 bytes=90169
line BATON-INIT verify rc=0
status 0

# 10. baton -> baton: the first baton (baton.chain=on) hands its report over
# as the KHO subtree `baton` (new root FDT and map pages outside scratch) and
# chain-loads a second baton from its bundle with baton.role=verify, which
# recomputes every handover digest and compares it with the first one's.
case baton_verify baton vectors
skip no baton.bzImage or no tests/vectors/linux-7.2
run baton_pair baton_verify
regex report: subtree "baton": blob 0x[0-9a-f]* bytes at 0x[0-9a-f]*, KHO FDT 0x[0-9a-f]* -> 0x[0-9a-f]* ([0-9]* bytes), map root 0x[0-9a-f]* -> 0x[0-9a-f]* ([1-6] new map pages)
regex report: amended handover parsed back: [0-9]* preserved entries = 48 kept + [0-9]* added, 0 missing, 0 unexpected; 0 errors (received: 0)
regex report: baton's additions kept by the next kernel: [0-9]* pages = [0-9]* preserved + [0-9]* map pages, 0 exposed
regex chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*
regex verify: report blob found: subtree "baton" at 0x[0-9a-f]*, 0x[0-9a-f]* bytes, crc32 0x[0-9a-f]* valid, previous baton: 0 errors, [0-9]* warnings*
regex verify: kho-fdt 0x[0-9a-f]* matches ([0-9]* bytes)
regex verify: preserved 0x[0-9a-f]* matches (48 entries)
regex verify: luo 0x[0-9a-f]* matches ([0-9]* bytes)
line verify: memfd count 6 matches
regex verify: memfd token 0x2 0x[0-9a-f]* matches (size 0x3039)
count 6 verify: memfd token 0x[0-9a-f]* 0x[0-9a-f]* matches (size 0x[0-9a-f]*)
line verify: handover identical to what the previous baton received (10 digests compared)
absent E_VERIFY
absent finding: error
fingerprints
line baton: exit success (qemu)
status 33

# 10b. The check can fail: the first baton records memfd 0x1's digest with
# one bit changed (baton.report.tamper=memfd) -> the verify instance names
# that memfd; it forwards the map minus one preserved entry
# (baton.report.tamper=drop-range) -> the preserved digest differs.
case baton_verify_tamper baton vectors
skip no baton.bzImage or no tests/vectors/linux-7.2
run baton_pair baton_verify_tamper baton.report.tamper=memfd
regex report: baton.report.tamper=memfd: recording memfd token 0x1 with digest 0x[0-9a-f]* (low bit flipped, test option)
regex verify: E_VERIFY_DIGEST_MISMATCH: memfd token 0x1 0x[0-9a-f]*, previous baton recorded 0x[0-9a-f]*
regex verify: preserved 0x[0-9a-f]* matches (48 entries)
line verify: handover DIFFERS from what the previous baton received (1 of 10 digests differ)
line baton: exit failure (qemu)
status 35

case baton_verify_drop baton vectors
skip no baton.bzImage or no tests/vectors/linux-7.2
run baton_pair baton_verify_drop baton.report.tamper=drop-range
regex report: baton.report.tamper=drop-range: dropping preserved 0x[0-9a-f]* order [0-9]* from the forwarded map (test option)
regex finding: error E_REPORT_HANDOVER_CHANGED at 0x0000000000000000: 1 missing (first 0x[0-9a-f]*), 0 unexpected.*
regex verify: E_VERIFY_DIGEST_MISMATCH: preserved 0x[0-9a-f]*, previous baton recorded 0x[0-9a-f]*
line verify: preserved entries 47, previous baton recorded 48
regex verify: handover DIFFERS from what the previous baton received ([1-9] of 10 digests differ)
line baton: exit failure (qemu)
status 35

# 10b'. The first baton with baton.digest=off reads no memfd byte: its
# fingerprint says the memfd digests were not computed, and the verify
# instance compares those memfds by token and size and says so (no
# mismatch). baton.log=summary: its console report is the short form, so
# the only JSON block is the verify instance's.
case baton_verify_digest_off baton vectors
skip no baton.bzImage or no tests/vectors/linux-7.2
run baton_pair baton_verify_digest_off baton.digest=off baton.log=summary
line digest: off (baton.digest=off)
regex handover: fingerprint kho-fdt 0x[0-9a-f]* preserved 0x[0-9a-f]* (48 entries) luo 0x[0-9a-f]* memfds 6 (contents not digested: baton.digest=off)
line report: baton 0.1.0 schema 1 (summary: baton.log=summary)
line report: console summary only (baton.log=summary); the full report and JSON go to the next kernel in the report blob
count 1 .*----- BEGIN BATON JSON -----.*
line verify: memfd contents not compared: the previous baton computed no memfd content digests (baton.digest=off); tokens and sizes only
count 6 verify: memfd token 0x[0-9a-f]* size 0x[0-9a-f]* matches (content not digested)
line verify: handover identical to what the previous baton received (10 digests compared)
absent E_VERIFY
line baton: exit success (qemu)
status 33

# 10b''. A Linux 6.16 handover (mkhandover: kho-v1, 512-byte bitmaps, no
# LUO) gets the subtree too: the report wrapped in a sub-FDT, a new head
# chunk in front of the old chunk list; the verify instance finds the
# report and the same handover. The 6.16 scenario's 3 entries: the FDT,
# memblock's sub-FDT, trace.
case baton_verify_v1 baton mkhandover
skip no baton.bzImage or no mkhandover
run mkhandover_pair baton_verify_v1 6.16
regex report: subtree "baton": blob 0x[0-9a-f]* bytes at 0x[0-9a-f]* (in a kho-v1 sub-FDT), KHO FDT 0x[0-9a-f]* -> 0x[0-9a-f]* ([0-9]* bytes), map root 0x[0-9a-f]* -> 0x[0-9a-f]* ([2-4] new map pages)
regex report: amended handover parsed back: [0-9]* preserved entries = 3 kept + [3-4] added, 0 missing, 0 unexpected; 0 errors (received: 0)
regex report: baton's additions kept by the next kernel: [0-9]* pages = [0-9]* preserved + [0-9]* map pages, 0 exposed
regex chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*
line kho: kho-v1 bitmap 512 evidence alignment
regex verify: report blob found: subtree "baton" at 0x[0-9a-f]*, 0x[0-9a-f]* bytes, crc32 0x[0-9a-f]* valid, previous baton: 0 errors, [0-9]* warnings*
regex verify: preserved 0x[0-9a-f]* matches (3 entries)
regex verify: handover identical to what the previous baton received ([0-9]* digests compared)
absent W_REPORT_SUBTREE_FAILED
absent E_VERIFY
absent finding: error
fingerprints
line baton: exit success (qemu)
status 33

# 10b'''. kho-v2 (7.0) has no blob-size either: the report is wrapped in a
# sub-FDT as for kho-v1, and the verify instance sizes it by its header.
# The 7.0 scenario's entries: the FDT, memblock's sub-FDT, trace.
case baton_verify_v2 baton mkhandover
skip no baton.bzImage or no mkhandover
run mkhandover_pair baton_verify_v2 7.0
regex report: subtree "baton": blob 0x[0-9a-f]* bytes at 0x[0-9a-f]* (in a kho-v2 sub-FDT), KHO FDT 0x[0-9a-f]* -> 0x[0-9a-f]* ([0-9]* bytes), map root 0x[0-9a-f]* -> 0x[0-9a-f]* (6 new map pages)
regex report: amended handover parsed back: [0-9]* preserved entries = 6 kept + 3 added, 0 missing, 0 unexpected; 0 errors (received: 0)
regex chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*
absent kho: kho-v1 bitmap
regex verify: report blob found: subtree "baton" at 0x[0-9a-f]*, 0x[0-9a-f]* bytes, crc32 0x[0-9a-f]* valid, previous baton: 0 errors, [0-9]* warnings*
regex verify: preserved 0x[0-9a-f]* matches (6 entries)
regex verify: handover identical to what the previous baton received ([0-9]* digests compared)
absent W_REPORT_SUBTREE_FAILED
absent E_VERIFY
absent finding: error
fingerprints
line baton: exit success (qemu)
status 33

# 10c. baton.report=off: the FDT is forwarded untouched, so the verify
# instance finds no report.
case baton_report_off baton vectors
skip no baton.bzImage or no tests/vectors/linux-7.2
run baton_pair baton_report_off baton.report=off
line report: baton.report=off: KHO FDT forwarded untouched, report on the console only
absent report: subtree "baton"
regex verify: E_VERIFY_REPORT_MISSING: the KHO FDT has no "baton" subtree
line baton: exit failure (qemu)
status 35

# 11. The ABI bridge (docs/bridge.md; make test-bridge runs these with
# EFI_BRIDGE=1): a handover of each older profile (bridge_linux: three
# sessions, memfds of folio orders 0, 2 and 9, for 7.0 one of 1 GiB in
# order-9 folios, two FLBs, reserve_mem) for the real Linux 7.2 kernel
# (its THP variant: the base test kernel oopses on the first read of a
# large shmem folio, docs/bridge.md). With baton.bridge=on baton
# rewrites the descriptors and proves the parse back equal, the report
# says what was written and freed (its line and the JSON "bridge"
# member), baton's memfd digests through the bridged descriptors are the
# ones mkhandover expects, the precheck then matches, and Linux 7.2 takes
# the handover over (KHO revived, the writer named, LUO's state retrieved
# when there is LUO). Then its initramfs' baton-agent retrieves every
# session by name and every memfd by token through /dev/liveupdate and
# checks size, seals, position, CRC32C and every byte against
# mkhandover's --agent-manifest (14 checks; 1 for the profiles without
# LUO, whose manifest is empty). 7.1 runs under the default
# baton.chain=on-clean: the first precheck refuses, the bridged handover
# matches.
case bridge_linux_7_1 linux-thp mkhandover bridge-suite
skip run by make test-bridge (EFI_BRIDGE=1; needs @linux_thp@ and mkhandover)
run bridge_linux bridge_linux_7_1 7.1 4M baton.bridge=on baton.chain=on-clean
line bridge: next kernel 7.2.13 speaks kho-v4 luo-v5 memfd-v2: MISMATCH with handover kho-v3 luo-v1 memfd-v2, refused (on-clean)
absent E_CHAIN_ABI_MISMATCH
regex bridge: 7\.1 (kho-v3 luo-v1 memfd-v2) -> kho-v4 luo-v5 memfd-v2: KHO FDT 0x[0-9a-f]* -> 0x[0-9a-f]*, map root .*
regex bridge: bridged handover parsed back: 7\.2/7\.3, equal to the received one (.*)
regex bridge: 7\.1 (kho-v3 luo-v1 memfd-v2) -> kho-v4 luo-v5 memfd-v2: [0-9]* descriptor pages written (.*), [0-9]* map pages; [0-9]* old descriptors dropped, [0-9]* bytes freed
regex .*"bridge": {
regex .*"freed": {"entries": [0-9]*, "bytes": [0-9]*, "old_map_pages": [0-9]*}
regex luo:   file token 0x1 memfd-v2 size 0x2710 pos 0x1000 seals 0x0 (none) flags 0x0 folios 3 orders 0:3 data 0x[0-9a-f]*
regex luo:   file token 0x2 memfd-v2 size 0x400000 pos 0x0 seals 0x0 (none) flags 0x0 folios 2 orders 9:2 data 0x[0-9a-f]*
regex luo:   file token 0x7 memfd-v2 size 0x32000 pos 0x2000 seals 0x0 (none) flags 0x0 folios 13 orders 2:13 data 0x[0-9a-f]*
line chain: next kernel 7.2.13 speaks kho-v4 luo-v5 memfd-v2: matches handover
regex chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*
regex Linux version 7\.2.*
line KHO: found kexec handover data.
line KHO: exec from: 7.1.0-bridge-test (count 1)
line luo: Retrieved live update data, liveupdate number: 1
line BATON-INIT role=bridge-verify
line PASS: agent-file session=vm0 token=1 size=10000/10000 seals=none/none pos=4096/4096 digest=db624527/db624527 bytes=equal
line PASS: agent-file session=vm0 token=2 size=4194304/4194304 seals=none/none pos=0/0 digest=ed52c205/ed52c205 bytes=equal
line PASS: agent-file session=vm0 token=3 size=0/0 seals=none/none pos=0/0 digest=00000000/00000000 bytes=equal
line PASS: agent-file session=vm1 token=7 size=204800/204800 seals=none/none pos=8192/8192 digest=787c39cb/787c39cb bytes=equal
line PASS: agent-session name=idle finish -> ok
line AGENT-VERIFY PASS passed=14 failed=0 bytes=4409104
line BATON-INIT verify rc=0
absent FAIL: agent-
check bridge_digests_match
absent disabling KHO revival
absent Failed to deserialize
absent finding: error

case bridge_linux_7_0 linux-thp mkhandover bridge-suite
skip run by make test-bridge (EFI_BRIDGE=1; needs @linux_thp@ and mkhandover)
run bridge_linux bridge_linux_7_0 7.0 1G baton.bridge=on
line bridge: next kernel 7.2.13 speaks kho-v4 luo-v5 memfd-v2: MISMATCH with handover kho-v2 luo-v1 memfd-v1
regex bridge: 7\.0 (kho-v2 luo-v1 memfd-v1) -> kho-v4 luo-v5 memfd-v2: KHO FDT 0x[0-9a-f]* -> 0x[0-9a-f]*, map root .*
regex bridge: bridged handover parsed back: 7\.2/7\.3, equal to the received one (.*)
regex bridge: 7\.0 (kho-v2 luo-v1 memfd-v1) -> kho-v4 luo-v5 memfd-v2: [0-9]* descriptor pages written (.*), [0-9]* map pages; [0-9]* old descriptors dropped, [0-9]* bytes freed
regex .*"bridge": {
regex .*"freed": {"entries": [0-9]*, "bytes": [0-9]*, "old_map_pages": [0-9]*}
regex luo:   file token 0x1 memfd-v2 size 0x2710 pos 0x1000 seals 0x1 (seal) flags 0x0 folios 3 orders 0:3 data 0x[0-9a-f]*
regex luo:   file token 0x2 memfd-v2 size 0x40000000 pos 0x0 seals 0x1 (seal) flags 0x0 folios 512 orders 9:512 data 0x[0-9a-f]*
regex luo:   file token 0x7 memfd-v2 size 0x32000 pos 0x2000 seals 0x1 (seal) flags 0x0 folios 13 orders 2:13 data 0x[0-9a-f]*
line chain: next kernel 7.2.13 speaks kho-v4 luo-v5 memfd-v2: matches handover
regex chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*
regex Linux version 7\.2.*
line KHO: found kexec handover data.
line KHO: exec from: unknown (count 1)
line luo: Retrieved live update data, liveupdate number: 1
line BATON-INIT role=bridge-verify
line PASS: agent-file session=vm0 token=1 size=10000/10000 seals=seal/seal pos=4096/4096 digest=db624527/db624527 bytes=equal
line PASS: agent-file session=vm0 token=2 size=1073741824/1073741824 seals=seal/seal pos=0/0 digest=cc61208e/cc61208e bytes=equal
line PASS: agent-file session=vm0 token=3 size=0/0 seals=seal/seal pos=0/0 digest=00000000/00000000 bytes=equal
line PASS: agent-file session=vm1 token=7 size=204800/204800 seals=seal/seal pos=8192/8192 digest=787c39cb/787c39cb bytes=equal
line PASS: agent-session name=idle finish -> ok
line AGENT-VERIFY PASS passed=14 failed=0 bytes=1073956624
line BATON-INIT verify rc=0
absent FAIL: agent-
check bridge_digests_match
absent disabling KHO revival
absent Failed to deserialize
absent finding: error

case bridge_linux_6_19 linux-thp mkhandover bridge-suite
skip run by make test-bridge (EFI_BRIDGE=1; needs @linux_thp@ and mkhandover)
run bridge_linux bridge_linux_6_19 6.19 4M baton.bridge=on
line bridge: next kernel 7.2.13 speaks kho-v4 luo-v5 memfd-v2: MISMATCH with handover kho-v1 luo-v1 memfd-v1
regex bridge: 6\.19 (kho-v1 luo-v1 memfd-v1) -> kho-v4 luo-v5 memfd-v2: KHO FDT 0x[0-9a-f]* -> 0x[0-9a-f]*, map root .*
regex bridge: bridged handover parsed back: 7\.2/7\.3, equal to the received one (.*)
regex bridge: 6\.19 (kho-v1 luo-v1 memfd-v1) -> kho-v4 luo-v5 memfd-v2: [0-9]* descriptor pages written (.*), [0-9]* map pages; [0-9]* old descriptors dropped, [0-9]* bytes freed
regex .*"bridge": {
regex .*"freed": {"entries": [0-9]*, "bytes": [0-9]*, "old_map_pages": [0-9]*}
regex luo:   file token 0x1 memfd-v2 size 0x2710 pos 0x1000 seals 0x1 (seal) flags 0x0 folios 3 orders 0:3 data 0x[0-9a-f]*
regex luo:   file token 0x2 memfd-v2 size 0x400000 pos 0x0 seals 0x1 (seal) flags 0x0 folios 2 orders 9:2 data 0x[0-9a-f]*
regex luo:   file token 0x7 memfd-v2 size 0x32000 pos 0x2000 seals 0x1 (seal) flags 0x0 folios 13 orders 2:13 data 0x[0-9a-f]*
line chain: next kernel 7.2.13 speaks kho-v4 luo-v5 memfd-v2: matches handover
regex chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*
regex Linux version 7\.2.*
line KHO: found kexec handover data.
line KHO: exec from: unknown (count 1)
line luo: Retrieved live update data, liveupdate number: 1
line BATON-INIT role=bridge-verify
line PASS: agent-file session=vm0 token=1 size=10000/10000 seals=seal/seal pos=4096/4096 digest=db624527/db624527 bytes=equal
line PASS: agent-file session=vm0 token=2 size=4194304/4194304 seals=seal/seal pos=0/0 digest=ed52c205/ed52c205 bytes=equal
line PASS: agent-file session=vm0 token=3 size=0/0 seals=seal/seal pos=0/0 digest=00000000/00000000 bytes=equal
line PASS: agent-file session=vm1 token=7 size=204800/204800 seals=seal/seal pos=8192/8192 digest=787c39cb/787c39cb bytes=equal
line PASS: agent-session name=idle finish -> ok
line AGENT-VERIFY PASS passed=14 failed=0 bytes=4409104
line BATON-INIT verify rc=0
absent FAIL: agent-
check bridge_digests_match
absent disabling KHO revival
absent Failed to deserialize
absent finding: error

case bridge_linux_6_18 linux-thp mkhandover bridge-suite
skip run by make test-bridge (EFI_BRIDGE=1; needs @linux_thp@ and mkhandover)
run bridge_linux bridge_linux_6_18 6.18 4M baton.bridge=on
line bridge: next kernel 7.2.13 speaks kho-v4 luo-v5 memfd-v2: MISMATCH with handover kho-v1 (no LUO, no memfd)
regex bridge: 6\.18 (kho-v1 none none) -> kho-v4 luo-v5 memfd-v2: KHO FDT 0x[0-9a-f]* -> 0x[0-9a-f]*, map root .*
regex bridge: bridged handover parsed back: 7\.2/7\.3, equal to the received one (.*)
regex bridge: 6\.18 (kho-v1 none none) -> kho-v4 luo-v5 memfd-v2: [0-9]* descriptor pages written (.*), [0-9]* map pages; [0-9]* old descriptors dropped, [0-9]* bytes freed
regex .*"bridge": {
regex .*"freed": {"entries": [0-9]*, "bytes": [0-9]*, "old_map_pages": [0-9]*}
line chain: next kernel 7.2.13 speaks kho-v4 luo-v5 memfd-v2: matches handover
regex chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*
regex Linux version 7\.2.*
line KHO: found kexec handover data.
line KHO: exec from: unknown (count 1)
line BATON-INIT role=bridge-verify
line MANIFEST-IN sessions=0 files=0 bytes=0 checksum=da754a45
line PASS: agent-unknown-session -> No such file or directory
line AGENT-VERIFY PASS passed=1 failed=0 bytes=0
line BATON-INIT verify rc=0
absent disabling KHO revival
absent Failed to deserialize
absent finding: error

case bridge_linux_6_17 linux-thp mkhandover bridge-suite
skip run by make test-bridge (EFI_BRIDGE=1; needs @linux_thp@ and mkhandover)
run bridge_linux bridge_linux_6_17 6.17 4M baton.bridge=on
line bridge: next kernel 7.2.13 speaks kho-v4 luo-v5 memfd-v2: MISMATCH with handover kho-v1 (no LUO, no memfd)
regex bridge: 6\.16/6\.17 (kho-v1 none none) -> kho-v4 luo-v5 memfd-v2: KHO FDT 0x[0-9a-f]* -> 0x[0-9a-f]*, map root .*
regex bridge: bridged handover parsed back: 7\.2/7\.3, equal to the received one (.*)
regex bridge: 6\.16/6\.17 (kho-v1 none none) -> kho-v4 luo-v5 memfd-v2: [0-9]* descriptor pages written (.*), [0-9]* map pages; [0-9]* old descriptors dropped, [0-9]* bytes freed
regex .*"bridge": {
regex .*"freed": {"entries": [0-9]*, "bytes": [0-9]*, "old_map_pages": [0-9]*}
line chain: next kernel 7.2.13 speaks kho-v4 luo-v5 memfd-v2: matches handover
regex chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*
regex Linux version 7\.2.*
line KHO: found kexec handover data.
line KHO: exec from: unknown (count 1)
line BATON-INIT role=bridge-verify
line MANIFEST-IN sessions=0 files=0 bytes=0 checksum=da754a45
line PASS: agent-unknown-session -> No such file or directory
line AGENT-VERIFY PASS passed=1 failed=0 bytes=0
line BATON-INIT verify rc=0
absent disabling KHO revival
absent Failed to deserialize
absent finding: error

# 11c. baton.bridge=always, baton itself next (baton.role=verify): the 7.1
# handover is bridged although baton would take it as it is, and the second
# baton finds the bridged handover identical to what the first forwarded
# and reported.
case bridge_baton_7_1 baton mkhandover bridge-suite
skip run by make test-bridge (EFI_BRIDGE=1; needs mkhandover)
run bridge_baton bridge_baton_7_1 7.1 4M baton.bridge=always
line bridge: next kernel is baton (reads kho-v1..v4, luo-v1/v5, memfd-v1/v2): matches handover
regex bridge: 7\.1 (kho-v3 luo-v1 memfd-v2) -> kho-v4 luo-v5 memfd-v2: KHO FDT 0x[0-9a-f]* -> 0x[0-9a-f]*, map root .*
regex bridge: bridged handover parsed back: 7\.2/7\.3, equal to the received one (3 sessions, 4 files, 4 memfds, 2 FLBs, 1 reserve_mem, [0-9]* preserved entries)
regex chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*
regex verify: report blob found: subtree "baton" at 0x[0-9a-f]*, 0x[0-9a-f]* bytes, crc32 0x[0-9a-f]* valid, previous baton: 0 errors, 0 warnings
line verify: memfd count 4 matches
regex verify: handover identical to what the previous baton received ([0-9]* digests compared)
count 2 baton: handover OK (0 errors, 0 warnings)
absent E_VERIFY
absent finding: error
line baton: exit success (qemu)
status 33

# 11b. The control: the 7.1 handover without the bridge. Linux 7.2 refuses
# it (the failure every preserved VM would meet): the agent finds none of
# the sessions.
case bridge_linux_7_1_control linux-thp mkhandover bridge-suite
skip run by make test-bridge (EFI_BRIDGE=1; needs @linux_thp@ and mkhandover)
run bridge_linux bridge_linux_7_1_control 7.1 4M
line chain: next kernel 7.2.13 speaks kho-v4 luo-v5 memfd-v2: MISMATCH with handover kho-v3 luo-v1 memfd-v2
absent bridge:
regex Linux version 7\.2.*
regex KHO: setup: handover FDT (0x[0-9a-f]*) is incompatible with 'kho-v4': 1
line KHO: disabling KHO revival
absent Retrieved live update data
line BATON-INIT role=bridge-verify
line FAIL: agent-session name=vm0 retrieve: No such file or directory
line FAIL: agent-session name=vm1 retrieve: No such file or directory
line FAIL: agent-session name=idle retrieve: No such file or directory
line AGENT-VERIFY FAIL passed=1 failed=3 bytes=0
TABLE
[ -n "$case_name" ] && [ -z "$skipping" ] && verdict "$case_name"

exit $failed
