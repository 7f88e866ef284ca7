#!/usr/bin/env bash
# test-linux-arm64.sh BUILD AGENT [BATON_IMAGE [MKBUNDLE]]
#
# The real-Linux tier on arm64: Linux 7.2 cross-built for arm64
# (build-kernel.sh --arch arm64), busybox-static:arm64, the static arm64
# baton-agent AGENT and Linux 7.2's LUO selftests cross-built static, under
# QEMU virt (-cpu max, TCG, 2 vCPUs, 2 GiB). Each trip is one QEMU run, a
# chain of kexecs, so the tier costs three runs:
#   linux-arm64        Linux -> Linux -> Linux (the control): the agent
#                      preserves the baseline scenario and kexec_file_loads
#                      the same Image; the next kernel verifies every byte
#                      and runs stage 1 of the selftest (KSELFTEST, default
#                      luo_kexec_simple), kexecs again, and the last kernel
#                      runs stage 2 (its "TEST PASSED")
#   linux-arm64-baton  the same with baton (BATON_IMAGE, default
#                      BUILD/arm64/baton.Image) in front of both kexecs:
#                      Linux -> baton -> Linux -> baton -> Linux, each
#                      baton chain-loading the bundle's Image (MKBUNDLE,
#                      default BUILD/tools/mkbundle) after its verdict,
#                      which must be "handover OK" both times, each
#                      baton digesting on both vCPUs (baton.smp, PSCI
#                      CPU_ON) and parking the second (CPU_OFF), and every
#                      kernel of the chain bringing up both
#   linux-arm64-baton-tamper
#                      the baton trip with one byte of token 2 (vm-alpha,
#                      1 MiB) flipped after the agent recorded its digest
#                      (init.sh's baton.tamper, as x86's
#                      linux-baton-linux-tamper): the first baton names
#                      exactly that file (E_MEMFD_DIGEST_MISMATCH, the
#                      only error) and still chains (baton.chain=on), the
#                      next kernel's verify fails exactly that file, and
#                      the selftest's half of the chain still passes
# Without BATON_IMAGE or MKBUNDLE the baton trip FAILs by name. Every check
# prints one PASS/FAIL line; the exit status is 1 on any FAIL.
set -uo pipefail

usage="usage: test-linux-arm64.sh BUILD AGENT [BATON_IMAGE [MKBUNDLE]]"
build=${1:?$usage}
agent=${2:?$usage}
baton=${3:-$build/arm64/baton.Image}
mkbundle=${4:-$build/tools/mkbundle}
here=$(cd "$(dirname "$0")" && pwd)
linux=$(dirname "$here")
out=$build/linux-arm64
kselftest=${KSELFTEST:-luo_kexec_simple}
tty=ttyAMA0
failed=0
mkdir -p "$out"

. "$linux/check-lib.sh"

plan() { "$build/tools/baton-agent" plan "$linux/scenarios/$1.scn"; }
plan_field() { plan "$1" | head -1 | grep -Eo "$2=[0-9]+" | cut -d= -f2; }

# What the guest boots: the kernel (cached per release, like x86's), the
# arm64 busybox (downloaded, never installed) and the selftests.
t0=$(date +%s)
if ! "$linux/build-kernel.sh" --release 7.2 --arch arm64 "$out/Image" \
	> "$out/kernel-build.log" 2>&1; then
	tail -20 "$out/kernel-build.log"
	check linux-arm64-kernel-build 0 "see $out/kernel-build.log"
	exit 1
fi
check linux-arm64-kernel-build 1 "$(tail -1 "$out/kernel-build.log" | sed 's/^build-kernel: //'); $(( $(date +%s) - t0 )) s"
if ! "$here/fetch-busybox.sh" "$out/bin/busybox" > "$out/busybox.log" 2>&1 ||
   ! KSELFTEST_CC=${CROSS_COMPILE:-aarch64-linux-gnu-}gcc \
	"$linux/build-kselftests.sh" "$out/kselftests" 7.2 \
	> "$out/kselftests-build.log" 2>&1; then
	tail -5 "$out/busybox.log" "$out/kselftests-build.log"
	check linux-arm64-userspace 0 "see $out/busybox.log, $out/kselftests-build.log"
	exit 1
fi
# mkinitramfs.sh takes the busybox on PATH: the arm64 one here
mkinitramfs() { PATH=$out/bin:$PATH "$linux/mkinitramfs.sh" "$@"; }

