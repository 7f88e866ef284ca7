#!/bin/sh
# test-smp.sh BUILD: baton.smp under QEMU TCG. One mkhandover capture (a
# 48 MiB order-0, a 64 MiB order-9 and a 20000-byte memfd) replayed by
# baton.efi under OVMF:
#   off     -smp 2, baton.smp=off: the single-CPU digests (the reference);
#   smp2    -smp 2: "2 CPUs digesting", the same digest lines as off, the
#           other CPU parked; then chain-loads Linux (the cached 7.2
#           bzImage, no root: it panics after SMP) which must bring up both
#           CPUs baton used (smp: Brought up 1 node, 2 CPUs);
#   smp4    -smp 4, baton.smp=bench: 4 CPUs, three rounds of 1 CPU
#           against all, "results identical", 3 CPUs parked;
#   absent  -smp 2 + baton.smp.test-absent=9 (a CPU the machine lacks):
#           W_SMP_CPU_NO_ANSWER, the digests still on 2 CPUs, same lines.
# PASS/FAIL/SKIP per case.
build=${1:-build}
out=$build/tests/smp
QEMU=${QEMU:-qemu-system-x86_64}
OVMF=${OVMF:-/usr/share/ovmf/OVMF.fd}
TIMEOUT=${SMP_TIMEOUT:-300}
cache=${BATON_CACHE:-$HOME/.cache/baton}
linux=${SMP_LINUX:-$(ls -d "$cache"/linux-7.2-[0-9a-f]*/bzImage 2>/dev/null | head -1)}
rc=0

if [ ! -f "$OVMF" ]; then
	echo "SKIP: smp (no $OVMF)"
	exit 0
fi
for f in baton.efi baton.bzImage tools/mkhandover tools/mkbundle; do
	if [ ! -e "$build/$f" ]; then
		echo "FAIL: smp ($build/$f missing)"
		exit 1
	fi
done
rm -rf "$out"
mkdir -p "$out"

# capture NAME CMDLINE [BUNDLE]: an ESP whose capture boots baton with CMDLINE.
capture() {
	mkdir -p "$out/$1/esp/EFI/BOOT"
	cp "$build/baton.efi" "$out/$1/esp/EFI/BOOT/BOOTX64.EFI"
	set -- "$1" "$2" ${3:+--initrd "$3"}
	name=$1 cmd=$2
	shift 2
	"$build/tools/mkhandover" -o "$out/$name/esp/capture" --profile 7.2 \
		--session vm --memfd 1:48M,order=0 --memfd 2:64M,order=9 \
		--memfd 3:20000 --payload "$build/baton.bzImage" "$@" \
		--cmdline "console=ttyS0 baton.exit=qemu $cmd" \
		>"$out/$name.mkhandover" 2>&1
}

# boot NAME CPUS [STOP]: OVMF on NAME's ESP until QEMU exits or a serial
# line contains STOP; the log without CR and time stamps in NAME.log.
boot() {
	raw=$out/$1.raw
	timeout "$TIMEOUT" "$QEMU" -accel tcg,thread=multi -nodefaults \
		-display none -no-reboot -m 1G -smp "$2" -bios "$OVMF" \
		-drive "format=raw,file=fat:rw:$out/$1/esp" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-serial "file:$raw" </dev/null >"$out/$1.qemu" 2>&1 &
	pid=$!
	if [ -n "$3" ]; then
		while kill -0 "$pid" 2>/dev/null; do
			if grep -aq -- "$3" "$raw" 2>/dev/null; then
				kill "$pid" 2>/dev/null
				break
			fi
			sleep 1
		done
	fi
	wait "$pid"
	tr -d '\r' <"$raw" | sed -e 's/\x1b\[[0-9;?=]*[A-Za-z]//g' \
		-e 's/^\[ *[0-9]*\.[0-9]*\] //' >"$out/$1.log"
}

