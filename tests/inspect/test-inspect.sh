#!/bin/sh
# test-inspect.sh TOOL [MKHANDOVER]: baton-inspect on the real Linux 7.2
# vectors as a capture (directory and cpio), as a QEMU-shaped ELF core made
# from that capture (tests/inspect/mkcore.py), on damaged captures and
# malformed dumps; with MKHANDOVER (default: next to TOOL) also on
# mkhandover captures whose sub-blob pointers are misaligned. Every case
# prints PASS/FAIL; exit status 1 if any failed.
tool=$(realpath "$1")
mkh=${2:-$(dirname "$tool")/mkhandover}
[ -x "$mkh" ] && mkh=$(realpath "$mkh")
cd "$(dirname "$0")/../.." || exit 1
vec=tests/vectors/linux-7.2
work=$(mktemp -d /tmp/test-inspect.XXXXXX)
trap 'rm -rf "$work"' EXIT
failed=0

pass() { echo "PASS: inspect/$1"; }
fail() { echo "FAIL: inspect/$1${2:+ ($2)}"; failed=1; }

# run NAME ARGS...: stdout to $work/NAME.out, stderr to $work/NAME.err
run() {
	name=$1; shift
	"$tool" "$@" >"$work/$name.out" 2>"$work/$name.err"
	echo $? >"$work/$name.rc"
}

# check NAME RC [LINE...]: exit status RC and every LINE exactly in stdout
check() {
	name=$1 want=$2; shift 2
	got=$(cat "$work/$name.rc")
	if [ "$got" = 70 ] && [ "$want" != 70 ]; then
		fail "$name" "sanitizer abort (exit 70): $(grep -m1 'runtime error\|Sanitizer' "$work/$name.err")"
		return
	fi
	if [ "$got" != "$want" ]; then
		fail "$name" "exit $got, expected $want: $(head -c 300 "$work/$name.err")"
		return
	fi
	if grep -q "runtime error\|Sanitizer" "$work/$name.err"; then
		fail "$name" "sanitizer report on stderr"
		return
	fi
	if [ ! -s "$work/$name.out" ]; then
		fail "$name" "no output"
		return
	fi
	for line in "$@"; do
		if ! grep -qxF -- "$line" "$work/$name.out"; then
			fail "$name" "missing line: $line"
			return
		fi
	done
	pass "$name"
}

# check_err NAME RC TEXT: exit status RC, TEXT in stderr, no sanitizer report
check_err() {
	name=$1 want=$2 text=$3
	got=$(cat "$work/$name.rc")
	if [ "$got" != "$want" ]; then
		fail "$name" "exit $got, expected $want"
	elif ! grep -qF -- "$text" "$work/$name.err"; then
		fail "$name" "stderr lacks: $text; got: $(head -c 300 "$work/$name.err")"
	elif grep -q "Sanitizer" "$work/$name.err"; then
		fail "$name" "sanitizer report"
	else
		pass "$name"
	fi
}

# check_match NAME RC REGEX: as check, a line of stdout matching REGEX (ERE)
check_match() {
	name=$1 want=$2 re=$3
	check "$name" "$want" >"$work/$name.check"
	if grep -q "^FAIL" "$work/$name.check"; then
		cat "$work/$name.check"
	elif ! grep -qE -- "$re" "$work/$name.out"; then
		fail "$name" "no line matching: $re"
	else
		pass "$name"
	fi
}

# same NAME A B: two files identical
same() {
	if [ ! -s "$2" ]; then fail "$1" "$2 is empty"
	elif cmp -s "$2" "$3"; then pass "$1"
	else fail "$1" "$2 and $3 differ"; fi
}

if [ ! -f $vec/index.txt ]; then
	echo "SKIP: inspect (no $vec)"
	exit 0
fi

cap=$work/capture
mkdir -p "$cap"
python3 tests/efi/vectors-capture.py $vec "$cap" baton.bzImage "x" ||
	{ fail capture_setup; exit 1; }
fdt=$(printf '0x%016x' "$(awk '$1 == "kho-fdt.dtb" { print $2 }' $vec/index.txt)")

