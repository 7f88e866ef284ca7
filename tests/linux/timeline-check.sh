# shellcheck shell=bash
# timeline-check.sh: sourced by the real-Linux round trips. Checks the
# T0..T3 timeline that `baton-agent verify` prints (TIMELINE lines,
# docs/latency.md) in a serial log. The caller defines check NAME 0|1 [TEXT].
#
#   timeline_checks NAME LOG baton|direct [no-t0]
#
# baton: Linux -> baton -> Linux (T1, T2 and baton's phases from its report
# blob); direct: Linux -> Linux (no baton stamps). no-t0: `baton-agent
# timeline` after Linux's own selftests, no manifest and so no T0; the
# checks then start at the first known point. Exact checks only: which
# points are known, their order, that the segments tile T0->T3, and the
# next kernel's KHO/LUO marks. Under QEMU the guest TSC is one virtual
# counter across the guest's kexecs, so the order holds whether or not the
# CPU model advertises an invariant TSC (which the detail text shows).

# timeline_values LOG KIND: the tsc= values of TIMELINE KIND lines, decimal
timeline_values() {
	local v
	for v in $(grep -E "^TIMELINE $2 .*tsc=0x[0-9a-f]+" "$1" |
		   grep -Eo 'tsc=0x[0-9a-f]+' | cut -d= -f2); do
		echo $((v))
	done
}

# timeline_point LOG T0..T3: decimal, or "unknown"
timeline_point() {
	local v
	v=$(grep -E "^TIMELINE point $2 " "$1" | head -1 | cut -d' ' -f4)
	case "$v" in
	tsc=0x*) echo $((${v#tsc=})) ;;
	*) echo unknown ;;
	esac
}

timeline_checks() {
	local name=$1 log=$2 mode=$3 no_t0=${4:-}
	local t0 t1 t2 t3 ok why seq prev v last_phase total json sum inv

	t0=$(timeline_point "$log" T0) t1=$(timeline_point "$log" T1)
	t2=$(timeline_point "$log" T2) t3=$(timeline_point "$log" T3)
	inv=$(grep -Eo '^TIMELINE clock .*invariant-tsc=(yes|no)' "$log" |
	      grep -Eo '(yes|no)$')
	ok=1 why="T0 $t0 T1 $t1 T2 $t2 T3 $t3, invariant-tsc=${inv:-?}"
	[ "$t3" = unknown ] && ok=0
	if [ -n "$no_t0" ]; then
		[ "$t0" = unknown ] || ok=0
	else
		[ "$t0" = unknown ] && ok=0
	fi
	if [ "$mode" = baton ]; then
		{ [ "$t1" = unknown ] || [ "$t2" = unknown ]; } && ok=0
		grep -Eq '^TIMELINE baton-report (kho/baton|setup_data/[0-9]+)$' "$log" || ok=0
	else
		{ [ "$t1" != unknown ] || [ "$t2" != unknown ]; } && ok=0
		grep -q '^TIMELINE baton-report none$' "$log" || ok=0
	fi
	check $name-timeline-points $ok "$why"
	[ $ok = 1 ] || return

	# T0 < T1 <= phases <= T2 (= last phase) <= marks <= T3, T2 < T3
	seq=()
	[ -z "$no_t0" ] && seq=("$t0")
	if [ "$mode" = baton ]; then
		seq+=("$t1")
		mapfile -t -O ${#seq[@]} seq < <(timeline_values "$log" phase)
		last_phase=${seq[-1]}
		seq+=("$t2")
	fi
	mapfile -t -O ${#seq[@]} seq < <(timeline_values "$log" mark)
	seq+=("$t3")
	ok=1 why="${#seq[@]} points in order"
	prev=
	for v in "${seq[@]}"; do
		if [ -n "$prev" ] && [ "$v" -lt "$prev" ]; then
			ok=0 why="$v after $prev goes backwards"
		fi
		prev=$v
	done
	[ "${seq[0]}" -lt "$t3" ] || { ok=0; why="${seq[0]} not before T3 $t3"; }
	if [ "$mode" = baton ]; then
		{ [ "${seq[0]}" -lt "$t1" ] || [ -n "$no_t0" ]; } &&
		{ [ "$t1" -lt "$t2" ] && [ "$t2" -lt "$t3" ]; } ||
			{ ok=0; why="T0 < T1 < T2 < T3 does not hold"; }
		[ "$last_phase" = "$t2" ] || { ok=0; why="T2 is not baton's last phase"; }
	fi
	check $name-timeline-order $ok "$why"

	# The next kernel's KHO/LUO init lines, from its printk timestamps
	ok=1 why=$(grep -Eo '^TIMELINE kernel-marks count=[0-9]+ dropped=[0-9]+' "$log" |
		   sed 's/^TIMELINE //')
	for v in 'KHO: found kexec handover data.' \
		 'luo: Retrieved live update data, liveupdate number: 1' \
		 'Run /init as init process'; do
		grep -qxF "$v" <(grep '^TIMELINE mark ' "$log" | sed 's/.* name=//') ||
			{ ok=0; why="no mark \"$v\"; $why"; }
	done
	check $name-timeline-kernel-marks $ok "$why"

	# The JSON: its T0->T3 is the host's T3 - T0 (null without T0) and the
	# segments tile the span from the first known point to T3
	json=$(grep -m1 '^TIMELINE-JSON {' "$log")
	total=$(echo "$json" | grep -Eo '"total_ticks":([0-9]+|null)' | cut -d: -f2)
	sum=0
	for v in $(echo "$json" | grep -Eo '"ticks":[0-9]+' | cut -d: -f2); do
		sum=$((sum + v))
	done
	ok=0
	if [ -n "$no_t0" ]; then
		[ "$total" = null ] && [ "$sum" = $((t3 - seq[0])) ] && ok=1
	else
		[ -n "$total" ] && [ "$total" = $((t3 - t0)) ] && [ "$sum" = "$total" ] && ok=1
	fi
	check $name-timeline-json $ok "T0->T3 ${total:-?} ticks, segments sum $sum, first point to T3 $((t3 - seq[0]))"
	grep -E '^TIMELINE (phase|mark|summary) ' "$log" | sed 's/^/  /'
}
