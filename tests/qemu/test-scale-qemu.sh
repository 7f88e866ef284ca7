#!/bin/sh
# test-scale-qemu.sh BUILD: issue 17's QEMU scale case. mkhandover writes a
# handover with 512 GiB of memfds (4 memfds in 2 sessions, 2 MiB and 4 MiB
# folios, content=absent: the pages are claimed, never written), baton.efi
# replays it under OVMF on a 1 TiB TCG guest whose RAM is sparse (a
# memory-backend-ram with reserve=off: only touched pages cost host RAM),
# and baton (baton.digest=off: there is no content to digest) must say
# exactly "handover OK (0 errors, 0 warnings)" with no truncation or
# not-validated finding, report the 512 GiB of memfds, and agree with
# mkhandover's expected.json (compare-report.py). QEMU's peak RSS is
# printed and must stay under 1 GiB: nothing wrote the 512 GiB.
# One PASS/FAIL/SKIP line (docs/latency.md "QEMU scale").
build=${1:-build}
out=$build/tests/scale-qemu
QEMU=${QEMU:-qemu-system-x86_64}
OVMF=${OVMF:-/usr/share/ovmf/OVMF.fd}
TIMEOUT=${SCALE_QEMU_TIMEOUT:-600}
RSS_LIMIT_KIB=1048576	# 1 GiB; writing the memfds would take 512 times that
name=scale-qemu-1t

if [ ! -f "$OVMF" ]; then
	echo "SKIP: $name (no $OVMF)"
	exit 0
fi
# Mode 2 (strict accounting) cannot map 1 TiB even with reserve=off.
if [ "$(cat /proc/sys/vm/overcommit_memory 2>/dev/null)" = 2 ]; then
	echo "SKIP: $name (vm.overcommit_memory=2: a 1 TiB guest cannot be mapped)"
	exit 0
fi
for f in baton.efi baton.bzImage tools/mkhandover; do
	if [ ! -e "$build/$f" ]; then
		echo "FAIL: $name ($build/$f missing)"
		exit 1
	fi
done
rm -rf "$out"
mkdir -p "$out/esp/EFI/BOOT"
cp "$build/baton.efi" "$out/esp/EFI/BOOT/BOOTX64.EFI"

# The arena starts at 4 GiB (RAM there runs to 1 TiB + 1 GiB under the pc
# machine with -m 1T); 0x8000000000 bytes = 512 GiB of memfds.
t0=$(date +%s)
if ! "$build/tools/mkhandover" -o "$out/esp/capture" --profile 7.2 \
	--mem 1T --arena 0x100000000 \
	--session vm-a --memfd 1:256G,order=9,content=absent \
		       --memfd 2:128G,order=10,content=absent \
	--session vm-b --memfd 3:64G,order=9,content=absent \
		       --memfd 4:64G,order=10,content=absent \
	--payload "$build/baton.bzImage" \
	--cmdline "console=ttyS0 baton.exit=qemu baton.digest=off" \
	>"$out/mkhandover.log" 2>&1; then
	echo "FAIL: $name (mkhandover: $(tail -n 1 "$out/mkhandover.log"))"
	exit 1
fi
t1=$(date +%s)

# QEMU's peak RSS: getrusage of the child that ran it (ru_maxrss, KiB).
run_measured='
import resource, subprocess, sys
try:
    rc = subprocess.call(sys.argv[3:], timeout=int(sys.argv[2]))
except subprocess.TimeoutExpired:
    rc = 124
with open(sys.argv[1], "w") as f:
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=f)
sys.exit(rc)
'
# -cpu vendor=GenuineIntel: QEMU 7.1+ moves RAM above 4 GiB to 1 TiB on
# AMD-vendor CPUs (TCG's max is one) when it would cross the HyperTransport
# hole; mkhandover's --mem assumes the classic pc layout (from 4 GiB).
# phys-bits=42: the guest's RAM ends above 2^40.
python3 -c "$run_measured" "$out/qemu.rss" "$TIMEOUT" \
	"$QEMU" -accel tcg -nodefaults -display none -no-reboot \
	-cpu max,vendor=GenuineIntel,phys-bits=42 \
	-object memory-backend-ram,id=ram,size=1T,reserve=off \
	-machine pc,memory-backend=ram -m 1T -bios "$OVMF" \
	-drive "format=raw,file=fat:rw:$out/esp" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-serial "file:$out/serial.raw" </dev/null >"$out/qemu.log" 2>&1
