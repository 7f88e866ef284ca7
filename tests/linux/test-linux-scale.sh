#!/usr/bin/env bash
# test-linux-scale.sh BUILD AGENT BATON_BZIMAGE MKBUNDLE [SCENARIO]
#
# Host scale on real Linux 7.2 (issue 17; docs/real-linux.md, "Host
# scale"): the agent preserves SCENARIO (default scale: 20,000 sessions,
# 50,000 4 KiB memfds), baton-load loads baton (baton.chain=on-clean) and
# baton chains the same 7.2 kernel, whose agent retrieves and verifies every
# session and file. baton must model all of them (its `sessions N files M`
# line, the agent's own session included), digest every memfd, find nothing
# it could not validate or had to truncate, and amend its report subtree
# into the handover with nothing lost (parsed back, 0 missing: no fallback
# to the original KHO FDT). One PASS/FAIL line per check.
set -uo pipefail

usage="usage: test-linux-scale.sh BUILD AGENT BATON MKBUNDLE [SCENARIO]"
build=${1:?$usage}
agent=${2:?$usage}
baton=${3:?$usage}
mkbundle=${4:?$usage}
scenario=${5:-scale}
here=$(cd "$(dirname "$0")" && pwd)
out=$build/linux-scale
log=$out/baton-chain-$scenario.log
name=linux-scale
failed=0
mkdir -p "$out"

. "$here/check-lib.sh"

trip_files $name "$out" "$agent" "$baton" "$mkbundle" \
	"console=ttyS0 kho=on liveupdate=on baton.test=verify baton.agent.quiet=1" ||
	exit 1

# Expected counts from the host's expansion of the scenario; baton sees
# the agent's manifest session and memfd besides.
plan=$("$agent" plan "$here/scenarios/$scenario.scn" | head -1)
sessions=$(grep -Eo 'sessions=[0-9]+' <<<"$plan" | cut -d= -f2)
files=$(grep -Eo 'files=[0-9]+' <<<"$plan" | cut -d= -f2)
[ -n "$sessions" ] && [ -n "$files" ] || { check $name-plan 0 "$plan"; exit 1; }
checks=$(agent_checks "$agent" "$here/scenarios/$scenario.scn")

cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
cmdline+=" baton.next=baton-chain baton.chain=on-clean baton.scenario=$scenario"
cmdline+=" baton.log=summary baton.agent.quiet=1"
t0=$(date +%s)
"$here/run-qemu.sh" --kernel "$out/bzImage" --initrd "$out/prepare.cpio.gz" \
	--append "$cmdline" --log "$log" \
	--timeout "${LINUX_TEST_TIMEOUT:-600}" --mem "${LINUX_TEST_MEM:-3G}"
rc=$?
wall=$(( $(date +%s) - t0 ))
check $name-qemu-exit "$([ $rc = 0 ] && echo 1 || echo 0)" "rc=$rc, $wall s, log $log"
check $name-prepared "$(has "$log" "^PREPARED sessions=$sessions files=$files\$")" \
	"$(grep -m1 -Eo '^PREPARED .*' "$log")"
check $name-baton-load \
	"$(grep -q '^BATON-INIT load=baton-load' "$log" &&
	   has "$log" '^baton-load: handing over \(kexec -e\)' || echo 0)"
check $name-model \
	"$(has "$log" "handover: fingerprint .* memfds $((files + 1))( |\$)")" \
	"expected $((files + 1)) memfds; $(grep -m1 -Eo 'handover: fingerprint .*' "$log")"
check $name-no-truncation \
	"$(grep -Eq 'E_NOT_VALIDATED|W_MODEL_TRUNCATED|W_PRESERVED_INDEX_FULL' "$log" && echo 0 || echo 1)" \
	"$(grep -m1 -Eo '(E_NOT_VALIDATED|W_MODEL_TRUNCATED|W_PRESERVED_INDEX_FULL)[A-Z_]*.*' "$log")"
check $name-verdict "$(has "$log" 'baton: handover OK \(0 errors, 0 warnings\)')" \
	"$(grep -m1 -Eo 'baton: handover .*' "$log")"
check $name-chained "$(has "$log" '^BATON-INIT role=verify')"
manifest_roundtrip $name "$log"
check $name-verify "$(has "$log" "^AGENT-VERIFY PASS passed=$checks failed=0 ")" \
	"expected $checks agent checks; $(grep -m1 '^AGENT-VERIFY' "$log")"
# baton's report subtree: added to the handover, parsed back with nothing
# missing (no fallback to the original KHO FDT), valid in the next Linux;
# with baton.agent.quiet=1 its JSON is on the data channel only.
check $name-report-subtree \
	"$(has "$log" 'report: subtree "baton": blob 0x[0-9a-f]+ bytes at 0x[0-9a-f]+, KHO FDT 0x[0-9a-f]+ -> 0x[0-9a-f]+ \([0-9]+ bytes\), map root 0x[0-9a-f]+ -> 0x[0-9a-f]+ \([1-9][0-9]* new map pages\)')" \
	"$(grep -m1 -Eo 'report: subtree .*' "$log")"
check $name-report-parsed-back \
	"$(has "$log" 'report: amended handover parsed back: [0-9]+ preserved entries = [0-9]+ kept \+ [1-9][0-9]* added, 0 missing, 0 unexpected; 0 errors')" \
	"$(grep -m1 -Eo 'report: amended handover parsed back: .*' "$log")"
check $name-report-debugfs \
	"$(has "$log" '^BATON-REPORT name=baton size=[0-9]+ valid crc32=0x[0-9a-f]{8} schema=1 errors=0 warnings=0 ')" \
	"$(grep -h -m1 -E '^BATON-REPORT (name|none)' "$log" "$(agent_data "$log")")"
json=$out/$name-report.json
agent_lines "$log" 'BATON-REPORT|' | tr -d '\n\r' > "$json"
fp=$(grep -Eo 'handover: fingerprint kho-fdt 0x[0-9a-f]+ preserved 0x[0-9a-f]+' "$log" | head -1)
# The report JSON as the next Linux received it: baton's fingerprint, its
# LUO model with every session and file (none truncated), and its digest
# of every memfd matching the agent's manifest.
check $name-report-json "$(python3 - "$json" "$fp" $((sessions + 1)) $((files + 1)) <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    want = sys.argv[2].split()
    f = d["handover_fingerprint"]
    s = d["luo"]["sessions"]
    ok = int(f["kho_fdt"], 16) == int(want[3], 16) and \
         int(f["preserved"], 16) == int(want[5], 16) and \
         len(s) == int(sys.argv[3]) and \
         sum(len(x["files"]) for x in s) == int(sys.argv[4]) and \
         not any(x["files_truncated"] for x in s) and \
         not d["luo"]["sessions_truncated"]
    g = d["digest"]
    # every memfd digested and equal to the agent's manifest (all but the
    # manifest memfd itself are listed in it)
    ok = ok and g["manifest"]["state"] == "valid" and \
         len(g["files"]) == int(sys.argv[4]) and \
         g["ok"] == int(sys.argv[4]) - 1 and \
         not g["files_truncated"] and \
         all(g[k] == 0 for k in ("mismatch", "missing", "unlisted",
                                 "unchecked", "unreadable"))
except Exception:
    ok = False
print(1 if ok else 0)
PY
)" "$(stat -c %s "$json") bytes of JSON, ${fp:-no fingerprint line}"
# baton's phases at this size (docs/latency.md, "Host scale")
grep -Eo 'timeline: .*' "$log" | head -20 | sed 's/^/  /'
exit $failed
