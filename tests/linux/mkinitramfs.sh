#!/usr/bin/env bash
# mkinitramfs.sh OUT.cpio.gz AGENT [NAME=FILE ...]
#
# Build the gzip'ed newc initramfs of the real-Linux tests: busybox-static,
# baton-agent, /init (tests/linux/init.sh) and the scenarios. Each NAME=FILE
# adds FILE as /payload/NAME (next kernel, baton, the verify initramfs ...).
# With a payload baton.bzImage=FILE, when AGENT's directory holds
# mkbundle-static (make builds it), also what baton-load needs, so that
# /init loads baton with it (issue 16): /bin/baton-load,
# /bin/baton-mkbundle, Debian's /usr/sbin/kexec with the shared libraries
# it loads, and /bin/kexec (kexec-t0.sh) in front of it. (Not in an
# initramfs that loads no baton, e.g. the next kernel's: it stays small.)
set -euo pipefail

out=${1:?usage: mkinitramfs.sh OUT AGENT [NAME=FILE ...]}
agent=${2:?usage: mkinitramfs.sh OUT AGENT [NAME=FILE ...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
busybox=$(command -v busybox || true)
[ -n "$busybox" ] || busybox=/bin/busybox
if ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked' &&
   ! ldd "$busybox" 2>&1 | grep -q 'not a dynamic'; then
	echo "mkinitramfs: $busybox is not static (install busybox-static)" >&2
	exit 1
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,proc,sys,dev,run,tmp,scenarios,payload}
cp "$busybox" "$stage/bin/busybox"
cp "$agent" "$stage/bin/baton-agent"
cp "$here/init.sh" "$stage/init"
chmod 755 "$stage/init" "$stage/bin/busybox" "$stage/bin/baton-agent"
cp "$here"/scenarios/*.scn "$stage/scenarios/"
mkbundle_static=$(dirname "$agent")/mkbundle-static
loads_baton=0
for item in "$@"; do
	[ "${item%%=*}" = baton.bzImage ] && loads_baton=1
done
if [ $loads_baton = 1 ] && [ -x "$mkbundle_static" ]; then
	kexec=$(command -v kexec || echo /usr/sbin/kexec)
	[ -x "$kexec" ] || {
		echo "mkinitramfs: no kexec (install kexec-tools)" >&2
		exit 1
	}
	install -D -m 755 "$here/../../tools/baton-load/baton-load" "$stage/bin/baton-load"
	install -m 755 "$mkbundle_static" "$stage/bin/baton-mkbundle"
	install -m 755 "$here/kexec-t0.sh" "$stage/bin/kexec"
	install -D -m 755 "$kexec" "$stage/usr/sbin/kexec"
	# the loader and every library, at the paths ldd names
	for lib in $(ldd "$kexec" | grep -Eo '/[^ ]+'); do
		install -D -m 755 "$(realpath "$lib")" "$stage$lib"
	done
fi
for item in "$@"; do
	cp "${item#*=}" "$stage/payload/${item%%=*}"
done

mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc --owner 0:0 --reproducible) | gzip -9n > "$out.tmp"
mv "$out.tmp" "$out"
