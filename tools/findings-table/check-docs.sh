#!/bin/sh
# check-docs.sh TABLE_TOOL [--update]: the table between the markers of
# docs/findings.md must equal the tool's output (--update rewrites it), and
# every code must have its own entry in the module's findings document.
tool=$1
doc=docs/findings.md
begin='<!-- BEGIN GENERATED TABLE: make findings-doc -->'
end='<!-- END GENERATED TABLE -->'
table=$(mktemp)
"$tool" > "$table" || exit 1
if [ "$2" = "--update" ]; then
	awk -v b="$begin" -v e="$end" -v t="$table" '
		$0 == b { print; while ((getline l < t) > 0) print l; skip = 1; next }
		$0 == e { skip = 0 }
		!skip { print }' "$doc" > "$doc.new" && mv "$doc.new" "$doc"
fi
current=$(mktemp)
awk -v b="$begin" -v e="$end" '$0 == e { on = 0 } on { print } $0 == b { on = 1 }' \
	"$doc" > "$current"
if cmp -s "$table" "$current"; then
	echo "PASS: docs/findings-table"
else
	echo "FAIL: docs/findings-table (docs/findings.md is stale: run make findings-doc)"
	diff "$current" "$table" | head -20
fi
missing=0
while IFS='|' read -r _ code _ _ raised; do
	code=$(echo "$code" | tr -d ' `')
	file=docs/$(echo "$raised" | sed 's/.*(\(.*\)).*/\1/')
	case "$code" in E_*|W_*|I_*) ;; *) continue ;; esac
	if ! grep -q "$code" "$file" 2>/dev/null; then
		echo "  $code is not described in $file"
		missing=1
	fi
done < "$table"
if [ $missing = 0 ]; then
	echo "PASS: docs/findings-described"
else
	echo "FAIL: docs/findings-described"
fi
rm -f "$table" "$current"
