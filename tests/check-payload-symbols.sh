#!/bin/sh
# check-payload-symbols.sh ELF HOST_OBJ_DIR
# check-payload-symbols.sh --selftest ELF HOST_OBJ_DIR
#
# The payload links only what it runs (--gc-sections): no host-only symbol
# may be in ELF. Host-only means defined by an object built from host/
# (HOST_OBJ_DIR, e.g. build/host/host: builders, scenarios, damage, fuzz
# image, capture writer, timeline writers, ...) or named like host code
# (the prefixes below). Prints PASS/FAIL lines; exit 1 on a violation.
# --selftest plants one host symbol in the symbol list and expects FAIL.
selftest=0
if [ "$1" = --selftest ]; then
	selftest=1
	shift
fi
elf=$1
hostdir=$2
if [ ! -f "$elf" ] || [ ! -d "$hostdir" ]; then
	echo "usage: $0 [--selftest] ELF HOST_OBJ_DIR" >&2
	exit 2
fi

# Named like host code, whichever file defines it.
prefixes='builder_ hb_ mkh_ host_ fuzz_image_ damage_ bench_ capture_write handover_timeline_'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nm --defined-only "$elf" | awk '{ print $NF }' | sort -u > "$tmp/payload"
[ $selftest = 1 ] && echo hb_preserve >> "$tmp/payload" && sort -u -o "$tmp/payload" "$tmp/payload"
find "$hostdir" -name '*.o' -exec nm --defined-only -g {} + 2>/dev/null |
	awk 'NF == 3 { print $3 }' | sort -u > "$tmp/host"
if [ ! -s "$tmp/host" ]; then
	echo "FAIL: payload-symbols (no host objects under $hostdir)"
	exit 1
fi

comm -12 "$tmp/payload" "$tmp/host" > "$tmp/bad"
for p in $prefixes; do
	grep "^$p" "$tmp/payload" >> "$tmp/bad"
done
sort -u -o "$tmp/bad" "$tmp/bad"

n=$(wc -l < "$tmp/host")
if [ $selftest = 1 ]; then
	if grep -qx hb_preserve "$tmp/bad"; then
		echo "PASS: payload-symbols/selftest (a planted hb_preserve is caught)"
		exit 0
	fi
	echo "FAIL: payload-symbols/selftest (a planted hb_preserve went unnoticed)"
	exit 1
fi
if [ -s "$tmp/bad" ]; then
	echo "FAIL: payload-symbols ($(wc -l < "$tmp/bad") host-only symbols in $elf:" \
		"$(tr '\n' ' ' < "$tmp/bad"))"
	exit 1
fi
echo "PASS: payload-symbols ($(wc -l < "$tmp/payload") payload symbols, none of $n host symbols or the host prefixes)"
