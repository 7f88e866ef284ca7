#!/usr/bin/env bash
# test-bench-lib.sh: host-side checks of bench-handover-lib.sh (no QEMU):
# a synthetic round-trip log (1 GHz, so 1 tick = 1 ns) must give exactly
# the expected record, and fixed records exactly the expected medians,
# shares and target verdicts.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/bench-handover-lib.sh"
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {
	if [ "$2" = 1 ]; then
		echo "PASS: $1"
	else
		echo "FAIL: $1${3:+ ($3)}"
		failed=1
	fi
}

hex() { printf '0x%x' "$1"; }

# T0 = 1 s; baton from +100 ms: calibrate 30, memory 10, digest 60 (T2 =
# T1 + 100 ms); baton logs its jump at 150 ms after T1; the next kernel's
# clock starts 500 ms after the jump, then luo +100, Run /init +200, T3 +200.
t0=1000000000 t1=1100000000
{
	echo "[    0.100000] timeline: tsc 1000000 kHz (pit)"
	echo "[    0.150000] chain: jumping to 0x7bc00200, boot_params 0x7cffe000"
	echo "TIMELINE clock tsc-khz=1000000 method=clock invariant-tsc=no"
	echo "TIMELINE baton-report kho/baton"
	echo "TIMELINE point T0 tsc=$(hex $t0)"
	echo "TIMELINE point T1 tsc=$(hex $t1)"
	echo "TIMELINE phase tsc=$(hex $((t1 + 30000000))) delta-us=30000 name=calibrate"
	echo "TIMELINE phase tsc=$(hex $((t1 + 40000000))) delta-us=10000 name=memory"
	echo "TIMELINE phase tsc=$(hex $((t1 + 100000000))) delta-us=60000 name=digest"
	echo "TIMELINE point T2 tsc=$(hex $((t1 + 100000000)))"
	echo "TIMELINE mark printk-us=0 tsc=$(hex $((t1 + 650000000))) name=KHO: found kexec handover data."
	echo "TIMELINE mark printk-us=100000 tsc=$(hex $((t1 + 750000000))) name=luo: Retrieved live update data, liveupdate number: 1"
	echo "TIMELINE mark printk-us=300000 tsc=$(hex $((t1 + 950000000))) name=Run /init as init process"
	echo "TIMELINE point T3 tsc=$(hex $((t1 + 1150000000)))"
} > "$tmp/baton.log"
want="khz=1000000|10 old kernel -> baton (T0->T1)=100000"
want+="|20 baton: calibrate=30000|20 baton: memory=10000|20 baton: digest=60000"
want+="|40 baton: report + chain (T2->jump)=50000|82 baton T1->jump=150000"
want+="|81 baton T1->T2 (stamped)=100000"
want+="|45 baton jump -> kernel clock start (KHO: found)=500000"
want+="|50 next kernel: -> luo: Retrieved=100000|50 next kernel: -> Run /init=200000"
want+="|70 next kernel -> userspace (T3)=200000|80 T0->T3 downtime=1250000|total=1250000"
got=$(run_record "$tmp/baton.log" digest-on)
check bench-lib-record-baton "$([ "$got" = "$want" ] && echo 1 || echo 0)" "$got"

# Without a T3 there is no record (the run counts as failed)
grep -v 'point T3' "$tmp/baton.log" > "$tmp/no-t3.log"
check bench-lib-record-incomplete "$([ -z "$(run_record "$tmp/no-t3.log" digest-on)" ] && echo 1 || echo 0)"

# Medians (odd: middle; even: mean of the two middle values), shares, targets
{
	echo "mode=direct|round=1|80 T0->T3 downtime=1000000"
	echo "mode=direct|round=2|80 T0->T3 downtime=3000000"
	echo "mode=direct|round=3|80 T0->T3 downtime=2000000"
	echo "mode=digest-on|round=1|20 baton: digest=40000|20 baton: fingerprint=1000|81 baton T1->T2 (stamped)=50000|82 baton T1->jump=60000|80 T0->T3 downtime=2100000"
	echo "mode=digest-on|round=2|20 baton: digest=20000|20 baton: fingerprint=3000|81 baton T1->T2 (stamped)=30000|82 baton T1->jump=40000|80 T0->T3 downtime=2300000"
	echo "mode=digest-off|round=1|20 baton: fingerprint=9000|81 baton T1->T2 (stamped)=15000|82 baton T1->jump=30000|80 T0->T3 downtime=2030000"
	echo "mode=no-content|round=1|81 baton T1->T2 (stamped)=8000|82 baton T1->jump=20000|80 T0->T3 downtime=2020000"
} > "$tmp/t.rec"
print_table "$tmp/t.rec" 64M 2G 3 tcg "direct digest-on digest-off no-content" > "$tmp/table"
n=0
for line in \
	'T0->T3 downtime                                     2000000      2200000      2030000      2020000' \
	'baton: digest                                             -        30000            -            -' \
	'runs                                                    3/3          2/3          1/3          1/3' \
	'baton share of T0->T3 (T1->jump): digest-on 2.27%, digest-off 1.48%, no-content 0.99%' \
	'T0->T3 vs direct: digest-on +200000 us (10.00%), digest-off +30000 us (1.50%), no-content +20000 us (1.00%)' \
	'note: digest-off still reads every memfd byte: its fingerprint phase computes the CRCs itself (9000 us; 2000 us when it reuses the digest phase'"'"'s)' \
	'baton digest phase: 30000 us for 64M = 2237 MB/s in this guest' \
	'target baton T1->T2 (digest-off) < 1% of direct T0->T3: 0.75% (met)' \
	'  including report + chain (T1->jump, digest-off): 1.50% (MISSED)' \
	'target baton T1->T2 with no content pass (no-content run) < 1% of direct T0->T3: 0.40% (met); T1->jump 1.00%' \
	'  no content pass at all (digest-on T1->T2 minus its digest phase, 10000 us): 0.50% (met)'
do
	n=$((n + 1))
	check "bench-lib-table-$n" \
		"$(grep -qxF -- "$line" "$tmp/table" && echo 1 || echo 0)" "no line: $line"
done
[ $failed = 0 ] || cat "$tmp/table"
exit $failed
