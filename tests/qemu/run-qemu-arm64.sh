#!/bin/sh
# run-qemu-arm64.sh IMAGE OUTDIR BUILD: boots build/arm64/baton.Image on
# QEMU virt (TCG, -cpu max) and checks the serial output line by line (the
# "[    0.000000] " timestamps removed):
#   kexec_el1    -kernel (QEMU's loader: x0 = its DTB), entered at EL1: the
#                whole flow without a handover (own page tables, memory
#                model, report, no bundle)
#   fault_el2    -kernel at EL2 (virtualization=on), baton.selftest=fault:
#                the EL2->EL1 drop, the PSCI conduit from /psci (smc) and
#                the exception diagnostic (ESR/FAR/ELR, registers, backtrace)
#   loader_high  the same Image placed above 4 GiB by -device loader, with a
#                DTB carrying KHO properties that point at zeroes, entered
#                through a 6-instruction stub (x0 = that DTB): relocation at
#                a second load address, a bogus handover refused with
#                findings (fail closed, no allocation)
#   handover_chain  at EL2 (virtualization=on): a mkhandover handover
#                (7.3 profile) placed in guest RAM
#                by -device loader, /chosen linux,kho-fdt/-scratch and a
#                /reserved-memory region in the DTB (-dtb), a bundle with
#                baton.Image itself as the next kernel (-initrd): handover OK,
#                the report subtree amended, the chain (Image placed in
#                scratch, new DTB) and the next baton with baton.role=verify
#                finding the handover identical; entered at EL2 too (the
#                chain returns to EL2 through head.S's EL2 stub)
#   page_size    the same handover, the next Image's header flags saying
#                64 KiB pages (baton.Image with byte 0x18 patched),
#                baton.chain=on: E_CHAIN_PAGE_SIZE_MISMATCH from the
#                precheck and the chain refusing that Image
#   debian_linux the same handover and DTB, the bundle's kernel Debian's
#                stock arm64 Image (bookworm linux-image-arm64, apt-get
#                download'ed into ~/.cache/baton/debian-kernel-arm64, never
#                installed; SKIP when apt cannot get it): baton boots it
#                with baton.chain=on (a 6.1 kernel speaks no KHO: the
#                precheck's mismatch is a warning), QEMU is stopped once
#                Linux printed its command line
# run-qemu-arm64.sh --skip WHY: one SKIP line (no cross compiler).
if [ "$1" = --skip ]; then
	echo "SKIP: qemu-arm64 ($2)"
	exit 0
fi
image=$1 out=$2/tests/qemu build=$3
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

. tests/qemu/expect-lib.sh
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
# Table pages for the image: one level-3 table per 2 MiB block it spans
# (loaded 2 MiB aligned; its text and data attributes split each block),
# so the counts below follow the image's size instead of breaking when it
# crosses a block.
image_l3=$(((0x$size + 0x1fffff) / 0x200000))

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
expect_line "$log" "paging: own tables active, 4-level, 4 KiB granule, 3 ranges, $((6 + image_l3)) table pages"
expect_regex "$log" "mm: no scratch (plain boot): free RAM above 1 MiB 0x[0-9a-f]* in 3 blocks, largest 0x37f00000"
expect_line "$log" "paging: memory model applied, 4 ranges, 0 more table pages; preserved memory read-only"
expect_line "$log" "baton: no handover (0 errors, 0 warnings)"
expect_line "$log" "    \"protocol\": \"dtb\","
expect_line "$log" "chain: no bundle (no initrd), no next kernel to boot"
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
expect_line "$log" "paging: own tables active, 4-level, 4 KiB granule, 5 ranges, $((9 + image_l3)) table pages"
expect_line "$log" "finding: warning W_SCRATCH_ARRAY_OUTSIDE at 0x0000000070001000: scratch array [0x70001000, +0x20) not inside a scratch area"
expect_line "$log" "finding: error E_FDT_INTEGRITY at 0x0000000070000000: KHO FDT bad magic 0x0"
expect_line "$log" "memory: no memory model, baton keeps its boot mapping"
expect_line "$log" "baton: handover has 2 errors (1 warning)"
expect_line "$log" "baton: exit failure: psci SYSTEM_OFF via hvc"
expect_status 0
finish loader_high

