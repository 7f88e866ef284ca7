#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Every unit test case on its own: runs each case a unit binary lists
# (BIN --list) as `BIN NAME`, in a fresh process, and requires exactly
# "1 passed, 0 failed". A case that passes only after the cases before it
# in its binary ran (shared static state, an order dependence) fails here.
#
# usage: tests/unit/run-each-alone.sh BIN...
# Prints one PASS/FAIL line per binary (alone/BIN: N cases); the output of
# a failing case follows its FAIL line. Exit status 1 if any case failed.

rc=0
for bin in "$@"; do
	name=${bin##*/}
	if ! cases=$("$bin" --list) || [ -z "$cases" ]; then
		echo "FAIL: alone/$name (no case list from $bin --list)"
		rc=1
		continue
	fi
	n=0
	bad=
	log=
	for c in $cases; do
		n=$((n + 1))
		if ! out=$("$bin" "$c" 2>&1) ||
		   [ "$(printf '%s\n' "$out" | tail -n 1)" != \
		     "$name: 1 passed, 0 failed" ]; then
			bad="$bad $c"
			log="$log$(printf '%s\n' "$out" | sed 's/^/  | /')
"
		fi
	done
	if [ -n "$bad" ]; then
		echo "FAIL: alone/$name (failed alone:$bad)"
		printf '%s' "$log"
		rc=1
	else
		echo "PASS: alone/$name ($n cases)"
	fi
done
exit $rc