# 1. The capture: the same lines baton prints for it under UEFI.
run capture_dir capture "$cap"
check capture_dir 0 \
	"report: baton 0.1.0 schema 1" \
	"kho: written by 7.2.13 (kexec-metadata): kho-v4, luo-v5, memfd-v2" \
	"kho: fdt $fdt size 0x1000 compatible \"kho-v4\"" \
	"kho: preserved-memory-map 0x0000000001c82000 entries 48 bytes 0x30000 map pages 6" \
	"luo: luo-v5 liveupdate_num 1 sessions 4 files 6 flbs 0" \
	"luo: session \"baton-agent\" files 1" \
	"kexec-metadata: version 1 previous_release \"7.2.13\" kexec_count 1" \
	"baton: handover OK (0 errors, 0 warnings)"

(cd "$cap" && find . | cpio -o -H newc --quiet >"$work/capture.cpio")
run capture_cpio capture "$work/capture.cpio"
check capture_cpio 0 "baton: handover OK (0 errors, 0 warnings)"
same capture_cpio_same_as_dir "$work/capture_dir.out" "$work/capture_cpio.out"

run capture_json capture "$cap" --json
check capture_json 0
if python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["verdict"]["ok"] is True, j["verdict"]
assert j["verdict"]["errors"] == 0 and j["verdict"]["warnings"] == 0
assert j["boot"] is None
assert len(j["luo"]["sessions"]) == 4, j["luo"]
' "$work/capture_json.out"; then pass capture_json_content
else fail capture_json_content; fi
run capture_pretty capture "$cap" --json --pretty
if python3 -c '
import json, sys
assert json.load(open(sys.argv[1])) == json.load(open(sys.argv[2]))
' "$work/capture_json.out" "$work/capture_pretty.out"; then
	pass capture_pretty_same_json
else fail capture_pretty_same_json; fi

# 2. Damaged captures: a warning (exit 1) and an error (exit 2).
cp -r "$cap" "$work/warn"
printf '\143' | dd of="$work/warn/blob-kexec-metadata.bin" bs=1 conv=notrunc 2>/dev/null
run capture_warning capture "$work/warn"
check capture_warning 1 \
	"finding: warning W_METADATA_INVALID at 0x0000000001df1000: kexec-metadata version 99" \
	"baton: handover OK (0 errors, 1 warning)"
cp -r "$cap" "$work/err"
printf '\377\377\377\377\377\377\377\377' |
	dd of="$work/err/radix-L5-1c82000.bin" bs=1 conv=notrunc 2>/dev/null
run capture_error capture "$work/err"
check capture_error 2 "baton: handover has 1 error (0 warnings)"

# 3. Unusable captures: exit 3 with a message.
mkdir -p "$work/empty"
run capture_no_manifest capture "$work/empty"
check_err capture_no_manifest 3 "no readable manifest"
run capture_missing capture "$work/does-not-exist"
check_err capture_missing 3 "No such file or directory"
cp -r "$cap" "$work/bad"
printf 'format baton-capture 1\nscratch 0x8000000 0x1001\n' >"$work/bad/manifest"
run capture_bad_manifest capture "$work/bad"
check_err capture_bad_manifest 3 "manifest: line 2:"
cp -r "$cap" "$work/noblob"
rm "$work/noblob/kho-fdt.dtb"
run capture_missing_blob capture "$work/noblob"
check_err capture_missing_blob 3 "blob file kho-fdt.dtb: cannot read it"
head -c 1000 "$work/capture.cpio" >"$work/short.cpio"
run capture_short_cpio capture "$work/short.cpio"
check_err capture_short_cpio 3 "archive: cpio: truncated data"
run usage_no_command
check_err usage_no_command 3 "usage: baton-inspect"

# 4. The same memory as a QEMU-shaped ELF core: found by scanning, by
# boot_params, by address; report identical to the capture's.
core=$work/vectors.core
python3 tests/inspect/mkcore.py "$cap" "$core" || fail mkcore
run dump_scan dump "$core"
cp "$work/dump_scan.err" "$work/dump_scan_note.err"; cp "$work/dump_scan.rc" "$work/dump_scan_note.rc"
check dump_scan 0 "baton: handover OK (0 errors, 0 warnings)"
check_err dump_scan_note 0 "SETUP_KEXEC_KHO record found by scanning at 0x9001000 (1 copy): fdt 0x1deb000 scratch 0xfff0000+0x20"
same dump_scan_same_as_capture "$work/capture_dir.out" "$work/dump_scan.out"
run dump_json dump "$core" --json
same dump_json_same_as_capture "$work/capture_json.out" "$work/dump_json.out"
run dump_address dump "$core" --kho-fdt 0x1deb000 --scratch 0xfff0000:0x20 --json
same dump_address_same_as_capture "$work/capture_json.out" "$work/dump_address.out"
run dump_boot_params dump "$core" --boot-params 0x9000000 --json
check dump_boot_params 0
if python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
for k in ("kho", "luo", "memblock", "metadata", "verdict"):
    assert a[k] == b[k], k
