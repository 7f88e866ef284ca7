# check-lib.sh: sourced by the real-Linux test scripts. check NAME OK [WHY]
# prints the PASS/FAIL line tests/summarize.sh counts and sets failed=1 on a
# failure; has LOG REGEX answers 1 or 0 for check's OK argument.
check() {
	local name=$1 ok=$2; shift 2
	if [ "$ok" = 1 ]; then
		echo "PASS: $name${*:+ ($*)}"
	else
		echo "FAIL: $name${*:+ ($*)}"
		failed=1
	fi
}
has() { grep -Eq "$2" "$1" && echo 1 || echo 0; }
