#!/bin/sh
# check-abi-refs.sh [ROOT]: every ABI reference in the tree points inside it.
#
# Code and documents cite docs/handover-abi.md by section number (§2.4.4)
# and by invariant id (R3, L5, ...). A citation that no heading or rule row
# of the document answers is a dangling reference; so is any mention of
# the out-of-tree fact sheet the document replaced (the steering
# repository's docs folder). Prints one
# PASS or FAIL line for tests/run-steps.sh, the offenders before a FAIL.
root=${1:-$(dirname "$0")/..}
cd "$root" || exit 1
doc=docs/handover-abi.md
self=tests/check-abi-refs.sh
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$doc" ]; then
	echo "FAIL: abi-refs: $doc missing"
	exit 1
fi

# What the document offers: "## 1. Title", "### 2.4.4 Title" -> 1, 2.4.4;
# rule rows "| R3 | ..." -> R3.
sed -n 's/^##* \([0-9][0-9.]*\) .*/\1/p' "$doc" | sed 's/\.$//' \
	| sort -u > "$tmp/sections"
sed -n 's/^| \([HFRVBLMK][0-9][0-9]*\) |.*/\1/p' "$doc" | sort -u > "$tmp/rules"

# Text files of the tree, outside .git, build directories and the document.
find . \( -name .git -o -name 'build*' -o -name node_modules \) -prune -o \
	-type f \( -name '*.c' -o -name '*.h' -o -name '*.md' -o -name '*.sh' \
	-o -name '*.mk' -o -name '*.py' -o -name '*.S' -o -name Makefile \) \
	-print | sed 's|^\./||' | grep -v -x -e "$doc" -e "$self" | sort \
	> "$tmp/files"

# Section citations anywhere: "§6.1-§6.3" cites both ends.
xargs grep -n -o -E '§ ?[0-9]+(\.[0-9]+)*' < "$tmp/files" 2>/dev/null \
	| sed 's/§ */ /' > "$tmp/cited-sections"

# Rule ids only where they name rules: comments of the payload and host
# code and the documents. arch/ (register names R8..R15) and tests/ (radix
# levels L0..L5, local macros V1/V2) use the same shapes for other things.
grep -v -e '^arch/' -e '^tests/' "$tmp/files" \
	| grep -E '\.(c|h|md)$' > "$tmp/rule-files"
xargs grep -n -o -w -E '[HFRVBLMK][0-9]{1,2}' < "$tmp/rule-files" \
	2>/dev/null | sed 's/:\([^:]*\)$/ \1/' > "$tmp/cited-rules"

bad=0
while read -r where num; do
	if ! grep -q -x -F "$num" "$tmp/sections"; then
		echo "  ${where%:} cites §$num: no such heading in $doc"
		bad=$((bad + 1))
	fi
done < "$tmp/cited-sections"
while read -r where id; do
	if ! grep -q -x -F "$id" "$tmp/rules"; then
		echo "  ${where%:} cites rule $id: no such row in $doc"
		bad=$((bad + 1))
	fi
done < "$tmp/cited-rules"
outside="shared"/docs	# spelled in two parts so this file does not match
if xargs grep -n -F "$outside" < "$tmp/files" > "$tmp/shared" 2>/dev/null
then
	sed 's/^/  out-of-tree reference: /' "$tmp/shared"
	bad=$((bad + $(wc -l < "$tmp/shared")))
fi

nsec=$(wc -l < "$tmp/cited-sections")
nrule=$(wc -l < "$tmp/cited-rules")
if [ "$bad" -gt 0 ]; then
	echo "FAIL: abi-refs: $bad dangling references ($nsec section and $nrule rule citations checked)"
	exit 1
fi
echo "PASS: abi-refs ($nsec section and $nrule rule citations resolve in $doc)"
