#!/usr/bin/env bash
# test-baton.sh BUILD BATON_BZIMAGE SCENARIO_FILE
#
# linux-to-baton: Linux -> baton (baton.chain=off). The agent preserves the
# scenario and kexecs baton with kexec_file_load. Checks that the load is
# accepted, that baton starts (banner), finds the SETUP_KEXEC_KHO record
# (setup_data type 10), and - once baton prints the LUO model - that it
# lists exactly the sessions, tokens and sizes of the agent's manifest (see
# docs/real-linux.md, "What baton is expected to print").
#
# linux-baton-linux: Linux -> baton (baton.chain=on) -> Linux from baton's
# bundle; the second Linux verifies every preserved byte. SKIP while baton's
# log shows no chain phase at all.
#
# Content digests: in linux-to-baton baton checks every memfd's CRC32C
# against the agent's manifest (all "ok"); linux-baton-linux-tamper flips a
# byte after the digest was recorded and both baton and the next kernel
# must name that one file.
set -uo pipefail

build=${1:?usage: test-baton.sh BUILD BATON SCENARIO}
baton=${2:?usage: test-baton.sh BUILD BATON SCENARIO}
scn=${3:?usage: test-baton.sh BUILD BATON SCENARIO}
here=$(cd "$(dirname "$0")" && pwd)
out=$build/linux
scenario=$(basename "$scn" .scn)
failed=0

. "$here/check-lib.sh"
# timeline_checks NAME LOG baton|direct: verify's T0..T3 timeline
. "$here/timeline-check.sh"
# report_subtree_checks NAME LOG: baton's report subtree in the next Linux
. "$here/report-subtree-check.sh"
# debugfs_text LOG NAME: a file dumped by `baton-agent dump-kho`, as text
debugfs_text() {
	printf '%b' "$(sed -n "/^KHO-DUMP-BEGIN path=$2 /,/^KHO-DUMP-END/p" "$1" |
		grep '^KHO-HEX ' | cut -d' ' -f2 | tr -d '\n' | sed 's/../\\x&/g')"
}

if [ ! -f "$baton" ]; then
	check linux-to-baton-image 0 "$baton does not exist (run make first)"
	exit 1
fi
if ! cpio_has=$(zcat "$out/prepare.cpio.gz" | cpio -t --quiet 2>/dev/null |
		grep -c '^payload/baton.bzImage$') || [ "$cpio_has" = 0 ]; then
	check linux-to-baton-image 0 "prepare.cpio.gz carries no baton.bzImage"
	exit 1
fi

# report_lines LOG: baton's human report (docs/report-format.md) turned into
# the agreed comparison form, decimal numbers:
#   session name=NAME files=N
#   file session=NAME token=T size=S
# from
#   luo: session "NAME" files N[ of M][ (truncated)]
#   luo:   file token 0xHEX memfd-vN size 0xHEX ...
report_lines() {
	local line session= token size
	sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' "$1" | tr -d '\r' |
	while IFS= read -r line; do
		case "$line" in
		'luo: session "'*)
			session=${line#luo: session \"}
			session=${session%%\"*}
			echo "session name=$session files=$(echo "$line" |
				sed -E 's/.*" files ([0-9]+).*/\1/')"
			;;
		'luo:   file token '*)
			token=$(echo "$line" | sed -E 's/^luo:   file token (0x[0-9a-f]+) .*/\1/')
			size=$(echo "$line" | sed -nE 's/.* size (0x[0-9a-f]+) .*/\1/p')
			echo "file session=$session token=$(printf '%u' $((token))) size=$(printf '%u' $((${size:-0})))"
			;;
		esac
	done
}

