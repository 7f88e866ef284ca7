#!/bin/sh
# test-mkhandover.sh MKHANDOVER BUILD: host checks of mkhandover before the
# OVMF suite: captures are byte-identical from run to run (directory and
# cpio), every corruption's capture read back by baton-inspect (its own
# capture loader) gives exactly the expected report, and bad arguments are
# refused with a message. One PASS/FAIL line per check.
mkh=$1 build=${2:-build}
out=$build/tests/mkhandover
inspect=$build/tools/baton-inspect
rm -rf "$out"
mkdir -p "$out"
failed=0

pass() { echo "PASS: mkhandover-$1"; }
fail() { echo "FAIL: mkhandover-$1"; failed=1; }

# 1. Reproducible: the same scenario twice, compared byte for byte.
files=0 bytes=0 bad=""
for args in "--standard" "--sessions 120:2 --flb a:1:1" \
	"--mem 8G --arena 0x100000000 --session g --memfd 1:512M,order=9 --memfd 2:256M,order=10,content=agent"; do
	files=$((files + 1))
	for run in a b; do
		# shellcheck disable=SC2086
		"$mkh" -o "$out/det-$files-$run" --cpio "$out/det-$files-$run.cpio" \
			$args >"$out/det.log" 2>&1 || bad="$bad [$args: $(cat "$out/det.log")]"
	done
	diff -r "$out/det-$files-a" "$out/det-$files-b" >/dev/null &&
		cmp -s "$out/det-$files-a.cpio" "$out/det-$files-b.cpio" ||
		bad="$bad [$args differs]"
	bytes=$((bytes + $(stat -c %s "$out/det-$files-a.cpio")))
done
if [ -z "$bad" ]; then
	pass "reproducible ($files scenarios built twice: directories and cpio identical, $bytes cpio bytes)"
else
	fail "reproducible:$bad"
fi

# 1b. --profile 7.3, mkhandover's default: the bytes 7.2 writes but for
# kexec-metadata's previous_release, which baton reports as the writer.
p73() {
	d=$out/p$1; shift
	"$mkh" -o "$d" "$@" --standard --ram 0x1000000:0x30000000 \
		>"$d.log" 2>&1 || echo "  mkhandover $*: $(cat "$d.log")"
}
p73 72 --profile 7.2; p73 73 --profile 7.3; p73 def
p73 734 --profile 7.3 --release 7.3.4 --kexec-count 2
bad=""
diff -r "$out/p73" "$out/pdef" >/dev/null || bad="$bad [default is not 7.3]"
cmp -s "$out/p72/manifest" "$out/p73/manifest" || bad="$bad [manifests differ]"
bytes=$(for f in "$out"/p72/mem-*.bin; do
	cmp -l "$f" "$out/p73/${f##*/}"; done | awk '{printf "%s>%s ", $2, $3}')
# octal 62 is '2', 63 '3': the minor number in "7.2.0-mkhandover"
[ "$bytes" = "62>63 " ] || bad="$bad [blobs differ in: ${bytes:-nothing}]"
sed 's/"7\.3\.0-mkhandover"/"7.2.0-mkhandover"/g' "$out/p73/expected.json" |
	cmp -s - "$out/p72/expected.json" ||
	bad="$bad [expected.json differs beyond the writer]"
for v in "73 7.3.0-mkhandover 1" "734 7.3.4 2"; do
	set -- $v
	"$inspect" capture "$out/p$1" >"$out/p$1.inspect" 2>&1
	for line in "kho: written by $2 (kexec-metadata): kho-v4, luo-v5, memfd-v2" \
		"kexec-metadata: version 1 previous_release \"$2\" kexec_count $3" \
		"finding: info I_RELEASE_PROFILE at 0x0000000008000000: this handover looks like Linux 7.2/7.3 (kho-v4, luo-v5, memfd-v2)" \
		"baton: handover OK (0 errors, 0 warnings)"; do
		grep -qxF "$line" "$out/p$1.inspect" || bad="$bad [p$1: no line '$line']"
	done
