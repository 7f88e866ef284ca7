#!/usr/bin/env bash
# capture-vectors.sh BUILD AGENT BATON OUTDIR [SCENARIO [--blocks-only]]
#
# Capture real Linux 7.2 handover bytes. The agent preserves the small
# "vectors" scenario and kexecs baton (baton.chain=off baton.exit=halt).
# baton only reads the handover and allocates from scratch, so once it has
# halted every structure Linux wrote is intact in guest RAM: the RAM is
# saved through the QEMU monitor (pmemsave) and extract-vectors.py walks
# the KHO FDT, radix tree, LUO blocks and memfd descriptors into small
# files in OUTDIR. SCENARIO defaults to "vectors"; --blocks-only leaves out
# the per-memfd files (for scenarios with many files). KERNEL_VARIANT=NAME
# captures with build-kernel.sh --variant NAME (e.g. flb: test FLBs).
set -euo pipefail

usage="usage: capture-vectors.sh BUILD AGENT BATON OUTDIR [SCENARIO [--blocks-only]]"
build=${1:?$usage}
agent=${2:?$usage}
baton=${3:?$usage}
outdir=${4:?$usage}
scenario=${5:-vectors}
blocks_only=${6:-}
here=$(cd "$(dirname "$0")" && pwd)
out=$(realpath -m "$build/linux")
mem_mib=1024
sock=$out/vectors-monitor.sock
log=$out/vectors-$scenario.log
ram=$out/vectors-ram.bin

kernel=$out/bzImage
if [ -n "${KERNEL_VARIANT:-}" ]; then
	kernel=$out/bzImage-$KERNEL_VARIANT
	"$here/build-kernel.sh" --release 7.2 --variant "$KERNEL_VARIANT" "$kernel"
else
	"$here/build-kernel.sh" --release 7.2 "$kernel"
fi
"$here/mkinitramfs.sh" "$out/prepare.cpio.gz" "$agent" \
	bzImage="$kernel" baton.bzImage="$baton"

rm -f "$ram"
save="python3 $here/monitor.py $sock 'pmemsave 0 $((mem_mib << 20)) \"$ram\"' > /dev/null"
"$here/run-qemu.sh" --kernel "$kernel" --initrd "$out/prepare.cpio.gz" \
	--append "console=ttyS0 kho=on liveupdate=on baton.test=prepare baton.next=baton baton.scenario=$scenario baton.dump=1 baton.exit=halt" \
	--log "$log" --mem ${mem_mib}M --timeout 120 --monitor "$sock" \
	--until 'baton: (all phases done|exit)' --on-match "$save"
[ -s "$ram" ] || { echo "capture-vectors: no RAM image, see $log" >&2; exit 1; }
mkdir -p "$outdir"
rm -f "$outdir"/*.bin "$outdir"/*.dtb "$outdir"/*.txt
python3 "$here/extract-vectors.py" $blocks_only "$ram" "$log" "$outdir"
rm -f "$ram"
