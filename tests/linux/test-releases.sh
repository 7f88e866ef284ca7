#!/usr/bin/env bash
# test-releases.sh BUILD AGENT BATON_BZIMAGE MKBUNDLE FIRST:NEXT ...
#
# Live updates across Linux releases. For each pair FIRST:NEXT (e.g. 7.2:7.3,
# releases.sh) two trips, each its own set of QEMU guests booted with the
# FIRST release's test kernel whose initramfs carries the NEXT release's
# kernel (and baton with a bundle of it):
#   linux-FIRST-to-NEXT      FIRST -> NEXT directly (kexec_file_load): the
#                            control
#   linux-FIRST-baton-NEXT   FIRST -> baton (baton.chain=on-clean) -> NEXT
# and in each trip
#   -agent-*                 baton-agent preserves the baseline scenario
#                            and NEXT verifies every byte (exact counts)
#   -kselftest-NAME          NEXT's own LUO selftests, unmodified: stage 1
#                            on FIRST, stage 2 on NEXT
# (and, once per release other than the base one, its single-boot ioctl
# selftest `liveupdate`: linux-R-kselftest-liveupdate).
# Through baton also: baton found the handover OK, its chain precheck line
# (`chain: next kernel NEXT.x ... matches handover`), its line naming the
# kernel that wrote the handover (`kho: written by FIRST.x ...`, from
# kexec-metadata) and its report subtree, read back valid by the agent in
# NEXT (7.3 frees unpreserved memory outside scratch early: the subtree
# must survive that). Once, on the first same-release pair, that subtree
# check shown able to fail (linux-R-baton-R-report-tamper: a blob byte
# flipped after its CRC, reported damaged in R). One summary line per trip:
#   PASS: linux-7.2-baton-7.3 (...)
# Each kernel is BUILD/linux/R/bzImage (built or linked from the cache by
# build-kernel.sh --release R), each release's selftests
# BUILD/linux/R/kselftests (build-kselftests.sh R).
# RELEASE_KSELFTESTS="luo_kexec_simple ..." runs a subset of the selftests.
set -uo pipefail

usage="usage: test-releases.sh BUILD AGENT BATON_BZIMAGE MKBUNDLE FIRST:NEXT ..."
build=${1:?$usage}
agent=${2:?$usage}
baton=${3:?$usage}
mkbundle=${4:?$usage}
shift 4
[ $# -gt 0 ] || { echo "$usage" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
. "$here/releases.sh"
out=$build/linux
TESTS=${RELEASE_KSELFTESTS:-"luo_kexec_simple luo_multi_session luo_stress_files luo_stress_sessions"}
failed=0

. "$here/check-lib.sh"
# report_subtree_checks NAME LOG: baton's report subtree in the next Linux
. "$here/report-subtree-check.sh"

# kernel_version BZIMAGE: the version string of the boot protocol header
# (kernel_version at 0x20e points 0x200 before the string), first word
kernel_version() {
	local off
	off=$(od -An -tu2 -j $((0x20e)) -N2 "$1" | tr -d ' ')
	dd if="$1" bs=1 skip=$((off + 0x200)) count=64 status=none |
		tr '\0' '\n' | head -1 | cut -d' ' -f1
}
# ms_since T0: wall milliseconds since T0 (date +%s%N)
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# --- kernels, selftests and initramfs of every release in the pairs -------
releases=()
for pair in "$@"; do
	case "$pair" in
	*:*) ;;
	*) echo "test-releases: $pair is not FIRST:NEXT" >&2; exit 2 ;;
	esac
	for r in "${pair%%:*}" "${pair#*:}"; do
		linux_release "$r" || exit 2
		case " ${releases[*]} " in *" $r "*) ;; *) releases+=("$r") ;; esac
	done
done