done
if [ -z "$bad" ]; then
	pass "profile-7.3 (default = --profile 7.3; 7.2's capture but 1 byte, the writer: $(grep -F 'kho: written by' "$out/p734.inspect"))"
else
	fail "profile-7.3:$bad"
fi

# 2. Every corruption, read back from the capture by baton-inspect: the
# same kho/luo/memblock/metadata sections, findings and verdict.
n=0 bad=""
"$mkh" --list-corruptions >"$out/list" || fail "list-corruptions"
while read -r name rest; do
	n=$((n + 1))
	dir=$out/corrupt-$name
	if ! "$mkh" -o "$dir" --corrupt "$name" --ram 0x1000000:0x30000000 \
		>"$dir.log" 2>&1; then
		bad="$bad $name(mkhandover)"
		continue
	fi
	"$inspect" capture "$dir" --json >"$dir.inspect.json" 2>"$dir.inspect.err"
	python3 - "$dir.inspect.json" "$dir/expected.json" <<'PY' || bad="$bad $name"
import json, sys
got = json.load(open(sys.argv[1]))
want = json.load(open(sys.argv[2]))["report"]
keys = ["luo", "memblock", "metadata"]
# baton-inspect passes no boot information for a capture, so a root FDT
# it cannot read means "no handover" to it (kho null, verdict text);
# baton and mkhandover know the SETUP_KEXEC_KHO record exists.
if got["kho"] is not None:
    keys += ["kho"]
    for k in ("ok", "errors", "warnings", "infos", "text"):
        if got["verdict"][k] != want["verdict"][k]:
            sys.exit(1)
# baton keeps 256 handover findings (mkhandover too), baton-inspect more
n = len(want["findings"])
ok = got["findings"][:n] == want["findings"] and all(got[k] == want[k] for k in keys)
sys.exit(0 if ok else 1)
PY
done <"$out/list"
if [ -z "$bad" ] && [ "$n" -ge 66 ]; then
	pass "inspect-agrees ($n corruptions: baton-inspect on each capture = expected.json)"
else
	fail "inspect-agrees ($n corruptions; differing:$bad)"
fi

# 2b. docs/mkhandover.md lists every corruption with its codes.
missing=""
while read -r name profile codes rest; do
	grep -qF "| \`$name\` | $profile | ${codes%%+*}" docs/mkhandover.md ||
		missing="$missing $name"
done <"$out/list"
[ -z "$missing" ] && pass "documented ($(wc -l <"$out/list") corruptions in docs/mkhandover.md)" ||
	fail "documented (missing or outdated in docs/mkhandover.md:$missing)"

# 3. Refusals: exit status 2 (usage) or 1 (scenario), with a message.
expect_refused() {
	want=$1 text=$2; shift 2
	"$mkh" -o "$out/refused" "$@" >"$out/refused.log" 2>&1
	rc=$?
	if [ "$rc" = "$want" ] && grep -qF -- "$text" "$out/refused.log"; then
		return 0
	fi
	echo "  $*: status $rc, $(cat "$out/refused.log")"
	return 1
}
ok=1
expect_refused 2 'unknown corruption "nope"' --corrupt nope || ok=0
expect_refused 2 'unknown profile "6.15"' --profile 6.15 || ok=0
expect_refused 2 'before any --session' --memfd 1:4K || ok=0
expect_refused 2 'bad value in "order=19"' --session s --memfd 1:4K,order=19 || ok=0
expect_refused 1 'the capture would be refused' --arena 0x2000000:0x1000000 --session s --memfd 1:4K || ok=0
expect_refused 1 'did not produce E_TOKEN_DUPLICATE' --corrupt token-duplicate --session s || ok=0
[ $ok = 1 ] && pass "refusals (6 bad scenarios, each with its message)" || fail "refusals"

exit $failed
