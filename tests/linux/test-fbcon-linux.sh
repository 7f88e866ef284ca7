#!/usr/bin/env bash
# test-fbcon-linux.sh BUILD AGENT BATON_BZIMAGE MKBUNDLE BATON_EFI
#
# The framebuffer console fed by Linux (issue 16; docs/boot.md,
# "Framebuffer console"): Linux kexecs baton on a machine with an EFI
# framebuffer, baton draws its banner, findings and verdict there and
# passes the framebuffer on to the next kernel. One QEMU run (TCG, OVMF,
# standard VGA, -display none):
#   OVMF -> baton.efi, used as a plain boot loader: it boots the tier's
#   Linux 7.2 bzImage (no EFI stub) through the 64-bit entry with GOP's
#   framebuffer in boot_params.screen_info (VIDEO_TYPE_EFI), no KHO record
#   -> Linux (prepare, baseline scenario) -> baton-load -> kexec_file_load:
#   Linux copies its screen_info into baton's boot_params -> baton
#   (console=ttyS0 console=tty0, baton.chain=on) -> Linux (verify).
# (SeaBIOS with vga=0x344 cannot give the tier's kernel a VESA framebuffer:
# it is built without BOOT_VESA_SUPPORT, so its real-mode setup code
# refuses VESA graphics modes and stays in 80x25 text; docs/boot.md.)
# Checks:
#   efi-fb       the first kernel's screen_info (the SCREEN-INFO line
#                init.sh prints with baton.screen=1, read from
#                /sys/kernel/boot_params/data) is GOP's framebuffer:
#                VIDEO_TYPE_EFI, the size baton.efi reports, 32 bits a pixel
#   fbcon        the baton Linux kexec'd enabled its framebuffer console on
#                that framebuffer ("console: fbcon 0xBASE WxH ...")
#   screen       once baton has jumped to the next kernel, QEMU's
#                screendump (kept as BUILD/linux-fbcon/screen.png) shows
#                baton's banner on the top row and its verdict line,
#                compared pixel for pixel with the serial log's lines
#                rendered in the console's font (tests/efi/fbshot.py)
#   next-screen  the next kernel's screen_info is the first kernel's, byte
#                for byte from offset 0x0f (video type .. 64-bit base;
#                ext_mem_k at 0x02 is each loader's own memory size)
#   verdict, verify  baton's verdict OK, the next kernel's agent PASS
# One PASS/FAIL line per check. FBCON_LINUX_EXPECT=TEXT replaces the
# expected verdict line (to see the screen check fail).
set -uo pipefail

usage="usage: test-fbcon-linux.sh BUILD AGENT BATON MKBUNDLE BATON_EFI"
build=${1:?$usage}
agent=${2:?$usage}
baton=${3:?$usage}
mkbundle=${4:?$usage}
efi=${5:?$usage}
here=$(cd "$(dirname "$0")" && pwd)
out=$build/linux-fbcon
esp=$out/esp
log=$out/trip.log
mon=$out/monitor.sock
QEMU=${QEMU:-qemu-system-x86_64}
OVMF=${OVMF:-/usr/share/ovmf/OVMF.fd}
FONT=${FBCON_FONT:-/usr/share/consolefonts/Lat15-Fixed16.psf.gz}
failed=0
mkdir -p "$out"
rm -rf "$esp" "$out/screen.ppm" "$out/screen.png" "$out/screen.cmp"

. "$here/check-lib.sh"

trip_files linux-fbcon "$out" "$agent" "$baton" "$mkbundle" \
	"console=ttyS0 kho=on liveupdate=on baton.test=verify baton.screen=1" ||
	exit 1
mkdir -p "$esp/EFI/BOOT" "$esp/capture"
cp "$efi" "$esp/EFI/BOOT/BOOTX64.EFI"
cp -L "$out/bzImage" "$out/prepare.cpio.gz" "$esp/capture/"
cmdline="console=ttyS0 kho=on liveupdate=on baton.test=prepare"
cmdline+=" baton.next=baton-chain baton.scenario=baseline"
cmdline+=" baton.console=tty0 baton.screen=1"
# no kho-fdt: a first boot, no SETUP_KEXEC_KHO record (docs/capture-format.md)
printf '%s\n' 'format baton-capture 1' 'scratch 0x10000000 0x10000000' \
	'payload bzImage' 'initrd prepare.cpio.gz' "cmdline \"$cmdline\"" \
	>"$esp/capture/manifest"

t0=$(date +%s)
: >"$log"
timeout "${LINUX_TEST_TIMEOUT:-300}" "$QEMU" -accel tcg -cpu qemu64 \
	-nodefaults -display none -no-reboot -m 2G -bios "$OVMF" -vga std \
	-drive "format=raw,file=fat:rw:$esp" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-serial "file:$log" -serial "file:$(agent_data "$log")" \
	-monitor "unix:$mon,server,nowait" </dev/null >"$out/qemu.out" 2>&1 &
