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
# The agent's summary lines are also on its data channel (below), where no
# kernel message can split them: a line intact in either copy counts.
has() {
	local data="${1%.log}.data"
	grep -Eq "$2" "$1" && { echo 1; return; }
	[ -f "$data" ] && [ "$data" != "$1" ] && grep -Eq "$2" "$data" && { echo 1; return; }
	echo 0
}

# The agent's data channel beside a trip's console log (run-qemu.sh --data):
# only baton-agent writes there, so no kernel message splits its lines.
agent_data() { echo "${1%.log}.data"; }
# agent_lines LOG PREFIX: the data channel's PREFIX lines, without PREFIX.
agent_lines() { grep "^$2 " "$(agent_data "$1")" | sed "s/^$2 //"; }
# manifest_roundtrip NAME LOG: what the first kernel's agent preserved
# (MANIFEST) is exactly what the last kernel's agent retrieved (MANIFEST-IN).
manifest_roundtrip() {
	local name=$1 log=$2 sent got
	sent=$(agent_lines "$log" MANIFEST)
	got=$(agent_lines "$log" MANIFEST-IN)
	if [ -z "$sent" ]; then
		check $name-manifest-roundtrip 0 "no MANIFEST lines in $(agent_data "$log")"
	elif [ "$sent" = "$got" ]; then
		check $name-manifest-roundtrip 1
	else
		check $name-manifest-roundtrip 0 \
			"MANIFEST and MANIFEST-IN differ in $(agent_data "$log"): $(diff <(echo "$sent") <(echo "$got") | grep -m1 '^[<>]')"
	fi
}

# digest_lines LOG: baton's per-file content digests (docs/report-format.md)
#   digest: session "NAME" token 0xT size 0xS crc32c 0xC STATUS ...
# as "session=NAME token=DECIMAL STATUS" (STATUS ok, MISMATCH, manifest, ...)
digest_lines() {
	local session token status
	sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' "$1" | tr -d '\r' |
	sed -nE 's/^digest: session "([^"]*)" token (0x[0-9a-f]+) size 0x[0-9a-f]+ (crc32c 0x[0-9a-f]+ )?([A-Za-z-]+).*/\1 \2 \4/p' |
	while read -r session token status; do
		echo "session=$session token=$(printf '%u' $((token))) $status"
	done
}

# plan_value AGENT SCENARIO_FILE FIELD: a count from `baton-agent plan`, the
# host's own expansion of the scenario (independent of what the guest says).
plan_value() { "$1" plan "$2" | head -1 | grep -Eo "$3=[0-9]+" | cut -d= -f2; }
# agent_checks AGENT SCENARIO_FILE: how many checks the agent's verify runs:
# 3 global checks + the agent session's finish, 3 per session, 1 per file.
# 0 when the plan cannot be read, so the caller's exact count fails.
agent_checks() {
	local sessions files
	sessions=$(plan_value "$1" "$2" sessions)
	files=$(plan_value "$1" "$2" files)
	[ -n "$sessions" ] && [ -n "$files" ] || { echo 0; return; }
	echo $((4 + 3 * sessions + files))
}

# trip_files NAME OUT AGENT BATON MKBUNDLE VERIFY_CMDLINE: what a Linux 7.2
# -> baton -> Linux 7.2 trip boots, made in OUT: the cached 7.2 kernel
# (bzImage), the next kernel's initramfs (verify.cpio.gz), baton's bundle
# (bundle.cpio: that kernel and initramfs with VERIFY_CMDLINE) and the first
# kernel's initramfs carrying all of them (prepare.cpio.gz). Non-zero when
# one cannot be made (a NAME-kernel-build FAIL line for the kernel).
trip_files() {
	local name=$1 out=$2 agent=$3 baton=$4 mkbundle=$5 cmdline=$6
	local lib_dir
	lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
	if ! "$lib_dir/build-kernel.sh" --release 7.2 "$out/bzImage" \
		>"$out/kernel-build.log" 2>&1; then
		check $name-kernel-build 0 "see $out/kernel-build.log"
		return 1
	fi
	"$lib_dir/mkinitramfs.sh" "$out/verify.cpio.gz" "$agent" >/dev/null &&
	"$mkbundle" -o "$out/bundle.cpio" --kernel "$out/bzImage" \
		--initrd "$out/verify.cpio.gz" --cmdline "$cmdline" >/dev/null &&
	"$lib_dir/mkinitramfs.sh" "$out/prepare.cpio.gz" "$agent" \
		bzImage="$out/bzImage" verify.cpio.gz="$out/verify.cpio.gz" \
		baton.bzImage="$baton" bundle.cpio="$out/bundle.cpio" >/dev/null
}