r = b["boot"]["kho_record"]
assert r["present"] and r["setup_data"] == "0x9001000", r
assert r["fdt"] == "0x1deb000" and r["scratch"] == "0xfff0000", r
' "$work/capture_json.out" "$work/dump_boot_params.out"; then
	pass dump_boot_params_same_handover
else fail dump_boot_params_same_handover; fi

# 4b. --extract: the dump back into a capture that reports the same.
run dump_extract dump "$core" --extract "$work/extracted" --json
same dump_extract_report "$work/capture_json.out" "$work/dump_extract.out"
check_err dump_extract 0 "extract: $work/extracted: 26 blobs"
run extracted_capture capture "$work/extracted" --json
same extracted_capture_same_json "$work/capture_json.out" "$work/extracted_capture.out"

# 5. Malformed dumps and wrong addresses: exit 3 with a clear message.
run dump_wrong_fdt dump "$core" --kho-fdt 0x1dec000 --scratch 0xfff0000:0x20
check_err dump_wrong_fdt 3 "--kho-fdt 0x1dec000: no KHO FDT there"
run dump_fdt_no_scratch dump "$core" --kho-fdt 0x1deb000
check_err dump_fdt_no_scratch 3 "--kho-fdt needs --scratch"
run dump_wrong_boot_params dump "$core" --boot-params 0x40000000
check_err dump_wrong_boot_params 3 "--boot-params 0x40000000: not in the dump"
# In the dump but not boot_params (the KHO FDT page; one byte off).
run dump_not_boot_params dump "$core" --boot-params 0x1deb000
check_err dump_not_boot_params 3 "--boot-params 0x1deb000: no boot_params there (setup header magic at +0x202 is 0x00000000, not \"HdrS\")"
run dump_boot_params_off_by_one dump "$core" --boot-params 0x9000001
check_err dump_boot_params_off_by_one 3 "--boot-params 0x9000001: no boot_params there"
# Off the FDT by a byte or a word (libfdt needs aligned headers: no UB).
run dump_fdt_off_by_one dump "$core" --kho-fdt 0x1deb001 --scratch 0xfff0000:0x20
check_err dump_fdt_off_by_one 3 "--kho-fdt 0x1deb001: no KHO FDT there"
run dump_fdt_off_by_four dump "$core" --kho-fdt 0x1deb004 --scratch 0xfff0000:0x20
check_err dump_fdt_off_by_four 3 "--kho-fdt 0x1deb004: no KHO FDT there"
run dump_fdt_outside dump "$core" --kho-fdt 0x7000000000 --scratch 0xfff0000:0x20
check_err dump_fdt_outside 3 "--kho-fdt 0x7000000000: no KHO FDT there"
run dump_scratch_outside dump "$core" --kho-fdt 0x1deb000 --scratch 0x7000000000:0x20
check_err dump_scratch_outside 3 "--scratch 0x7000000000: not in the dump"
run dump_bad_number dump "$core" --kho-fdt zz --scratch 0xfff0000:0x20
check_err dump_bad_number 3 "bad --kho-fdt ADDR[:SIZE] or --scratch ADDR:SIZE"
python3 tests/inspect/mkcore.py "$cap" "$work/norec.core" --no-record
run dump_no_record dump "$work/norec.core"
check_err dump_no_record 3 "no SETUP_KEXEC_KHO record found in the dump"
python3 tests/inspect/mkcore.py "$cap" "$work/two.core" --two-records
run dump_two_records dump "$work/two.core"
check_err dump_two_records 3 "2 different SETUP_KEXEC_KHO records found"
python3 tests/inspect/mkcore.py "$cap" "$work/trunc.core" --truncate 0x100000
run dump_truncated dump "$work/trunc.core"
check_err dump_truncated 3 "truncated dump"
python3 tests/inspect/mkcore.py "$cap" "$work/hdr.core" --truncate 100
run dump_truncated_headers dump "$work/hdr.core"
check_err dump_truncated_headers 3 "run past the end of the file"
python3 tests/inspect/mkcore.py "$cap" "$work/odd.core" --odd
run dump_odd dump "$work/odd.core"
check_err dump_odd 3 "p_paddr is not 4 KiB aligned"
python3 tests/inspect/mkcore.py "$cap" "$work/overlap.core" --overlap
run dump_overlap dump "$work/overlap.core"
check_err dump_overlap 3 "PT_LOAD overlaps another segment"
head -c 65536 /dev/urandom >"$work/random.core"
run dump_random dump "$work/random.core"
check_err dump_random 3 "not an ELF file (bad magic)"
: >"$work/empty.core"
run dump_empty dump "$work/empty.core"
check_err dump_empty 3 "not a non-empty regular file"
# A valid ELF core header, then 8 PT_LOAD headers whose other fields are
# (seeded) random bytes, then random data: the first header is refused.
python3 -c '
import random, struct, sys
rng = random.Random(9)
hdr = bytearray(64)
hdr[0:6] = b"\x7fELF\x02\x01"
struct.pack_into("<HHIQQQIHHHHHH", hdr, 16, 4, 62, 1, 0, 64, 0, 0, 64, 56,
                 8, 0, 0, 0)
