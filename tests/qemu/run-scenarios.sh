#!/bin/sh
# run-scenarios.sh BUILD: the scenario suite. For every valid scenario of
# tests/qemu/scenarios.txt and every mkhandover corruption: mkhandover
# writes a capture and the expected report, OVMF boots baton.efi with it
# and build/baton.bzImage under QEMU (TCG), and tests/qemu/compare-report.py
# compares baton's JSON report with the expected one. One PASS/FAIL line
# per scenario. SCENARIOS="a b" runs only those names.
build=${1:-build}
out=$build/tests/scenarios
mkh=$build/tools/mkhandover
QEMU=${QEMU:-qemu-system-x86_64}
OVMF=${OVMF:-/usr/share/ovmf/OVMF.fd}
TIMEOUT=${SCENARIO_TIMEOUT:-600}
ONLY=${SCENARIOS:-}
failed=0
mkdir -p "$out"

for need in "$QEMU" python3; do
	command -v "$need" >/dev/null 2>&1 || {
		echo "FAIL: scenarios ($need not installed: make deps)"
		exit 1
	}
done
[ -f "$OVMF" ] || { echo "FAIL: scenarios ($OVMF missing: make deps)"; exit 1; }

want() {
	[ -z "$ONLY" ] && return 0
	for n in $ONLY; do [ "$n" = "$1" ] && return 0; done
	return 1
}

. tests/qemu/expect-lib.sh

# boot NAME MEM_MIB: OVMF + the ESP until baton exits, the launcher gives
# up, or the timeout; the serial log is $out/NAME.log.
boot() {
	raw=$out/$1.log
	rm -f "$raw"
	timeout "$TIMEOUT" "$QEMU" -accel tcg -nodefaults -display none \
		-no-reboot -m "$2" -bios "$OVMF" \
		-drive "format=raw,file=fat:rw:$out/$1/esp" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-serial "file:$raw" </dev/null >"$out/$1.qemu" 2>&1 &
	wait_baton_exit $! "$raw"
}

# above_4g LOG VERDICT: baton must have run where baton.efi put it above
# 4 GiB (position independence); the image range joins the verdict line.
above_4g() {
	image=$(sed -n 's/.*baton [0-9.]* (x86_64) entered via linux64, image \(0x[0-9a-f]*\)-.*/\1/p' "$1" | head -n 1)
	if [ -n "$image" ] && [ $((image)) -ge $((0x100000000)) ]; then
		sed -i "1s/)\$/, baton image at $image)/" "$2"
	else
		sed -i "1s/^PASS:/FAIL:/; 1s/)\$/, baton image at ${image:-?}: not above 4 GiB)/" "$2"
		failed=1
	fi
}

# scenario NAME ARGS...: build, boot, compare.
scenario() {
	name=$1; shift
	want "$name" || return 0
	dir=$out/$name
	rm -rf "$dir"
	mkdir -p "$dir/esp/EFI/BOOT"
	cp "$build/baton.efi" "$dir/esp/EFI/BOOT/BOOTX64.EFI"
	case $name in
	*.cpio) set -- "$@" --cpio "$dir/esp/capture.cpio"
		capture=$dir/capture ;;
	*) capture=$dir/esp/capture ;;
	esac
	# shellcheck disable=SC2086
	if ! "$mkh" -o "$capture" --payload "$build/baton.bzImage" "$@" \
		>"$dir/mkhandover.log" 2>&1; then
		echo "FAIL: scenario-$name (mkhandover: $(tail -n 1 "$dir/mkhandover.log"))"
		failed=1
		return
	fi
	mem=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["mkhandover"]["mem"] >> 20)' \
		"$capture/expected.json")
	start=$(date +%s)
	boot "$name" "$mem"
	secs=$(( $(date +%s) - start ))
	python3 tests/qemu/compare-report.py "$name" "$out/$name.log" \
		"$capture/expected.json" >"$dir/verdict" || failed=1
	case $name in *above-4g*) above_4g "$out/$name.log" "$dir/verdict" ;; esac
	sed "1s/)\$/, ${secs} s)/" "$dir/verdict"
	# GiB captures: keep the small files only
	rm -f "$dir/esp/capture.cpio"
}

suite_start=$(date +%s)
while read -r name args; do
	case $name in ''|'#'*) continue ;; esac
	# shellcheck disable=SC2086
	scenario "$name" $args
done <tests/qemu/scenarios.txt

"$mkh" --list-corruptions >"$out/corruptions.txt" || {
	echo "FAIL: scenarios (mkhandover --list-corruptions)"; exit 1; }
while read -r corruption rest; do
	scenario "corrupt-$corruption" --corrupt "$corruption"
done <"$out/corruptions.txt"

# The comparison must be able to fail: one scenario's log against another
# scenario's expected report.
a=standard-7.2 b=many-sessions-7.2
if [ -f "$out/$a.log" ] && [ -f "$out/$b/esp/capture/expected.json" ]; then
	if python3 tests/qemu/compare-report.py "$a" "$out/$a.log" \
		"$out/$b/esp/capture/expected.json" >"$out/control.verdict"; then
		echo "FAIL: scenario-control ($a's log passed against $b's expected report)"
		failed=1
	else
		echo "PASS: scenario-control ($a's log fails against $b's expected report: $(sed -n 2p "$out/control.verdict" | cut -c3-60)...)"
	fi
fi

# Release attribution is compared too: 7.3's standard handover differs from
# 7.2's only in kexec-metadata's previous_release, so its log must fail
# against 7.2's expected report (kho.written_by, metadata).
a=standard-7.3 b=standard-7.2
if [ -f "$out/$a.log" ] && [ -f "$out/$b/esp/capture/expected.json" ]; then
	if python3 tests/qemu/compare-report.py "$a" "$out/$a.log" \
		"$out/$b/esp/capture/expected.json" >"$out/control-writer.verdict"; then
		echo "FAIL: scenario-control-writer ($a's log passed against $b's expected report)"
		failed=1
	else
		echo "PASS: scenario-control-writer ($a's log fails against $b's expected report: $(sed -n 2p "$out/control-writer.verdict" | cut -c3-90)...)"
	fi
fi

echo "scenarios: $(( $(date +%s) - suite_start )) s in all"
exit $failed
