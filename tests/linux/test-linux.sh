#!/usr/bin/env bash
# test-linux.sh BUILD AGENT [BATON_BZIMAGE [MKBUNDLE]]
#
# The real-Linux tier: boot the KHO+LUO Linux 7.2 test kernel under QEMU,
# let baton-agent preserve a scenario, kexec and check the other side.
#   linux-baseline   Linux -> Linux, every preserved byte verified
#   linux-tamper     one byte changed after preservation: verify must fail
#   linux-many       60 sessions, 134 files: multi-block LUO chains
#   linux-to-baton   Linux -> baton (baton.chain=off): kexec_file_load
#                    accepts baton, baton finds the KHO record and reports
#   kselftest-*      Linux 7.2's LUO selftests (test-selftests.sh)
# Every check prints one PASS/FAIL line; the exit status is 1 on any FAIL.
set -uo pipefail

build=${1:?usage: test-linux.sh BUILD AGENT [BATON_BZIMAGE]}
agent=${2:?usage: test-linux.sh BUILD AGENT [BATON_BZIMAGE]}
baton=${3:-$build/baton.bzImage}
mkbundle=${4:-$build/tools/mkbundle}
here=$(cd "$(dirname "$0")" && pwd)
out=$build/linux
mkdir -p "$out"
scenario=${LINUX_TEST_SCENARIO:-baseline}
failed=0

. "$here/check-lib.sh"
# timeline_checks NAME LOG baton|direct: verify's T0..T3 timeline
. "$here/timeline-check.sh"

# Expected sessions and files come from the scenario, expanded on the host
# by the agent's `plan` command (independent of what the guest reports).
plan() { "$agent" plan "$here/scenarios/$1.scn"; }
plan_field() { plan_value "$agent" "$here/scenarios/$1.scn" "$2"; }
# The guest's MANIFEST lines reduced to what `plan` prints.
manifest_as_plan() {
	agent_lines "$1" MANIFEST | grep -E '^(session|file) ' |
		sed -E 's/^(file session=[^ ]+ token=[0-9]+ size=[0-9]+).*/\1/'
}

if ! "$here/build-kernel.sh" --release 7.2 "$out/bzImage" > "$out/kernel-build.log" 2>&1; then
	tail -20 "$out/kernel-build.log"
	check linux-kernel-build 0 "see $out/kernel-build.log"
	exit 1
fi
check linux-kernel-build 1 "$(tail -1 "$out/kernel-build.log" | sed 's/^build-kernel: //')"

"$here/mkinitramfs.sh" "$out/verify.cpio.gz" "$agent" || exit 1
payload=(bzImage="$out/bzImage" verify.cpio.gz="$out/verify.cpio.gz")
[ -f "$baton" ] && payload+=(baton.bzImage="$baton")
# baton's chain bundle: this kernel and the verify initramfs, verify role
if [ -x "$mkbundle" ] &&
   "$mkbundle" -o "$out/bundle.cpio" --kernel "$out/bzImage" \
	--initrd "$out/verify.cpio.gz" \
	--cmdline "console=ttyS0 kho=on liveupdate=on baton.test=verify" >/dev/null; then
	payload+=(bundle.cpio="$out/bundle.cpio")
fi
"$here/mkinitramfs.sh" "$out/prepare.cpio.gz" "$agent" "${payload[@]}" || exit 1

