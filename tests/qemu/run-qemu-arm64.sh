#!/bin/sh
# run-qemu-arm64.sh IMAGE OUTDIR: boots build/arm64/baton.Image on QEMU
# virt (TCG, -cpu max) and checks the serial output line by line (the
# "[    0.000000] " timestamps removed):
#   kexec_el1    -kernel (QEMU's loader: x0 = its DTB), entered at EL1
#   fault_el2    -kernel at EL2 (virtualization=on), baton.selftest=fault:
#                the EL2->EL1 drop, the PSCI conduit from /psci (smc) and
#                the exception diagnostic (ESR/FAR/ELR, registers, backtrace)
#   loader_high  the same Image placed above 4 GiB by -device loader, with a
#                DTB carrying KHO properties at another address, entered
#                through a 6-instruction stub (x0 = that DTB): relocation at
#                a second load address and /chosen's linux,kho-* read
# run-qemu-arm64.sh --skip WHY: one SKIP line (no cross compiler).
if [ "$1" = --skip ]; then
	echo "SKIP: qemu-arm64 ($2)"
	exit 0
fi
image=$1 out=$2/tests/qemu
QEMU=${QEMU_ARM64:-qemu-system-aarch64}
TIMEOUT=${QEMU_TIMEOUT:-60}
CROSS=${CROSS_COMPILE:-aarch64-linux-gnu-}
if ! command -v "$QEMU" >/dev/null 2>&1; then
	echo "SKIP: qemu-arm64 ($QEMU not installed: make deps)"
	exit 0
fi
for t in fdtput dtc; do
	if ! command -v $t >/dev/null 2>&1; then
		echo "SKIP: qemu-arm64 ($t not installed: make deps)"
		exit 0
	fi
done
mkdir -p "$out"
failed=0
# The image's size incl. .bss, from its header (image_size at 0x10).
size=$(od -An -t x8 -j 16 -N 8 "$image" | tr -d ' ')

# boot NAME QEMU-ARGS...: $out/NAME.raw (serial), $out/NAME.log (no
# timestamps), $status (124: timeout, i.e. baton did not power off).
boot() {
	name=$1
	shift
	rm -f "$out/$name.raw"
	timeout "$TIMEOUT" "$QEMU" -accel tcg -cpu max -nodefaults \
		-display none -no-reboot -serial "file:$out/$name.raw" "$@" \
		</dev/null >"$out/$name.qemu" 2>&1
	status=$?
	tr -d '\r' <"$out/$name.raw" | sed 's/^\[ *[0-9]*\.[0-9]*\] //' \
		>"$out/$name.log"
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
expect_status() {
	[ "$status" = "$1" ] || problems="$problems
  exit status $status, expected $1"
}
finish() {
	if [ -z "$problems" ]; then
		echo "PASS: qemu-arm64/$1"
	else
		echo "FAIL: qemu-arm64/$1$problems"
		sed 's/^/    | /' "$out/$1.log"
		failed=1
	fi
	problems=""
}
range() {
	printf '0x%x-0x%x' $(($1)) $(($1 + 0x$size))
}

# QEMU virt's -kernel: the Image at RAM + 2 MiB, its DTB at 0x48000000.
boot kexec_el1 -M virt -m 1G -kernel "$image" -append "baton.exit=qemu"
log=$out/kexec_el1.log
expect_line "$log" "baton 0.1.0 (arm64) entered at EL1 via Image, image $(range 0x40200000), link 0x0"
expect_line "$log" "console: pl011 0x9000000 (stdout-path)"
expect_line "$log" "dtb: stdout-path /pl011@9000000"
expect_line "$log" "boot: dtb 0x0000000048000000 size 0x100000"
expect_line "$log" "cmdline: baton.exit=qemu"
expect_line "$log" "e820: [mem 0x0000000040000000-0x000000007fffffff] usable"
expect_line "$log" "initrd: none"
expect_line "$log" "kho: none"
expect_line "$log" "timer: generic timer 62.500 MHz (cntfrq)"
expect_line "$log" "baton: no handover (0 errors, 0 warnings)"
expect_line "$log" "baton: exit success: psci SYSTEM_OFF via hvc"
expect_status 0
finish kexec_el1

boot fault_el2 -M virt,virtualization=on -m 1G -kernel "$image" \
	-append "baton.exit=qemu baton.selftest=fault"
log=$out/fault_el2.log
expect_line "$log" "baton 0.1.0 (arm64) entered at EL2 via Image, image $(range 0x40200000), link 0x0"
expect_line "$log" "selftest: fault: reading 0x0000dead00000000"
expect_line "$log" "exception: synchronous, data abort"
expect_line "$log" "exception: translation fault (read)"
expect_line "$log" "  ESR 0x0000000096000004 FAR 0x0000dead00000000"
expect_regex "$log" "  ELR 0x00000000402[0-9a-f]\{5\} (image+0x[0-9a-f]*) SPSR 0x00000000600003c5"
expect_line "$log" "  backtrace:"
expect_regex "$log" "    0x00000000402[0-9a-f]\{5\} (image+0x[0-9a-f]*)"
expect_line "$log" "baton: exit exception: psci SYSTEM_OFF via smc"
expect_status 0
finish fault_el2

# Above 4 GiB through -device loader: QEMU's own DTB (dumpdtb) given
# bootargs and a KHO pair, placed at 0x13fe00000; a stub sets x0..x3 as
# booting.rst asks and branches to the Image at 0x140200000.
dtb=$out/virt5g.dtb stub=$out/enter-stub
"$QEMU" -M virt,dumpdtb="$dtb" -cpu max -m 5G -nodefaults -display none \
	>/dev/null 2>&1
fdtput -t s "$dtb" /chosen bootargs "baton.exit=qemu"
fdtput -t x "$dtb" /chosen linux,kho-fdt 0 0x70000000 0 0x1000
fdtput -t x "$dtb" /chosen linux,kho-scratch 0 0x70001000 0 0x20
cat >"$stub.S" <<'STUB'
	ldr	x0, dtb
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	ldr	x4, image
	br	x4
	.balign	8
dtb:	.quad	0x13fe00000
image:	.quad	0x140200000
STUB
if ! "${CROSS}as" "$stub.S" -o "$stub.o" ||
   ! "${CROSS}objcopy" -O binary "$stub.o" "$stub.bin"; then
	echo "FAIL: qemu-arm64/loader_high (stub did not assemble)"
	exit 1
fi
boot loader_high -M virt -m 5G \
	-device loader,file="$image",addr=0x140200000,force-raw=on \
	-device loader,file="$dtb",addr=0x13fe00000,force-raw=on \
	-device loader,file="$stub.bin",addr=0x13fd00000,force-raw=on,cpu-num=0
log=$out/loader_high.log
expect_line "$log" "baton 0.1.0 (arm64) entered at EL1 via Image, image $(range 0x140200000), link 0x0"
expect_line "$log" "console: pl011 0x9000000 (stdout-path)"
expect_regex "$log" "boot: dtb 0x000000013fe00000 size 0x[0-9a-f]*"
expect_line "$log" "cmdline: baton.exit=qemu"
expect_line "$log" "e820: [mem 0x0000000040000000-0x000000017fffffff] usable"
expect_line "$log" "kho: fdt 0x0000000070000000 size 0x1000 scratch array 0x0000000070001000 (2 areas)"
expect_line "$log" "kho: handover found; validating it on arm64 is the next step (issue 14)"
expect_line "$log" "baton: exit success: psci SYSTEM_OFF via hvc"
expect_status 0
finish loader_high
exit $failed