declare -A version
"$here/mkinitramfs.sh" "$out/trips/verify.cpio.gz" "$agent" || exit 1
for r in "${releases[@]}"; do
	dir=$out/$r
	mkdir -p "$dir"
	log=$out/kernel-build-$r.log
	[ "$r" = "$LINUX_RELEASE_BASE" ] && log=$out/kernel-build.log
	if ! "$here/build-kernel.sh" --release "$r" "$dir/bzImage" > "$log" 2>&1; then
		tail -5 "$log"
		check "linux-$r-kernel" 0 "see $log"
		exit 1
	fi
	version[$r]=$(kernel_version "$dir/bzImage")
	if ! "$here/build-kselftests.sh" "$dir/kselftests" "$r" > "$dir/kselftests-build.log" 2>&1; then
		tail -5 "$dir/kselftests-build.log"
		check "linux-$r-kselftest-build" 0 "see $dir/kselftests-build.log"
		exit 1
	fi
	check "linux-$r-kernel" 1 "Linux ${version[$r]}," \
		"$(grep -c '^build-kselftests: ' "$dir/kselftests-build.log") selftests static"

	# What a FIRST kernel carries to reach r: the kernel, the initramfs of
	# its verify side, and baton with a bundle of both; once for the
	# agent's scenario, once for the selftests (r's own).
	tests=()
	for t in $TESTS liveupdate; do tests+=("$t=$dir/kselftests/$t"); done
	"$here/mkinitramfs.sh" "$dir/kselftest-verify.cpio.gz" "$agent" "${tests[@]}" || exit 1
	agent_payload=(bzImage="$dir/bzImage" verify.cpio.gz="$out/trips/verify.cpio.gz")
	ksft_payload=("${tests[@]}" bzImage="$dir/bzImage"
		      verify.cpio.gz="$dir/kselftest-verify.cpio.gz")
	if [ -f "$baton" ] && [ -x "$mkbundle" ] &&
	   "$mkbundle" -o "$dir/bundle.cpio" --kernel "$dir/bzImage" \
		--initrd "$out/trips/verify.cpio.gz" \
		--cmdline "console=ttyS0 kho=on liveupdate=on baton.test=verify" >/dev/null &&
	   "$mkbundle" -o "$dir/kselftest-bundle.cpio" --kernel "$dir/bzImage" \
		--initrd "$dir/kselftest-verify.cpio.gz" \
		--cmdline "console=ttyS0 kho=on liveupdate=on" >/dev/null; then
		agent_payload+=(baton.bzImage="$baton" bundle.cpio="$dir/bundle.cpio")
		ksft_payload+=(baton.bzImage="$baton" bundle.cpio="$dir/kselftest-bundle.cpio")
	fi
	"$here/mkinitramfs.sh" "$dir/to-prepare.cpio.gz" "$agent" "${agent_payload[@]}" || exit 1
	"$here/mkinitramfs.sh" "$dir/to-kselftest.cpio.gz" "$agent" "${ksft_payload[@]}" || exit 1
done

# --- one trip ---------------------------------------------------------------

# kernels_seen LOG: the releases that booted, in order ("7.2.13 7.3.4")
kernels_seen() {
	grep -Eo 'Linux version [^ ]+' "$1" | cut -d' ' -f3 | tr '\n' ' ' | sed 's/ $//'
}

