#!/usr/bin/env bash
# test-smp-linux.sh BUILD AGENT BATON_BZIMAGE MKBUNDLE [CPUS]
#
# The SMP path on real Linux 7.2 (docs/smp.md): Linux -> baton -> Linux on
# CPUS vCPUs (default 2), the baseline scenario, baton.chain=on. baton must
# digest on every CPU with every memfd "ok", park the other CPUs, and the
# next Linux must bring all of them up again ("smp: Brought up 1 node, N
# CPUs" after baton's jump, as in the first kernel) and verify every
# preserved byte. One PASS/FAIL line per check.
set -uo pipefail

build=${1:?usage: test-smp-linux.sh BUILD AGENT BATON MKBUNDLE [CPUS]}
agent=${2:?usage: test-smp-linux.sh BUILD AGENT BATON MKBUNDLE [CPUS]}
baton=${3:?usage: test-smp-linux.sh BUILD AGENT BATON MKBUNDLE [CPUS]}
mkbundle=${4:?usage: test-smp-linux.sh BUILD AGENT BATON MKBUNDLE [CPUS]}
cpus=${5:-2}
here=$(cd "$(dirname "$0")" && pwd)
out=$build/linux-smp
log=$out/baton-chain-smp$cpus.log
failed=0
mkdir -p "$out"

. "$here/check-lib.sh"

trip_files linux-smp "$out" "$agent" "$baton" "$mkbundle" \
	"console=ttyS0 kho=on liveupdate=on baton.test=verify" || exit 1

cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
cmdline+=" baton.next=baton-chain baton.scenario=baseline"
t0=$(date +%s)
"$here/run-qemu.sh" --kernel "$out/bzImage" --initrd "$out/prepare.cpio.gz" \
	--append "$cmdline" --log "$log" --smp "$cpus" \
	--timeout "${LINUX_TEST_TIMEOUT:-300}" --mem "${LINUX_TEST_MEM:-2G}"
rc=$?
name=linux-baton-linux-smp$cpus
files=$(grep -Eo '^PREPARED sessions=[0-9]+ files=[0-9]+' "$log" | cut -d= -f3)
sessions=$(grep -Eo '^PREPARED sessions=[0-9]+' "$log" | cut -d= -f2)
checks=$((4 + 3 * ${sessions:-0} + ${files:-0}))
# the next kernel's lines: after baton's jump
next=$(sed -n '/chain: jumping to/,$p' "$log")
check $name-qemu-exit "$([ $rc = 0 ] && echo 1 || echo 0)" "rc=$rc, $(( $(date +%s) - t0 )) s, log $log"
# the first kernel's count: the vCPUs, unless its CONFIG_NR_CPUS is lower
# (the tier's 7.2 kernel has NR_CPUS=2)
first=$(sed -n '1,/kexec_core: Starting new kernel/p' "$log" |
	grep -Eo 'smp: Brought up 1 node, [0-9]+ CPUs' | head -1)
check $name-first-linux-cpus "$([ -n "$first" ] && echo 1 || echo 0)" "${first:-no line}"
check $name-digesting "$(has "$log" "digest: $cpus CPUs digesting, [0-9]+ units of 0x[0-9a-f]+ bytes")" \
	"$(grep -Eo 'digest: [0-9]+ CPUs digesting.*' "$log" | head -1)"
check $name-trampoline "$(has "$log" 'smp: trampoline 0x[0-9a-f]+-0x[0-9a-f]+ \(free RAM outside scratch, no handover data there\), x2?apic')" \
	"$(grep -Eo 'smp: trampoline .*' "$log" | head -1)"
check $name-digests-ok "$(has "$log" "digest: files [0-9]+ ok ${files:-x} mismatch 0 missing 0 unlisted 0 unchecked 0 unreadable 0 ")" \
	"$(grep -Eo 'digest: files .*' "$log" | head -1)"
check $name-parked "$(has "$log" "smp: $((cpus - 1)) of $((cpus - 1)) CPUs parked: halted, then INIT \\(wait-for-SIPI\\)")"
check $name-verdict "$(has "$log" 'baton: handover OK \(0 errors, 0 warnings\)')"
check $name-next-linux-cpus "$([ -n "$first" ] && grep -q "$first" <<<"$next" && echo 1 || echo 0)" \
	"$(echo "$next" | grep -Eo 'smp: Brought up.*' | head -1), first kernel: ${first:-?}"
check $name-verify "$(has "$log" "^AGENT-VERIFY PASS passed=$checks failed=0 ")" \
	"expected $checks agent checks; $(grep '^AGENT-VERIFY' "$log")"
exit $failed
