#!/usr/bin/env bash
# test-qemu-dump.sh BUILD AGENT BATON TOOL EFI: the real thing. Linux 7.2 under
# QEMU (TCG) preserves the "vectors" scenario and kexecs baton with
# baton.exit=halt; once baton has printed its report and halted, the guest
# is dumped with the monitor's dump-guest-memory (ELF core) and
# baton-inspect dump must find the KHO record itself and agree with
# baton's own JSON block (kho, luo, memblock, metadata sections). The
# capture --extract writes from the dump is then replayed under OVMF by
# EFI (baton.efi) into baton, whose report must match (replay-efi.sh).
set -uo pipefail
build=$1 agent=$2 baton=$3 tool=$(realpath "$4") efi=$5
here=$(cd "$(dirname "$0")/../linux" && pwd)
out=$(realpath -m "$build/inspect")
kernel=$(realpath -m "$build/linux/bzImage")
sock=$out/monitor.sock
log=$out/qemu-dump.log
core=$out/guest.core
if [ ! -f "$kernel" ] || [ ! -x "$agent" ] || [ ! -f "$baton" ]; then
	echo "SKIP: inspect/qemu_dump (needs $kernel: make linux, $agent, $baton)"
	exit 0
fi
mkdir -p "$out"
rm -f "$core"
"$here/mkinitramfs.sh" "$out/prepare.cpio.gz" "$agent" \
	bzImage="$kernel" baton.bzImage="$baton" >/dev/null
save="python3 $here/monitor.py $sock 'dump-guest-memory $core' > /dev/null"
"$here/run-qemu.sh" --kernel "$kernel" --initrd "$out/prepare.cpio.gz" \
	--append "console=ttyS0 kho=on liveupdate=on baton.test=prepare baton.next=baton baton.scenario=vectors baton.exit=halt" \
	--log "$log" --mem 1024M --timeout 300 --monitor "$sock" \
	--until 'baton: exit' --on-match "$save"
if [ ! -s "$core" ]; then
	echo "FAIL: inspect/qemu_dump (no dump, see $log)"
	exit 1
fi
failed=0
rm -rf "$out/extracted"
"$tool" dump "$core" --json --extract "$out/extracted" \
	>"$out/inspect.json" 2>"$out/inspect.err"
rc=$?
"$tool" capture "$out/extracted" --json >"$out/extracted.json" \
	2>"$out/extracted.err"
sed -n '/----- BEGIN BATON JSON -----/,/----- END BATON JSON -----/p' "$log" |
	sed '1d;$d' >"$out/baton.json"
if python3 - "$out/baton.json" "$out/inspect.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
i = json.load(open(sys.argv[2]))
for k in ("kho", "luo", "memblock", "metadata"):
    if b[k] != i[k]:
        sys.exit("section %s differs:\nbaton   %s\ninspect %s" % (k, b[k], i[k]))
key = lambda f: (f["code"], f["pa"], f["message"])
missing = [f for f in i["findings"] if key(f) not in set(map(key, b["findings"]))]
if missing:
    sys.exit("findings baton did not report: %s" % missing)
if not i["findings"]:
    sys.exit("no findings at all (expected at least the release profile)")
PY
then
	echo "PASS: inspect/qemu_dump_json_matches_baton (exit $rc; $(sed -n 's/^baton-inspect: note: \(SETUP_KEXEC_KHO.*\)/\1/p' "$out/inspect.err"))"
else
	echo "FAIL: inspect/qemu_dump_json_matches_baton (see $out)"
	failed=1
fi
# The extracted capture: LUO, memblock and metadata as baton saw them
# (scratch areas Linux left empty cannot be written in a capture).
if python3 - "$out/baton.json" "$out/extracted.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
e = json.load(open(sys.argv[2]))
for k in ("luo", "memblock", "metadata"):
    if b[k] != e[k]:
        sys.exit("section %s differs" % k)
if b["kho"]["preserved"] != e["kho"]["preserved"]:
    sys.exit("kho preserved differs")
PY
then
	echo "PASS: inspect/qemu_dump_extract_matches_baton"
else
	echo "FAIL: inspect/qemu_dump_extract_matches_baton (see $out)"
	failed=1
fi
# The extracted capture replayed under OVMF by baton.efi into baton: its
# report must be baton's direct one but for the fields listed in
# tests/inspect/compare-reports.py.
"$(dirname "$0")/replay-efi.sh" "$out" "$out/extracted" "$out/baton.json" \
	"$efi" "$baton" || failed=1
rm -f "$core"
exit $failed