ph = b"".join(struct.pack("<I", 1) + rng.randbytes(52) for _ in range(8))
sys.stdout.buffer.write(bytes(hdr) + ph + rng.randbytes(65536))
' >"$work/random-phdrs.core"
run dump_random_phdrs dump "$work/random-phdrs.core"
check_err dump_random_phdrs 3 "run past the end of the file (0x10200 bytes): truncated dump (program header 0)"
head -c 65536 /dev/urandom >"$work/random.cpio"
run capture_random_cpio capture "$work/random.cpio"
check_err capture_random_cpio 3 "archive: cpio: bad magic at offset 0x0"
mkdir -p "$work/random-manifest"
{ printf 'format baton-capture 1\n'; head -c 4096 /dev/urandom; } \
	>"$work/random-manifest/manifest"
run capture_random_manifest capture "$work/random-manifest"
check_err capture_random_manifest 3 "manifest: line "
run dump_seed dump tests/inspect/seeds/two-segments.core
check_err dump_seed 3 "no SETUP_KEXEC_KHO record found"

# 5b. compare-reports.py (test-inspect-qemu's replay check) on a report
# pair built from the capture's: listed differences pass, one changed
# token fails naming it, an empty scratch area dropped is derived exactly.
if python3 - "$work/capture_json.out" "$work" <<'PY'
import copy, json, subprocess, sys
d = json.load(open(sys.argv[1]))
d["boot"] = {"boot_params": "0x1000", "acpi_rsdp": "0xf59d0", "e820": [],
             "setup_data": [{"pa": "0x2000", "type": 10, "len": 32}],
             "kho_record": {"setup_data": "0x2000", "scratch_size": 48}}
d["kho"]["scratch"].insert(1, {"addr": "0x30000000", "size": 0})
d["findings"].insert(0, {"code": "I_SCRATCH_AREA_EMPTY", "severity": "info",
                         "pa": "0x30000000", "message": "x"})
d["verdict"]["infos"] += 1
d["verdict"]["findings_stored"] += 1
d["memory"] = {"ram_bytes": 1, "scratch_areas": 3, "scratch_refused": 1}
d["timeline"] = {"tsc_khz": 1, "start_tsc": "0x1",
                 "phases": [{"name": "a", "tsc": "0x2", "ticks": 1}]}
r = copy.deepcopy(d)
del r["kho"]["scratch"][1], r["findings"][0]
r["verdict"]["infos"] -= 1
r["verdict"]["findings_stored"] -= 1
r["memory"].update(ram_bytes=2, scratch_areas=2, scratch_refused=0)
r["boot"].update(boot_params="0x9000", e820=[{"addr": "0x0"}])
r["boot"]["kho_record"].update(setup_data="0x9800", scratch_size=32)
r["boot"]["setup_data"][0]["pa"] = "0x9800"
r["timeline"]["phases"][0].update(tsc="0x9", ticks=8)
def run(a, b):
    for name, j in (("d.json", a), ("r.json", b)):
        json.dump(j, open(sys.argv[2] + "/" + name, "w"))
    p = subprocess.run([sys.executable, "tests/inspect/compare-reports.py",
                        sys.argv[2] + "/d.json", sys.argv[2] + "/r.json"],
                       capture_output=True, text=True)
    return p.returncode, p.stdout
