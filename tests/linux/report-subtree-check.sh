# report-subtree-check.sh: report_subtree_checks (sourced by test-baton.sh
# and test-releases.sh; needs their check and has functions and $out).

# report_subtree_checks NAME LOG: baton handed its report over as the KHO
# subtree `baton` (new FDT and map pages outside scratch, parsed back
# unchanged), and the next Linux shows it in debugfs: the agent finds it
# valid, and its JSON carries the fingerprint baton printed.
report_subtree_checks() {
	local name=$1 log=$2 json fp
	check $name-report-subtree \
		"$(has "$log" 'report: subtree "baton": blob 0x[0-9a-f]+ bytes at 0x[0-9a-f]+, KHO FDT 0x[0-9a-f]+ -> 0x[0-9a-f]+ \([0-9]+ bytes\), map root 0x[0-9a-f]+ -> 0x[0-9a-f]+ \([1-9][0-9]* new map pages\)')"
	check $name-report-parsed-back \
		"$(has "$log" 'report: amended handover parsed back: [0-9]+ preserved entries = [0-9]+ kept \+ [1-9][0-9]* added, 0 missing, 0 unexpected; 0 errors')" \
		"$(grep -Eo 'report: amended handover parsed back: .*' "$log")"
	check $name-report-debugfs \
		"$(has "$log" '^BATON-REPORT name=baton size=[0-9]+ valid crc32=0x[0-9a-f]{8} schema=1 errors=0 ')" \
		"$(grep -E '^BATON-REPORT (name|none)' "$log")"
	check $name-report-verdict "$(has "$log" '^BATON-REPORT verdict handover OK \(0 errors')"
	json=$out/$name-report.json
	grep '^BATON-REPORT| ' "$log" | sed 's/^BATON-REPORT| //' | tr -d '\n\r' > "$json"
	fp=$(grep -Eo 'handover: fingerprint kho-fdt 0x[0-9a-f]+ preserved 0x[0-9a-f]+' "$log" | head -1)
	check $name-report-fingerprint "$(python3 - "$json" "$fp" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    want = sys.argv[2].split()
    f = d["handover_fingerprint"]
    ok = int(f["kho_fdt"], 16) == int(want[3], 16) and \
         int(f["preserved"], 16) == int(want[5], 16)
except Exception:
    ok = False
print(1 if ok else 0)
PY
)" "${fp:-no fingerprint line}"
}