# check_digests NAME LOG: baton read the agent's manifest from preserved
# memory and every file it lists has a matching CRC32C: one "ok" line per
# manifest file (exactly the scenario's files), the manifest itself, and a
# summary with nothing else; the JSON report says the same.
check_digests() {
	local name=$1 log=$2 files expect got json
	files=$(grep -c '^MANIFEST file ' "$(agent_data "$log")")
	expect=$(mktemp) got=$(mktemp)
	{
		grep '^MANIFEST file ' "$(agent_data "$log")" |
			sed -E 's/^MANIFEST file (session=[^ ]+ token=[0-9]+).*/\1 ok/'
		echo "session=baton-agent token=0 manifest"
	} | sort > "$expect"
	digest_lines "$log" | sort > "$got"
	if [ "$files" -gt 0 ] && diff -u "$expect" "$got" > "$out/$name-digest.diff"; then
		check $name-digest-every-file-ok 1 "$files files ok, crc32c $(grep -Eo 'digest: crc32c \([a-z0-9.]+\)' "$log" | head -1 | cut -d'(' -f2 | tr -d ')')"
	else
		check $name-digest-every-file-ok 0 "$files manifest files; see $out/$name-digest.diff"
	fi
	check $name-digest-summary "$(has "$log" "digest: files $((files + 1)) ok $files mismatch 0 missing 0 unlisted 0 unchecked 0 unreadable 0 bytes 0x")" \
		"$(grep -Eo 'digest: files .*' "$log" | head -1)"
	json=$(sed -n '/----- BEGIN BATON JSON -----/,/----- END BATON JSON -----/p' "$log" |
		sed '1d;$d')
	check $name-digest-json "$(echo "$json" | python3 -c '
import json, sys
d = json.load(sys.stdin)["digest"]
n = int(sys.argv[1])
ok = (d["enabled"] and d["manifest"]["state"] == "valid" and
      d["manifest"]["files"] == n and d["ok"] == n and d["mismatch"] == 0 and
      d["missing"] == 0 and
      sum(f["status"] == "ok" for f in d["files"]) == n)
print(1 if ok else 0)' "$files" 2>/dev/null || echo 0)"
	rm -f "$expect" "$got"
}

# compare_report NAME LOG: the LUO model as baton reports it, compared with
# the agent's manifest. baton always prints its verdict line; a log without
# one means baton never got to its report, which is a failure, not a skip.
compare_report() {
	local name=$1 log=$2 expect got
	if ! grep -Eq 'baton: handover (OK|has)' "$log"; then
		check $name-report 0 "baton printed no report (no verdict line in $log)"
		return
	fi
	expect=$(mktemp) got=$(mktemp)
	{
		agent_lines "$log" MANIFEST | grep '^session '
		agent_lines "$log" MANIFEST | grep '^file ' |
			sed -E 's/^(file session=[^ ]+ token=[0-9]+ size=[0-9]+).*/\1/'
		# the agent's own session carries the manifest (token 0)
		echo "session name=baton-agent files=1"
		echo "file session=baton-agent token=0 size=$(agent_lines "$log" MANIFEST-SIZE)"
	} | sort > "$expect"
	report_lines "$log" | sort > "$got"
	if diff -u "$expect" "$got" > "$out/$name.diff"; then
		check $name-report 1 "$(wc -l < "$expect") sessions+files match the manifest"
	else
		check $name-report 0 "see $out/$name.diff"
	fi
	check $name-no-error-finding "$(grep -Eq 'finding: error' "$log" && echo 0 || echo 1)" \
		"$(grep -Eo 'finding: error [A-Z0-9_]+' "$log" | sort -u | tr '\n' ' ')"
	rm -f "$expect" "$got"
}

# test_to_baton NAME SCENARIO
test_to_baton() {
	local name=$1 scenario=$2 log=$out/$1.log
	local cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
	cmdline+=" baton.next=baton baton.scenario=$scenario baton.dump=1"
	local t0 t1 rc areas want
	t0=$(date +%s%N)
	# baton ends the run through isa-debug-exit (baton.exit=qemu, status 33 =
	# success, 35 = findings, 37 = exception); the timeout bounds a hang.
	"$here/run-qemu.sh" --kernel "$out/bzImage" --initrd "$out/prepare.cpio.gz" \
		--append "$cmdline" --log "$log" --timeout ${LINUX_TEST_TIMEOUT:-120} --mem ${LINUX_TEST_MEM:-2G}
	rc=$?
	t1=$(date +%s%N)
	check $name-qemu-exit "$([ $rc = 33 ] && echo 1 || echo 0)" \
		"rc=$rc (33 = baton success), $(( (t1 - t0) / 1000000 )) ms wall, log $log"
	check $name-prepare "$(has "$log" '^PREPARED ')"
	check $name-kexec-load "$(has "$log" '^KEXEC-LOAD OK kernel=/payload/baton.bzImage')"
	check $name-banner "$(has "$log" 'baton [^ ]+ \(x86_64\) entered via linux64')"
	check $name-setup-data-kho "$(has "$log" 'KEXEC_KHO')" "setup_data type 10 listed"
	check $name-kho-record "$(has "$log" 'kho: fdt 0x[0-9a-f]+ size 0x[0-9a-f]+ scratch array')"
	# as many scratch areas as the old kernel listed in kho/out/scratch_phys
	want=$(debugfs_text "$log" scratch_phys | grep -c '^0x')
	areas=$(grep -Eo 'scratch array 0x[0-9a-f]+ \([0-9]+ areas\)' "$log" |
		grep -Eo '\([0-9]+' | tr -d '(')
	check $name-scratch-areas "$([ -n "$areas" ] && [ "$areas" = "$want" ] && echo 1 || echo 0)" \
		"baton: ${areas:-?}, old kernel's kho/out/scratch_phys: $want"

	compare_report "$name" "$log"
	check_digests "$name" "$log"
}

