#!/bin/sh
# test-debian-kernel.sh BUILD: baton -> Debian's stock kernel (bookworm
# linux-image-amd64, no KHO). baton (PVH, no handover) chain-loads the
# stock vmlinuz from a bundle with a busybox initramfs and a command line;
# the initramfs prints /proc/cmdline and /proc/iomem and powers off.
# The kernel package is fetched with apt-get download (never installed)
# into ~/.cache/baton/debian-kernel/; SKIP only if apt cannot get it.
build=${1:-build}
out=$build/tests/qemu-debian
cache=${BATON_CACHE:-$HOME/.cache/baton}/debian-kernel
QEMU=${QEMU:-qemu-system-x86_64}
TIMEOUT=${DEBIAN_TIMEOUT:-600}
here=$(cd "$(dirname "$0")" && pwd)
name=debian-stock-kernel
mkdir -p "$out" "$cache"

skip() {
	echo "SKIP: $name ($1)"
	exit 0
}

fail() {
	echo "FAIL: $name ($1)"
	exit 1
}

# The metapackage's dependency: linux-image-6.1.0-N-amd64 and its version.
resolve() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }'
}
pkg=$(resolve)
if [ -z "$pkg" ] && [ "$(id -u)" = 0 ]; then
	apt-get update -qq >/dev/null 2>&1	# empty package lists
	pkg=$(resolve)
fi
[ -n "$pkg" ] || skip "apt cannot resolve linux-image-amd64: archive not reachable"
ver=$(apt-cache policy "$pkg" 2>/dev/null | awk '$1 == "Candidate:" { print $2 }')
[ -n "$ver" ] && [ "$ver" != "(none)" ] || skip "no candidate for $pkg"
release=${pkg#linux-image-}
dir=$cache/${pkg}_$ver
vmlinuz=$dir/boot/vmlinuz-$release
if [ ! -s "$vmlinuz" ]; then
	tmp=$(mktemp -d "$cache/fetch.XXXXXX")
	chmod 755 "$tmp"		# apt's _apt user writes here
	if ! (cd "$tmp" && apt-get download -q -o APT::Sandbox::User=root "$pkg=$ver" >"$tmp/apt.log" 2>&1); then
		tail -3 "$tmp/apt.log"
		rm -rf "$tmp"
		skip "apt-get download $pkg=$ver failed: archive not reachable"
	fi
	mkdir -p "$tmp/x"
	dpkg-deb --fsys-tarfile "$tmp"/*.deb |
		tar -x -C "$tmp/x" "./boot/vmlinuz-$release" ||
		{ rm -rf "$tmp"; fail "cannot unpack vmlinuz-$release from $pkg"; }
	rm -rf "$dir"
	mkdir -p "$dir/boot"
	mv "$tmp/x/boot/vmlinuz-$release" "$vmlinuz"
	rm -rf "$tmp"
fi
echo "debian-kernel: $pkg $ver ($vmlinuz, $(wc -c <"$vmlinuz") bytes)"

command -v "$QEMU" >/dev/null 2>&1 || fail "$QEMU not installed: make deps"
busybox=$(command -v busybox || echo /bin/busybox)
ldd "$busybox" 2>&1 | grep -q 'not a dynamic' ||
	fail "$busybox is not static (install busybox-static)"

# The stock kernel's initramfs: busybox and /init, gzip'ed newc.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/root/bin" "$stage/root/proc" "$stage/root/dev" "$stage/bundle"
cp "$busybox" "$stage/root/bin/busybox"
cp "$here/debian-init.sh" "$stage/root/init"
(cd "$stage/root" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc --owner 0:0 --reproducible) | gzip -9n >"$out/initrd.gz"

# The bundle's command line, as the stock kernel must see it.
cmdline="console=ttyS0,115200 panic=-1 baton_chain_marker=debian-7f3a"
"$build/tools/mkbundle" -o "$out/bundle.cpio" --kernel "$vmlinuz" \
	--initrd "$out/initrd.gz" --cmdline "$cmdline" >/dev/null ||
	fail "mkbundle failed"

start=$(date +%s)
timeout "$TIMEOUT" "$QEMU" -accel tcg -nodefaults -display none -no-reboot \
	-m 1G -kernel "$build/baton.elf" -initrd "$out/bundle.cpio" \
	-append "console=ttyS0 baton.chain=on-clean" \
	-serial "file:$out/serial.raw" </dev/null >"$out/qemu.log" 2>&1
status=$?
end=$(date +%s)
tr -d '\r' <"$out/serial.raw" | sed 's/^\[ *[0-9]*\.[0-9]*\] //' >"$out/serial.log"
log=$out/serial.log

problems=""
expect_line() {
	grep -qxF -- "$1" "$log" || problems="$problems
  missing line: $1"
}
expect_regex() {
	grep -qx -- "$1" "$log" || problems="$problems
  no line matching: $1"
}

# baton: the precheck in its report, the plan, the jump.
expect_line "chain: next kernel $release speaks no KHO (before 6.16): no handover to check"
expect_line "chain: command line (bundle): $cmdline"
expect_regex "chain: jumping to 0x[0-9a-f]*, boot_params 0x[0-9a-f]*"
# The stock kernel: its own release, the command line as given, the
# initrd where baton put it, /init from it, the RAM baton forwarded.
expect_regex "Linux version $release .*"
expect_line "Command line: $cmdline"
seg=$(sed -n 's/^chain: segment initrd *\[\(0x[0-9a-f]*\)-\(0x[0-9a-f]*\))$/\1 \2/p' "$log")
if [ -n "$seg" ]; then
	set -- $seg
	expect_line "RAMDISK: [mem $(printf '0x%08x-0x%08x' "$1" $(($2 - 1)))]"
else
	problems="$problems
  baton logged no initrd segment"
fi
expect_line "BATON-DEBIAN-INIT cmdline: $cmdline"
expect_line "BATON-DEBIAN-INIT release: $release"
expect_line "BATON-DEBIAN-INIT done"
# Every usable e820 range baton saw is System RAM to the stock kernel
# (Linux trims the first page and splits around what it reserves, so
# compare the ends, which it keeps).
for range in $(sed -n 's/^e820: \[mem 0x\([0-9a-f]*\)-0x\([0-9a-f]*\)\] usable$/\1-\2/p' "$log"); do
	last=$(printf '%x' $((0x${range#*-})))
	grep -q "^BATON-DEBIAN-INIT iomem: [0-9a-f]*-0*$last : System RAM$" "$log" ||
		problems="$problems
  e820 usable range ending at 0x$last is not System RAM in /proc/iomem"
done
grep -q "^e820: \[mem .*\] usable$" "$log" || problems="$problems
  baton logged no usable e820 range"
# ACPI power-off ends QEMU with status 0.
[ "$status" = 0 ] || problems="$problems
  QEMU exit status $status, expected 0 (power-off)"

if [ -n "$problems" ]; then
	echo "FAIL: $name$problems"
	echo "  log: $log"
	tail -20 "$log" | sed 's/^/  | /'
	exit 1
fi
echo "debian-kernel: baton -> $release -> /init -> power-off in $((end - start)) s under TCG"
echo "PASS: $name"
