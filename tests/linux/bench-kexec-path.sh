#!/usr/bin/env bash
# bench-kexec-path.sh BUILD AGENT BATON_BZIMAGE MKBUNDLE
#
# The old kernel's side of a live update, Linux 7.2 against 7.3: 7.3 skips
# the kexec segments' SHA-256 when KHO is on (kernel/kexec_file.c: no
# digest at kexec_file_load and an empty region list for purgatory), 7.2
# hashes every segment at load and purgatory hashes them again before the
# jump. Each round boots FIRST = 7.2 and FIRST = 7.3 (the order alternates
# from round to round) with the same payload: baton.bzImage and a bundle of
# the 7.3 kernel and the agent's verify initramfs, so both kernels load,
# hash (or not) and jump to the same bytes. The agent preserves the
# baseline scenario (as the cross-release trips do); the next 7.3 kernel's
# `baton-agent verify` prints the timeline. Per run:
#   load   prepare-done -> T0: the agent's kexec_file_load (7.2 hashes here)
#   kexec  T0 -> T1: reboot(KEXEC) to baton's first instruction (shutdown,
#          purgatory: 7.2 hashes again here, the jump)
#   baton  T1 -> T2, and T0 -> T3 the whole handover
# and the medians per FIRST release. Under TCG the absolute times are the
# emulator's (docs/latency.md). Environment:
#   BENCH_N=3      rounds
#   BENCH_PATHS="baton"   add "direct" for FIRST -> 7.3 without baton
#                  (T0->T3 only: T1 is baton's)
# Logs: BUILD/bench/kexec-path/. Exit status 1 if a run has no timeline.
set -uo pipefail

usage="usage: bench-kexec-path.sh BUILD AGENT BATON_BZIMAGE MKBUNDLE"
build=${1:?$usage}
agent=${2:?$usage}
baton=${3:?$usage}
mkbundle=${4:?$usage}
here=$(cd "$(dirname "$0")" && pwd)
out=$build/bench/kexec-path
n=${BENCH_N:-3}
paths=${BENCH_PATHS:-baton}
next=7.3
failed=0

. "$here/timeline-check.sh"

mkdir -p "$out/logs" "$out/agent"
# The agent alone in its directory: without mkbundle-static next to it,
# mkinitramfs.sh adds no baton-load, so the agent's own kexec_file_load
# loads baton and "load" is the kernel's load (with baton-load it would
# also hold the bundle rewrite and kexec-tools' start).
cp "$agent" "$out/agent/baton-agent" || exit 1
agent=$out/agent/baton-agent
for r in 7.2 7.3; do
	mkdir -p "$out/$r"
	if ! "$here/build-kernel.sh" --release "$r" "$out/$r/bzImage" \
		> "$out/kernel-build-$r.log" 2>&1; then
		tail -5 "$out/kernel-build-$r.log"
		echo "bench-kexec-path: kernel $r build failed"
		exit 1
	fi
done
"$here/mkinitramfs.sh" "$out/verify.cpio.gz" "$agent" || exit 1
"$mkbundle" -o "$out/bundle.cpio" --kernel "$out/$next/bzImage" \
	--initrd "$out/verify.cpio.gz" \
	--cmdline "console=ttyS0 kho=on liveupdate=on baton.test=verify" >/dev/null ||
	exit 1
"$here/mkinitramfs.sh" "$out/prepare.cpio.gz" "$agent" \
	bzImage="$out/$next/bzImage" verify.cpio.gz="$out/verify.cpio.gz" \
	baton.bzImage="$baton" bundle.cpio="$out/bundle.cpio" || exit 1
echo "bench-kexec-path: payload baton.bzImage $(stat -c %s "$baton") +" \
	"bundle.cpio $(stat -c %s "$out/bundle.cpio") bytes (via baton);" \
	"bzImage $(stat -L -c %s "$out/$next/bzImage") + verify.cpio.gz" \
	"$(stat -c %s "$out/verify.cpio.gz") bytes (direct); load $(cut -d' ' -f1-3 /proc/loadavg)"

# tsc_us LOG FROM TO: microseconds between two TIMELINE points, or "-"
tsc_us() {
	local khz a b
	khz=$(grep -Eo '^TIMELINE clock tsc-khz=[0-9]+' "$1" | cut -d= -f2)
	a=$(timeline_point "$1" "$2") b=$(timeline_point "$1" "$3")
	if [ -n "$khz" ] && [ "$a" != unknown ] && [ "$b" != unknown ] && [ "$b" -ge "$a" ]; then
		echo $(( (b - a) * 1000 / khz ))
	else
		echo -
	fi
}

# one FIRST PATH ROUND: one run, one record line in $out/records
one() {
	local first=$1 path=$2 round=$3 log rc load cmdline wall t
	log=$out/logs/$first-$path-$round.log
	cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
	cmdline+=" baton.scenario=baseline baton.chain=on-clean baton.exit=qemu"
	if [ "$path" = baton ]; then cmdline+=" baton.next=baton-chain"
	else cmdline+=" baton.next=linux"; fi
	t=$(date +%s%N)
	"$here/run-qemu.sh" --kernel "$out/$first/bzImage" \
		--initrd "$out/prepare.cpio.gz" --append "$cmdline" \
		--log "$log" --timeout "${LINUX_TEST_TIMEOUT:-300}" --mem 2G
	rc=$?
	wall=$(( ($(date +%s%N) - t) / 1000000 ))
	load=$(grep -Eo '^TIMELINE prepare-done->kexec us=[0-9]+' "$log" | cut -d= -f2)
	if [ $rc != 0 ] || [ -z "$load" ] || ! grep -q '^AGENT-VERIFY PASS' "$log"; then
		echo "bench-kexec-path: $first $path round $round: no complete run (qemu rc=$rc, log $log)"
		failed=1
		return
	fi
	echo "$first $path $round load=$load kexec=$(tsc_us "$log" T0 T1)" \
		"baton=$(tsc_us "$log" T1 T2) total=$(tsc_us "$log" T0 T3) wall_ms=$wall" |
		tee -a "$out/records"
}

: > "$out/records"
for round in $(seq 1 "$n"); do
	order="7.2 7.3"
	[ $((round % 2)) = 0 ] && order="7.3 7.2"
	for path in $paths; do
		for first in $order; do
			one "$first" "$path" "$round"
		done
	done
done

# median of the numbers on stdin ("-" skipped)
median() {
	grep -v -- '^-$' | sort -n | awk '{ v[NR] = $1 }
		END { if (!NR) print "-"; else if (NR % 2) print v[(NR + 1) / 2];
		      else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
echo "bench-kexec-path: medians over $n round(s), us (TCG: the emulator's times); load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %10s %10s %10s %10s\n' "first kernel -> $next" "load" "T0->T1" "T1->T2" "T0->T3"
for path in $paths; do
	for first in 7.2 7.3; do
		col() {
			grep "^$first $path " "$out/records" | tr ' ' '\n' |
				grep "^$1=" | cut -d= -f2 | median
		}
		printf '%-22s %10s %10s %10s %10s\n' "$first ($path)" "$(col load)" \
			"$(col kexec)" "$(col baton)" "$(col total)"
	done
done
exit $failed
