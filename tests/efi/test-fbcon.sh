#!/bin/sh
# test-fbcon.sh BUILD: the framebuffer console (docs/boot.md, "Framebuffer
# console"), three OVMF boots of baton.efi -> baton with a GOP display
# (QEMU -vga std, TCG):
#   screen    no console option: baton.efi passes GOP's framebuffer in
#             screen_info, baton draws on it; once baton halts, QEMU's
#             monitor takes a screendump (kept as BUILD/tests/fbcon/
#             screen.png) and tests/efi/fbshot.py compares, pixel for pixel
#             with the same font, the banner on the top row and the verdict
#             line with the serial log's lines (time stamps removed)
#   serial    console=ttyS0: a UART is named, no framebuffer console
#   tty0      console=ttyS0 console=tty0: both
# Each boot also checks its serial lines; one PASS/FAIL line per boot.
build=${1:-build}
out=$build/tests/fbcon
QEMU=${QEMU:-qemu-system-x86_64}
OVMF=${OVMF:-/usr/share/ovmf/OVMF.fd}
FONT=${FBCON_FONT:-/usr/share/consolefonts/Lat15-Fixed16.psf.gz}
TIMEOUT=${QEMU_TIMEOUT:-90}
failed=0
. tests/qemu/expect-lib.sh
mkdir -p "$out"

# boot NAME CMDLINE [SHOT]: boots until baton's last line; with SHOT the
# monitor's screendump goes to $out/NAME.ppm before QEMU is ended.
boot() {
	name=$1 cmdline=$2 shot=$3
	dir=$out/$name
	rm -rf "$dir" "$out/$name".*
	mkdir -p "$dir/esp/EFI/BOOT" "$dir/esp/capture"
	cp "$build/baton.efi" "$dir/esp/EFI/BOOT/BOOTX64.EFI"
	cp "$build/baton.bzImage" "$dir/esp/capture/"
	printf '%s\n' 'format baton-capture 1' 'scratch 0x30000000 0x800000' \
		"cmdline \"$cmdline\"" >"$dir/esp/capture/manifest"
	timeout "$TIMEOUT" "$QEMU" -accel tcg -nodefaults -display none \
		-no-reboot -m 1G -bios "$OVMF" -vga std \
		-drive "format=raw,file=fat:rw:$dir/esp" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-serial "file:$out/$name.raw" \
		-monitor "unix:$out/$name.mon,server,nowait" \
		</dev/null >"$out/$name.qemu" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		grep -q "baton: exit" "$out/$name.raw" 2>/dev/null && break
		sleep 1
	done
	if [ -n "$shot" ] && kill -0 "$pid" 2>/dev/null; then
		python3 tests/efi/screendump.py "$out/$name.mon" \
			"$PWD/$out/$name.ppm" quit
	fi
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	tr -d '\r' <"$out/$name.raw" |
		sed -e 's/\x1b\[[0-9;?=]*[A-Za-z]//g' \
		    -e 's/^\[ *[0-9]*\.[0-9]*\] //' >"$out/$name.log"
}

expect_absent() {
	! grep -q -- "$2" "$1" || problems="$problems
  unexpected: $2"
}

verdict() {
	if [ -z "$problems" ]; then
		echo "PASS: fbcon/$1"
	else
		echo "FAIL: fbcon/$1$problems"
		failed=1
	fi
	problems=""
}

fb_line="console: fbcon 0x[0-9a-f]* [0-9]*x[0-9]* ([0-9]*x[0-9]* text) (starts with baton's page tables)"

boot screen "baton.exit=halt" shot
log=$out/screen.log
expect_regex "$log" "baton.efi: GOP framebuffer 0x[0-9a-f]* [0-9]*x[0-9]*, [0-9]* pixels a line, [BGR]*"
expect_regex "$log" "$fb_line"
expect_regex "$log" "console: enabled fbcon .*"
banner=$(grep -m1 '^baton [0-9.]* (x86_64) entered via ' "$log")
verdict_line=$(grep -m1 '^baton: \(no handover\|handover\) ' "$log")
[ -n "$banner" ] && [ -n "$verdict_line" ] || problems="$problems
  no banner or verdict line in the serial log"
if [ ! -s "$out/screen.ppm" ]; then
	problems="$problems
  no screendump"
elif ! python3 tests/efi/fbshot.py "$out/screen.ppm" "$out/screen.png" \
	"$FONT" "0:$banner" "any:$verdict_line" >"$out/screen.cmp" 2>&1; then
	problems="$problems
$(sed 's/^/  /' "$out/screen.cmp")"
fi
rm -f "$out/screen.ppm"
verdict "screen ($(grep -c "^fbshot: row" "$out/screen.cmp" 2>/dev/null) of 2 lines match, $out/screen.png)"

boot serial "baton.exit=qemu console=ttyS0"
expect_absent "$out/serial.log" "console: fbcon"
expect_regex "$out/serial.log" "baton: exit success (qemu)"
verdict serial

boot tty0 "baton.exit=qemu console=ttyS0 console=tty0"
expect_regex "$out/tty0.log" "console: uart8250 io 0x3f8 115200"
expect_regex "$out/tty0.log" "$fb_line"
expect_regex "$out/tty0.log" "baton: exit success (qemu)"
verdict tty0

exit $failed