# trip_agent NAME FIRST NEXT direct|baton: the baseline scenario, verified
trip_agent() {
	local name=$1-agent first=$2 next=$3 path=$4 log t0 rc checks seen
	local cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
	log=$out/trips/$name.log
	cmdline+=" baton.scenario=baseline baton.chain=on-clean baton.exit=qemu"
	if [ "$path" = baton ]; then cmdline+=" baton.next=baton-chain"
	else cmdline+=" baton.next=linux"; fi
	checks=$(agent_checks "$agent" "$here/scenarios/baseline.scn")
	t0=$(date +%s%N)
	"$here/run-qemu.sh" --kernel "$out/$first/bzImage" \
		--initrd "$out/$next/to-prepare.cpio.gz" --append "$cmdline" \
		--log "$log" --timeout ${LINUX_TEST_TIMEOUT:-180} --mem ${LINUX_TEST_MEM:-2G}
	rc=$?
	agent_ms=$(ms_since $t0)
	seen=$(kernels_seen "$log")
	check $name-qemu-exit "$([ $rc = 0 ] && echo 1 || echo 0)" \
		"rc=$rc, $agent_ms ms wall, log $log"
	check $name-kernels "$([ "$seen" = "${version[$first]} ${version[$next]}" ] &&
		echo 1 || echo 0)" "booted: ${seen:-none}; want ${version[$first]} ${version[$next]}"
	check $name-kexec-load "$(has "$log" '^KEXEC-LOAD OK')" \
		"$(grep -m1 '^KEXEC-LOAD' "$log")"
	if [ "$path" = baton ]; then
		trip_baton_checks "$1" "$log" "$first" "$next"
	fi
	check $name-kho-found "$(has "$log" 'KHO: found kexec handover data')"
	# the next kernel names the kernel that wrote kexec-metadata
	check $name-exec-from "$(has "$log" "KHO: exec from: ${version[$first]} ")" \
		"$(grep -Eo 'KHO: exec from: .*' "$log" | head -1)"
	check $name-luo-retrieved "$(has "$log" 'luo: Retrieved live update data, liveupdate number: 1')"
	manifest_roundtrip $name "$log"
	grep -q '^FAIL: agent-' "$log" && grep '^FAIL: agent-' "$log" | sed "s/^FAIL: /FAIL: $name-/"
	agent_verify=$(grep -m1 '^AGENT-VERIFY' "$log")
	check $name-verify "$(has "$log" "^AGENT-VERIFY PASS passed=$checks failed=0 ")" \
		"expected $checks agent checks; ${agent_verify:-no AGENT-VERIFY line}"
	[ "$path" = baton ] && report_subtree_checks "$name" "$log"
	check $name-poweroff "$(has "$log" 'reboot: Power down')"
}

# trip_baton_checks TRIP LOG FIRST NEXT: what baton said about the handover
# and about the next kernel before it chained (on-clean: only without
# errors): its verdict, its ABI precheck of NEXT against the handover, and
# which kernel wrote the handover (kexec-metadata's previous_release)
trip_baton_checks() {
	local name=$1-agent log=$2 first=$3 next=$4 writer
	check $name-baton-banner "$(has "$log" 'baton [^ ]+ \(x86_64\) entered via linux64')"
	# loaded as on a board: baton-load --exec in the guest (init.sh)
	check $name-baton-load \
		"$(grep -q '^BATON-INIT load=baton-load' "$log" &&
		   grep -q '^baton-load: handing over (kexec -e)' "$log" &&
		   has "$log" '^KEXEC-LOAD OK kernel=/payload/baton\.bzImage .*\(kexec-tools\)' || echo 0)" \
		"$(grep '^baton-load: ' "$log" | tail -1)"
	baton_verdict=$(grep -m1 -oE 'baton: handover [^"]*' "$log")
	check $name-baton-verdict "$(case "$baton_verdict" in
		"baton: handover OK "*) echo 1 ;; *) echo 0 ;; esac)" "${baton_verdict:-no verdict}"
	baton_chain=$(grep -Eo 'chain: next kernel [0-9].*' "$log" | head -1)
	check $name-baton-precheck \
		"$(echo "$baton_chain" | grep -Eq "^chain: next kernel ${version[$next]//./\\.} speaks kho-v4 luo-v5 memfd-v2: matches handover" &&
		   echo 1 || echo 0)" "${baton_chain:-no chain line}"
	writer=$(grep -Eo 'kho: written by .*' "$log" | head -1)
	check $name-baton-writer \
		"$(echo "$writer" | grep -Eq "^kho: written by ${version[$first]//./\\.} " &&
		   echo 1 || echo 0)" "${writer:-no 'kho: written by' line}"
}

# diagnose LOG NAME RC: why a selftest run failed, first missing step
diagnose() {
	local log=$1 name=$2 rc=$3
	if ! grep -q "^KSELFTEST name=$name stage=1 rc=0\$" "$log"; then
		echo "stage 1: $(grep "^KSELFTEST name=$name stage=1" "$log" || echo 'no verdict')"
	elif ! grep -q '^KEXEC-LOAD OK' "$log"; then
		echo "kexec load: $(grep -m1 '^KEXEC-LOAD' "$log" || echo 'not attempted')"
	elif ! grep -q "^KSELFTEST name=$name stage=2 " "$log"; then
		echo "stage 2 never ran (qemu rc=$rc)$(grep -m1 -E 'chain: (not|refus)|Kernel panic' "$log" | sed 's/^/; /')"
	else
		echo "stage 2: $(grep "^KSELFTEST name=$name stage=2" "$log"):" \
		     "$(grep -m1 -E '^(Bail out!|not ok|1\.\.0 # SKIP)' "$log")"
	fi
}

