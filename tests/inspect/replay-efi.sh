#!/usr/bin/env bash
# replay-efi.sh OUT CAPTURE BATON_JSON BATON_EFI BATON_BZIMAGE: replays a
# capture written by `baton-inspect dump --extract` under OVMF with
# baton.efi into baton, and compares baton's JSON report with BATON_JSON,
# the report baton printed when Linux kexec'ed into it directly
# (tests/inspect/compare-reports.py lists what may differ). The capture's
# `ram` lines describe the dumped guest's firmware (SeaBIOS ROM, PCI
# windows), not OVMF's, so they are dropped; the command line is the
# direct run's, so baton halts the same way. Prints PASS/FAIL lines.
set -uo pipefail
out=$1 capture=$2 direct=$3 efi=$4 bzimage=$5
here=$(cd "$(dirname "$0")" && pwd)
QEMU=${QEMU:-qemu-system-x86_64}
OVMF=${OVMF:-/usr/share/ovmf/OVMF.fd}
TIMEOUT=${REPLAY_TIMEOUT:-300}
raw=$out/replay.raw log=$out/replay.log
if [ ! -f "$OVMF" ] || [ ! -f "$efi" ] || ! command -v "$QEMU" >/dev/null; then
	echo "SKIP: inspect/efi_replay (needs $OVMF, $efi and $QEMU)"
	exit 0
fi
esp=$out/replay-esp
rm -rf "$esp" "$raw" "$log"
mkdir -p "$esp/EFI/BOOT" "$esp/capture"
cp "$efi" "$esp/EFI/BOOT/BOOTX64.EFI"
cp "$capture"/* "$esp/capture/"
cp "$bzimage" "$esp/capture/baton.bzImage"
cmdline=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["boot"]["cmdline"])' "$direct")
grep -v '^ram ' "$capture/manifest" >"$esp/capture/manifest"
printf 'cmdline "%s"\n' "$cmdline" >>"$esp/capture/manifest"

# 2 GiB: OVMF keeps its own memory at the top of RAM, which is where the
# 1 GiB Linux guest had its scratch areas.
"$QEMU" -accel tcg -nodefaults -display none -no-reboot -m 2G \
	-bios "$OVMF" -drive "format=raw,file=fat:rw:$esp" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-serial "file:$raw" </dev/null >"$out/replay.qemu" 2>&1 &
qemu=$!
deadline=$(( $(date +%s) + TIMEOUT ))
while kill -0 "$qemu" 2>/dev/null; do
	if grep -aqE 'baton: exit |baton\.efi: stopped' "$raw" 2>/dev/null ||
	   [ "$(date +%s)" -ge "$deadline" ]; then
		sleep 1
		kill "$qemu" 2>/dev/null
		break
	fi
	sleep 1
done
wait "$qemu" 2>/dev/null
tr -d '\r' <"$raw" | sed -e 's/\x1b\[[0-9;?=]*[A-Za-z]//g' >"$log"
sed -n '/----- BEGIN BATON JSON -----/,/----- END BATON JSON -----/p' "$log" |
	sed '1d;$d' >"$out/replay.json"
if ! grep -q 'baton\.efi: exiting boot services' "$log"; then
	echo "FAIL: inspect/efi_replay_boots (baton.efi did not boot the capture: $(grep -a 'baton\.efi:' "$log" | tail -n 2 | tr '\n' ' '); see $log)"
	exit 1
fi
if ! grep -q 'baton: exit success (halt)' "$log" || [ ! -s "$out/replay.json" ]; then
	echo "FAIL: inspect/efi_replay_boots (no clean exit or no JSON block; see $log)"
	exit 1
fi
echo "PASS: inspect/efi_replay_boots ($(grep -c '^blob ' "$esp/capture/manifest") blobs replayed, baton: $(sed -n 's/^\[ *[0-9.]*\] baton: \(handover .*\)/\1/p' "$log"))"
if python3 "$here/compare-reports.py" "$direct" "$out/replay.json" \
	>"$out/replay.compare" 2>&1; then
	echo "PASS: inspect/efi_replay_report_matches_direct ($(tail -n 1 "$out/replay.compare"), $(grep -c '^differs (listed)' "$out/replay.compare") listed fields differ; see $out/replay.compare)"
else
	echo "FAIL: inspect/efi_replay_report_matches_direct ($(grep '^UNEXPECTED' "$out/replay.compare" | head -n 3 | tr '\n' ' '); see $out/replay.compare)"
	exit 1
fi
