#!/bin/sh
# run-qemu-tests.sh BUILD: boots build/baton.elf (loaded at 1 MiB) and
# build/baton-high.elf (same code loaded at 64 MiB, so it runs relocated)
# under QEMU TCG via PVH and checks the serial output line by line (with
# the "[    0.000000] " timestamps removed) and QEMU's exit status
# (isa-debug-exit: 33 success, 35 failure, 37 exception). One PASS/FAIL
# line per boot; a failing boot shows what was missing and its log.
build=${1:-build}
out=$build/tests/qemu
mkdir -p "$out"
failed=0
QEMU=${QEMU:-qemu-system-x86_64}
TIMEOUT=${QEMU_TIMEOUT:-60}

if ! command -v "$QEMU" >/dev/null 2>&1; then
	echo "FAIL: qemu (qemu-system-x86_64 not installed: make deps)"
	exit 1
fi

image_range() {
	start=$(nm "$1" | awk '$3 == "_start" { print $1 }')
	end=$(nm "$1" | awk '$3 == "__image_end" { print $1 }')
	printf '0x%x-0x%x' $((0x$start - 0x100000 + $2)) $((0x$end - 0x100000 + $2))
}

# boot NAME IMAGE APPEND [extra qemu args...]: runs QEMU, leaves
# $out/NAME.raw (serial as written), $out/NAME.log (timestamps stripped)
# and $status.
boot() {
	name=$1 image=$2 append=$3
	shift 3
	rm -f "$out/$name.raw"
	timeout "$TIMEOUT" "$QEMU" -accel tcg -nodefaults -display none \
		-no-reboot -m 512M -kernel "$image" -append "$append" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-serial "file:$out/$name.raw" "$@" </dev/null >"$out/$name.qemu" 2>&1
	status=$?
	tr -d '\r' <"$out/$name.raw" | sed 's/^\[ *[0-9]*\.[0-9]*\] //' >"$out/$name.log"
}

. tests/qemu/expect-lib.sh


expect_absent() {
	! grep -q -- "$2" "$1" || problems="$problems
  unexpected: $2"
}

expect_status() {
	[ "$status" = "$1" ] || problems="$problems
  exit status $status, expected $1"
}

verdict() {
	if [ -z "$problems" ]; then
		echo "PASS: qemu_$1"
	else
		echo "FAIL: qemu_$1$problems"
		echo "  --- serial log ($out/$1.log):"
		tail -n 40 "$out/$1.log" | sed 's/^/  | /'
		failed=1
	fi
	problems=""
}

common_boot_lines() {
	log=$1
	expect_line "$log" "boot: pvh start_info 0x00000000000021e0 version 1"
	expect_line "$log" "e820: [mem 0x0000000000000000-0x000000000009fbff] usable"
	expect_line "$log" "e820: [mem 0x0000000000100000-0x000000001ffdffff] usable"
	expect_line "$log" "e820: [mem 0x000000001ffe0000-0x000000001fffffff] reserved"
	expect_line "$log" "console: uart8250 io 0x3f8 115200"
	expect_line "$log" "kho: none"
	expect_regex "$log" "tsc: [0-9][0-9]*\.[0-9][0-9][0-9] MHz (pit)"
	expect_regex "$log" "paging: own tables active, 4-level, 2 MiB pages, [0-9]* ranges, [0-9]* table pages"
	[ "$(grep -c '^e820: ' "$log")" = 7 ] || problems="$problems
  expected 7 e820 lines"
}

