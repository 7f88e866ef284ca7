#!/usr/bin/env bash
# test-capture-serial.sh BUILD AGENT BATON INSPECT [SAVE_DIR]
#
# baton.capture=serial on a real Linux 7.2 handover: Linux preserves the
# "vectors" scenario and kexecs baton (baton.chain=off baton.exit=halt) with
# baton.capture=serial; tools/capture-decode.py turns the serial log into
# a baton-capture 1 directory, which baton-inspect must read cleanly and
# report exactly as baton reported the live handover (kho but for empty
# scratch areas, luo, memblock, metadata). A log with one changed character
# and one cut short must be refused by the decoder. With EFI=baton.efi in
# the environment the capture is also replayed under OVMF. With SAVE_DIR the
# decoded capture is copied there (make linux-vectors:
# tests/vectors/linux-7.2-serial).
set -uo pipefail

usage="usage: test-capture-serial.sh BUILD AGENT BATON INSPECT [SAVE_DIR]"
build=${1:?$usage}
agent=${2:?$usage}
baton=${3:?$usage}
inspect=${4:?$usage}
save=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
decode="python3 $here/../../tools/capture-decode.py"
out=$build/linux
log=$out/capture-serial.log
dir=$out/capture-serial
failed=0

. "$here/check-lib.sh"

if [ ! -f "$baton" ] || [ ! -x "$inspect" ]; then
	check linux-capture-serial 0 "needs $baton and $inspect"
	exit 1
fi
"$here/mkinitramfs.sh" "$out/capture-prepare.cpio.gz" "$agent" \
	bzImage="$out/bzImage" baton.bzImage="$baton" || exit 1
t0=$(date +%s%N)
"$here/run-qemu.sh" --kernel "$out/bzImage" --initrd "$out/capture-prepare.cpio.gz" \
	--append "console=ttyS0 kho=on liveupdate=on baton.test=prepare baton.next=baton baton.scenario=vectors baton.exit=halt baton.capture=serial" \
	--log "$log" --mem 1024M --timeout ${LINUX_TEST_TIMEOUT:-300} \
	--until 'baton: exit '
rc=$?
t1=$(date +%s%N)
check linux-capture-serial-run \
	"$([ $rc = 0 ] && grep -q 'baton: exit success (halt)' "$log" &&
	   grep -q '\] capture: [0-9]* files' "$log" && echo 1 || echo 0)" \
	"qemu rc=$rc, $(( (t1 - t0) / 1000000 )) ms wall, $(grep -c '^BC ' "$log") data lines; log $log"

rm -rf "$dir"
msg=$($decode "$log" "$dir" 2>&1)
check linux-capture-serial-decode "$([ $? = 0 ] && echo 1 || echo 0)" "$msg"

# The framing refuses damage: one base64 character changed, a cut log.
line=$(grep -n -m1 '^BC ' "$log" | cut -d: -f1)
sed "${line}{s/^BC A/BC B/;t;s/^BC ./BC A/}" "$log" > "$out/capture-damaged.log"
head -n $(( $(grep -n -m1 '^BATON-CAPTURE-END' "$log" | cut -d: -f1) - 1 )) "$log" \
	> "$out/capture-cut.log"
bad1=$($decode "$out/capture-damaged.log" "$out/capture-damaged" 2>&1)
rc1=$?
bad2=$($decode "$out/capture-cut.log" "$out/capture-cut" 2>&1)
rc2=$?
check linux-capture-serial-refuses-damage \
	"$([ $rc1 = 1 ] && [ $rc2 = 1 ] && ! cmp -s "$log" "$out/capture-damaged.log" &&
	   [ ! -e "$out/capture-damaged" ] && [ ! -e "$out/capture-cut" ] && echo 1 || echo 0)" \
	"${bad1#capture-decode: }; ${bad2#capture-decode: }"
rm -rf "$out/capture-damaged" "$out/capture-cut"

"$inspect" capture "$dir" --json > "$out/capture-serial.json" 2> "$out/capture-serial.err"
rc=$?
check linux-capture-serial-inspect "$([ $rc = 0 ] && echo 1 || echo 0)" \
	"baton-inspect capture exit $rc; $out/capture-serial.err"
sed -n '/----- BEGIN BATON JSON -----/,/----- END BATON JSON -----/p' "$log" |
	sed '1d;$d' > "$out/capture-serial-baton.json"
if why=$(python3 - "$out/capture-serial-baton.json" "$out/capture-serial.json" 2>&1 <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
c = json.load(open(sys.argv[2]))
for k in ("luo", "memblock", "metadata"):
    if b[k] != c[k]:
        sys.exit("section %s differs" % k)
# a capture cannot hold the empty scratch areas Linux lists
b["kho"]["scratch"] = [s for s in b["kho"]["scratch"] if s["size"]]
if b["kho"] != c["kho"]:
    sys.exit("section kho differs")
if not b["luo"]["sessions"]:
    sys.exit("no sessions: nothing was compared")
print("%d sessions, %d preserved entries" %
      (len(b["luo"]["sessions"]), b["kho"]["preserved"]["entries"]))
PY
); then
	check linux-capture-serial-matches-baton 1 "$why"
else
	check linux-capture-serial-matches-baton 0 "$why; $out/capture-serial*.json"
fi
# Recorded here, replayed under OVMF: baton.efi puts the capture into RAM
# and boots baton on it; its report must be the direct one but for the
# fields tests/inspect/compare-reports.py lists. EFI=path/to/baton.efi.
if [ -n "${EFI:-}" ]; then
	"$here/../inspect/replay-efi.sh" "$out" "$dir" "$out/capture-serial-baton.json" \
		"$EFI" "$baton" |
		sed -e 's/: inspect\/efi_replay_*/: linux-capture-serial-efi-replay-/' \
		    -e 's/-report_matches_direct/-matches-direct/'
	[ "${PIPESTATUS[0]}" = 0 ] || failed=1
fi
if [ -n "$save" ] && [ $failed = 0 ]; then
	mkdir -p "$save"
	rm -f "$save"/manifest "$save"/mem-*.bin
	cp "$dir"/* "$save"/
	grep -E '^MANIFEST' "$(agent_data "$log")" > "$save/agent-manifest.txt"
	echo "capture-serial: saved $(ls "$dir" | wc -l) files to $save"
fi
exit $failed
