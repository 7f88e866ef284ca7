#!/bin/sh
# SPDX-License-Identifier: MIT
# test-install.sh PREFIX-DIR [arm64]: checks a `make install PREFIX=/usr
# DESTDIR=...` tree (PREFIX-DIR is DESTDIR/usr): the files outside the doc
# directory exactly (arm64: with arm64/baton.Image), the docs that must be
# there, a man page for every installed program and each one rendering
# without warnings, and the installed baton-load finding the installed
# image and bundle writer by itself. One PASS/FAIL line per check.
p=$1 arm64=${2:-}
rc=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # NAME 0|1 [WHY]
	if [ "$2" = 1 ]; then echo "PASS: install/$1"
	else echo "FAIL: install/$1${3:+ ($3)}"; rc=1; fi
}

{
	echo bin/baton-capture-decode
	echo bin/baton-inspect
	echo bin/baton-load
	echo bin/baton-mkbundle
	echo bin/mkhandover
	[ -n "$arm64" ] && echo lib/baton/arm64/baton.Image
	echo lib/baton/baton.bzImage
	echo lib/baton/baton.efi
	echo lib/baton/baton.elf
	for m in baton-capture-decode baton-inspect baton-load baton-mkbundle mkhandover; do
		echo "share/man/man1/$m.1"
	done
	echo share/man/man7/baton.7
} > "$tmp/want"
(cd "$p" && find . -type f ! -path './share/doc/*' | sed 's|^\./||' | LC_ALL=C sort) > "$tmp/got"
if cmp -s "$tmp/want" "$tmp/got"; then check files 1
else check files 0 "$(diff "$tmp/want" "$tmp/got" | grep '^[<>]' | tr '\n' ' ')"; fi

ok=1
for f in README.md docs/cmdline.md docs/chain.md docs/findings.md examples/demo.sh; do
	[ -f "$p/share/doc/baton/$f" ] || { ok=0; missing="$missing $f"; }
done
check docs $ok "missing:${missing:-}"

ok=1 why=""
for b in "$p"/bin/*; do
	[ -f "$p/share/man/man1/${b##*/}.1" ] || { ok=0; why="$why no man page for ${b##*/};"; }
done
for m in "$p"/share/man/man1/*.1 "$p"/share/man/man7/*.7; do
	w=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l "$m" 2>&1 >/dev/null)
	[ -z "$w" ] || { ok=0; why="$why ${m##*/}: $w;"; }
done
check man-pages "$ok" "$why"

# baton-load from the installed bin/, on a fake root: it must name the
# installed lib/baton/baton.bzImage and bin/baton-mkbundle itself.
r=$tmp/root
mkdir -p "$r/proc" "$r/boot" "$r/sys/kernel/debug/kho/out"
echo 'root=/dev/vda kho=on liveupdate=on' > "$r/proc/cmdline"
echo 'CONFIG_KEXEC_FILE=y' > "$r/boot/config-1.0"
echo k > "$r/boot/vmlinuz-1.1"
real_p=$(cd "$p" && pwd)
BATON_LOAD_ROOT=$r BATON_LOAD_UNAME_R=1.0 "$p/bin/baton-load" --dry-run \
	--kexec true > "$tmp/out" 2>&1
if grep -qxF "baton-load: baton $real_p/bin/../lib/baton/baton.bzImage, cmdline \"baton.chain=on-clean\"" "$tmp/out" &&
   grep -q "^$real_p/bin/baton-mkbundle -o " "$tmp/out"; then
	check baton-load-finds-installed 1
else
	check baton-load-finds-installed 0 "$(tr '\n' ' ' < "$tmp/out")"
fi
exit $rc