test_chain() {
	local log=$out/baton-chain.log rc checks sessions files
	local cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
	cmdline+=" baton.next=baton-chain baton.scenario=$scenario"

	if ! zcat "$out/prepare.cpio.gz" | cpio -t --quiet 2>/dev/null |
	     grep -q '^payload/bundle.cpio$'; then
		check linux-baton-linux-bundle 0 "no bundle.cpio (build/tools/mkbundle missing?)"
		return
	fi
	"$here/run-qemu.sh" --kernel "$out/bzImage" --initrd "$out/prepare.cpio.gz" \
		--append "$cmdline" --log "$log" --timeout ${LINUX_TEST_TIMEOUT:-180} --mem ${LINUX_TEST_MEM:-2G}
	rc=$?
	# baton's own lines after the kexec, without its echo of the command
	# line (grep reads to the end: with -q it could leave sed to SIGPIPE,
	# which pipefail turns into "no chain phase")
	if ! sed -n '/kexec_core: Starting new kernel/,$p' "$log" |
	     grep -v 'cmdline:' | grep -E '\] chain' >/dev/null; then
		echo "SKIP: linux-baton-linux (baton shows no chain phase yet; log $log)"
		return
	fi
	sessions=$(grep -Eo '^PREPARED sessions=[0-9]+' "$log" | cut -d= -f2)
	files=$(grep -Eo '^PREPARED sessions=[0-9]+ files=[0-9]+' "$log" | cut -d= -f3)
	checks=$((4 + 3 * ${sessions:-0} + ${files:-0}))
	check linux-baton-linux-qemu-exit "$([ $rc = 0 ] && echo 1 || echo 0)" "rc=$rc, log $log"
	check linux-baton-linux-banner "$(has "$log" 'baton [^ ]+ \(x86_64\) entered via linux64')"
	# loaded as on a board: baton-load --exec in the guest (init.sh)
	check linux-baton-linux-baton-load \
		"$(grep -q '^BATON-INIT load=baton-load' "$log" &&
		   grep -q '^baton-load: handing over (kexec -e)' "$log" &&
		   has "$log" '^KEXEC-LOAD OK kernel=/payload/baton\.bzImage .*\(kexec-tools\)' || echo 0)" \
		"$(grep '^baton-load: ' "$log" | tail -1)"
	# the ABI precheck: the bundle's 7.2 kernel speaks the 7.2 handover
	check linux-baton-linux-abi-precheck \
		"$(has "$log" 'chain: next kernel 7\.2\.[0-9]+ speaks kho-v4 luo-v5 memfd-v2: matches handover')" \
		"$(grep -Eo 'chain: next kernel .*' "$log" | head -1)"
	check linux-baton-linux-next-linux "$(has "$log" '^BATON-INIT role=verify')"
	check linux-baton-linux-kho-found "$(has "$log" 'KHO: found kexec handover data')"
	check linux-baton-linux-luo-retrieved "$(has "$log" 'luo: Retrieved live update data, liveupdate number: 1')"
	manifest_roundtrip linux-baton-linux "$log"
	check linux-baton-linux-verify \
		"$(has "$log" "^AGENT-VERIFY PASS passed=$checks failed=0 ")" \
		"expected $checks agent checks; $(grep '^AGENT-VERIFY' "$log")"
	timeline_checks linux-baton-linux "$log" baton
	report_subtree_checks linux-baton-linux "$log"
}