rc, out = run(d, r)
assert rc == 0, out
bad = copy.deepcopy(r)
bad["luo"]["sessions"][0]["files"][0]["token"] = "0x99"
rc, out = run(d, bad)
assert rc == 1 and "UNEXPECTED: luo.sessions.[0].files.[0].token" in out, out
bad = copy.deepcopy(r)
bad["timeline"]["phases"][0]["name"] = "b"
rc, out = run(d, bad)
assert rc == 1 and "phase names differ" in out, out
bad = copy.deepcopy(r)
bad["kho"]["scratch"] = d["kho"]["scratch"]
rc, out = run(d, bad)
assert rc == 1 and "UNEXPECTED: kho.scratch" in out, out
# page-table pages move between baton's bytes and free scratch: whole
# pages, same sum (firmware-dependent); any other change fails
d["memory"].update(baton_bytes=0x30000, scratch_free_bytes=0x100000)
moved = copy.deepcopy(r)
moved["memory"].update(baton_bytes=0x2e000, scratch_free_bytes=0x102000)
rc, out = run(d, moved)
assert rc == 0 and "+2 pages in the direct run" in out, out
bad = copy.deepcopy(moved)
bad["memory"]["scratch_free_bytes"] = 0x101000
rc, out = run(d, bad)
assert rc == 1 and "UNEXPECTED: memory.baton_bytes + scratch_free_bytes" in out, out
PY
then pass compare_reports_selftest
else fail compare_reports_selftest; fi

# 6. live: fake KHO debugfs directories (tests/inspect/mklive.py).
python3 tests/inspect/mklive.py vectors "$work/kho-vectors" $vec \
	"$work/capture_json.out" || fail live_setup
run live live "$work/kho-vectors"
check live 0 \
	"live: in/fdt: 285 bytes compatible \"kho-v4\" preserved-memory-map 0x1c82000" \
	"live: in subtree \"LUO\" data 0x1f1e000 size 0x20" \
	"live:   in LUO: compatible \"luo-v5\" liveupdate_num 1 sessions 0x1fd5000 flbs 0x1f1f000" \
	"live: in subtree \"kexec-metadata\" data 0x1df1000 size 0x49" \
	"live: kexec-metadata: version 1 previous_release \"7.2.13\" kexec_count 1" \
	"live: out/fdt: 100 bytes, not a complete FDT (Linux 7.2 exposes out/fdt at its size when registered)" \
	"live: scratch 1 addr 0x20000000 size 0x4000000" \
	"live: handover OK (0 errors, 0 warnings)"
# The JSON, exactly (run from $work: "source" is the relative name).
(cd "$work" && "$tool" live kho-vectors --json --pretty) \
	>"$work/live_json.out" 2>"$work/live_json.err"
same live_json_exact tests/inspect/live-vectors.json "$work/live_json.out"
# Schema: baton's members (plus "live"); every value live knows equals
# what baton reports for the same handover (the capture's report).
if known=$(python3 - "$work/capture_json.out" "$work/live_json.out" <<'PY'
import json, sys
c, l = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert set(l) - {"live"} == set(c), sorted(set(l) ^ set(c))
known = 0
def walk(a, b, path):
    global known
    if b is None:
        return
    if isinstance(b, dict):
        assert isinstance(a, dict) and set(a) == set(b), path
        for k in b:
            walk(a[k], b[k], path + "." + k)
    elif isinstance(b, list):
        assert isinstance(a, list) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, "%s[%d]" % (path, i))
    else:
        assert a == b, "%s: baton %r, live %r" % (path, a, b)
        known += 1
for k in ("baton", "kho", "luo", "memblock", "metadata"):
    walk(c[k], l[k], k)