problems=""
want() {
	grep -aqx -- "$2" "$out/$1.log" || problems="$problems
  $1: no line matching: $2"
}

# The per-file digest lines and the summary, which must not depend on CPUs.
digests() {
	grep -a -e '^digest: session ' -e '^digest: files ' -e '^digest: crc32c ' \
		"$out/$1.log"
}

same_digests() {
	digests "$1" >"$out/$1.digests"
	if [ ! -s "$out/$1.digests" ]; then
		problems="$problems
  $1: no digest lines"
	elif ! cmp -s "$out/off.digests" "$out/$1.digests"; then
		problems="$problems
  $1: digest lines differ from baton.smp=off:
$(diff "$out/off.digests" "$out/$1.digests" | head -10)"
	fi
}

verdict() {
	if [ -z "$problems" ]; then
		echo "PASS: smp-$1"
	else
		echo "FAIL: smp-$1$problems"
		echo "  (log: $out/$1.log)"
		rc=1
	fi
	problems=""
}

capture off "baton.smp=off"
boot off 2
want off 'digest: 3 memfds, 0x7004e20 bytes, crc32c (table), [0-9]* us; manifest absent'
want off 'baton: handover OK (0 errors, 0 warnings)'
! grep -aq 'CPUs digesting' "$out/off.log" || problems="$problems
  off: the digests ran on more than one CPU"
digests off >"$out/off.digests"
[ "$(wc -l <"$out/off.digests")" = 5 ] || problems="$problems
  off: expected 5 digest lines, got $(wc -l <"$out/off.digests")"
verdict off

if [ -f "$linux" ]; then
	"$build/tools/mkbundle" -o "$out/linux-bundle.cpio" --kernel "$linux" \
		--cmdline "console=ttyS0 panic=-1" >"$out/mkbundle.log" 2>&1
	capture smp2 "baton.chain=on" "$out/linux-bundle.cpio"
	boot smp2 2 "Kernel panic"
	want smp2 'smp: Brought up 1 node, 2 CPUs'
else
	echo "SKIP: smp-chain-linux (no cached Linux 7.2 bzImage in $cache)"
	capture smp2 ""
	boot smp2 2
fi
want smp2 'digest: 2 CPUs digesting, 81 units of 0x100000 bytes (start+park [0-9]* us, digest [0-9]* us)'
want smp2 'smp: trampoline 0x[0-9a-f]*-0x[0-9a-f]* (free RAM outside scratch, no handover data there), x2\{0,1\}apic'
want smp2 'smp: 1 of 1 CPUs parked: halted, then INIT (wait-for-SIPI)'
want smp2 'baton: handover OK (0 errors, 0 warnings)'
same_digests smp2
verdict smp2

capture smp4 "baton.smp=bench"
boot smp4 4
want smp4 'digest: 4 CPUs digesting, 81 units of 0x100000 bytes (start+park [0-9]* us, digest [0-9]* us)'
want smp4 'digest: smp bench round 3: 1 CPU [0-9]* us, all CPUs [0-9]* us: [0-9]*\.[0-9]*x'
want smp4 'digest: smp bench: median ratio [0-9]*\.[0-9]*x (1 CPU / all CPUs, 3 rounds), results identical'
want smp4 'smp: 3 of 3 CPUs parked: halted, then INIT (wait-for-SIPI)'
same_digests smp4
verdict smp4

capture absent "baton.smp.test-absent=9"
boot absent 2
want absent 'smp: W_SMP_CPU_NO_ANSWER: CPU with APIC ID 9 did not answer INIT-SIPI-SIPI within 1000 ms: sent INIT again, its share done by the others'
want absent 'digest: 2 CPUs digesting, 81 units of 0x100000 bytes (start+park [0-9]* us, digest [0-9]* us)'
want absent 'digest: CPU 2 (APIC ID 9): 0 units (not running)'
want absent 'baton: handover OK (0 errors, 1 warning)'
same_digests absent
verdict absent
exit $rc
