# shellcheck shell=bash
# bench-handover-lib.sh: sourced by bench-handover.sh. Turns one round
# trip's serial log into a record of segment durations (run_record) and a
# set of records into the median table (print_table).
#
# Record: one line, fields separated by "|", each "KEY=VALUE"; segment keys
# are "NN name" (NN groups the table rows, first appearance orders a
# group), values in microseconds.

. "$(dirname "${BASH_SOURCE[0]}")/timeline-check.sh"

# rec_value RECORD KEY
rec_value() {
	echo "$1" | tr '|' '\n' | grep -m1 "^$2=" | cut -d= -f2
}

# short name of a next-kernel mark for the table
mark_label() {
	case "$1" in
	'KHO: found kexec handover data.') echo 'kernel clock start (KHO: found)' ;;
	'luo: Retrieved'*) echo 'luo: Retrieved' ;;
	'KHO: exec from'*) echo 'KHO: exec from' ;;
	'Run /init'*) echo 'Run /init' ;;
	*) echo "${1:0:28}" ;;
	esac
}

# console_start_tsc LOG: T1 from baton's console JSON ("start_tsc"), decimal
console_start_tsc() {
	local v
	v=$(grep -m1 -Eo '"start_tsc": "0x[0-9a-f]+"' "$1" | grep -Eo '0x[0-9a-f]+')
	[ -n "$v" ] && echo $((v))
}

# phase_stamps LOG: "TSC NAME" (decimal) of baton's phases, from verify's
# TIMELINE lines, else (no report reached verify) from baton's console JSON
phase_stamps() {
	if grep -q '^TIMELINE phase ' "$1"; then
		grep -E '^TIMELINE phase ' "$1" |
			sed -E 's/^TIMELINE phase tsc=(0x[0-9a-f]+) delta-us=-?[0-9]+ name=/\1 /'
	else
		grep -E '^ *\{"name": "[^"]+", "tsc": "0x[0-9a-f]+"' "$1" |
			sed -E 's/^ *\{"name": "([^"]+)", "tsc": "(0x[0-9a-f]+)".*/\2 \1/'
	fi | while read -r tsc name; do echo "$((tsc)) $name"; done
}