# 1. Plain boot at the link address.
boot boot_low "$build/baton.elf" "baton.exit=qemu"
expect_line "$out/boot_low.log" "baton 0.1.0 (x86_64) entered via pvh, image $(image_range "$build/baton.elf" 0x100000), link 0x100000"
expect_line "$out/boot_low.log" "cmdline: baton.exit=qemu"
common_boot_lines "$out/boot_low.log"
# The main flow without a handover: mm's pool is free RAM above 1 MiB,
# its mapping applied, the report (human lines, JSON block, blob), no chain.
# free: [1 MiB, 0x1ffe0000) less baton's image
low_image=$(image_range "$build/baton.elf" 0x100000)
low_free=$(printf 0x%x $((0x1ffe0000 - 0x100000 - (${low_image#*-} - ${low_image%-*}))))
expect_line "$out/boot_low.log" "mm: no scratch (plain boot): free RAM above 1 MiB $low_free in 1 blocks, largest $low_free"
expect_line "$out/boot_low.log" "mm: preserved 0 entries, 0x0 bytes, 0 ranges after merging"
expect_line "$out/boot_low.log" "paging: memory model applied, 2 ranges, 0 more table pages; preserved memory read-only"
expect_line "$out/boot_low.log" "report: baton 0.1.0 schema 1"
expect_line "$out/boot_low.log" "report: no handover"
expect_line "$out/boot_low.log" "memory: ram 0x1ff7fc00 preserved 0x0 (0 entries, 0 ranges) map 0x0"
expect_line "$out/boot_low.log" "timeline: tsc $(sed -n 's/^tsc: \([0-9]*\)\.\([0-9]*\) MHz (pit)$/\1\2/p' "$out/boot_low.log") kHz (pit)"
for phase in calibrate boot memory paging handover; do
	expect_regex "$out/boot_low.log" "timeline: $phase at [0-9]* us (+[0-9]* us)"
done
expect_line "$out/boot_low.log" "baton: no handover (0 errors, 0 warnings)"
expect_line "$out/boot_low.log" "----- BEGIN BATON JSON -----"
expect_line "$out/boot_low.log" "----- END BATON JSON -----"
expect_regex "$out/boot_low.log" "report: blob 0x[0-9a-f]* bytes at 0x[0-9a-f]*"
expect_line "$out/boot_low.log" "chain: no bundle (no initrd), no next kernel to boot"
expect_line "$out/boot_low.log" "baton: all phases done"
expect_line "$out/boot_low.log" "baton: exit success (qemu)"
expect_absent "$out/boot_low.log" "finding:"
expect_status 33
verdict boot_low

# 2. The same objects loaded 63 MiB higher: every pointer relocated.
boot boot_high "$build/baton-high.elf" "baton.exit=qemu"
expect_line "$out/boot_high.log" "baton 0.1.0 (x86_64) entered via pvh, image $(image_range "$build/baton-high.elf" 0x4000000), link 0x100000"
common_boot_lines "$out/boot_high.log"
expect_line "$out/boot_high.log" "baton: exit success (qemu)"
expect_status 33
verdict boot_high

# 3. A deliberate page fault: full diagnostic, exception exit status.
fault_lines() {
	log=$1
	expect_line "$log" "selftest: fault"
	expect_line "$log" "EXCEPTION: vector 14 (#PF page fault), error code 0x2"
	expect_line "$log" "CR2 0x00000dead0000000"
	expect_line "$log" "page fault: write of a non-present page at 0xdead0000000"
	expect_line "$log" "fault address 0xdead0000000 is the fault self test's unmapped target"
	expect_regex "$log" "RAX 0x[0-9a-f]\{16\} RBX 0x[0-9a-f]\{16\} RCX 0x[0-9a-f]\{16\}"
	expect_regex "$log" "R15 0x[0-9a-f]\{16\} RFLAGS 0x[0-9a-f]* CS 0x10 SS 0x[0-9a-f]*"
	expect_line "$log" "backtrace:"
	expect_regex "$log" "  #1  0x[0-9a-f]\{16\}  baton.elf+0x[0-9a-f]* (link 0x[0-9a-f]*)"
	expect_line "$log" "baton stopped: CPU exception"
	expect_line "$log" "baton: exit exception (qemu)"
	expect_absent "$log" "did not stop baton"
	expect_status 37
}
boot fault_low "$build/baton.elf" "baton.exit=qemu baton.selftest=fault"
fault_lines "$out/fault_low.log"
verdict fault_low

boot fault_high "$build/baton-high.elf" "baton.exit=qemu baton.selftest=fault"
fault_lines "$out/fault_high.log"
# Relocated or not, the diagnostic names the same link addresses.
low_links=$(grep -o '(link 0x[0-9a-f]*)' "$out/fault_low.log")
high_links=$(grep -o '(link 0x[0-9a-f]*)' "$out/fault_high.log")
[ -n "$low_links" ] && [ "$low_links" = "$high_links" ] || problems="$problems
  backtrace link addresses differ between the 1 MiB and 64 MiB loads"
verdict fault_high

# 4. Writing to baton's own text: read-only mapping with CR0.WP.
boot ro_write "$build/baton.elf" "baton.exit=qemu baton.selftest=ro-write"
expect_line "$out/ro_write.log" "EXCEPTION: vector 14 (#PF page fault), error code 0x3"
expect_line "$out/ro_write.log" "page fault: write protection violation at 0x100100"
expect_status 37
verdict ro_write

# RAM remapped read-only in the live tables (what mm does to preserved
# memory): the 2 MiB page is split, reads work, a write faults and the
# fault-description hook names the range.
boot ro_ram "$build/baton.elf" "baton.exit=qemu baton.selftest=ro-ram"
log=$out/ro_ram.log
expect_line "$log" "selftest: ro-ram: page 0x1000000 was writable in a 0x200000 page, now read-only in a 0x1000 page; next page writable"
expect_line "$log" "EXCEPTION: vector 14 (#PF page fault), error code 0x3"
expect_line "$log" "CR2 0x0000000001000000"
expect_line "$log" "page fault: write protection violation at 0x1000000"
expect_line "$log" "fault address 0x1000000 is in the ro-ram self test's read-only page [0x1000000-0x1001000)"
expect_status 37
verdict ro_ram

# write-preserved needs a KHO handover (tests/efi's efi_vectors_write_preserved
# replays a real one); without one it must say so and fail, not pass.
boot write_preserved_none "$build/baton.elf" "baton.exit=qemu baton.selftest=write-preserved"
log=$out/write_preserved_none.log
expect_line "$log" "selftest: write-preserved"
expect_line "$log" "selftest: write-preserved: no preserved memory (needs a KHO handover)"
expect_absent "$log" "selftest: unknown test"
expect_line "$log" "baton: exit failure (qemu)"
expect_status 35
verdict write_preserved_none

# Unbounded recursion: the guard page below the boot stack faults, and the
# report runs on the IST stack.
boot stack_overflow "$build/baton.elf" "baton.exit=qemu baton.selftest=stack-overflow"
log=$out/stack_overflow.log
expect_line "$log" "EXCEPTION: vector 14 (#PF page fault), error code 0x2"
expect_regex "$log" "stack overflow: 0x[0-9a-f]* is in the guard page below the boot stack \[0x[0-9a-f]*-0x[0-9a-f]*)"
expect_line "$log" "baton: exit exception (qemu)"
expect_status 37
verdict stack_overflow

# An exception while reporting one (here: the fault-description hook
# faults) gives one line and the exception exit, never a hang or reset.
boot nested "$build/baton.elf" "baton.exit=qemu baton.selftest=nested"
log=$out/nested.log
expect_line "$log" "EXCEPTION: vector 14 (#PF page fault), error code 0x2"
expect_regex "$log" "EXCEPTION vector 14 at RIP 0x[0-9a-f]* CR2 0xbad0000000 while reporting an exception"
expect_line "$log" "baton: exit exception (qemu)"
expect_status 37
verdict nested

# 5. Invalid opcode.
boot invalid_opcode "$build/baton.elf" "baton.exit=qemu baton.selftest=ud"
expect_line "$out/invalid_opcode.log" "EXCEPTION: vector 6 (#UD invalid opcode), error code 0x0"
expect_regex "$out/invalid_opcode.log" "RIP 0x[0-9a-f]\{16\}  baton.elf+0x[0-9a-f]* (link 0x[0-9a-f]*)"
expect_status 37
verdict invalid_opcode

# 6. libfdt.a inside the payload (its stack protector reads %fs:0x28), and
# a smashed canary in baton's own code ending in __stack_chk_fail.
boot libfdt "$build/baton.elf" "baton.exit=qemu baton.selftest=libfdt"
expect_line "$out/libfdt.log" "selftest: libfdt ok"
expect_line "$out/libfdt.log" "baton: exit success (qemu)"
expect_status 33
verdict libfdt

boot stack_smash "$build/baton.elf" "baton.exit=qemu baton.selftest=stack-smash"
expect_regex "$out/stack_smash.log" "stack protector: canary overwritten in a function returning to 0x[0-9a-f]*"
expect_line "$out/stack_smash.log" "baton: exit exception (qemu)"
expect_absent "$out/stack_smash.log" "did not stop baton"
expect_status 37
verdict stack_smash

# 7. Unknown self test: failure status, not exception.
boot selftest_unknown "$build/baton.elf" "baton.exit=qemu baton.selftest=nonsense"
expect_line "$out/selftest_unknown.log" 'selftest: unknown test "nonsense"'
expect_line "$out/selftest_unknown.log" "baton: exit failure (qemu)"
expect_status 35
verdict selftest_unknown

# 8. console=ttyS1: everything on COM2, nothing on COM1.
boot console_ttyS1 "$build/baton.elf" "baton.exit=qemu console=ttyS1,57600" \
	-serial "file:$out/console_ttyS1.com2"
tr -d '\r' <"$out/console_ttyS1.com2" | sed 's/^\[ *[0-9]*\.[0-9]*\] //' >"$out/console_ttyS1.com2.log"
expect_line "$out/console_ttyS1.com2.log" "console: uart8250 io 0x2f8 57600"
expect_line "$out/console_ttyS1.com2.log" "baton: exit success (qemu)"
[ ! -s "$out/console_ttyS1.log" ] || problems="$problems
  COM1 got output although only ttyS1 was asked for"
expect_status 33
verdict console_ttyS1

# 9. Linux earlycon syntax for a port-I/O UART plus the QEMU debug console.
boot console_earlycon "$build/baton.elf" \
	"baton.exit=qemu earlycon=uart8250,io,0x3f8,115200n8 console=ttyS0,115200 baton.debugcon=1" \
	-debugcon "file:$out/console_earlycon.debugcon"
expect_line "$out/console_earlycon.log" "console: uart8250 io 0x3f8 115200"
expect_line "$out/console_earlycon.log" "console: debugcon io 0xe9"
[ "$(grep -c '^console: ' "$out/console_earlycon.log")" = 2 ] || problems="$problems
  the same UART named twice must be registered once"
grep -q "baton: exit success (qemu)" "$out/console_earlycon.debugcon" 2>/dev/null || problems="$problems
  debugcon output missing"
expect_status 33
verdict console_earlycon

# Linux's x86 earlyprintk syntax and the generic uart syntax, on COM2 only.
boot console_earlyprintk "$build/baton.elf" \
	"baton.exit=qemu earlyprintk=serial,ttyS1,38400 console=uart,io,0x2f8,38400n8" \
	-serial "file:$out/console_earlyprintk.com2"
tr -d '\r' <"$out/console_earlyprintk.com2" | sed 's/^\[ *[0-9]*\.[0-9]*\] //' >"$out/console_earlyprintk.com2.log"
expect_line "$out/console_earlyprintk.com2.log" "console: uart8250 io 0x2f8 38400"
[ "$(grep -c '^console: ' "$out/console_earlyprintk.com2.log")" = 1 ] || problems="$problems
  COM2 named twice must be registered once"
expect_line "$out/console_earlyprintk.com2.log" "baton: exit success (qemu)"
[ ! -s "$out/console_earlyprintk.log" ] || problems="$problems
  COM1 got output although only COM2 was asked for"
expect_status 33
verdict console_earlyprintk

# An MMIO earlycon waits for baton's page tables, which map its page
# uncached; no MMIO UART exists on the QEMU PC, so the bounded transmit wait
# must give up once and let the run finish.
boot console_mmio "$build/baton.elf" \
	"baton.exit=qemu console=ttyS0 earlycon=uart8250,mmio32,0xfebf0000,115200"
expect_line "$out/console_mmio.log" "console: uart8250 mmio32 0xfebf0000 115200 (starts with baton's page tables)"
expect_line "$out/console_mmio.log" "console: enabled uart8250 mmio32 0xfebf0000 115200"
expect_line "$out/console_mmio.log" "baton: exit success (qemu)"
expect_status 33
verdict console_mmio

# 10. The bzImage through its 64-bit entry: baton loads build/baton.bzImage
# (given as initrd) like kexec_file_load would, at 4 GiB + 0x123000 when
# there is RAM above 4 GiB, and enters payload + 0x200 with RSI =
# boot_params and SSE off. The second baton must run to the end.
image_size=$(image_range "$build/baton.elf" 0)
image_size=$((${image_size#*-}))
boot reenter_above_4g "$build/baton.elf" "baton.exit=qemu baton.selftest=reenter" \
	-m 6G -initrd "$build/baton.bzImage"
log=$out/reenter_above_4g.log
expect_line "$log" "selftest: reenter"
expect_line "$log" "baton 0.1.0 (x86_64) entered via linux64, image 0x100123000-$(printf 0x%x $((0x100123000 + image_size))), link 0x100000"
expect_regex "$log" "boot: linux64 boot_params 0x0000000100[0-9a-f]* loader 0xd0 protocol 2.15"
expect_line "$log" "cmdline: baton.exit=qemu"
expect_line "$log" "e820: [mem 0x0000000100000000-0x00000001bfffffff] usable"
[ "$(grep -c '^baton: all phases done' "$log")" = 1 ] || problems="$problems
  the re-entered baton did not finish exactly once"
expect_line "$log" "baton: exit success (qemu)"
expect_status 33
verdict reenter_above_4g

# From the 64 MiB load into a low RAM load (0x223000), 512 MiB guest.
boot reenter_low "$build/baton-high.elf" "baton.exit=qemu baton.selftest=reenter console=ttyS0" \
	-initrd "$build/baton.bzImage"
log=$out/reenter_low.log
expect_line "$log" "baton 0.1.0 (x86_64) entered via linux64, image 0x223000-$(printf 0x%x $((0x223000 + image_size))), link 0x100000"
expect_line "$log" "cmdline: baton.exit=qemu console=ttyS0"
expect_line "$log" "baton: exit success (qemu)"
expect_status 33
verdict reenter_low

# Hostile boot_params on the 64-bit entry: RAM beyond the address space, an
# initrd beyond all memory, setup_data pointing into nothing. Reported, and
# baton still gets its own page tables and finishes.
boot reenter_hostile "$build/baton.elf" "baton.exit=qemu baton.selftest=reenter-hostile" \
	-initrd "$build/baton.bzImage"
log=$out/reenter_hostile.log
expect_line "$log" "e820: [mem 0x00007ffff0000000-0x00008fffefffffff] usable"
# (finding messages belong to boot/: only code and address are pinned here)
expect_regex "$log" "finding: error E_INITRD_OUT_OF_RAM at 0x500000000000: .*"
expect_regex "$log" "finding: error E_SETUP_DATA_OUT_OF_RAM at 0xdeadbeef000: .*"
expect_line "$log" "paging: e820 [0x7ffff0000000-0x8ffff0000000) clipped to the 46-bit address space"
expect_line "$log" "paging: not mapping initrd 0x500000000000+0x1000: beyond the memory map"
expect_line "$log" "memory: RAM view clipped at 0x400000000000 (address space)"
expect_regex "$log" "paging: own tables active, 4-level, .*"
# The flow still runs to the end; the errors stop the chain (on-clean) and
# make the run a failure.
expect_line "$log" "baton: no handover, 2 errors (0 warnings)"
expect_line "$log" "chain: not booting the next kernel: 2 error finding(s) and baton.chain=on-clean"
expect_line "$log" "baton: exit failure (qemu)"
expect_status 35
verdict reenter_hostile

# 5-level paging (-cpu max has LA57 and 1 GiB pages): the PVH entry turns
# LA57 on, so the re-entered baton starts with CR4.LA57 set, as after a
# kexec from a 5-level Linux, and must build 5-level tables too.
boot la57 "$build/baton.elf" "baton.exit=qemu baton.selftest=reenter" \
	-cpu max -m 6G -initrd "$build/baton.bzImage"
log=$out/la57.log
[ "$(grep -c '^paging: own tables active, 5-level, 1 GiB pages, ' "$log")" = 2 ] || problems="$problems
  expected two 5-level/1 GiB paging lines (PVH and re-entered)"
expect_line "$log" "baton 0.1.0 (x86_64) entered via linux64, image 0x100123000-$(printf 0x%x $((0x100123000 + image_size))), link 0x100000"
expect_line "$log" "baton: exit success (qemu)"
expect_status 33
verdict la57

boot la57_fault "$build/baton.elf" "baton.exit=qemu baton.selftest=fault" -cpu max
fault_lines "$out/la57_fault.log"
verdict la57_fault

# The bzImage booted by QEMU itself: its real-mode setup code (BIOS e820,
# zero page at setup + 0x1000) enters the payload's 32-bit boot-protocol
# entry (code32_start); then, with itself as initrd, re-enters through the
# 64-bit entry above 4 GiB: all three entry paths in one run.
boot bzimage_bios "$build/baton.bzImage" "baton.exit=qemu baton.selftest=reenter" \
	-m 6G -initrd "$build/baton.bzImage"
log=$out/bzimage_bios.log
expect_line "$log" "baton 0.1.0 (x86_64) entered via linux32, image $(image_range "$build/baton.elf" 0x100000), link 0x100000"
expect_line "$log" "boot: linux64 boot_params 0x0000000000011000 loader 0xb0 protocol 2.15"
expect_line "$log" "cmdline: baton.exit=qemu baton.selftest=reenter"
expect_line "$log" "e820: [mem 0x0000000100000000-0x00000001bfffffff] usable"
expect_regex "$log" "initrd: \[mem 0x[0-9a-f]*-0x[0-9a-f]*\] size $(printf 0x%x "$(wc -c <"$build/baton.bzImage")")"
expect_line "$log" "baton 0.1.0 (x86_64) entered via linux64, image 0x100123000-$(printf 0x%x $((0x100123000 + image_size))), link 0x100000"
expect_line "$log" "baton: exit success (qemu)"
expect_status 33
verdict bzimage_bios

# 11. baton.exit=halt: stops and stays (QEMU is ended by the timeout).
TIMEOUT=8 boot exit_halt "$build/baton.elf" "baton.exit=halt"
expect_line "$out/exit_halt.log" "baton: exit success (halt)"
expect_status 124
verdict exit_halt
TIMEOUT=${QEMU_TIMEOUT:-60}	# dash keeps a function's prefix assignment

# 12. baton.exit=reboot: with -no-reboot QEMU ends (status 0) at the reset.
boot exit_reboot "$build/baton.elf" "baton.exit=reboot"
expect_line "$out/exit_reboot.log" "baton: exit success (reboot)"
expect_status 0
verdict exit_reboot

exit $failed
