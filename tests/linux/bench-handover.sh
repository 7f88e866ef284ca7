#!/usr/bin/env bash
# bench-handover.sh BUILD AGENT BATON_BZIMAGE MKBUNDLE [DIGEST_BENCH]
#
# `make bench-handover`: the handover's downtime, phase by phase, on the
# real-Linux tier. For each memfd size, BENCH_N rounds of four round trips
# with the same scenario (one memfd of that size, every byte verified):
#   direct      Linux -> Linux (kexec_file_load of the same kernel)
#   digest-on   Linux -> baton -> Linux, baton checks every memfd's content
#   digest-off  the same with baton.digest=off baton.log=summary (the
#               configuration of the 1% target: no content pass, and
#               the console says only the header, timeline, findings and
#               verdict; the full report still goes into the blob)
#   no-content  baton.digest=off baton.report=off: no memfd byte read (the
#               fingerprint is skipped too); baton's stamps from its console
# The modes alternate inside a round so load changes hit all of them alike.
# Each run's T0..T3 timeline comes from `baton-agent verify` (TIMELINE
# lines); baton's jump into the next kernel from baton's own log line
# `chain: jumping`. Prints the median of every segment per mode, baton's
# share of T0->T3, its overhead with and without digests, and the ratios
# of the speed targets (docs/latency.md). Environment:
#   BENCH_N=5             rounds per size
#   BENCH_SIZES="64M 1G 4G"  memfd sizes (scenarios/bench-SIZE.scn)
#   BENCH_MODES="direct digest-on digest-off no-content"
#   BENCH_ACCEL=tcg|kvm   default: kvm if kvm_intel/kvm_amd is loaded
#   BENCH_CPU=MODEL       guest CPU; default qemu64 under TCG (as the
#                         tests; no SSE4.2, so CRC32C takes the table path:
#                         TCG emulates the crc32 instruction more slowly
#                         than that), the host CPU under KVM. SSE4.2 under
#                         TCG: qemu64,+ssse3,+sse4.1,+sse4.2,+popcnt,+cx16
# Logs and per-run records: BUILD/bench/handover/. Exit status 1 if a run
# fails (QEMU status, verify, or a missing timeline), 0 otherwise: the
# targets are reported, not enforced.
set -uo pipefail

build=${1:?usage: bench-handover.sh BUILD AGENT BATON MKBUNDLE [DIGEST_BENCH]}
agent=${2:?usage}
baton=${3:?usage}
mkbundle=${4:?usage}
digest_bench=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
out=$build/bench/handover
n=${BENCH_N:-5}
sizes=${BENCH_SIZES:-64M 1G 4G}
modes=${BENCH_MODES:-direct digest-on digest-off no-content}
failed=0

. "$here/bench-handover-lib.sh"

if [ -n "${BENCH_ACCEL:-}" ]; then
	accel=$BENCH_ACCEL
elif [ -e /dev/kvm ] && { [ -d /sys/module/kvm_intel ] || [ -d /sys/module/kvm_amd ]; }; then
	accel=kvm
else
	accel=tcg
fi
if [ -n "${BENCH_CPU:-}" ]; then
	cpu=$BENCH_CPU
elif [ "$accel" = tcg ]; then
	cpu=qemu64
else
	cpu=host
fi

mkdir -p "$out/logs"
if ! "$here/build-kernel.sh" --release 7.2 "$out/bzImage" > "$out/kernel-build.log" 2>&1; then
	tail -5 "$out/kernel-build.log"
	echo "bench-handover: kernel build failed (see $out/kernel-build.log)"
	exit 1
fi
"$here/mkinitramfs.sh" "$out/verify.cpio.gz" "$agent" || exit 1
"$mkbundle" -o "$out/bundle.cpio" --kernel "$out/bzImage" \
	--initrd "$out/verify.cpio.gz" \
	--cmdline "console=ttyS0 kho=on liveupdate=on baton.test=verify" >/dev/null ||
	exit 1
