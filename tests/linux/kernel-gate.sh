#!/usr/bin/env bash
# kernel-gate.sh BUILD STEP [RELEASE ...]: may the steps that boot the Linux
# test kernels run, and are they there for them? RELEASE defaults to the
# base release (7.2, releases.sh). Each kernel is linked at
# BUILD/linux/RELEASE/bzImage, the base release's also at BUILD/linux/bzImage.
#   BATON_LINUX=1 or unset  build them if needed (fetch + 5-20 min each on
#                           2 cores): a newcomer's `make test` runs what CI runs
#   BATON_LINUX=0           skip (the opt-out)
# Exit 0: go on; 1: skip (a SKIP line was printed); 2: a build failed
# (a FAIL line was printed; the log is BUILD/linux/kernel-build.log for the
# base release, BUILD/linux/kernel-build-RELEASE.log for the others).
set -uo pipefail

build=${1:?usage: kernel-gate.sh BUILD STEP [RELEASE ...]}
step=${2:?usage: kernel-gate.sh BUILD STEP [RELEASE ...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/releases.sh"
out=$build/linux
mkdir -p "$out"
releases=("$@")
[ ${#releases[@]} -gt 0 ] || releases=("$LINUX_RELEASE_BASE")

mode=build
case "${BATON_LINUX:-1}" in
1) mode=build ;;
0) mode=skip ;;
*) echo "FAIL: $step (BATON_LINUX must be 0 or 1)"; exit 2 ;;
esac

if [ $mode = skip ]; then
	echo "SKIP: $step (BATON_LINUX=0)"
	exit 1
fi
for r in "${releases[@]}"; do
	linux_release "$r" || { echo "FAIL: $step (unknown release $r)"; exit 2; }
	if [ "$r" = "$LINUX_RELEASE_BASE" ]; then
		log=$out/kernel-build.log
	else
		log=$out/kernel-build-$r.log
	fi
	if ! "$here/build-kernel.sh" --release "$r" "$out/$r/bzImage" > "$log" 2>&1; then
		tail -20 "$log"
		if [ "$r" = "$LINUX_RELEASE_BASE" ]; then
			echo "FAIL: linux-kernel-build (see $log)"
		else
			echo "FAIL: linux-kernel-build-$r (see $log)"
		fi
		exit 2
	fi
	[ "$r" = "$LINUX_RELEASE_BASE" ] && ln -sfn "$r/bzImage" "$out/bzImage"
done
exit 0