# trip_kselftest TRIP FIRST NEXT direct|baton TEST: NEXT's selftest across
trip_kselftest() {
	local name=$1-kselftest-$5 first=$2 next=$3 path=$4 t=$5 log rc t0 ms ok=0 v=
	local cmdline="console=ttyS0 kho=on liveupdate=on baton.test=kselftest"
	log=$out/trips/$name.log
	cmdline+=" baton.kselftest=$t baton.chain=on-clean baton.exit=qemu"
	if [ "$path" = baton ]; then cmdline+=" baton.next=baton-chain"
	else cmdline+=" baton.next=linux"; fi
	t0=$(date +%s%N)
	"$here/run-qemu.sh" --kernel "$out/$first/bzImage" \
		--initrd "$out/$next/to-kselftest.cpio.gz" --append "$cmdline" \
		--log "$log" --timeout ${LINUX_TEST_TIMEOUT:-300} --mem ${LINUX_TEST_MEM:-2G}
	rc=$?
	ms=$(ms_since $t0)
	if [ $rc = 0 ] &&
	   grep -q "^KSELFTEST name=$t stage=1 rc=0\$" "$log" &&
	   grep -q '^KEXEC-LOAD OK' "$log" &&
	   grep -q -- '--- .* PASSED' "$log" &&
	   grep -q "^KSELFTEST name=$t stage=2 rc=0\$" "$log" &&
	   [ "$(kernels_seen "$log")" = "${version[$first]} ${version[$next]}" ]; then
		ok=1
	fi
	if [ "$path" = baton ]; then
		grep -q '^baton-load: handing over (kexec -e)' "$log" || ok=0
		v=$(grep -m1 -oE 'baton: handover [^"]*' "$log")
		case "$v" in "baton: handover OK "*) ;; *) ok=0 ;; esac
	fi
	if [ $ok = 1 ]; then
		check "$name" 1 "$ms ms wall${v:+, $v}"
		ksft_passed=$((ksft_passed + 1))
	else
		check "$name" 0 "$(diagnose "$log" "$t" "$rc"); booted: $(kernels_seen "$log")${v:+; $v}; log $log"
	fi
}

# trip FIRST NEXT direct|baton
trip() {
	local first=$1 next=$2 path=$3 name t0 before=$failed ms t
	if [ "$path" = baton ]; then name=linux-$first-baton-$next
	else name=linux-$first-to-$next; fi
	if [ "$path" = baton ] &&
	   ! zcat "$out/$next/to-prepare.cpio.gz" | cpio -t --quiet 2>/dev/null |
	     grep -q '^payload/bundle.cpio$'; then
		check "$name" 0 "no baton.bzImage or mkbundle"
		return
	fi
	failed=0
	ksft_passed=0 agent_verify= baton_verdict= baton_chain=
	t0=$(date +%s%N)
	trip_agent "$name" "$first" "$next" "$path"
	for t in $TESTS; do
		trip_kselftest "$name" "$first" "$next" "$path" "$t"
	done
	ms=$(ms_since $t0)
	set -- $TESTS
	if [ $failed = 0 ]; then
		check "$name" 1 "${version[$first]} -> ${path/direct/kexec} -> ${version[$next]}:" \
			"agent ${agent_verify#AGENT-VERIFY }, $ksft_passed/$# ${version[$next]} selftests;" \
			"agent trip $agent_ms ms, all $((ms / 1000)) s wall${baton_verdict:+; $baton_verdict}${baton_chain:+; $baton_chain}"
	else
		check "$name" 0 "${version[$first]} -> ${path/direct/kexec} -> ${version[$next]}:" \
			"${agent_verify:-no agent verdict}, $ksft_passed/$# ${version[$next]} selftests" \
			"passed${baton_chain:+; $baton_chain}; $((ms / 1000)) s wall"
	fi
	[ $before = 0 ] || failed=1
}