"$here/mkinitramfs.sh" "$out/prepare.cpio.gz" "$agent" \
	bzImage="$out/bzImage" verify.cpio.gz="$out/verify.cpio.gz" \
	baton.bzImage="$baton" bundle.cpio="$out/bundle.cpio" || exit 1

# guest RAM and timeout per memfd size: the memfd is pinned in both kernels
guest_mem() {
	case "$1" in
	4G) echo 7G ;;
	2G) echo 5G ;;
	1G) echo 3G ;;
	*) echo 2G ;;
	esac
}
guest_timeout() {
	case "$1" in
	4G) echo 3600 ;;
	2G|1G) echo 1200 ;;
	*) echo 300 ;;
	esac
}

# one_run SIZE MODE ROUND: one QEMU run; appends its record to SIZE.rec
one_run() {
	local size=$1 mode=$2 round=$3 log rc t0 t1 cmdline rec
	log=$out/logs/$size-$mode-$round.log
	cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
	cmdline+=" baton.scenario=bench-$size"
	case "$mode" in
	direct) cmdline+=" baton.next=linux" ;;
	digest-on) cmdline+=" baton.next=baton-chain baton.digest=on" ;;
	digest-off) cmdline+=" baton.next=baton-chain baton.digest=off baton.log=summary" ;;
	no-content) cmdline+=" baton.next=baton-chain baton.digest=off baton.report=off" ;;
	*) echo "bench-handover: unknown mode $mode"; exit 2 ;;
	esac
	t0=$(date +%s)
	"$here/run-qemu.sh" --kernel "$out/bzImage" --initrd "$out/prepare.cpio.gz" \
		--append "$cmdline" --log "$log" --accel "$accel" --cpu "$cpu" \
		--timeout "$(guest_timeout "$size")" --mem "$(guest_mem "$size")" \
		--until 'Kernel panic - not syncing' 
	rc=$?
	t1=$(date +%s)
	rec=$(run_record "$log" "$mode")
	if [ $rc != 0 ] || ! grep -q '^AGENT-VERIFY PASS ' "$log" ||
	   ! echo "$rec" | grep -q '|total='; then
		echo "bench-handover: $size $mode #$round FAILED (rc=$rc, log $log)"
		failed=1
		return
	fi
	echo "mode=$mode|round=$round|$rec" >> "$out/$size.rec"
	echo "bench-handover: $size $mode #$round: T0->T3 $(rec_value "$rec" total) us," \
		"$((t1 - t0)) s wall"
}

echo "bench-handover: accelerator $(echo "$accel" | tr a-z A-Z), guest CPU $cpu$(
	[ "$accel" = tcg ] && echo " (no kvm_intel/kvm_amd loaded; emulation:" \
		"absolute times are the emulator's, compare ratios)")"
echo "bench-handover: baton $(git -C "$here" describe --always --dirty 2>/dev/null ||
	echo unknown), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "bench-handover: host $(grep -m1 '^model name' /proc/cpuinfo | sed 's/.*: //'),"\
	"$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
for size in $sizes; do
	if [ ! -f "$here/scenarios/bench-$size.scn" ]; then
		echo "bench-handover: no scenario bench-$size.scn"
		failed=1
		continue
	fi
	: > "$out/$size.rec"
	for ((round = 1; round <= n; round++)); do
		for mode in $modes; do
			one_run "$size" "$mode" "$round"
		done
	done
	print_table "$out/$size.rec" "$size" "$(guest_mem "$size")" "$n" "$accel" "$modes" |
		tee "$out/$size.table"
done
if [ -n "$digest_bench" ] && [ -x "$digest_bench" ]; then
	echo "bench-handover: digest vs memcpy on the host CPU (bench-digest, same run):"
	"$digest_bench" 64 | sed 's/^bench-digest:/  /'
fi
exit $failed
