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