# run_record LOG MODE: the segments of one run, or nothing without a
# complete timeline (the caller counts that run as failed)
run_record() {
	local log=$1 mode=$2 khz t0 t1 t2 t3 prev tsc name rec i bkhz jump_us jump
	khz=$(grep -Eo '^TIMELINE clock tsc-khz=[0-9]+' "$log" | cut -d= -f2)
	t0=$(timeline_point "$log" T0) t1=$(timeline_point "$log" T1)
	t2=$(timeline_point "$log" T2) t3=$(timeline_point "$log" T3)
	[ -n "$khz" ] && [ "$khz" != 0 ] || return
	[ "$t0" != unknown ] && [ "$t3" != unknown ] || return
	us() { echo $(( $1 * 1000 / khz )); }
	rec="khz=$khz"
	prev=$t0
	if [ "$mode" != direct ]; then
		if [ "$t1" = unknown ]; then	# baton.report=off: its console
			t1=$(console_start_tsc "$log")
			t2=$(phase_stamps "$log" | tail -1 | cut -d' ' -f1)
		fi
		[ -n "$t1" ] && [ "$t1" != unknown ] && [ -n "$t2" ] &&
			[ "$t2" != unknown ] || return
		rec+="|10 old kernel -> baton (T0->T1)=$(us $((t1 - t0)))"
		prev=$t1
		while read -r tsc name; do
			rec+="|20 baton: ${name#name=}=$(us $((tsc - prev)))"
			prev=$tsc
		done < <(phase_stamps "$log")
		# baton's jump: T2 when the blob carries the stamped "jump" phase
		# (baton since f7c4f99), else its log time (us since T1, baton's
		# own frequency)
		if [ "$(phase_stamps "$log" | tail -1 | cut -d' ' -f2)" = jump ]; then
			rec+="|82 baton T1->jump=$(us $((t2 - t1)))"
			rec+="|81 baton T1->T2 (stamped)=$(us $((t2 - t1)))"
			prev=$t2
		else
			bkhz=$(grep -Eo '\] timeline: tsc [0-9]+ kHz' "$log" | head -1 |
			       grep -Eo '[0-9]+ kHz' | cut -d' ' -f1)
			jump_us=$(grep -Eo '^\[ *[0-9]+\.[0-9]{6}\] chain: jumping to' "$log" |
				  head -1 | grep -Eo '[0-9]+\.[0-9]{6}' | tr -d .)
			if [ -n "$bkhz" ] && [ -n "$jump_us" ]; then
				jump=$((t1 + 10#$jump_us * bkhz / 1000))
				rec+="|40 baton: report + chain (T2->jump)=$(us $((jump - t2)))"
				rec+="|82 baton T1->jump=$(us $((jump - t1)))"
				prev=$jump
			fi
			rec+="|81 baton T1->T2 (stamped)=$(us $((t2 - t1)))"
		fi
	fi
	i=0
	while read -r tsc name; do
		if [ $i = 0 ] && [ "$mode" = direct ]; then
			rec+="|45 old kernel -> $(mark_label "$name")"
		elif [ $i = 0 ]; then
			rec+="|45 baton jump -> $(mark_label "$name")"
		else
			rec+="|50 next kernel: -> $(mark_label "$name")"
		fi
		rec+="=$(us $((tsc - prev)))"
		prev=$tsc i=$((i + 1))
	done < <(grep -E '^TIMELINE mark ' "$log" |
		 sed -E 's/^TIMELINE mark printk-us=[0-9]+ tsc=(0x[0-9a-f]+) name=/\1 /' |
		 while read -r tsc name; do echo "$((tsc)) $name"; done)
	rec+="|70 next kernel -> userspace (T3)=$(us $((t3 - prev)))"
	rec+="|80 T0->T3 downtime=$(us $((t3 - t0)))"
	echo "$rec|total=$(us $((t3 - t0)))"
}

# print_table RECFILE SIZE MEM N ACCEL "MODES": medians per segment and mode,
# then the derived figures and the targets
print_table() {
	awk -F'|' -v size="$2" -v mem="$3" -v n="$4" -v accel="$5" \
	    -v modelist="$6" -v bytes="$(size_bytes "$2")" '
	function median(key, mode,    c, i, j, v, t) {
		c = cnt[key SUBSEP mode]
		if (!c)
			return ""
		for (i = 1; i <= c; i++)
			v[i] = val[key SUBSEP mode SUBSEP i]
		for (i = 2; i <= c; i++)
			for (j = i; j > 1 && v[j - 1] > v[j]; j--) {
				t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
			}
		if (c % 2)
			return v[(c + 1) / 2]
		return int((v[c / 2] + v[c / 2 + 1]) / 2)
	}
	function pct(a, b) { return b ? sprintf("%.2f%%", 100 * a / b) : "-" }
	{
		mode = ""
		for (f = 1; f <= NF; f++)
			if ($f ~ /^mode=/)
				mode = substr($f, 6)
		runs[mode]++
		for (f = 1; f <= NF; f++) {
			if ($f !~ /^[0-9][0-9] /)
				continue
			eq = 0
			for (p = length($f); p > 0; p--)
				if (substr($f, p, 1) == "=") { eq = p; break }
			key = substr($f, 1, eq - 1)
			if (!(key in rank)) {
				rank[key] = substr(key, 1, 2) * 1000 + nkeys
				keys[++nkeys] = key
			}
			c = ++cnt[key SUBSEP mode]
			val[key SUBSEP mode SUBSEP c] = substr($f, eq + 1) + 0
			if (key == "81 baton T1->T2 (stamped)")
				stamped = substr($f, eq + 1) + 0
			if (key == "20 baton: digest")
				digest = substr($f, eq + 1) + 0
		}
		# baton without any content pass: T1->T2 minus the digest phase
		# of a digest-on run (its fingerprint reuses the digest CRCs)
		if (mode == "digest-on" && digest != "") {
			c = ++cnt["nc" SUBSEP mode]
			val["nc" SUBSEP mode SUBSEP c] = stamped - digest
		}
		stamped = digest = ""
	}
	END {
		nm = split(modelist, modes, " ")
		for (i = 2; i <= nkeys; i++)
			for (j = i; j > 1 && rank[keys[j - 1]] > rank[keys[j]]; j--) {
				t = keys[j]; keys[j] = keys[j - 1]; keys[j - 1] = t
			}
		printf "\nbench-handover: memfd %s (guest %s), %d round(s), %s%s; median us\n",
		       size, mem, n, toupper(accel),
		       accel == "tcg" ? " - emulated: absolute times are the emulator'"'"'s" : ""
		printf "%-46s", "segment"
		for (m = 1; m <= nm; m++)
			printf " %12s", modes[m]
		printf "\n"
		for (k = 1; k <= nkeys; k++) {
			printf "%-46s", substr(keys[k], 4)
			for (m = 1; m <= nm; m++) {
				v = median(keys[k], modes[m])
				printf " %12s", v == "" ? "-" : v
			}
			printf "\n"
		}
		printf "%-46s", "runs"
		for (m = 1; m <= nm; m++)
			printf " %12s", (runs[modes[m]] + 0) "/" n
		printf "\n"
		direct = median("80 T0->T3 downtime", "direct")
		on = median("80 T0->T3 downtime", "digest-on")
		off = median("80 T0->T3 downtime", "digest-off")
		jon = median("82 baton T1->jump", "digest-on")
		joff = median("82 baton T1->jump", "digest-off")
		soff = median("81 baton T1->T2 (stamped)", "digest-off")
		dig = ""
		for (k = 1; k <= nkeys; k++)
			if (substr(keys[k], 4) == "baton: digest")
				dig = median(keys[k], "digest-on")
		share = vs = ""
		for (m = 1; m <= nm; m++) {
			if (modes[m] == "direct")
				continue
			d = median("80 T0->T3 downtime", modes[m])
			j = median("82 baton T1->jump", modes[m])
			if (d == "" || j == "")
				continue
			share = share sprintf("%s%s %s", share == "" ? "" : ", ",
					      modes[m], pct(j, d))
			if (direct != "")
				vs = vs sprintf("%s%s %+d us (%s)", vs == "" ? "" : ", ",
						modes[m], d - direct, pct(d - direct, direct))
		}
		if (share != "")
			printf "baton share of T0->T3 (T1->jump): %s\n", share
		if (vs != "")
			printf "T0->T3 vs direct: %s\n", vs
		if (jon != "" && joff != "")
			printf "digest cost (T1->jump on - off): %d us\n", jon - joff
		fon = foff = ""
		for (k = 1; k <= nkeys; k++)
			if (substr(keys[k], 4) == "baton: fingerprint") {
				fon = median(keys[k], "digest-on")
				foff = median(keys[k], "digest-off")
			}
		if (fon != "" && foff != "" && foff > 2 * fon)
			printf "note: digest-off still reads every memfd byte: its fingerprint phase computes the CRCs itself (%d us; %d us when it reuses the digest phase'"'"'s)\n",
			       foff, fon
		if (dig != "" && dig > 0)
			printf "baton digest phase: %d us for %s = %.0f MB/s in this guest\n",
			       dig, size, bytes / dig
		if (direct != "" && soff != "")
			printf "target baton T1->T2 (digest-off) < 1%% of direct T0->T3: %s (%s)\n",
			       pct(soff, direct), 100 * soff / direct < 1 ? "met" : "MISSED"
		if (direct != "" && joff != "")
			printf "  including report + chain (T1->jump, digest-off): %s (%s)\n",
			       pct(joff, direct), 100 * joff / direct < 1 ? "met" : "MISSED"
		bare = median("81 baton T1->T2 (stamped)", "no-content")
		jbare = median("82 baton T1->jump", "no-content")
		if (direct != "" && bare != "")
			printf "target baton T1->T2 with no content pass (no-content run) < 1%% of direct T0->T3: %s (%s); T1->jump %s\n",
			       pct(bare, direct), 100 * bare / direct < 1 ? "met" : "MISSED",
			       pct(jbare, direct)
		nc = median("nc", "digest-on")
		if (direct != "" && nc != "")
			printf "  no content pass at all (digest-on T1->T2 minus its digest phase, %d us): %s (%s)\n",
			       nc, pct(nc, direct), 100 * nc / direct < 1 ? "met" : "MISSED"
	}' "$1"
}

# size_bytes 64M|1G|...: bytes
size_bytes() {
	local s=$1
	case "$s" in
	*G) echo $(( ${s%G} << 30 )) ;;
	*M) echo $(( ${s%M} << 20 )) ;;
	*K) echo $(( ${s%K} << 10 )) ;;
	*) echo "$s" ;;
	esac
}
