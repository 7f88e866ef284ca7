#!/usr/bin/env bash
# test-live-linux.sh BUILD AGENT BATON MKBUNDLE TOOL: baton-inspect live on
# a real Linux 7.2 KHO debugfs. Linux preserves the "vectors" scenario and
# kexecs baton, which reports the handover (JSON block on the console) and
# chain-loads the same Linux with the verify initramfs and baton.dump=1:
# before anything else that kernel copies /sys/kernel/debug/kho/in out as
# hex (baton-agent dump-kho). The host rebuilds that directory and runs
# `baton-inspect live --json` on it: schema as baton's, and every value it
# knows equal to baton's report of the same handover, except what the
# kernel's own debugfs legitimately shows differently (listed below).
set -uo pipefail
build=$1 agent=$2 baton=$3 mkbundle=$4 tool=$(realpath "$5")
here=$(cd "$(dirname "$0")/../linux" && pwd)
out=$(realpath -m "$build/inspect/live-linux")
kernel=$(realpath -m "$build/linux/bzImage")
log=$out/qemu.log
if [ ! -f "$kernel" ] || [ ! -x "$agent" ] || [ ! -f "$baton" ] ||
   [ ! -x "$mkbundle" ]; then
	echo "SKIP: inspect/live_linux (needs $kernel: make linux, $agent, $baton, $mkbundle)"
	exit 0
fi
rm -rf "$out"
mkdir -p "$out"
"$here/mkinitramfs.sh" "$out/verify.cpio.gz" "$agent" >/dev/null || exit 1
"$mkbundle" -o "$out/bundle.cpio" --kernel "$kernel" \
	--initrd "$out/verify.cpio.gz" \
	--cmdline "console=ttyS0 kho=on liveupdate=on baton.test=verify baton.dump=1" \
	>/dev/null || exit 1
"$here/mkinitramfs.sh" "$out/prepare.cpio.gz" "$agent" \
	bzImage="$kernel" baton.bzImage="$baton" bundle.cpio="$out/bundle.cpio" \
	>/dev/null || exit 1
"$here/run-qemu.sh" --kernel "$kernel" --initrd "$out/prepare.cpio.gz" \
	--append "console=ttyS0 kho=on liveupdate=on baton.test=prepare baton.next=baton-chain baton.scenario=vectors" \
	--log "$log" --mem 2G --timeout 300 --until 'BATON-INIT verify rc='
tr -d '\r' <"$log" >"$out/serial.log"
sed -n '/----- BEGIN BATON JSON -----/,/----- END BATON JSON -----/p' \
	"$out/serial.log" | sed '1d;$d' >"$out/baton.json"
if ! python3 - "$out/serial.log" "$out/kho" <<'PY'
import os, re, sys, zlib
# KHO-DUMP-BEGIN path=P size=N / KHO-HEX .. / KHO-DUMP-END path=P crc32c=C
files, cur = {}, None
for line in open(sys.argv[1], errors="replace"):
    line = line.rstrip("\n")
    # (baton-agent dumps other blobs the same way: only kho/in's tree)
    m = re.match(r"KHO-DUMP-BEGIN path=(fdt|sub_fdts/\S+) size=(\d+)$", line)
    if m:
        cur, size, data = m.group(1), int(m.group(2)), bytearray()
        continue
    if cur and line.startswith("KHO-HEX "):
        data += bytes.fromhex(line[8:])
    elif cur and line.startswith("KHO-DUMP-END path=" + cur):
        if len(data) != size:
            sys.exit("%s: %d bytes, dump says %d" % (cur, len(data), size))
        files[cur] = bytes(data)
        cur = None
if "fdt" not in files:
    sys.exit("no in/fdt dumped")
for rel, data in files.items():
    path = os.path.join(sys.argv[2], "in", rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "wb").write(data)
PY
then
	echo "FAIL: inspect/live_linux_debugfs (no KHO debugfs dump from the next kernel; see $log)"
	exit 1
fi
if [ ! -s "$out/baton.json" ]; then
	echo "FAIL: inspect/live_linux_debugfs (no JSON block from baton; see $log)"
	exit 1
fi
echo "PASS: inspect/live_linux_debugfs ($(cd "$out/kho/in" && find . -type f | sort | tr '\n' ' '))"
"$tool" live "$out/kho" --json --pretty >"$out/live.json" 2>"$out/live.err"
rc=$?
"$tool" live "$out/kho" >"$out/live.txt" 2>&1
if python3 - "$out/baton.json" "$out/live.json" >"$out/compare.txt" 2>&1 <<'PY'
import json, sys
b, l = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
# Members baton writes only when it has them (handover_fingerprint: the
# contents' digests, physical memory) may be absent from live's report.
assert set(l) - {"live"} <= set(b), sorted(set(l) - set(b))
assert set(b) - set(l) <= {"handover_fingerprint"}, sorted(set(b) - set(l))
# When baton adds its report as a sub-blob of the handover it forwards,
# the next kernel's in/ shows that sub-blob and the amended map root;
# everything else must be as baton saw it.
added = [t["name"] for t in l["kho"]["subtrees"]
         if t["name"] not in {s["name"] for s in b["kho"]["subtrees"]}]
assert set(added) <= {"baton"}, added
l["kho"]["subtrees"] = [t for t in l["kho"]["subtrees"]
                        if t["name"] not in added]
if added:
    print("amended by baton: kho.preserved.map %s -> %s" %
          (b["kho"]["preserved"]["map"], l["kho"]["preserved"]["map"]))
    l["kho"]["preserved"]["map"] = None
# Linux 7.2 frees the incoming LUO root at early boot: user space sees
# reused memory there, which live must say instead of reporting it.
luo = l["luo"]
assert luo["version"] is None and luo["pa"] == b["luo"]["pa"], luo
assert any("holds no LUO root" in n for n in l["live"]["notes"])
assert l["verdict"]["errors"] == 0 and l["verdict"]["warnings"] == 0, \
    l["findings"]
known = []
def walk(a, c, path):
    if c is None:
        return
    if isinstance(c, dict):
        assert isinstance(a, dict) and set(a) == set(c), path
        for k in c:
            walk(a[k], c[k], path + "." + k)
    elif isinstance(c, list):
        assert isinstance(a, list) and len(a) == len(c), path
        for i, (x, y) in enumerate(zip(a, c)):
            walk(x, y, "%s[%d]" % (path, i))
    else:
        assert a == c, "%s: baton %r, live %r" % (path, a, c)
        known.append(path)
for k in ("baton", "kho", "luo", "memblock", "metadata"):
    walk(b[k], l[k], k)
print("%d values equal baton's; sub-blobs baton added: %s; LUO root consumed" %
      (len(known), ", ".join(added) or "none"))
for p in known:
    print("equal: " + p)
PY
then
	echo "PASS: inspect/live_linux_matches_baton (exit $rc; $(grep 'values equal' "$out/compare.txt")$(sed -n 's/^amended by baton: /; baton amended /p' "$out/compare.txt"))"
else
	echo "FAIL: inspect/live_linux_matches_baton ($(tail -n 1 "$out/compare.txt"); see $out)"
	exit 1
fi
