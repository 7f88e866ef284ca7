#!/bin/sh
# summarize.sh LOG: count PASS/FAIL/SKIP lines, print the totals, exit 1 on
# any failure or when nothing ran at all.
log=$1
pass=$(grep -c '^PASS: ' "$log")
fail=$(grep -c '^FAIL: ' "$log")
skip=$(grep -c '^SKIP: ' "$log")
echo
if [ "$fail" -gt 0 ]; then
	echo "Failed tests:"
	grep '^FAIL: ' "$log" | sed 's/^/  /'
fi
if [ "$skip" -gt 0 ]; then
	echo "Skipped tests:"
	grep '^SKIP: ' "$log" | sed 's/^/  /'
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
