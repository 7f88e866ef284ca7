#!/bin/sh
# SPDX-License-Identifier: MIT
# test-baton-load.sh BATON_LOAD: baton-load against a fake root (/boot,
# /proc, /sys through BATON_LOAD_ROOT, the release through
# BATON_LOAD_UNAME_R), under every shell it must run in (sh, bash,
# busybox sh): the --dry-run output exactly, a real run with stand-in
# kexec/mkbundle programs (their argument lists exactly), and every
# refusal's message. One PASS/FAIL line per case.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# a copy, so that no build-tree mkbundle sits next to it
mkdir "$dir/sbin" && cp "$1" "$dir/sbin/baton-load" || exit 1
load=$dir/sbin/baton-load
rc=0
shells="sh bash"
command -v busybox >/dev/null 2>&1 && shells="$shells busybox_sh"
# shellcheck disable=SC2317 # called through $shells
busybox_sh() { busybox sh "$@"; }

# check NAME EXPECTED-FILE ACTUAL-FILE
check() {
	if cmp -s "$2" "$3"; then
		echo "PASS: baton-load/$1"
	else
		echo "FAIL: baton-load/$1"; diff "$2" "$3" | head -10; rc=1
	fi
}

# A machine running 6.1.0-2-amd64 with KHO and LUO on, two newer kernels
# and an older one installed.
r=$dir/root
mkdir -p "$r/boot" "$r/proc" "$r/sys/kernel/debug/kho/out" "$dir/bin" "$dir/lib"
for v in 6.1.0-2-amd64 6.1.0-9-amd64 6.1.0-10-amd64 5.10.0-30-amd64; do
	echo "kernel $v" > "$r/boot/vmlinuz-$v"
	echo "initrd $v" > "$r/boot/initrd.img-$v"
done
echo 'BOOT_IMAGE=/boot/vmlinuz-6.1.0-2-amd64 root=UUID=1234 ro console=ttyS1,115200n8 quiet kho=on liveupdate=on' > "$r/proc/cmdline"
printf 'CONFIG_KEXEC=y\nCONFIG_KEXEC_FILE=y\n' > "$r/boot/config-6.1.0-2-amd64"
echo baton > "$dir/lib/baton.bzImage"
# Stand-ins that log their arguments one per line; mkbundle writes -o's file.
cat > "$dir/bin/kexec" <<'EOT'
#!/bin/sh
printf '%s\n' kexec "$@" >> "$LOG"
EOT
cat > "$dir/bin/baton-mkbundle" <<'EOT'
#!/bin/sh
printf '%s\n' mkbundle "$@" >> "$LOG"
echo bundle > "$2"
EOT
chmod +x "$dir/bin/kexec" "$dir/bin/baton-mkbundle"
export BATON_LOAD_ROOT="$r" BATON_LOAD_UNAME_R=6.1.0-2-amd64 LOG="$dir/log"
export PATH="$dir/bin:$PATH"

# run SHELL ARGS...: baton-load's stdout and stderr into out, status into st
run() {
	sh_=$1; shift
	$sh_ "$load" --baton "$dir/lib/baton.bzImage" "$@" > "$dir/out" 2>&1
	echo $? > "$dir/st"
}

for s in $shells; do
	n=${s%_sh}
	cat > "$dir/want" <<EOT