# Initramfs nesting: each kernel's /payload holds what the next one boots.
#   stage2    the selftest (its stage 2)
#   bundle2   baton's chain bundle: Image + stage2 (command line replaced
#             by init.sh's baton.next.cmdline)
#   verify    the selftest, Image, stage2 as verify.cpio.gz, baton.Image,
#             bundle2 as bundle.cpio
#   bundle1   Image + verify, with the verify role's command line
#   prepare   Image, verify.cpio.gz, baton.Image, bundle1 as bundle.cpio
st=$out/kselftests/$kselftest
have_baton=0
mkinitramfs "$out/stage2.cpio.gz" "$agent" "$kselftest=$st" || exit 1
payload=("$kselftest=$st" Image="$out/Image" verify.cpio.gz="$out/stage2.cpio.gz")
if [ -f "$baton" ] && [ -x "$mkbundle" ] &&
   "$mkbundle" -o "$out/bundle2.cpio" --kernel "$out/Image" \
	--initrd "$out/stage2.cpio.gz" \
	--cmdline "console=$tty kho=on liveupdate=on" >/dev/null; then
	payload+=(baton.Image="$baton" bundle.cpio="$out/bundle2.cpio")
	have_baton=1
fi
mkinitramfs "$out/verify.cpio.gz" "$agent" "${payload[@]}" || exit 1
payload=(Image="$out/Image" verify.cpio.gz="$out/verify.cpio.gz")
if [ $have_baton = 1 ] &&
   "$mkbundle" -o "$out/bundle1.cpio" --kernel "$out/Image" \
	--initrd "$out/verify.cpio.gz" \
	--cmdline "console=$tty kho=on liveupdate=on baton.test=verify baton.then=$kselftest baton.next=baton-chain baton.exit=qemu" >/dev/null; then
	payload+=(baton.Image="$baton" bundle.cpio="$out/bundle1.cpio")
else
	have_baton=0
fi
mkinitramfs "$out/prepare.cpio.gz" "$agent" "${payload[@]}" || exit 1

# qemu LOG TIMEOUT CMDLINE
qemu() {
	"$linux/run-qemu.sh" --arch arm64 --kernel "$out/Image" \
		--initrd "$out/prepare.cpio.gz" --append "$3" \
		--log "$1" --timeout "${LINUX_TEST_TIMEOUT:-$2}"
}

# tamper_checks NAME LOG FILES OFFSET: token 2 flipped at OFFSET; the first
# baton (the only one with the agent's manifest: the second sees the
# selftest's files "unchecked") names exactly that file
tamper_checks() {
	local name=$1 log=$2 files=$3 offset=$4 bad codes
	local baton1=$out/$1.baton1.log
	sed '/BATON-INIT role=verify/q' "$log" > "$baton1"
	check $name-applied "$(has "$log" "^TAMPERED token=2 offset=$offset\$")"
	bad=$(digest_lines "$baton1" | grep -Ev ' (ok|manifest)$')
	check $name-baton-names-file \
		"$([ "$bad" = "session=vm-alpha token=2 MISMATCH" ] && echo 1 || echo 0)" \
		"${bad:-no mismatch line}"
	check $name-baton-others-ok \
		"$([ "$(digest_lines "$baton1" | grep -c ' ok$')" = $((files - 1)) ] && echo 1 || echo 0)" \
		"$(grep -Eo 'digest: files .*' "$baton1" | head -1)"
	codes=$(grep -Eo 'finding: error [A-Z0-9_]+' "$log" | sort | uniq -c | sed -E 's/^ +//')
	check $name-baton-error-finding \
		"$([ "$codes" = "1 finding: error E_MEMFD_DIGEST_MISMATCH" ] &&
		   grep -Eq 'finding: error E_MEMFD_DIGEST_MISMATCH at 0x[0-9a-f]+: session "vm-alpha" token 0x2: crc32c 0x[0-9a-f]{8}, manifest 0x[0-9a-f]{8} \(size 0x100000/0x100000\)' "$baton1" &&
		   echo 1 || echo 0)" "${codes:-no error finding}"
	check $name-verify-located \
		"$(has "$log" "^agent: token 2 first differing byte at $offset\$")"
	check $name-verify-only-that-file \
		"$( [ "$(grep -c '^FAIL: agent-' "$log")" = 1 ] &&
		    grep -q '^FAIL: agent-file session=vm-alpha token=2 ' "$log" &&
		    echo 1 || echo 0)"
}