# The single-boot ioctl test of each release but the base one (which
# test-selftests.sh runs), on its own kernel.
for r in "${releases[@]}"; do
	[ "$r" = "$LINUX_RELEASE_BASE" ] && continue
	log=$out/trips/linux-$r-kselftest-liveupdate.log
	"$here/run-qemu.sh" --kernel "$out/$r/bzImage" --initrd "$out/$r/to-kselftest.cpio.gz" \
		--append "console=ttyS0 kho=on liveupdate=on baton.test=kselftest baton.kselftest=liveupdate" \
		--log "$log" --timeout ${LINUX_TEST_TIMEOUT:-300} --mem ${LINUX_TEST_MEM:-2G}
	check "linux-$r-kselftest-liveupdate" \
		"$(grep -q '^KSELFTEST name=liveupdate rc=0$' "$log" && echo 1 || echo 0)" \
		"${version[$r]}: $(grep -m1 '^# Totals' "$log" || echo "no totals, log $log")"
done

# trip_report_tamper FIRST NEXT: the subtree check shown able to fail.
# FIRST -> baton (baton.report.tamper=blob) -> NEXT with the baseline
# scenario: baton flips one JSON byte of its `baton` subtree blob after the
# blob's last CRC (the jump stamp's patch). NEXT's agent must report exactly
# that blob as damaged (bad crc, same size as baton handed over), while
# baton's own verdict and NEXT's verification of the handover stay clean:
# only baton's report was damaged, not the handover.
trip_report_tamper() {
	local first=$1 next=$2 name=linux-$1-baton-$2-report-tamper log rc t0 ms
	local cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
	local size report verdict checks
	log=$out/trips/$name.log
	cmdline+=" baton.scenario=baseline baton.chain=on-clean baton.exit=qemu"
	cmdline+=" baton.next=baton-chain baton.report.tamper=blob"
	checks=$(agent_checks "$agent" "$here/scenarios/baseline.scn")
	t0=$(date +%s%N)
	"$here/run-qemu.sh" --kernel "$out/$first/bzImage" \
		--initrd "$out/$next/to-prepare.cpio.gz" --append "$cmdline" \
		--log "$log" --timeout ${LINUX_TEST_TIMEOUT:-180} --mem ${LINUX_TEST_MEM:-2G}
	rc=$?
	ms=$(ms_since $t0)
	check $name-qemu-exit "$([ $rc = 0 ] && echo 1 || echo 0)" \
		"rc=$rc, $ms ms wall, log $log"
	verdict=$(grep -m1 -oE 'baton: handover [^"]*' "$log")
	check $name-baton-verdict "$(case "$verdict" in
		"baton: handover OK "*) echo 1 ;; *) echo 0 ;; esac)" "${verdict:-no verdict}"
	check $name-applied \
		"$(has "$log" 'report: baton\.report\.tamper=blob: flipped bit 0 of subtree blob byte 0x[0-9a-f]+ after its crc32 0x[0-9a-f]{8} \(test option\)')" \
		"$(grep -Eo 'report: baton\.report\.tamper=blob: .*' "$log" | head -1)"
	size=$(grep -Eo 'report: subtree "baton": blob 0x[0-9a-f]+' "$log" | head -1 |
		grep -Eo '0x[0-9a-f]+$')
	report=$(grep -E '^BATON-REPORT (name|none)' "$log")
	check $name-report-damaged \
		"$([ -n "$size" ] &&
		   [ "$report" = "BATON-REPORT name=baton size=$((size)) invalid (bad crc)" ] &&
		   echo 1 || echo 0)" "${report:-no BATON-REPORT line}"
	check $name-handover-verified \
		"$(has "$log" "^AGENT-VERIFY PASS passed=$checks failed=0 ")" \
		"$(grep -m1 '^AGENT-VERIFY' "$log" || echo 'no AGENT-VERIFY line')"
}

for pair in "$@"; do
	trip "${pair%%:*}" "${pair#*:}" direct
	trip "${pair%%:*}" "${pair#*:}" baton
done
# once, on the first same-release pair (7.3:7.3 in LINUX_TRIPS)
for pair in "$@"; do
	[ "${pair%%:*}" = "${pair#*:}" ] || continue
	trip_report_tamper "${pair%%:*}" "${pair#*:}"
	break
done
exit $failed