# round_trip NAME SCENARIO [probe]: Linux -> Linux with everything verified;
# with "probe", the agent first checks /dev/liveupdate's error semantics.
round_trip() {
	local name=$1 scn_name=$2 probe=${3:-} log=$out/$1.log t0 t1 rc
	local sessions files checks
	local cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
	cmdline+=" baton.next=linux baton.scenario=$scn_name"
	[ -n "$probe" ] && cmdline+=" baton.probe=1"

	sessions=$(plan_field "$scn_name" sessions)
	files=$(plan_field "$scn_name" files)
	checks=$(agent_checks "$agent" "$here/scenarios/$scn_name.scn")
	t0=$(date +%s%N)
	"$here/run-qemu.sh" --kernel "$out/bzImage" --initrd "$out/prepare.cpio.gz" \
		--append "$cmdline" --log "$log" --timeout ${LINUX_TEST_TIMEOUT:-180} --mem ${LINUX_TEST_MEM:-2G}
	rc=$?
	t1=$(date +%s%N)
	check $name-qemu-exit "$([ $rc = 0 ] && echo 1 || echo 0)" \
		"rc=$rc, $(( (t1 - t0) / 1000000 )) ms wall, log $log"
	check $name-prepare "$(has "$log" "^PREPARED sessions=$sessions files=$files\$")" \
		"$sessions sessions, $files files"
	if [ "$(plan "$scn_name" | grep -v '^PLAN sessions=' | sed 's/^PLAN //')" = \
	     "$(manifest_as_plan "$log")" ]; then
		check $name-manifest-matches-plan 1
	else
		check $name-manifest-matches-plan 0 "guest manifest differs from 'baton-agent plan'"
	fi
	if [ -n "$probe" ]; then
		grep -E '^(PASS|FAIL): agent-probe-' "$log" |
			sed "s/^\(PASS\|FAIL\): /\1: $name-/"
		check $name-probe "$(has "$log" "^AGENT-PROBE PASS passed=$PROBE_CHECKS failed=0\$")" \
			"$(grep '^AGENT-PROBE' "$log")"
	fi
	check $name-kexec-load "$(has "$log" '^KEXEC-LOAD OK')"
	check $name-kho-found "$(has "$log" 'KHO: found kexec handover data')"
	check $name-luo-retrieved "$(has "$log" 'luo: Retrieved live update data, liveupdate number: 1')"
	check $name-next-init "$(has "$log" '^BATON-INIT role=verify')"
	manifest_roundtrip $name "$log"
	if [ "$name" = linux-baseline ]; then
		grep -E '^(PASS|FAIL): agent-' "$log" | grep -v ': agent-probe-' |
			sed "s/^\(PASS\|FAIL\): /\1: $name-/"
	fi
	grep -q '^FAIL: agent-' "$log" && failed=1
	check $name-verify \
		"$(has "$log" "^AGENT-VERIFY PASS passed=$checks failed=0 ")" \
		"expected $checks agent checks; $(grep '^AGENT-VERIFY' "$log")"
	timeline_checks $name "$log" direct
	check $name-poweroff "$(has "$log" 'reboot: Power down')"
}

# The same round trip with one byte of token 2 (vm-alpha, 1 MiB) flipped
# after its digest was recorded: verify must fail exactly that file and
# locate the byte.
test_tamper() {
	local log=$out/tamper.log offset=524293 rc
	local cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
	cmdline+=" baton.next=linux baton.scenario=baseline baton.tamper=2@$offset"

	"$here/run-qemu.sh" --kernel "$out/bzImage" --initrd "$out/prepare.cpio.gz" \
		--append "$cmdline" --log "$log" --timeout ${LINUX_TEST_TIMEOUT:-180} --mem ${LINUX_TEST_MEM:-2G}
	rc=$?
	check linux-tamper-qemu-exit "$([ $rc = 0 ] && echo 1 || echo 0)" "rc=$rc, log $log"
	check linux-tamper-applied "$(has "$log" "^TAMPERED token=2 offset=$offset\$")"
	check linux-tamper-located "$(has "$log" "^agent: token 2 first differing byte at $offset\$")"
	check linux-tamper-only-that-file \
		"$( [ "$(grep -c '^FAIL: agent-' "$log")" = 1 ] &&
		    grep -q '^FAIL: agent-file session=vm-alpha token=2 ' "$log" &&
		    echo 1 || echo 0)"
	check linux-tamper-verify-fails "$(has "$log" '^AGENT-VERIFY FAIL passed=20 failed=1 ')" \
		"$(grep '^AGENT-VERIFY' "$log")"
	timeline_checks linux-tamper "$log" direct
}

# probe.c's expectations (docs/handover-abi.md §5 on real Linux 7.2)
PROBE_CHECKS=21
round_trip "linux-$scenario" "$scenario" probe
if [ "$scenario" = baseline ]; then
	test_tamper
	round_trip linux-many many
fi
"$here/test-baton.sh" "$build" "$baton" "$here/scenarios/$scenario.scn" || failed=1
# Linux's own LUO selftests, Linux -> Linux and Linux -> baton -> Linux
if [ "$scenario" = baseline ]; then
	"$here/test-selftests.sh" "$build" "$agent" "$baton" "$mkbundle" || failed=1
fi
exit $failed