# Linux -> baton -> Linux with one byte of token 2 (vm-alpha, 1 MiB) flipped
# after the agent recorded its digest (as test-linux.sh's linux-tamper):
# baton's report must name exactly that file, with an error finding, and
# still chain (baton.chain=on), and the next kernel's verify must fail
# exactly that file too.
test_chain_tamper() {
	local name=linux-baton-linux-tamper log=$out/baton-chain-tamper.log
	local offset=524293 rc checks sessions files bad codes
	local cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
	cmdline+=" baton.next=baton-chain baton.scenario=baseline baton.tamper=2@$offset"

	"$here/run-qemu.sh" --kernel "$out/bzImage" --initrd "$out/prepare.cpio.gz" \
		--append "$cmdline" --log "$log" --timeout ${LINUX_TEST_TIMEOUT:-180} --mem ${LINUX_TEST_MEM:-2G}
	rc=$?
	sessions=$(grep -Eo '^PREPARED sessions=[0-9]+' "$log" | cut -d= -f2)
	files=$(grep -Eo '^PREPARED sessions=[0-9]+ files=[0-9]+' "$log" | cut -d= -f3)
	checks=$((4 + 3 * ${sessions:-0} + ${files:-0}))
	check $name-qemu-exit "$([ $rc = 0 ] && echo 1 || echo 0)" "rc=$rc, log $log"
	check $name-applied "$(has "$log" "^TAMPERED token=2 offset=$offset\$")"
	bad=$(digest_lines "$log" | grep -Ev ' (ok|manifest)$')
	check $name-baton-names-file "$([ "$bad" = "session=vm-alpha token=2 MISMATCH" ] && echo 1 || echo 0)" \
		"${bad:-no mismatch line}"
	check $name-baton-others-ok "$([ "$(digest_lines "$log" | grep -c ' ok$')" = $((${files:-1} - 1)) ] && echo 1 || echo 0)" \
		"$(grep -Eo 'digest: files .*' "$log" | head -1)"
	codes=$(grep -Eo 'finding: error [A-Z0-9_]+' "$log" | sort | uniq -c | sed -E 's/^ +//')
	check $name-baton-error-finding \
		"$([ "$codes" = "1 finding: error E_MEMFD_DIGEST_MISMATCH" ] &&
		   grep -Eq 'finding: error E_MEMFD_DIGEST_MISMATCH at 0x[0-9a-f]+: session "vm-alpha" token 0x2: crc32c 0x[0-9a-f]{8}, manifest 0x[0-9a-f]{8} \(size 0x100000/0x100000\)' "$log" &&
		   echo 1 || echo 0)" "${codes:-no error finding}"
	check $name-chained "$(has "$log" '^BATON-INIT role=verify')"
	check $name-verify-located "$(has "$log" "^agent: token 2 first differing byte at $offset\$")"
	check $name-verify-only-that-file \
		"$( [ "$(grep -c '^FAIL: agent-' "$log")" = 1 ] &&
		    grep -q '^FAIL: agent-file session=vm-alpha token=2 ' "$log" &&
		    echo 1 || echo 0)"
	check $name-verify-fails \
		"$(has "$log" "^AGENT-VERIFY FAIL passed=$((checks - 1)) failed=1 ")" \
		"$(grep '^AGENT-VERIFY' "$log")"
	timeline_checks $name "$log" baton
}

# baton.digest=off: the phase is skipped - no per-file lines, no timeline
# stamp, JSON {"enabled": false} - and nothing else changes.
test_digest_off() {
	local name=linux-to-baton-digest-off log=$out/linux-to-baton-digest-off.log rc
	local cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
	cmdline+=" baton.next=baton baton.scenario=$scenario baton.digest=off"

	"$here/run-qemu.sh" --kernel "$out/bzImage" --initrd "$out/prepare.cpio.gz" \
		--append "$cmdline" --log "$log" --timeout ${LINUX_TEST_TIMEOUT:-120} --mem ${LINUX_TEST_MEM:-2G}
	rc=$?
	check $name-qemu-exit "$([ $rc = 33 ] && echo 1 || echo 0)" "rc=$rc (33 = baton success), log $log"
	check $name-report-line "$(has "$log" '\] digest: off \(baton\.digest=off\)$')"
	check $name-skipped "$( [ -z "$(digest_lines "$log")" ] &&
		! grep -Eq 'timeline: digest |digest: files ' "$log" && echo 1 || echo 0)"
	check $name-json "$(sed -n '/----- BEGIN BATON JSON -----/,/----- END BATON JSON -----/p' "$log" |
		sed '1d;$d' | python3 -c '
import json, sys
print(1 if json.load(sys.stdin)["digest"] == {"enabled": False} else 0)' 2>/dev/null || echo 0)"
	check $name-verdict "$(has "$log" 'baton: handover OK \(0 errors, 0 warnings\)')"
}

test_to_baton linux-to-baton "$scenario"
test_digest_off
# Multi-block chains (61 sessions, a 133-file session), once baton prints
# its LUO model: otherwise this run could only repeat the checks above.
if grep -Eq 'baton: handover (OK|has)' "$out/linux-to-baton.log"; then
	test_to_baton linux-to-baton-many many
else
	echo "SKIP: linux-to-baton-many (linux-to-baton printed no report; see its failure)"
fi
test_chain
if [ "$scenario" = baseline ]; then
	test_chain_tamper
fi
exit $failed
