#!/bin/sh
# SPDX-License-Identifier: MIT
#
# check-layers.sh [ROOT]: the payload's layering as a checked rule (README,
# "Layers"). Reads every #include of the payload folders and fails, naming
# file:line, when
#   - a lower layer includes a higher one, or one of two folders on the
#     same row includes the other (mm/ and luo/ are independent);
#   - anything but arch/ itself, the <baton/arch.h> shim and the link
#     script includes arch/<arch>/ directly;
#   - a payload folder includes host/, tools/ or tests/.
# Only files of this tree count: <string.h>, <libfdt.h>, <efi.h>... are not
# baton's and are skipped. "x.h" is looked up next to the includer first.
# check-layers.sh --selftest: runs the check on a small tree with one
# violation of each kind (and the allowed cases) and expects exactly those.
#
# The layers, bottom (0) to top; a folder may include its own row and the
# rows below it. boot/chain/ (the next kernel) is a row of its own below
# report/, which renders its ABI precheck; boot/ proper is the flow on top.
LAYERS='
0 base include/baton/
0 base include/freestanding/
0 base lib/
1 drivers drivers/
2 arch arch/
3 mm mm/
3 luo luo/
4 chain boot/chain/
5 report report/
6 boot boot/
7 efi efi/
7 linker linker/
'
PAYLOAD_DIRS='arch boot drivers efi include lib linker luo mm report'