baton-load: running kernel 6.1.0-2-amd64: kho=on liveupdate=on, CONFIG_KEXEC_FILE ($r/boot/config-6.1.0-2-amd64), KHO debugfs $r/sys/kernel/debug/kho/out
baton-load: next kernel $r/boot/vmlinuz-6.1.0-10-amd64, initrd $r/boot/initrd.img-6.1.0-10-amd64, cmdline "root=UUID=1234 ro console=ttyS1,115200n8 quiet kho=on liveupdate=on"
baton-load: baton $dir/lib/baton.bzImage, cmdline "console=ttyS1,115200n8 baton.chain=on-clean"
$dir/bin/baton-mkbundle -o '<tmpdir>/bundle.cpio' --kernel $r/boot/vmlinuz-6.1.0-10-amd64 --initrd $r/boot/initrd.img-6.1.0-10-amd64 --cmdline 'root=UUID=1234 ro console=ttyS1,115200n8 quiet kho=on liveupdate=on'
kexec -s -l $dir/lib/baton.bzImage --initrd '<tmpdir>/bundle.cpio' --append 'console=ttyS1,115200n8 baton.chain=on-clean'
kexec -e
EOT
	run $s --dry-run --exec --mkbundle "$dir/bin/baton-mkbundle"
	echo 0 >> "$dir/want"; cat "$dir/st" >> "$dir/out"
	check "$n/dry-run-defaults" "$dir/want" "$dir/out"
	[ -e "$LOG" ] && { echo "FAIL: baton-load/$n/dry-run-runs-nothing"; rc=1; }

	# Everything given; a quote in the next command line; no config file:
	# /proc/kallsyms decides.
	mv "$r/boot/config-6.1.0-2-amd64" "$dir/config"
	printf 'ffffffff813aae10 T __x64_sys_kexec_file_load\n' > "$r/proc/kallsyms"
	cat > "$dir/want" <<EOT
baton-load: running kernel 6.1.0-2-amd64: kho=on liveupdate=on, CONFIG_KEXEC_FILE ($r/proc/kallsyms), KHO debugfs $r/sys/kernel/debug/kho/out
baton-load: next kernel $r/boot/vmlinuz-6.1.0-9-amd64, initrd none, cmdline "root=/dev/vda it's"
baton-load: baton $dir/lib/baton.bzImage, cmdline "console=uart8250,mmio32,0xfe215040 console=ttyS0 baton.chain=off baton.log=summary baton.capture=serial"
baton-mkbundle -o /tmp/b.cpio --kernel $r/boot/vmlinuz-6.1.0-9-amd64 --cmdline 'root=/dev/vda it'\''s'
kexec -s -l $dir/lib/baton.bzImage --initrd /tmp/b.cpio --append 'console=uart8250,mmio32,0xfe215040 console=ttyS0 baton.chain=off baton.log=summary baton.capture=serial'
0
EOT
	run $s --dry-run --kernel "$r/boot/vmlinuz-6.1.0-9-amd64" --no-initrd \
		--cmdline "root=/dev/vda it's" --chain off \
		--console uart8250,mmio32,0xfe215040 --console ttyS0 \
		--append baton.log=summary --append baton.capture=serial \
		--bundle /tmp/b.cpio
	cat "$dir/st" >> "$dir/out"
	check "$n/dry-run-options" "$dir/want" "$dir/out"
	mv "$dir/config" "$r/boot/config-6.1.0-2-amd64"

	# A real run (stand-ins): the bundle is built, then kexec -s -l, -e.
	rm -f "$LOG"
	run $s --exec --console none --bundle "$dir/b.cpio"
	cat > "$dir/want" <<EOT
mkbundle
-o
$dir/b.cpio
--kernel
$r/boot/vmlinuz-6.1.0-10-amd64
--initrd
$r/boot/initrd.img-6.1.0-10-amd64
--cmdline
root=UUID=1234 ro console=ttyS1,115200n8 quiet kho=on liveupdate=on
kexec
-s
-l
$dir/lib/baton.bzImage
--initrd
$dir/b.cpio
--append
baton.chain=on-clean
kexec
-e
EOT
	check "$n/exec-runs-kexec" "$dir/want" "$LOG"
	echo "baton-load: kexec -e returned: nothing was handed over" > "$dir/want"
	tail -1 "$dir/out" > "$dir/got"
	check "$n/exec-returned-is-error" "$dir/want" "$dir/got"
	rm -f "$LOG"
done

