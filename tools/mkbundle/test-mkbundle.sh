#!/bin/sh
# test-mkbundle.sh MKBUNDLE: bundles written by mkbundle and by plain
# `cpio -o -H newc|crc` parse to the same files (via mkbundle --list, which
# uses the payload's parser). One PASS/FAIL line per case.
mkbundle=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
rc=0

check() { # name expected-file actual-file
	if cmp -s "$2" "$3"; then
		echo "PASS: mkbundle/$1"
	else
		echo "FAIL: mkbundle/$1"; diff "$2" "$3" | head -5; rc=1
	fi
}

cd "$dir" || exit 1
mkdir src
head -c 5000 /dev/zero | tr '\0' 'K' > src/kernel
head -c 777 /dev/zero | tr '\0' 'I' > src/initrd
printf 'console=ttyS0 quiet\n' > src/cmdline

cat > expected <<'EOT'
kernel  offset 0x78 size 5000
initrd  offset 0x1478 size 777
cmdline "console=ttyS0 quiet"
EOT
"$mkbundle" -o a.cpio --kernel src/kernel --initrd src/initrd \
	--cmdline "console=ttyS0 quiet" && "$mkbundle" --list a.cpio > got
check tool-writes-and-lists expected got
echo "$(( $(wc -c < a.cpio) % 512 ))" > got
echo 0 > zero
check tool-output-padded-to-512 zero got

(cd src && printf 'kernel\ninitrd\ncmdline\n' | cpio -o -H newc 2>/dev/null) > b.cpio
"$mkbundle" --list b.cpio > got
check cpio-newc-same-layout expected got

(cd src && printf 'kernel\ninitrd\ncmdline\n' | cpio -o -H crc 2>/dev/null) > c.cpio
"$mkbundle" --list c.cpio > got
check cpio-crc-checksums-verified expected got

gzip -c b.cpio > d.cpio
if "$mkbundle" --list d.cpio 2> err; then
	echo "FAIL: mkbundle/compressed-rejected (accepted)"; rc=1
elif grep -q 'compressed archive at offset 0x0 (gzip)' err; then
	echo "PASS: mkbundle/compressed-rejected"
else
	echo "FAIL: mkbundle/compressed-rejected"; cat err; rc=1
fi
exit $rc
