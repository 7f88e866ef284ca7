# expect-lib.sh: sourced (from the repository root) by the QEMU and OVMF
# test scripts. A case starts with problems=""; expect_line LOG LINE and
# expect_regex LOG REGEX add a line to $problems when LOG holds no such
# whole line, and the case fails when $problems is not empty;
# wait_baton_exit waits for the run whose log they read.
problems=""
expect_line() {
	grep -qxF -- "$2" "$1" || problems="$problems
  missing line: $2"
}
expect_regex() {
	grep -qx -- "$2" "$1" || problems="$problems
  no line matching: $2"
}
# wait_baton_exit PID RAW: waits for the QEMU process PID; once its serial
# log RAW says baton exited or the UEFI launcher gave up, QEMU is stopped a
# second later (a baton that cannot power the machine off halts in it).
wait_baton_exit() {
	while kill -0 "$1" 2>/dev/null; do
		if grep -qE "baton: exit |stopped: nothing was booted" "$2" 2>/dev/null; then
			sleep 1
			kill "$1" 2>/dev/null
			break
		fi
		sleep 1
	done
	wait "$1" 2>/dev/null
}