# A real handover in guest RAM (1 GiB at 0x40000000): mkhandover's
# standard scenario with its preserved memory at 0x50000000, scratch
# [0x40000000, +256 MiB) (baton, QEMU's initrd and DTB land there) and
# [0x60000000, +16 MiB) whose start holds the scratch array (written here:
# two (addr, size) little-endian u64 pairs). QEMU's DTB gets the KHO pair
# and a /reserved-memory region; -kernel/-initrd/-append are QEMU's.
mkh=$out/handover
rm -rf "$mkh"
if ! "$build/tools/mkhandover" -o "$mkh" --standard --mem 2G \
	--arena 0x50000000 --scratch 0x40000000:0x10000000 \
	--scratch 0x60000000:0x1000000 --ram 0x40000000:0x40000000 \
	>"$out/mkhandover.log" 2>&1 ||
   ! "$build/tools/mkbundle" -o "$out/bundle.cpio" --kernel "$image" \
	--cmdline "baton.role=verify baton.exit=qemu" >>"$out/mkhandover.log" 2>&1; then
	echo "FAIL: qemu-arm64/handover_chain (mkhandover/mkbundle: $(cat "$out/mkhandover.log"))"
	exit 1
fi
le64() {
	v=$(($1)) i=0
	while [ $i -lt 8 ]; do
		printf "\\$(printf '%03o' $((v & 255)))"
		v=$((v >> 8)) i=$((i + 1))
	done
}
{ le64 0x40000000; le64 0x10000000; le64 0x60000000; le64 0x1000000; } \
	>"$mkh/scratch-array.bin"
