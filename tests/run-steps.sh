#!/bin/sh
# run-steps.sh LOG STEP...: run each make target, keep going after failures,
# then print the closing "N passed, N failed" line over every PASS/FAIL/SKIP
# line the steps printed. A step that fails without printing FAIL counts as one.
log=$1; shift
: > "$log"
for step in "$@"; do
	echo "=== $step"
	out=$(mktemp)
	rcfile=$(mktemp)
	{ make --no-print-directory "$step"; echo $? > "$rcfile"; } 2>&1 | tee "$out"
	if [ "$(cat "$rcfile")" != 0 ] && ! grep -q '^FAIL: ' "$out"; then
		echo "FAIL: $step (the step failed without naming a test)" | tee -a "$out"
	fi
	cat "$out" >> "$log"
	rm -f "$out" "$rcfile"
done
exec "$(dirname "$0")/summarize.sh" "$log"