status=$?
t2=$(date +%s)
log=$out/serial.log
tr -d '\r' <"$out/serial.raw" | sed -e 's/\x1b\[[0-9;?=]*[A-Za-z]//g' \
	-e 's/^\[ *[0-9]*\.[0-9]*\] //' >"$log"
rss=$(cat "$out/qemu.rss" 2>/dev/null)

problems=""
want() {
	grep -qx -- "$1" "$log" || problems="$problems
  no line matching: $1"
}
absent() {
	! grep -qF -- "$1" "$log" || problems="$problems
  unexpected: $(grep -F -- "$1" "$log" | head -n 1)"
}
# gib_total: "COUNT GiB" of the hex sizes on stdin, one a line.
gib_total() {
	n=0 sum=0
	while read -r size; do
		n=$((n + 1))
		sum=$((sum + size))
	done
	echo "$n $((sum >> 30))"
}

[ "$status" = 33 ] || problems="$problems
  QEMU exit status $status, expected 33 (baton: exit success)"
# The capture: no memfd byte stored or generated, 512 GiB claimed.
manifest=$out/esp/capture/manifest
claimed="$(sed -n 's/^pattern 0x[0-9a-f]* \(0x[0-9a-f]*\) 0x0 absent$/\1/p' \
	"$manifest" | gib_total) $(grep -c '^pattern' "$manifest")"
[ "$claimed" = "4 512 4" ] || problems="$problems
  capture: absent patterns, their GiB, all patterns: $claimed, expected 4 512 4"
want 'e820: \[mem 0x0000000100000000-0x000001003fffffff\] usable'
want 'paging: own tables active, 4-level, 1 GiB pages, [0-9]* ranges, [0-9]* table pages'
want 'mm: preserved 213840 entries, 0x8000350000 bytes, 5 ranges after merging'
want 'luo: luo-v5 liveupdate_num 1 sessions 2 files 4 flbs 0'
want 'digest: off (baton.digest=off)'
want 'baton: handover OK (0 errors, 0 warnings)'
want '    "findings_dropped": 0,'
# The memfd total from baton's own file lines.
memfds=$(sed -n 's/^luo:   file token 0x[0-9a-f]* memfd-v2 size \(0x[0-9a-f]*\) .*/\1/p' "$log" |
	gib_total)
[ "$memfds" = "4 512" ] || problems="$problems
  baton's memfds (count, GiB): $memfds, expected 4 512"
# Nothing cut short (W_MODEL_TRUNCATED, W_E820_TRUNCATED, the preserved
# index or e820 storage full), nothing left unchecked, no exception.
for code in E_NOT_VALIDATED TRUNCATED _INDEX_FULL _SANITIZED_FULL \
	W_FOLIO_ORDER_LARGE EXCEPTION:; do
	absent "$code"
done
if ! python3 tests/qemu/compare-report.py "$name" "$out/serial.raw" \
	"$out/esp/capture/expected.json" >"$out/compare.log" 2>&1; then
	problems="$problems
  $(sed -n '2,4p' "$out/compare.log")"
fi
if [ -z "$rss" ] || [ "$rss" -ge "$RSS_LIMIT_KIB" ]; then
	problems="$problems
  QEMU max RSS ${rss:-?} KiB, limit $RSS_LIMIT_KIB KiB (guest RAM was touched)"
fi

paging=$(sed -n 's/^paging: own tables active, 4-level, \(.*\)$/\1/p' "$log")
summary="1 TiB guest, memfds (count, GiB) $memfds, QEMU max RSS $((${rss:-0} / 1024)) MiB, baton's tables: $paging; mkhandover $((t1 - t0)) s, boot $((t2 - t1)) s"
if [ -z "$problems" ]; then
	echo "PASS: $name ($summary)"
	exit 0
fi
echo "FAIL: $name ($summary)$problems"
echo "  --- serial log ($log):"
grep -v '^ *[]{}"[]' "$log" | tail -n 30 | sed 's/^/  | /'
exit 1