assert known >= 25, known
print(known)
PY
); then pass "live_json_agrees_with_baton ($known values equal baton's)"
else fail live_json_agrees_with_baton; fi
(cd "$work" && "$tool" live kho-vectors --json) >"$work/live_json_compact.out"
if python3 -c '
import json, sys
assert json.load(open(sys.argv[1])) == json.load(open(sys.argv[2]))
' "$work/live_json.out" "$work/live_json_compact.out" 2>/dev/null &&
	[ "$(wc -l <"$work/live_json_compact.out")" = 1 ]; then
	pass live_json_compact
else fail live_json_compact; fi
# What a running 7.2 kernel shows: LUO freed its incoming root at boot.
cp -r "$work/kho-vectors" "$work/kho-consumed"
head -c 32 /dev/zero >"$work/kho-consumed/in/sub_fdts/LUO"
run live_consumed live "$work/kho-consumed" --json
if [ "$(cat "$work/live_consumed.rc")" = 0 ] && python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
l = j["luo"]
assert l["pa"] == "0x1f1e000" and l["version"] is None, l
assert all(l[k] is None for k in l if k != "pa"), l
assert j["findings"] == [], j["findings"]
assert j["live"]["notes"][1].startswith("in/sub_fdts/LUO holds no LUO root"), j["live"]["notes"]
' "$work/live_consumed.out"; then pass live_consumed_luo
else fail live_consumed_luo; fi
run live_consumed_human live "$work/kho-consumed"
check live_consumed_human 0 \
	"live:   in LUO: no LUO root (consumed and freed by LUO at boot; memory reused)"
head -c 40 $vec/blob-kexec-metadata.bin >"$work/kho-vectors/in/sub_fdts/kexec-metadata"
run live_short_blob live "$work/kho-vectors"
check live_short_blob 1 \
	"finding: warning W_LIVE_BLOB_SIZE at 0x0000000001df1000: in/sub_fdts/kexec-metadata: 40 bytes, blob-size 73" \
	"finding: warning W_METADATA_INVALID at 0x0000000001df1000: kexec-metadata: 40 bytes < 73" \
	"live: handover OK (0 errors, 2 warnings)"

# Every rule live can check without physical memory, broken once.
python3 tests/inspect/mklive.py damaged "$work/kho-damaged" || fail live_setup
run live_damaged live "$work/kho-damaged"
check live_damaged 2 \
	"live:   out LUO: compatible \"luo-v5\" liveupdate_num 4 sessions 0x4005000 flbs 0x4006000" \
	"live: memblock: reserve_mem \"trace\" start 0x3100000 size 0x100000" \
	"finding: error E_SUBTREE_PROP_MISSING at 0x0000000000000000: sub-blob \"broken\": preserved-data missing or not 8 bytes" \
	"live: handover has 4 errors (3 warnings)"
(cd "$work" && "$tool" live kho-damaged --json --pretty) \
	>"$work/live_damaged_json.out" 2>"$work/live_damaged_json.err"
same live_damaged_json_exact tests/inspect/live-damaged.json \
	"$work/live_damaged_json.out"

head -c 4096 /dev/urandom >"$work/kho-vectors/in/fdt"
run live_garbage live "$work/kho-vectors"
check_err live_garbage 3 "no usable in/fdt"
run live_missing live "$work/no-such-dir"
check_err live_missing 3 "not readable"
run live_missing_json live "$work/no-such-dir" --json
check_err live_missing_json 3 "not readable"

# 7. ram lines in any order (issue 18 item 9): the parser binary-searches
# RAM, so baton-inspect sorts the lines; the report is the same as with
# one ram line. Overlapping lines are a malformed capture (status 3).
cp -r "$cap" "$work/ram-shuffled"
sed -i '/^ram /d' "$work/ram-shuffled/manifest"
sed -i 's/^format baton-capture 1$/&\
ram 0x10000000 0x10000000\
ram 0x20000000 0x11000000\
ram 0x1000000 0xf000000/' "$work/ram-shuffled/manifest"
run capture_ram_unsorted capture "$work/ram-shuffled"
check capture_ram_unsorted 0 "baton: handover OK (0 errors, 0 warnings)"
same capture_ram_unsorted_same_report "$work/capture_dir.out" \
	"$work/capture_ram_unsorted.out"
cp -r "$cap" "$work/ram-overlap"
sed -i 's/^format baton-capture 1$/&\
ram 0x20000000 0x11000000/' "$work/ram-overlap/manifest"
run capture_ram_overlap capture "$work/ram-overlap"
check_err capture_ram_overlap 3 "manifest: line 4: ram [0x1000000-0x30ffffff] overlaps ram [0x20000000-0x30ffffff] of line 3"

