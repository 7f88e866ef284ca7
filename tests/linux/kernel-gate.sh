#!/usr/bin/env bash
# kernel-gate.sh BUILD STEP: may the steps that boot the Linux 7.2 test kernel
# run, and is BUILD/linux/bzImage there for them?
#   BATON_LINUX=1 or unset  build it if needed (fetch + 5-20 min on 2 cores):
#                           a newcomer's `make test` runs what CI runs
#   BATON_LINUX=0           skip (the opt-out)
# Exit 0: go on; 1: skip (a SKIP line was printed); 2: the build failed
# (a FAIL line was printed, the log is BUILD/linux/kernel-build.log).
set -uo pipefail

build=${1:?usage: kernel-gate.sh BUILD STEP}
step=${2:?usage: kernel-gate.sh BUILD STEP}
here=$(cd "$(dirname "$0")" && pwd)
out=$build/linux
mkdir -p "$out"
log=$out/kernel-build.log

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
if ! "$here/build-kernel.sh" "$out/bzImage" > "$log" 2>&1; then
	tail -20 "$log"
	echo "FAIL: linux-kernel-build (see $log)"
	exit 2
fi
exit 0
