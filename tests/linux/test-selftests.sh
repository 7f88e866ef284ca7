#!/usr/bin/env bash
# test-selftests.sh BUILD AGENT BATON_BZIMAGE MKBUNDLE
#
# Linux 7.2's own LUO selftests (tools/testing/selftests/liveupdate), built
# static and unmodified from the kernel tree by build-kselftests.sh, run
# across a real kexec under QEMU:
#   kselftest-linux-NAME   stage 1, Linux -> Linux, stage 2 (the baseline)
#   kselftest-baton-NAME   stage 1, Linux -> baton (chain) -> Linux, stage 2
#   kselftest-liveupdate   the single-boot ioctl test (kselftest harness)
# A test passes when stage 1 exits 0, the kexec load is accepted and stage 2
# exits 0 after printing its "... TEST PASSED ..." line; through baton,
# baton must also have found the handover OK. Expects the kernel
# at BUILD/linux/bzImage (test-linux.sh builds it first).
set -uo pipefail

usage="usage: test-selftests.sh BUILD AGENT BATON_BZIMAGE MKBUNDLE"
build=${1:?$usage}
agent=${2:?$usage}
baton=${3:?$usage}
mkbundle=${4:?$usage}
here=$(cd "$(dirname "$0")" && pwd)
out=$build/linux
bin=$out/kselftests
failed=0
TESTS=${KSELFTESTS:-"luo_kexec_simple luo_multi_session luo_stress_files luo_stress_sessions"}

. "$here/check-lib.sh"

# timeline_checks NAME LOG baton|direct no-t0: the handover timeline that
# `baton-agent timeline` prints before stage 2 (docs/latency.md)
. "$here/timeline-check.sh"

if ! "$here/build-kselftests.sh" "$bin" > "$out/kselftests-build.log" 2>&1; then
	tail -5 "$out/kselftests-build.log"
	check kselftest-build 0 "see $out/kselftests-build.log"
	exit 1
fi
check kselftest-build 1 "$(grep -c '^build-kselftests: ' "$out/kselftests-build.log") programs, static"

tests=()
for t in $TESTS liveupdate; do tests+=("$t=$bin/$t"); done
"$here/mkinitramfs.sh" "$out/kselftest-verify.cpio.gz" "$agent" "${tests[@]}" || exit 1
payload=("${tests[@]}" bzImage="$out/bzImage"
	 verify.cpio.gz="$out/kselftest-verify.cpio.gz")
have_baton=0
# The bundle's command line is replaced per test by baton.next.cmdline.
if [ -f "$baton" ] && [ -x "$mkbundle" ] &&
   "$mkbundle" -o "$out/kselftest-bundle.cpio" --kernel "$out/bzImage" \
	--initrd "$out/kselftest-verify.cpio.gz" \
	--cmdline "console=ttyS0 kho=on liveupdate=on" >/dev/null; then
	payload+=(baton.bzImage="$baton" bundle.cpio="$out/kselftest-bundle.cpio")
	have_baton=1
fi
"$here/mkinitramfs.sh" "$out/kselftest-prepare.cpio.gz" "$agent" "${payload[@]}" || exit 1

qemu() {
	local log=$1 cmdline=$2
	"$here/run-qemu.sh" --kernel "$out/bzImage" \
		--initrd "$out/kselftest-prepare.cpio.gz" --append "$cmdline" \
		--log "$log" --timeout ${LINUX_TEST_TIMEOUT:-300} --mem ${LINUX_TEST_MEM:-2G}
}

# Why a run failed: the first missing step, and the test's own message.
diagnose() {
	local log=$1 name=$2 rc=$3
	if ! grep -q "^KSELFTEST name=$name stage=1 rc=0\$" "$log"; then
		echo "stage 1: $(grep "^KSELFTEST name=$name stage=1" "$log" || echo 'no verdict')"
	elif ! grep -q '^KEXEC-LOAD OK' "$log"; then
		echo "kexec load: $(grep -m1 '^KEXEC-LOAD' "$log" || echo 'not attempted')"
	elif ! grep -q "^KSELFTEST name=$name stage=2 " "$log"; then
		echo "stage 2 never ran (qemu rc=$rc)"
	else
		echo "stage 2: $(grep "^KSELFTEST name=$name stage=2" "$log"):" \
		     "$(grep -m1 -E '^(Bail out!|not ok|1\.\.0 # SKIP)' "$log")"
	fi
}

# run_test PATH NAME: stage 1, kexec along PATH (linux|baton), stage 2.
run_test() {
	local path=$1 name=$2 log=$out/kselftest-$1-$2.log next=linux
	local rc t0 t1 ok=0 baton_line=
	[ "$path" = baton ] && next=baton-chain
	t0=$(date +%s%N)
	qemu "$log" "console=ttyS0 kho=on liveupdate=on baton.test=kselftest baton.kselftest=$name baton.next=$next baton.exit=qemu"
	rc=$?
	t1=$(date +%s%N)
	if [ $rc = 0 ] &&
	   grep -q "^KSELFTEST name=$name stage=1 rc=0\$" "$log" &&
	   grep -q '^KEXEC-LOAD OK' "$log" &&
	   grep -q -- '--- .* PASSED' "$log" &&
	   grep -q "^KSELFTEST name=$name stage=2 rc=0\$" "$log"; then
		ok=1
	fi
	# through baton: loaded by baton-load (init.sh), baton ran, and found
	# no error in Linux's handover
	if [ "$path" = baton ]; then
		grep -q '^baton-load: handing over (kexec -e)' "$log" || ok=0
		grep -q 'baton .* entered via linux64' "$log" || ok=0
		baton_line=$(grep -m1 -oE 'baton: handover [^"]*' "$log")
		case "$baton_line" in
		"baton: handover OK "*) ;;
		*) ok=0 ;;
		esac
	fi
	if [ $ok = 1 ]; then
		check "kselftest-$path-$name" 1 \
			"$(( (t1 - t0) / 1000000 )) ms wall${baton_line:+, $baton_line}"
	else
		check "kselftest-$path-$name" 0 \
			"$(diagnose "$log" "$name" "$rc")${baton_line:+; $baton_line}; log $log"
	fi
	if grep -q "^KSELFTEST name=$name stage=2 " "$log"; then
		timeline_checks "kselftest-$path-$name" "$log" \
			"$([ "$path" = baton ] && echo baton || echo direct)" no-t0
	fi
}

log=$out/kselftest-liveupdate.log
qemu "$log" "console=ttyS0 kho=on liveupdate=on baton.test=kselftest baton.kselftest=liveupdate"
check kselftest-liveupdate \
	"$(grep -q '^KSELFTEST name=liveupdate rc=0$' "$log" && echo 1 || echo 0)" \
	"$(grep -m1 '^# Totals' "$log" || echo "no totals, log $log")"
for t in $TESTS; do
	run_test linux "$t"
	if [ $have_baton = 1 ]; then
		run_test baton "$t"
	else
		check "kselftest-baton-$t" 0 "no baton.bzImage or mkbundle"
	fi
done
exit $failed