# kho_dtb DTB QEMU-ARGS...: QEMU's own DTB for that machine, with the KHO
# pair and the /reserved-memory region.
kho_dtb() {
	dtb=$1
	shift
	"$QEMU" -M "$1,dumpdtb=$dtb" -cpu max -m 1G -nodefaults -display none \
		${2:+-smp "$2"} >/dev/null 2>&1
	fdtput -t x "$dtb" /chosen linux,kho-fdt 0 0x50000000 0 0x1000
	fdtput -t x "$dtb" /chosen linux,kho-scratch 0 0x60000000 0 0x20
	fdtput -c "$dtb" /reserved-memory
	fdtput -t x "$dtb" /reserved-memory '#address-cells' 2
	fdtput -t x "$dtb" /reserved-memory '#size-cells' 2
	fdtput -t x "$dtb" /reserved-memory ranges
	fdtput -c "$dtb" /reserved-memory/fw@7f000000
	fdtput -t x "$dtb" /reserved-memory/fw@7f000000 reg 0 0x7f000000 0 0x100000
}
kho_dtb "$out/virt1g.dtb" virt
set -- -device loader,file="$mkh/scratch-array.bin",addr=0x60000000,force-raw=on
for f in "$mkh"/mem-*.bin; do
	a=${f##*/mem-}
	set -- "$@" -device loader,file="$f",addr=0x${a%.bin},force-raw=on
done
start=$(date +%s)
boot handover_chain -M virt,virtualization=on -m 1G -kernel "$image" -dtb "$dtb" \
	-initrd "$out/bundle.cpio" -append "baton.exit=qemu" "$@"
secs=$(($(date +%s) - start))
log=$out/handover_chain.log
# The first baton: the DTB's memory, reserved region, handover and bundle.
expect_line "$log" "baton 0.1.0 (arm64) entered at EL2 via Image, image $(range 0x40200000), link 0x0"
expect_line "$log" "e820: [mem 0x0000000040000000-0x000000007effffff] usable"
expect_line "$log" "e820: [mem 0x000000007f000000-0x000000007f0fffff] reserved"
expect_line "$log" "e820: [mem 0x000000007f100000-0x000000007fffffff] usable"
expect_line "$log" "kho: fdt 0x0000000050000000 size 0x1000 scratch array 0x0000000060000000 (2 areas)"
expect_regex "$log" "mm:   scratch\[0\] \[0x0000000040000000-0x0000000050000000) free 0x[0-9a-f]*"
expect_line "$log" "mm: preserved 20 entries, 0x511000 bytes, 3 ranges after merging"
expect_line "$log" "paging: memory model applied, 10 ranges, 0 more table pages; preserved memory read-only"
expect_line "$log" "chain: next kernel is baton (reads kho-v1..v4, luo-v1/v5, memfd-v1/v2): matches handover"
expect_line "$log" "report: amended handover parsed back: 23 preserved entries = 20 kept + 3 added, 0 missing, 0 unexpected; 0 errors (received: 0)"
expect_line "$log" "chain: next kernel: arm64 Image, text_offset 0x0, image_size $(printf '0x%x' $((0x$size))), 4 KiB pages, anywhere"
expect_line "$log" "chain: command line (bundle): baton.role=verify baton.exit=qemu"
expect_regex "$log" "chain: dtb /chosen linux,kho-fdt 0x50010000+0x1000, linux,kho-scratch 0x4ffff[0-9a-f]*+0x20"
expect_regex "$log" "chain: jumping to 0x4f[0-9a-f]00000, dtb 0x4fff[0-9a-f]*"
# The Image below the DTB segment at the top of scratch[0], 2 MiB aligned
# (where exactly depends on the Image's size): the same address in the
# segment line, the jump and the next baton's banner.
next=$(sed -n 's/^chain: jumping to \(0x[0-9a-f]*\), dtb .*/\1/p' "$log")
[ -n "$next" ] && [ $((next % 0x200000)) = 0 ] || problems="$problems
  next Image at '$next', not 2 MiB aligned"
expect_line "$log" "chain: segment image       [$(range ${next:-0}))"
# The next baton: entered through the chain, verifies the handover.
expect_line "$log" "baton 0.1.0 (arm64) entered at EL2 via Image, image $(range ${next:-0}), link 0x0"
expect_line "$log" "cmdline: baton.role=verify baton.exit=qemu"
expect_line "$log" "initrd: none"
expect_line "$log" "verify: handover identical to what the previous baton received (7 digests compared)"
expect_line "$log" "memory: ram 0x3ff00000 preserved 0x514000 (23 entries, 4 ranges) map 0xf000"
expect_line "$log" "chain: no bundle (no initrd), no next kernel to boot"
expect_line "$log" "baton: exit success: psci SYSTEM_OFF via smc"
[ "$(grep -c '^baton: handover OK (0 errors, 0 warnings)$' "$log")" = 2 ] ||
	problems="$problems
  not two lines: baton: handover OK (0 errors, 0 warnings)"
expect_status 0
[ -z "$problems" ] && echo "  (handover_chain: ${secs} s wall time)"
finish handover_chain

# flags at 0x18: bit 3 anywhere, bits 1-2 page size (1: 4 KiB, 3: 64 KiB).
cp "$image" "$out/baton-64k.Image"
printf '\016' | dd of="$out/baton-64k.Image" bs=1 seek=24 conv=notrunc \
	2>/dev/null
"$build/tools/mkbundle" -o "$out/bundle-64k.cpio" \
	--kernel "$out/baton-64k.Image" --cmdline "baton.exit=qemu" \
	>"$out/mkbundle-64k.log" 2>&1 ||
	problems="$problems
  mkbundle: $(cat "$out/mkbundle-64k.log")"
boot page_size -M virt -m 1G -kernel "$image" -dtb "$dtb" \
	-initrd "$out/bundle-64k.cpio" -append "baton.exit=qemu baton.chain=on" \
	"$@"
log=$out/page_size.log
expect_line "$log" "chain: next kernel rejected by the arm64 Image probe"
expect_line "$log" "finding: error E_CHAIN_PAGE_SIZE_MISMATCH at 0x0000000000000000: next Image uses 64 KiB pages, the handover 4 KiB"
expect_line "$log" "baton: handover has 1 error (0 warnings)"
expect_line "$log" "chain: failed (bzimage): next Image uses 64 KiB pages, the handover 4 KiB (KHO needs the same page size)"
expect_line "$log" "baton: exit failure: psci SYSTEM_OFF via hvc"
[ "$(grep -c '^baton 0.1.0 (arm64) entered' "$log")" = 1 ] ||
	problems="$problems
  the 64 KiB Image was entered"
expect_status 0
finish page_size

# baton.smp on arm64 (docs/arm64.md "Other CPUs"): a handover with 28 MiB
# of memfds (21 digest units: 12 of 1 MiB, 8 of one 2 MiB folio, 1) in the same RAM layout, on QEMU's
# DTB for 2 or 4 vCPUs. smp_off is the reference; smp2 and smp4_el2 must
# give the same digest lines and the same report "digest" object.
smh=$out/handover-smp
rm -rf "$smh"
if ! "$build/tools/mkhandover" -o "$smh" --mem 2G --arena 0x50000000 \
	--scratch 0x40000000:0x10000000 --scratch 0x60000000:0x1000000 \
	--ram 0x40000000:0x40000000 --session vm --memfd 1:12M,order=0 \
	--memfd 2:16M,order=9 --memfd 3:20000 >"$out/mkhandover-smp.log" 2>&1; then
	echo "FAIL: qemu-arm64/smp (mkhandover: $(cat "$out/mkhandover-smp.log"))"
	exit 1
fi
cp "$mkh/scratch-array.bin" "$smh/"
smp_loaders="-device loader,file=$smh/scratch-array.bin,addr=0x60000000,force-raw=on"
for f in "$smh"/mem-*.bin; do
	a=${f##*/mem-}
	smp_loaders="$smp_loaders -device loader,file=$f,addr=0x${a%.bin},force-raw=on"
done
kho_dtb "$out/virt-smp2.dtb" virt 2
kho_dtb "$out/virt-smp4-el2.dtb" virt,virtualization=on 4

# smp_report NAME: the first baton's per-file digest lines, summary, and
# its JSON report's "digest" object (none of them may depend on CPUs).
smp_report() {
	awk '/^baton 0\.1\.0 \(arm64\) entered/ { n++ } n == 1' "$out/$1.log" |
	awk '/^digest: (session |files |crc32c )/ { print; next }
	     /^  "digest": \{$/ { d = 1 } d { print } d && /^  },?$/ { d = 0 }'
}
same_as_off() {
	smp_report "$1" >"$out/$1.report"
	cmp -s "$out/smp_off.report" "$out/$1.report" || problems="$problems
  $1: digest lines or report differ from baton.smp=off:
$(diff "$out/smp_off.report" "$out/$1.report" | head -10)"
}
# units_total NAME: the units the first baton's CPUs did, summed.
units_total() {
	awk '/^baton 0\.1\.0 \(arm64\) entered/ { n++ }
	     n == 1 && /^digest: CPU [0-9]+ \(MPIDR [0-9]+\): [0-9]+ units/ { u += $6 }
	     END { print u + 0 }' "$out/$1.log"
}

boot smp_off -M virt -smp 2 -m 1G -kernel "$image" -dtb "$out/virt-smp2.dtb" \
	-append "baton.exit=qemu baton.smp=off" $smp_loaders
log=$out/smp_off.log
expect_regex "$log" "digest: 3 memfds, 0x1c04e20 bytes, crc32c ([a-z0-9.]*), [0-9]* us; manifest absent"
expect_line "$log" 'digest: session "vm" token 0x1 size 0xc00000 crc32c 0xbbb30afd unchecked'
expect_line "$log" 'digest: session "vm" token 0x2 size 0x1000000 crc32c 0xa3ab8542 unchecked'
expect_line "$log" 'digest: session "vm" token 0x3 size 0x4e20 crc32c 0xc703c9ad unchecked'
expect_line "$log" "digest: files 3 ok 0 mismatch 0 missing 0 unlisted 0 unchecked 3 unreadable 0 bytes 0x1c04e20"
expect_line "$log" "baton: handover OK (0 errors, 0 warnings)"
! grep -q -e 'CPUs digesting' -e '^smp: ' "$log" || problems="$problems
  baton.smp=off started other CPUs"
smp_report smp_off >"$out/smp_off.report"
[ "$(wc -l <"$out/smp_off.report")" -gt 10 ] || problems="$problems
  smp_off: no digest lines or report object"
expect_status 0
finish smp_off

# EL1, hvc, 2 vCPUs; the bundle's next kernel is baton again, which must
# start the CPU the first baton powered off (its CPU_ON succeeds again).
boot smp2 -M virt -smp 2 -m 1G -kernel "$image" -dtb "$out/virt-smp2.dtb" \
	-initrd "$out/bundle.cpio" -append "baton.exit=qemu" $smp_loaders
log=$out/smp2.log
expect_regex "$log" "smp: PSCI 1\.[0-9]* via hvc, CPU_ON at 0x402[0-9a-f]\{5\} (baton's secondary entry), CPU_OFF to park"
expect_regex "$log" "digest: 2 CPUs digesting, 21 units of 0x100000 bytes (start+park [0-9]* us, digest [0-9]* us)"
expect_regex "$log" "digest: CPU 0 (MPIDR 0): [0-9]* units"
expect_regex "$log" "digest: CPU 1 (MPIDR 1): [0-9]* units"
[ "$(units_total smp2)" = 21 ] || problems="$problems
  smp2: the CPUs did $(units_total smp2) units, not 21"
[ "$(grep -c '^smp: 1 of 1 CPUs parked: PSCI CPU_OFF (AFFINITY_INFO: off)$' "$log")" = 2 ] ||
	problems="$problems
  not two lines (both batons): smp: 1 of 1 CPUs parked: PSCI CPU_OFF (AFFINITY_INFO: off)"
[ "$(grep -c '^digest: 2 CPUs digesting, 21 units' "$log")" = 2 ] ||
	problems="$problems
  the next baton did not digest on 2 CPUs (CPU 1 not startable after the first baton)"
expect_line "$log" "cmdline: baton.role=verify baton.exit=qemu"
[ "$(grep -c '^baton: handover OK (0 errors, 0 warnings)$' "$log")" = 2 ] ||
	problems="$problems
  not two lines: baton: handover OK (0 errors, 0 warnings)"
same_as_off smp2
expect_status 0
finish smp2

# EL2 (virtualization=on: the CPUs start at EL2 and drop to EL1 as the
# boot CPU does), smc, 4 vCPUs and one MPIDR the machine does not have:
# CPU_ON refuses it, W_SMP_CPU_NO_ANSWER, its share done by the others.
boot smp4_el2 -M virt,virtualization=on -smp 4 -m 1G -kernel "$image" \
	-dtb "$out/virt-smp4-el2.dtb" \
	-append "baton.exit=qemu baton.smp.test-absent=9" $smp_loaders
log=$out/smp4_el2.log
expect_line "$log" "baton 0.1.0 (arm64) entered at EL2 via Image, image $(range 0x40200000), link 0x0"
expect_regex "$log" "smp: PSCI 1\.[0-9]* via smc, CPU_ON at 0x402[0-9a-f]\{5\} (baton's secondary entry), CPU_OFF to park"
expect_line "$log" "smp: W_SMP_CPU_NO_ANSWER: CPU with MPIDR 9 did not answer: PSCI CPU_ON returned -2 (INVALID_PARAMETERS), its share done by the others"
expect_regex "$log" "digest: 4 CPUs digesting, 21 units of 0x100000 bytes (start+park [0-9]* us, digest [0-9]* us)"
expect_line "$log" "digest: CPU 4 (MPIDR 9): 0 units (not running)"
[ "$(units_total smp4_el2)" = 21 ] || problems="$problems
  smp4_el2: the CPUs did $(units_total smp4_el2) units, not 21"
expect_line "$log" "smp: 3 of 4 CPUs parked: PSCI CPU_OFF (AFFINITY_INFO: off)"
expect_line "$log" "baton: handover OK (0 errors, 1 warning)"
same_as_off smp4_el2
expect_status 0
finish smp4_el2

# A CPU that cannot be parked (test option: CPU 1 spins instead of CPU_OFF,
# so AFFINITY_INFO never says off) is an error: it would run on in memory
# the next kernel reuses. The digests are still the reference's; on-clean
# (the default) does not chain.
boot smp2_no_park -M virt -smp 2 -m 1G -kernel "$image" \
	-dtb "$out/virt-smp2.dtb" -initrd "$out/bundle.cpio" \
	-append "baton.exit=qemu baton.smp.test-no-park=1" $smp_loaders
log=$out/smp2_no_park.log
expect_regex "$log" "digest: 2 CPUs digesting, 21 units of 0x100000 bytes (start+park [0-9]* us, digest [0-9]* us)"
expect_line "$log" "smp: E_SMP_CPU_NOT_PARKED: CPU with MPIDR 1 not parked (PSCI CPU_OFF (AFFINITY_INFO: off)): it would run on under the next kernel"
expect_line "$log" "smp: 0 of 1 CPUs parked: PSCI CPU_OFF (AFFINITY_INFO: off)"
expect_line "$log" "baton: handover has 1 error (0 warnings)"
[ "$(grep -c '^baton 0\.1\.0 (arm64) entered' "$log")" = 1 ] || problems="$problems
  the next kernel was booted with a CPU still running"
same_as_off smp2_no_park
expect_status 0
finish smp2_no_park
dtb=$out/virt1g.dtb	# debian_linux's

# Debian's arm64 kernel package: its Image (uncompressed on arm64).
debian_image() {
	cache=${BATON_CACHE:-$HOME/.cache/baton}/debian-kernel-arm64
	pkg=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
		awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { sub(":arm64", "", $2); print $2; exit }')
	[ -n "$pkg" ] || return 1
	ver=$(apt-cache policy "$pkg:arm64" 2>/dev/null |
		awk '$1 == "Candidate:" { print $2 }')
	[ -n "$ver" ] && [ "$ver" != "(none)" ] || return 1
	release=${pkg#linux-image-}
	vmlinuz=$cache/${pkg}_$ver/boot/vmlinuz-$release
	[ -s "$vmlinuz" ] && return 0
	mkdir -p "$cache"
	tmp=$(mktemp -d "$cache/fetch.XXXXXX")
	chmod 755 "$tmp"		# apt's _apt user writes here
	if (cd "$tmp" && apt-get download -q -o APT::Sandbox::User=root \
		"$pkg:arm64=$ver" >"$tmp/apt.log" 2>&1) && mkdir -p "$tmp/x" &&
	   dpkg-deb --fsys-tarfile "$tmp"/*.deb |
		tar -x -C "$tmp/x" "./boot/vmlinuz-$release"; then
		mkdir -p "${vmlinuz%/*}"
		mv "$tmp/x/boot/vmlinuz-$release" "$vmlinuz"
	fi
	rm -rf "$tmp"
	[ -s "$vmlinuz" ]
}

if ! debian_image; then
	echo "SKIP: qemu-arm64/debian_linux (apt cannot get Debian's linux-image-arm64: no arm64 lists or archive not reachable)"
	exit $failed
fi
if ! "$build/tools/mkbundle" -o "$out/debian-bundle.cpio" --kernel "$vmlinuz" \
	--cmdline "earlycon=pl011,0x9000000 console=ttyAMA0 panic=-1" \
	>"$out/mkbundle-debian.log" 2>&1; then
	echo "FAIL: qemu-arm64/debian_linux (mkbundle: $(cat "$out/mkbundle-debian.log"))"
	exit 1
fi
# Stopped (by its pid) once Linux printed its command line: what follows
# (no root file system, panic) is not this test's business.
name=debian_linux
start=$(date +%s)
rm -f "$out/$name.raw"
timeout "$TIMEOUT" "$QEMU" -accel tcg -cpu max -nodefaults -display none \
	-no-reboot -serial "file:$out/$name.raw" -M virt -m 1G \
	-kernel "$image" -dtb "$dtb" -initrd "$out/debian-bundle.cpio" \
	-append "baton.exit=qemu baton.chain=on" "$@" \
	</dev/null >"$out/$name.qemu" 2>&1 &
qpid=$!
while kill -0 $qpid 2>/dev/null &&
      ! grep -q "Kernel command line:" "$out/$name.raw" 2>/dev/null; do
	sleep 0.2
done
kill $qpid 2>/dev/null
wait $qpid 2>/dev/null
secs=$(($(date +%s) - start))
tr -d '\r' <"$out/$name.raw" | sed 's/^\[ *[0-9]*\.[0-9]*\] //' >"$out/$name.log"
log=$out/$name.log
expect_line "$log" "baton: handover OK (0 errors, 1 warning)"
expect_line "$log" "chain: next kernel $release speaks no KHO (before 6.16): MISMATCH with handover kho-v4 luo-v5 memfd-v2"
expect_line "$log" "report: amended handover parsed back: 23 preserved entries = 20 kept + 3 added, 0 missing, 0 unexpected; 0 errors (received: 0)"
expect_regex "$log" "chain: next kernel: arm64 Image, text_offset 0x0, image_size 0x[0-9a-f]*, 4 KiB pages, anywhere"
expect_line "$log" "chain: command line (bundle): earlycon=pl011,0x9000000 console=ttyAMA0 panic=-1"
expect_regex "$log" "chain: jumping to 0x[0-9a-f]*00000, dtb 0x4fff[0-9a-f]*"
expect_regex "$log" "Linux version $release (.*"
expect_line "$log" "Machine model: linux,dummy-virt"
expect_line "$log" "Kernel command line: earlycon=pl011,0x9000000 console=ttyAMA0 panic=-1"
[ -z "$problems" ] && echo "  (debian_linux: $release, ${secs} s wall time)"
finish debian_linux
exit $failed