# Each refusal: exit 1 and its message (bash; the shells agree above).
# refuse NAME EXPECTED-MESSAGE [ARGS...]
refuse() {
	name=$1 msg=$2; shift 2
	run sh --dry-run "$@"
	echo "1 baton-load: $msg" > "$dir/want"
	echo "$(cat "$dir/st") $(tail -1 "$dir/out")" > "$dir/got"
	check "refuse-$name" "$dir/want" "$dir/got"
}
good=$(cat "$r/proc/cmdline")
echo 'root=/dev/sda1 liveupdate=on' > "$r/proc/cmdline"
refuse no-kho "the running kernel was booted without kho=on ($r/proc/cmdline): Kexec HandOver is off, there is nothing to hand over. Add kho=on liveupdate=on to its command line and reboot."
echo 'root=/dev/sda1 kho=on liveupdate=on kho=off' > "$r/proc/cmdline"
refuse kho-last-wins "the running kernel was booted without kho=on ($r/proc/cmdline): Kexec HandOver is off, there is nothing to hand over. Add kho=on liveupdate=on to its command line and reboot."
echo 'root=/dev/sda1 kho=1' > "$r/proc/cmdline"
refuse no-liveupdate "the running kernel was booted without liveupdate=on ($r/proc/cmdline): the Live Update Orchestrator is off, no session would be handed over. Add liveupdate=on to its command line and reboot."
echo "$good" > "$r/proc/cmdline"

printf 'CONFIG_KEXEC=y\n# CONFIG_KEXEC_FILE is not set\n' | gzip > "$r/proc/config.gz"
refuse no-kexec-file-config "the running kernel 6.1.0-2-amd64 is built without CONFIG_KEXEC_FILE ($r/proc/config.gz): kexec -s (kexec_file_load, the only loader that hands KHO over) is not available. Boot a kernel built with CONFIG_KEXEC_FILE=y."
rm "$r/proc/config.gz"
mv "$r/boot/config-6.1.0-2-amd64" "$dir/config"
printf 'ffffffff813aae10 W __x64_sys_kexec_file_load\n' > "$r/proc/kallsyms"
refuse no-kexec-file-kallsyms "the running kernel 6.1.0-2-amd64 has no kexec_file_load ($r/proc/kallsyms): it is built without CONFIG_KEXEC_FILE, so kexec -s (the only loader that hands KHO over) is not available. Boot a kernel built with CONFIG_KEXEC_FILE=y."
rm "$r/proc/kallsyms"
refuse no-config "cannot tell whether the running kernel 6.1.0-2-amd64 has CONFIG_KEXEC_FILE: no $r/proc/config.gz, no $r/boot/config-6.1.0-2-amd64, no $r/proc/kallsyms. Pass its config with --config FILE."
mv "$dir/config" "$r/boot/config-6.1.0-2-amd64"

rmdir "$r/sys/kernel/debug/kho/out"
refuse no-debugfs "KHO debugfs $r/sys/kernel/debug/kho/out is missing: debugfs is not mounted. Mount it (mount -t debugfs none /sys/kernel/debug) and retry."
echo 'debugfs /sys/kernel/debug debugfs rw,relatime 0 0' > "$r/proc/mounts"
refuse no-kho-debugfs "KHO debugfs $r/sys/kernel/debug/kho/out is missing: the running kernel 6.1.0-2-amd64 has no CONFIG_KEXEC_HANDOVER_DEBUGFS (or KHO did not start: see dmesg | grep KHO)."
mkdir "$r/sys/kernel/debug/kho/out"

mkdir "$dir/old"
mv "$r/boot/vmlinuz-6.1.0-10-amd64" "$r/boot/vmlinuz-6.1.0-9-amd64" "$r/boot/vmlinuz-5.10.0-30-amd64" "$dir/old/"
refuse no-next-kernel "no next kernel: $r/boot has no vmlinuz-* other than the running 6.1.0-2-amd64. Install the next kernel or pass --kernel FILE."
mv "$dir/old/"* "$r/boot/"
refuse kernel-unreadable "cannot read the next kernel $dir/nope" --kernel "$dir/nope"
refuse no-baton "cannot read baton's image $dir/nope" --baton "$dir/nope"
refuse no-kexec "$dir/nope not found: install kexec-tools (apt install kexec-tools) or pass --kexec PROG" --kexec "$dir/nope"
refuse no-mkbundle "$dir/nope not found (baton's bundle writer); pass --mkbundle PROG" --mkbundle "$dir/nope"
refuse bad-chain "--chain maybe: expected on-clean, on or off" --chain maybe
exit $rc
