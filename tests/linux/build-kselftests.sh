#!/usr/bin/env bash
# build-kselftests.sh OUTDIR
#
# Build Linux 7.2's own LUO selftests (tools/testing/selftests/liveupdate)
# static and unmodified from the kernel tree into OUTDIR, at test time:
# nothing of them is kept in this repository. The tree is $LINUX_SRC, else
# the one build-kernel.sh fetched (fetched now if missing). The uapi header
# <linux/liveupdate.h> comes from the tree (include/uapi, no __user or other
# kernel-only markup in it); <linux/types.h> and <linux/ioctl.h> from the
# system, as kselftest's KHDR_INCLUDES would give them after headers_install.
set -euo pipefail

out=${1:?usage: build-kselftests.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/baton
src=${LINUX_SRC:-$cache/src/linux-source-7.2}
if [ -z "${LINUX_SRC:-}" ] && [ ! -f "$src/Makefile" ]; then
	"$here/fetch-linux.sh" "$cache/src" >&2
fi
dir=$src/tools/testing/selftests/liveupdate
[ -f "$dir/luo_test_utils.c" ] || {
	echo "build-kselftests: FAIL no LUO selftests in $src" >&2
	exit 1
}

# The two-stage kexec tests and the single-boot ioctl test.
TESTS="luo_kexec_simple luo_multi_session luo_stress_files luo_stress_sessions liveupdate"

mkdir -p "$out/include/linux"
ln -sfn "$src/include/uapi/linux/liveupdate.h" "$out/include/linux/liveupdate.h"
# The selftests' own lib.mk flags (-D_GNU_SOURCE=, the selftests directory
# on the include path) and Makefile flags, plus -static: the initramfs has
# no C library.
cflags=(-static -O2 -Wall -Wno-unused-function -D_GNU_SOURCE=
	-I"$src/tools/testing/selftests" -isystem "$out/include")
for t in $TESTS; do
	# as the selftests' Makefile links them: every program + LIB_C
	gcc "${cflags[@]}" "$dir/$t.c" "$dir/luo_test_utils.c" -o "$out/$t.tmp"
	mv "$out/$t.tmp" "$out/$t"
	echo "build-kselftests: $out/$t ($(stat -c %s "$out/$t") bytes)"
done
