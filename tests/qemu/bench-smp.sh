#!/bin/sh
# bench-smp.sh BUILD: the digest phase on 1 CPU against all CPUs, on the
# same handover and in the same boot (baton.smp=bench: three rounds of
# digesting alone, the other CPUs halted, then on every CPU; it checks the
# results are identical). One
# mkhandover capture (SMP_BENCH_MEMFDS, default four 64 MiB order-0
# memfds and one 256 MiB order-9 memfd) through baton.efi under OVMF,
# SMP_BENCH_N boots (3) with -smp SMP_BENCH_CPUS (2); prints each boot's
# times and the median ratio, beside what the host itself allows: the
# same busy loop as SMP_BENCH_CPUS processes at once against one (under
# TCG each vCPU is a host thread, so the guest cannot do better).
build=${1:-build}
out=$build/tests/bench-smp
QEMU=${QEMU:-qemu-system-x86_64}
OVMF=${OVMF:-/usr/share/ovmf/OVMF.fd}
N=${SMP_BENCH_N:-3}
CPUS=${SMP_BENCH_CPUS:-2}
MEMFDS=${SMP_BENCH_MEMFDS:-"1:64M,order=0 2:64M,order=0 3:64M,order=0 4:64M,order=0 5:256M,order=9"}

rm -rf "$out"
mkdir -p "$out/esp/EFI/BOOT"
cp "$build/baton.efi" "$out/esp/EFI/BOOT/BOOTX64.EFI"
set --
for m in $MEMFDS; do
	set -- "$@" --memfd "$m"
done
"$build/tools/mkhandover" -o "$out/esp/capture" --profile 7.2 --mem 2G \
	--session vm "$@" --payload "$build/baton.bzImage" \
	--cmdline "console=ttyS0 baton.exit=qemu baton.smp=bench baton.log=summary" \
	>"$out/mkhandover.log" 2>&1 || { echo "FAIL: bench-smp (mkhandover)"; exit 1; }
# What the host gives this run: the same busy loop once alone, then as
# $CPUS processes at once; ideal ratio $CPUS. A guest cannot beat it.
spin() { awk 'BEGIN { for (i = 0; i < 20000000; i++) x += i }'; }
now() { date +%s%N; }
t0=$(now); spin; t1=$(now)
i=0; while [ $i -lt "$CPUS" ]; do spin & i=$((i + 1)); done; wait
t2=$(now)
host=$(awk -v a=$((t1 - t0)) -v b=$((t2 - t1)) -v n="$CPUS" \
	'BEGIN { printf "%.2f", n * a / b }')
echo "bench-smp: host: $CPUS busy processes at once do ${host}x the work of one (ideal ${CPUS}x); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench-smp: $CPUS vCPUs, memfds: $MEMFDS"
i=1
while [ $i -le "$N" ]; do
	timeout 900 "$QEMU" -accel tcg,thread=multi -nodefaults -display none \
		-no-reboot -m 2G -smp "$CPUS" -bios "$OVMF" \
		-drive "format=raw,file=fat:rw:$out/esp" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-serial "file:$out/run$i.log" </dev/null >/dev/null 2>&1
	tr -d '\r' <"$out/run$i.log" | grep -a 'digest: smp bench' |
		sed 's/^\[[ 0-9.]*\] //' | tee -a "$out/lines" | sed "s/^/run $i: /"
	grep -aq 'digest: smp bench: median ratio' "$out/run$i.log" ||
		echo "run $i: no bench result (see $out/run$i.log)"
	i=$((i + 1))
done
echo "bench-smp: load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '/smp bench round/ {
	for (i = 1; i <= NF; i++) {
		if ($i == "CPU") one = $(i + 1)
		if ($i == "CPUs") all = $(i + 1)
	}
	r[n++] = one / all
}
/median ratio/ && !/results identical/ { bad = 1 }
/median ratio/ { boots++ }
END {
	if (!n) { print "FAIL: bench-smp (no rounds)"; exit 1 }
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (r[j] < r[i]) { t = r[i]; r[i] = r[j]; r[j] = t }
	printf "bench-smp: median 1 CPU / all CPUs digest time: %.2fx over %d rounds in %d boots (min %.2fx, max %.2fx; host allows %sx)%s\n",
		r[int(n / 2)], n, boots, r[0], r[n - 1], host,
		bad ? " (RESULTS DIFFERED)" : ", results identical in every boot"
	exit bad
}' host="$host" "$out/lines"