# 8. Sub-blob pointers off their alignment (issue 18 item 8): mkhandover's
# standard scenario with one pointer in the root FDT moved by 1 or 4 bytes
# (tests/inspect/fdtpatch.py). Each must end in a report with the finding
# and status 2 (1 for kexec-metadata, a packed struct read byte-wise: only
# its content is wrong), never in a sanitizer abort.
# misaligned NAME PROFILE NODE PROP DELTA: the capture in $work/NAME
misaligned() {
	d=$work/$1
	"$mkh" -o "$d" --profile "$2" --standard --ram 0x100000:0x7f00000 \
		--ram 0x8000000:0x38000000 >/dev/null &&
		python3 tests/inspect/fdtpatch.py "$d/mem-008000000.bin" "$3" \
			"$4" "$5" && run "$1" capture "$d"
}
if [ -x "$mkh" ]; then
	for delta in 1 4; do
		pa=$((0x8800000 + delta))
		n=misaligned_memblock_kho_v4_$delta
		misaligned $n 7.2 memblock preserved-data $delta || fail $n setup
		check $n 2 \
			"$(printf 'finding: error E_POINTER_MISALIGNED at 0x%016x: memblock FDT at 0x%x not 8-byte aligned' $pa $pa)" \
			"baton: handover has 1 error (0 warnings)"
		n=misaligned_memblock_kho_v2_$delta
		misaligned $n 7.0 memblock preserved-data $delta || fail $n setup
		check $n 2 \
			"$(printf 'finding: error E_POINTER_MISALIGNED at 0x%016x: sub-FDT "memblock" at 0x%x not 8-byte aligned' $pa $pa)" \
			"baton: handover has 1 error (0 warnings)"
		pa=$((0x8200000 + delta))
		n=misaligned_memblock_kho_v1_$delta
		misaligned $n 6.16 memblock fdt $delta || fail $n setup
		check $n 2 \
			"$(printf 'finding: error E_POINTER_MISALIGNED at 0x%016x: sub-FDT "memblock" at 0x%x not 8-byte aligned' $pa $pa)" \
			"baton: handover has 1 error (0 warnings)"
		pa=$((0x8002000 + delta))
		n=misaligned_luo_kho_v2_$delta
		misaligned $n 7.0 LUO preserved-data $delta || fail $n setup
		check $n 2 \
			"$(printf 'finding: error E_POINTER_MISALIGNED at 0x%016x: sub-FDT "LUO" at 0x%x not 8-byte aligned' $pa $pa)"
		pa=$((0x8003000 + delta))
		n=misaligned_luo_v5_$delta
		misaligned $n 7.2 LUO preserved-data $delta || fail $n setup
		# the LUO root's code is luo_parse.c's choice: an error there
		check_match $n 2 \
			"$(printf '^finding: error E_[A-Z_]+ at 0x%016x: ' $pa)"
	done
	misaligned misaligned_metadata_1 7.2 kexec-metadata preserved-data 1 ||
		fail misaligned_metadata_1 setup
	check misaligned_metadata_1 1 \
		"finding: warning W_METADATA_INVALID at 0x0000000008002001: kexec-metadata version 922746880" \
		"baton: handover OK (0 errors, 2 warnings)"
else
	echo "SKIP: inspect/misaligned_* (no mkhandover at $mkh)"
fi

# 9. A sanitizer report is not a verdict: the ASan/UBSan runtimes exit
# with 70 (tools/baton-inspect/sanitizer_options.c), not 1 ("warnings").
# The runtime shows the value it took from the binary; the exit itself is
# tests/unit/test_inspect_sanitizer_exit.
ASAN_OPTIONS=help=1 "$tool" -h >/dev/null 2>"$work/asan_help.err"
if ! grep -q "^	exitcode" "$work/asan_help.err"; then
	echo "SKIP: inspect/sanitizer_exitcode (not an ASan build)"
elif grep -A1 "^	exitcode" "$work/asan_help.err" |
		grep -qF "(Current Value: 70)"; then
	pass sanitizer_exitcode
else
	fail sanitizer_exitcode "$(grep -A1 "^	exitcode" "$work/asan_help.err")"
fi

exit $failed