qemu=$!
# baton's last line: its screen is complete; the next kernel boots for
# seconds (and, without an fb driver, never draws) before it powers off.
while kill -0 "$qemu" 2>/dev/null; do
	grep -q 'chain: jumping to' "$log" 2>/dev/null && break
	sleep 0.2
done
if kill -0 "$qemu" 2>/dev/null; then
	python3 "$here/../efi/screendump.py" "$mon" "$(cd "$out" && pwd)/screen.ppm"
fi
wait "$qemu"
rc=$?
sed -i 's/\r$//' "$log" "$(agent_data "$log")"
name=linux-fbcon
check $name-qemu-exit "$([ $rc = 0 ] && echo 1 || echo 0)" "rc=$rc, $(( $(date +%s) - t0 )) s, log $log"
# the lines after Linux loaded baton, without time stamps and escapes
clean() {
	sed -n '/^KEXEC-LOAD OK/,$p' "$log" |
		sed -E -e 's/\x1b\[[0-9;?=]*[A-Za-z]//g' -e 's/^\[ *[0-9]+\.[0-9]+\] //'
}

# screen_info as hex, two characters a byte: the first kernel's, the next's
infos=$(grep -Eo '^SCREEN-INFO [0-9a-f]{128}$' "$log" | cut -d' ' -f2)
first=$(sed -n 1p <<<"$infos")
next=$(sed -n 2p <<<"$infos")
byte() { echo $((16#${1:$((2 * $2)):2})); }
word() { echo $(( $(byte "$1" "$2") | $(byte "$1" $(($2 + 1))) << 8 )); }
dword() { printf '0x%x' $(( $(word "$1" "$2") | $(word "$1" $(($2 + 2))) << 16 )); }
gop=$(grep -aEo 'baton.efi: GOP framebuffer 0x[0-9a-f]+ [0-9]+x[0-9]+' "$log" | cut -d' ' -f4,5)
if [ -n "$first" ]; then
	# 0x0f type, 0x12 width, 0x14 height, 0x16 depth, 0x18 base,
	# 0x26/0x28/0x2a red/green/blue sizes
	fb="$(dword "$first" 24) $(word "$first" 18)x$(word "$first" 20)"
	desc="type 0x$(printf %x "$(byte "$first" 15)"), $fb, $(word "$first" 22) bpp, $(byte "$first" 38)/$(byte "$first" 40)/$(byte "$first" 42) bits; GOP ${gop:-?}"
	ok=0
	[ "$(byte "$first" 15)" = 112 ] && [ "$(word "$first" 22)" = 32 ] &&
		[ "$(byte "$first" 38)$(byte "$first" 40)$(byte "$first" 42)" = 888 ] &&
		[ "$fb" = "$gop" ] && ok=1
	check $name-efi-fb $ok "$desc"
else
	fb=none
	check $name-efi-fb 0 "no SCREEN-INFO line from the first kernel"
fi
check $name-fbcon "$(clean | grep "^console: enabled fbcon $fb (" >/dev/null && echo 1 || echo 0)" \
	"$(clean | grep -m1 -o 'console: enabled fbcon .*'), screen_info: $fb"
check $name-next-screen "$([ -n "$next" ] && [ "${first:30}" = "${next:30}" ] && echo 1 || echo 0)" \
	"from 0x0f: first ${first:30:16}..., next ${next:30:16}..."

banner=$(clean | grep -m1 -E '^baton [0-9.]+ \(x86_64\) entered via ')
verdict_line=$(clean | grep -m1 '^baton: \(no handover\|handover\) ')
verdict_line=${FBCON_LINUX_EXPECT:-$verdict_line}
if [ -z "$banner" ] || [ -z "$verdict_line" ]; then
	check $name-screen 0 "no banner or verdict line in $log"
elif [ ! -s "$out/screen.ppm" ]; then
	check $name-screen 0 "no screendump"
elif python3 "$here/../efi/fbshot.py" "$out/screen.ppm" "$out/screen.png" \
	"$FONT" "0:$banner" "any:$verdict_line" >"$out/screen.cmp" 2>&1; then
	check $name-screen 1 "banner and verdict match, $out/screen.png"
else
	check $name-screen 0 "$(grep -v '^fbshot: row' "$out/screen.cmp" | tr '\n' ' ')$out/screen.png"
fi
rm -f "$out/screen.ppm"
check $name-verdict "$(has "$log" 'baton: handover OK \(0 errors, 0 warnings\)')"
check $name-verify "$(has "$log" '^AGENT-VERIFY PASS passed=[0-9]+ failed=0 ')" \
	"$(grep -m1 '^AGENT-VERIFY' "$log")"
exit $failed