check() {
	root=$1
	(cd "$root" && find $PAYLOAD_DIRS -type f \
		\( -name '*.c' -o -name '*.h' -o -name '*.S' \) 2>/dev/null |
		LC_ALL=C sort |
		while read -r f; do
			grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' "$f" |
				sed "s|^|$f:|"
		done) |
	awk -v root="$root" -v layers="$LAYERS" '
	function exists(p) {
		if (!(p in known))
			known[p] = system("test -f \"" root "/" p "\"") == 0
		return known[p]
	}
	function norm(p,    n, i, parts, out, k) {
		n = split(p, parts, "/")
		k = 0
		for (i = 1; i <= n; i++) {
			if (parts[i] == "." || parts[i] == "")
				continue
			if (parts[i] == "..") { if (k) k--; continue }
			out[++k] = parts[i]
		}
		p = ""
		for (i = 1; i <= k; i++)
			p = p (i > 1 ? "/" : "") out[i]
		return p
	}
	# The file an include names, "" when it is not part of this tree.
	function resolve(file, name, quoted,    dir) {
		if (quoted) {
			dir = file
			sub(/[^\/]*$/, "", dir)
			if (exists(norm(dir name)))
				return norm(dir name)
		}
		if (exists("include/freestanding/" name))
			return "include/freestanding/" name
		if (exists("include/" name))
			return norm("include/" name)
		if (exists(name))
			return norm(name)
		return ""
	}
	# Longest matching prefix of LAYERS; sets unit[] and rank[] by path.
	function classify(p,    i, best, len) {
		best = 0
		for (i = 1; i <= nl; i++)
			if (index(p, lprefix[i]) == 1 && length(lprefix[i]) > len) {
				best = i
				len = length(lprefix[i])
			}
		return best
	}
	BEGIN {
		n = split(layers, line, "\n")
		nl = 0
		for (i = 1; i <= n; i++) {
			if (split(line[i], w, " ") != 3)
				continue
			nl++
			lrank[nl] = w[1]; lunit[nl] = w[2]; lprefix[nl] = w[3]
		}
		bad = 0
		count = 0
	}
	{
		# file:line:text
		file = $0; sub(/:.*/, "", file)
		rest = substr($0, length(file) + 2)
		lineno = rest; sub(/:.*/, "", lineno)
		text = substr(rest, length(lineno) + 2)
		quoted = text ~ /include[[:space:]]*"/
		name = text
		sub(/^[^<"]*[<"]/, "", name)
		sub(/[>"].*$/, "", name)
		count++
		target = resolve(file, name, quoted)
		if (target == "")
			next
		src = classify(file)
		where = file ":" lineno ": "
		if (target ~ /^(host|tools|tests)\//) {
			printf "%sthe payload includes %s (host side)\n", where, target
			bad++
			next
		}
		if (target ~ /^arch\/[^\/]+\//) {
			if (file ~ /^arch\// || file == "include/baton/arch.h" ||
			    file ~ /^linker\//)
				next
			printf "%sincludes %s directly: only arch/, <baton/arch.h> and the link script do\n", where, target
			bad++
			next
		}
		dst = classify(target)
		if (!src || !dst || lunit[src] == lunit[dst])
			next
		if (lrank[dst] > lrank[src]) {
			printf "%s%s (layer %d) includes %s of %s (layer %d): lower layers do not include higher ones\n",
			       where, lprefix[src], lrank[src], target,
			       lprefix[dst], lrank[dst]
			bad++
		} else if (lrank[dst] == lrank[src]) {
			printf "%s%s includes %s of %s: folders on one row do not include each other\n",
			       where, lprefix[src], target, lprefix[dst]
			bad++
		}
	}
	END {
		printf "%d includes checked, %d violations\n", count, bad
		exit bad ? 1 : 0
	}'
}

selftest() {
	t=$(mktemp -d)
	trap 'rm -rf "$t"' EXIT
	mk() {
		mkdir -p "$t/$(dirname "$1")"
		printf '%s\n' "$2" >> "$t/$1"
	}
	mk include/baton/types.h '/* base */'
	mk include/baton/arch.h '#include <arch/x86_64/io.h>'
	mk arch/x86_64/io.h '#include <baton/types.h>'
	mk arch/x86_64/cpu.c '#include <arch/x86_64/io.h>'
	mk arch/x86_64/cpu.c '#include <drivers/console.h>'
	mk drivers/console.h '#include <baton/arch.h>'
	mk mm/mm.h '#include <baton/types.h>'
	mk luo/model.h '#include <string.h>'
	mk luo/model.h '#include "model_internal.h"'
	mk luo/model_internal.h '/* own folder, quoted */'
	mk boot/chain/precheck.h '#include <luo/model.h>'
	mk report/report.h '#include <boot/chain/precheck.h>'
	mk boot/flow.h '#include <report/report.h>'
	mk linker/baton.lds.S '#include <arch/x86_64/io.h>'
	mk host/builder/builder.h '#include <luo/model.h>'
	mk tools/x/x.h '/* tool */'
	# the violations, one of each kind
	mk lib/log.c '#include <luo/model.h>'
	mk mm/reserve.c '#include <luo/model.h>'
	mk luo/parse.c '#include <boot/flow.h>'
	mk report/json.c '#include <boot/flow.h>'
	mk boot/chain/place.c '#include <report/report.h>'
	mk boot/main.c '#include <arch/x86_64/io.h>'
	mk drivers/uart.c '#include <arch/x86_64/io.h>'
	mk luo/fuzz.c '#include <host/builder/builder.h>'
	mk boot/phase.c '#include "../tools/x/x.h"'
	out=$(check "$t")
	rc=$?
	expect='boot/chain/place.c:1: boot/chain/ (layer 4) includes report/report.h of report/ (layer 5): lower layers do not include higher ones
boot/main.c:1: includes arch/x86_64/io.h directly: only arch/, <baton/arch.h> and the link script do
boot/phase.c:1: the payload includes tools/x/x.h (host side)
drivers/uart.c:1: includes arch/x86_64/io.h directly: only arch/, <baton/arch.h> and the link script do
lib/log.c:1: lib/ (layer 0) includes luo/model.h of luo/ (layer 3): lower layers do not include higher ones
luo/fuzz.c:1: the payload includes host/builder/builder.h (host side)
luo/parse.c:1: luo/ (layer 3) includes boot/flow.h of boot/ (layer 6): lower layers do not include higher ones
mm/reserve.c:1: mm/ includes luo/model.h of luo/: folders on one row do not include each other
report/json.c:1: report/ (layer 5) includes boot/flow.h of boot/ (layer 6): lower layers do not include higher ones
21 includes checked, 9 violations'
	if [ $rc = 1 ] && [ "$out" = "$expect" ]; then
		echo "PASS: layers/selftest (9 planted violations found, allowed includes pass)"
		return 0
	fi
	echo "FAIL: layers/selftest (exit $rc)"
	printf '%s\n' "$out" > "$t/got"
	printf '%s\n' "$expect" > "$t/want"
	diff "$t/want" "$t/got"
	return 1
}

if [ "$1" = "--selftest" ]; then
	selftest
	exit $?
fi
root=${1:-.}
if out=$(check "$root"); then
	echo "PASS: layers ($(printf '%s\n' "$out" | tail -n 1))"
	exit 0
fi
printf '%s\n' "$out" | sed '$d'
echo "FAIL: layers ($(printf '%s\n' "$out" | tail -n 1); README, \"Layers\")"
exit 1
