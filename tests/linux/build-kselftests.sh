#!/usr/bin/env bash
# build-kselftests.sh OUTDIR [RELEASE]
#
# Build Linux RELEASE's own LUO selftests (tools/testing/selftests/liveupdate)
# static and unmodified from that release's kernel tree into OUTDIR, at test
# time: nothing of them is kept in this repository. RELEASE is one of
# releases.sh (default 7.2, the release of test-selftests.sh). The tree is
# $LINUX_SRC_R (R with _ for .), else $LINUX_SRC if it is a tree of RELEASE,
# else the one build-kernel.sh fetched (fetched now if missing). The uapi
# header <linux/liveupdate.h> comes from the tree (include/uapi, no __user
# or other kernel-only markup in it); <linux/types.h> and <linux/ioctl.h>
# from the system, as kselftest's KHDR_INCLUDES would give them after
# headers_install.
#
# Each release has its own layout (checked, not guessed):
#   7.2  helpers luo_test_utils.c + luo_test_utils.h next to the tests
#        (Makefile: LIB_C += luo_test_utils.c)
#   7.3  helpers lib/lu_utils.c, header lib/include/libliveupdate.h
#        (lib/libliveupdate.mk: LIBLIVEUPDATE_C, -I lib/include)
# Both take the stage as `-s N` (7.2 also --stage N; 7.3 only -s).
# KSELFTEST_CC is the compiler (default gcc; aarch64-linux-gnu-gcc for the
# arm64 tier, whose <linux/types.h> is then the cross toolchain's).
set -euo pipefail

out=${1:?usage: build-kselftests.sh OUTDIR [RELEASE]}
release=${2:-7.2}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/releases.sh"
linux_release "$release"
cache=${XDG_CACHE_HOME:-$HOME/.cache}/baton
tree_release() {
	awk '/^VERSION =/{v=$3} /^PATCHLEVEL =/{print v "." $3; exit}' \
		"$1/Makefile" 2>/dev/null
}
src_var=LINUX_SRC_${release//./_}
src=${!src_var:-}
if [ -z "$src" ] && [ -n "${LINUX_SRC:-}" ] &&
   [ "$(tree_release "$LINUX_SRC")" = "$release" ]; then
	src=$LINUX_SRC
fi
if [ -z "$src" ]; then
	src=$cache/src/$LINUX_REL_PACKAGE
	if [ ! -f "$src/.baton-unpacked" ]; then
		mkdir -p "$cache"
		(flock 8; "$here/fetch-linux.sh" "$cache/src" "$release") \
			8>"$cache/.fetch-lock" >&2
	fi
fi
if [ "$(tree_release "$src")" != "$release" ]; then
	echo "build-kselftests: FAIL $src is not a Linux $release tree" >&2
	exit 1
fi
dir=$src/tools/testing/selftests/liveupdate

# The helpers and include directories of this release's layout.
case "$release" in
7.2)
	helpers=("$dir/luo_test_utils.c")
	incs=()
	grep -q '^LIB_C += luo_test_utils.c$' "$dir/Makefile" || helpers=()
	;;
*)
	helpers=("$dir/lib/lu_utils.c")
	incs=(-I"$dir/lib/include")
	grep -q '^LIBLIVEUPDATE_C := lu_utils.c$' "$dir/lib/libliveupdate.mk" 2>/dev/null ||
		helpers=()
	;;
esac
if [ ${#helpers[@]} = 0 ] || [ ! -f "${helpers[0]}" ]; then
	echo "build-kselftests: FAIL $dir does not have the Linux $release LUO selftest layout" >&2
	exit 1
fi

# The two-stage kexec tests and the single-boot ioctl test.
TESTS="luo_kexec_simple luo_multi_session luo_stress_files luo_stress_sessions liveupdate"

mkdir -p "$out/include/linux"
ln -sfn "$src/include/uapi/linux/liveupdate.h" "$out/include/linux/liveupdate.h"
# The selftests' own lib.mk flags (-D_GNU_SOURCE=, the selftests directory
# on the include path) and Makefile flags, plus -static: the initramfs has
# no C library.
cflags=(-static -O2 -Wall -Wno-unused-function -D_GNU_SOURCE=
	-I"$src/tools/testing/selftests" "${incs[@]}" -isystem "$out/include")
for t in $TESTS; do
	# as the selftests' Makefile links them: every program + the helpers
	"${KSELFTEST_CC:-gcc}" "${cflags[@]}" "$dir/$t.c" "${helpers[@]}" -o "$out/$t.tmp"
	mv "$out/$t.tmp" "$out/$t"
	echo "build-kselftests: $out/$t ($(stat -c %s "$out/$t") bytes)"
done
echo "$release" > "$out/release"