# trip NAME NEXT [TAMPER_OFFSET]: one boot chain, NEXT linux (the control)
# or baton-chain; with TAMPER_OFFSET, token 2's byte there is flipped.
trip() {
	local name=$1 next=$2 tamper=${3:-} log=$out/$1.log rc t0 t1 ok why
	local sessions files checks verdict1 verify
	sessions=$(plan_field baseline sessions)
	files=$(plan_field baseline files)
	# verify: 3 global checks + agent-session finish, 3 per session, 1 per file
	checks=$((4 + 3 * sessions + files))
	t0=$(date +%s%N)
	qemu "$log" 300 "console=$tty kho=on liveupdate=on baton.test=prepare baton.next=$next baton.scenario=baseline baton.then=$kselftest baton.exit=qemu${tamper:+ baton.tamper=2@$tamper}"
	rc=$?
	t1=$(date +%s%N)
	check $name-qemu-exit "$([ $rc = 0 ] && echo 1 || echo 0)" \
		"rc=$rc, $(( (t1 - t0) / 1000000 )) ms wall, log $log"
	check $name-prepare "$(has "$log" "^PREPARED sessions=$sessions files=$files\$")" \
		"$sessions sessions, $files files"
	check $name-kexec-load "$( [ "$(grep -c '^KEXEC-LOAD OK ' "$log")" = 2 ] &&
		echo 1 || echo 0)" "$(grep -c '^KEXEC-LOAD ' "$log") loads, 2 expected"
	if [ "$next" = baton-chain ]; then
		# both batons entered from Linux's kexec, both found it OK
		# (with TAMPER the first found the one error, and chained)
		verdict1='baton: handover OK '
		[ -n "$tamper" ] && verdict1='baton: handover has 1 error'
		ok=0
		why=$(grep -oE 'baton: handover [^"]*' "$log" | tr -d '\r' |
		      tr '\n' ';')
		[ "$(grep -c 'baton .* (arm64) entered at EL[12] via Image' "$log")" = 2 ] &&
		grep -m1 'baton: handover ' "$log" | grep -q "$verdict1" &&
		[ "$(grep 'baton: handover ' "$log" | tail -1 | grep -c 'baton: handover OK ')" = 1 ] &&
		[ "$(grep -c 'baton: handover ' "$log")" = 2 ] && ok=1
		check $name-verdicts $ok "${why:-no verdict line}"
		# baton.smp (docs/arm64.md): each baton digested on both
		# vCPUs (PSCI CPU_ON) and powered the second off again
		check $name-baton-smp "$( [ "$(grep -c 'digest: 2 CPUs digesting, [0-9]* units' "$log")" = 2 ] &&
			[ "$(grep -c 'smp: 1 of 1 CPUs parked: PSCI CPU_OFF (AFFINITY_INFO: off)' "$log")" = 2 ] &&
			echo 1 || echo 0)" \
			"$(grep -o 'digest: [0-9]* CPUs digesting, [0-9]* units' "$log" | tr '\n' ';')"
	fi
	# every kernel of the chain (3) brings up both vCPUs, also after a
	# baton used the second one
	check $name-linux-smp "$( [ "$(grep -c 'smp: Brought up 1 node, 2 CPUs' "$log")" = 3 ] &&
		echo 1 || echo 0)" \
		"$(grep -c 'smp: Brought up 1 node, 2 CPUs' "$log") of 3 kernels: 'smp: Brought up 1 node, 2 CPUs'"
	[ -n "$tamper" ] && tamper_checks $name "$log" "$files" "$tamper"
	check $name-kho-found "$(has "$log" 'KHO: found kexec handover data')"
	check $name-luo-retrieved "$(has "$log" 'luo: Retrieved live update data, liveupdate number: 1$')"
	manifest_roundtrip $name "$log"
	verify="PASS passed=$checks failed=0"
	[ -n "$tamper" ] && verify="FAIL passed=$((checks - 1)) failed=1"
	check $name-verify \
		"$(has "$log" "^AGENT-VERIFY $verify ")" \
		"expected $checks agent checks; $(grep '^AGENT-VERIFY' "$log")"
	check $name-kselftest-stage1 "$(has "$log" "^KSELFTEST name=$kselftest stage=1 rc=0\$")"
	check $name-luo-retrieved-2 "$(has "$log" 'luo: Retrieved live update data, liveupdate number: 2$')"
	check $name-kselftest-stage2 \
		"$( grep -q -- '--- .* PASSED' "$log" &&
		    grep -q "^KSELFTEST name=$kselftest stage=2 rc=0\$" "$log" &&
		    echo 1 || echo 0)" "$(grep -m1 -- '--- .* PASSED' "$log")"
	check $name-poweroff "$(has "$log" 'reboot: Power down')"
}

trip linux-arm64 linux
if [ $have_baton = 1 ]; then
	trip linux-arm64-baton baton-chain
	trip linux-arm64-baton-tamper baton-chain 524293
else
	check linux-arm64-baton 0 "no $baton or $mkbundle"
fi
exit $failed
