# expect-lib.sh: sourced (from the repository root) by the QEMU and OVMF
# test scripts. A case starts with problems=""; expect_line LOG LINE and
# expect_regex LOG REGEX add a line to $problems when LOG holds no such
# whole line, and the case fails when $problems is not empty.
problems=""
expect_line() {
	grep -qxF -- "$2" "$1" || problems="$problems
  missing line: $2"
}
expect_regex() {
	grep -qx -- "$2" "$1" || problems="$problems
  no line matching: $2"
}
