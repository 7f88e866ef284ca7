#!/usr/bin/env bash
# test-linux.sh BUILD AGENT [BATON_BZIMAGE]
#
# The real-Linux tier: boot the KHO+LUO Linux 7.2 test kernel under QEMU,
# let baton-agent preserve a scenario, kexec and check the other side.
#   linux-baseline   Linux -> Linux, every preserved byte verified
#   linux-to-baton   Linux -> baton (baton.chain=off): kexec_file_load
#                    accepts baton, baton finds the KHO record and reports
# Every check prints one PASS/FAIL line; the exit status is 1 on any FAIL.
set -uo pipefail

build=${1:?usage: test-linux.sh BUILD AGENT [BATON_BZIMAGE]}
agent=${2:?usage: test-linux.sh BUILD AGENT [BATON_BZIMAGE]}
baton=${3:-$build/baton.bzImage}
here=$(cd "$(dirname "$0")" && pwd)
out=$build/linux
scenario=${LINUX_TEST_SCENARIO:-baseline}
scn=$here/scenarios/$scenario.scn
failed=0

check() {
	local name=$1 ok=$2; shift 2
	if [ "$ok" = 1 ]; then
		echo "PASS: $name${*:+ ($*)}"
	else
		echo "FAIL: $name${*:+ ($*)}"
		failed=1
	fi
}

has() { grep -Eq "$2" "$1" && echo 1 || echo 0; }

# Expected counts come from the scenario itself.
sessions=$(grep -Ec '^[[:space:]]*session[[:space:]]' "$scn")
files=$(grep -Ec '^[[:space:]]*memfd[[:space:]]' "$scn")
# verify: 3 global checks + agent-session finish, 3 per session, 1 per file
agent_checks=$((4 + 3 * sessions + files))

if ! "$here/build-kernel.sh" "$out/bzImage" > "$out/kernel-build.log" 2>&1; then
	tail -20 "$out/kernel-build.log"
	check linux-kernel-build 0 "see $out/kernel-build.log"
	exit 1
fi
check linux-kernel-build 1 "$(tail -1 "$out/kernel-build.log" | sed 's/^build-kernel: //')"

"$here/mkinitramfs.sh" "$out/verify.cpio.gz" "$agent" || exit 1
payload=(bzImage="$out/bzImage" verify.cpio.gz="$out/verify.cpio.gz")
[ -f "$baton" ] && payload+=(baton.bzImage="$baton")
"$here/mkinitramfs.sh" "$out/prepare.cpio.gz" "$agent" "${payload[@]}" || exit 1

# Manifest as printed before the kexec and as read back after it.
manifest_lines() { grep "^$2 " "$1" | sed "s/^$2 //"; }

test_baseline() {
	local log=$out/baseline.log t0 t1 rc
	local cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
	cmdline+=" baton.next=linux baton.scenario=$scenario"

	t0=$(date +%s%N)
	"$here/run-qemu.sh" --kernel "$out/bzImage" --initrd "$out/prepare.cpio.gz" \
		--append "$cmdline" --log "$log" --timeout 180
	rc=$?
	t1=$(date +%s%N)
	check linux-baseline-qemu-exit "$([ $rc = 0 ] && echo 1 || echo 0)" \
		"rc=$rc, $(( (t1 - t0) / 1000000 )) ms wall, log $log"
	check linux-baseline-prepare "$(has "$log" "^PREPARED sessions=$sessions files=$files\$")" \
		"$sessions sessions, $files files"
	check linux-baseline-kexec-load "$(has "$log" '^KEXEC-LOAD OK')"
	check linux-baseline-kho-found "$(has "$log" 'KHO: found kexec handover data')"
	check linux-baseline-luo-retrieved "$(has "$log" 'luo: Retrieved live update data, liveupdate number: 1')"
	check linux-baseline-next-init "$(has "$log" '^BATON-INIT role=verify')"
	if [ -n "$(manifest_lines "$log" MANIFEST)" ] &&
	   [ "$(manifest_lines "$log" MANIFEST)" = "$(manifest_lines "$log" MANIFEST-IN)" ]; then
		check linux-baseline-manifest-roundtrip 1
	else
		check linux-baseline-manifest-roundtrip 0 "MANIFEST and MANIFEST-IN differ"
	fi
	grep -E '^(PASS|FAIL): agent-' "$log" | sed 's/^\(PASS\|FAIL\): /\1: linux-baseline-/'
	grep -q '^FAIL: agent-' "$log" && failed=1
	check linux-baseline-verify \
		"$(has "$log" "^AGENT-VERIFY PASS passed=$agent_checks failed=0 ")" \
		"expected $agent_checks agent checks; $(grep '^AGENT-VERIFY' "$log")"
	grep '^TIMELINE' "$log" | sed 's/^/  /'
	check linux-baseline-poweroff "$(has "$log" 'reboot: Power down')"
}

# The same round trip with one byte of token 2 (vm-alpha, 1 MiB) flipped
# after its digest was recorded: verify must fail exactly that file and
# locate the byte.
test_tamper() {
	local log=$out/tamper.log offset=524293 rc
	local cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
	cmdline+=" baton.next=linux baton.scenario=baseline baton.tamper=2@$offset"

	"$here/run-qemu.sh" --kernel "$out/bzImage" --initrd "$out/prepare.cpio.gz" \
		--append "$cmdline" --log "$log" --timeout 180
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
}

test_baseline
[ "$scenario" = baseline ] && test_tamper
"$here/test-baton.sh" "$build" "$baton" "$scn" || failed=1
exit $failed
