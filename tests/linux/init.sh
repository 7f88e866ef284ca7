#!/bin/busybox sh
# /init of the real-Linux test initramfs. The role comes from the kernel
# command line:
#   baton.test=prepare  create and preserve the scenario, then kexec
#                       baton.next=linux|baton (default linux)
#   baton.test=verify   retrieve and check everything, then power off
#   baton.test=hold     (kernel booted with liveupdate=off) dump the KHO
#                       blobs and wait: nothing consumes the preserved
#                       state, so the host can save guest RAM as vectors
#                       or baton-chain (baton.chain=on with /payload/bundle.cpio:
#                       baton boots the Linux kernel of the bundle, which verifies)
#   baton.scenario=NAME /scenarios/NAME.scn (default baseline)
#   baton.exit=MODE     how baton ends when baton.next=baton (qemu|halt)
#   baton.tamper=T@O    flip byte O of the memfd with token T after its
#                       digest is recorded (baton and the verify side must
#                       notice); every baton.next
#   baton.dump=1        dump KHO debugfs blobs (hex) on the console
#   baton.probe=1       check /dev/liveupdate error semantics before prepare
#   baton.pause=N       after prepare, announce "paused" and wait N seconds
#                       before the kexec (the host may snapshot RAM then)
#   baton.capture=MODE  passed on to baton (baton.next=baton|baton-chain)
#   baton.chain=MODE    baton.chain= of baton.next=baton-chain (default on;
#                       the cross-release trips use on-clean)
#   baton.digest=on|off passed on to baton (make bench-handover compares both)
#   baton.log=summary   passed on to baton (test-linux-scale: a short console report)
#   baton.report=on|off passed on to baton (bench-handover's no-content mode)
#   baton.report.tamper=V passed on to baton (test-releases.sh: =blob)
#   baton.console=C     console=C also on baton's command line (=tty0: its
#                       framebuffer console, test-fbcon-linux.sh)
#   baton.screen=1      print this kernel's boot_params.screen_info (the 64
#                       bytes its loader passed) as SCREEN-INFO <hex>
#   baton.test=kselftest baton.kselftest=NAME
#                       Linux's own LUO selftest /payload/NAME: stage 1,
#                       then kexec (baton.next=linux|baton-chain) into
#                       baton.test=kselftest-verify, which runs stage 2;
#                       with baton-load in the initramfs (x86-64), the
#                       baton-chain kexecs go through it (baton_load_exec)
#                       NAME=liveupdate (single boot) just runs
#   baton.then=NAME     after baton.test=verify, stage 1 of selftest NAME
#                       as above: one boot chain for the agent's trip and
#                       the selftest's (the arm64 tier)
# The console, the next kernel and baton follow the machine: ttyS0,
# /payload/bzImage and /payload/baton.bzImage on x86-64; ttyAMA0 (PL011),
# /payload/Image and /payload/baton.Image on arm64.
/bin/busybox --install -s /bin
export PATH=/bin
mkdir -p /proc /sys /dev /run /tmp
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug

arg() {
	for word in $(cat /proc/cmdline); do
		case "$word" in
		"$1"=*) echo "${word#*=}"; return ;;
		esac
	done
	echo "$2"
}

case "$(uname -m)" in
aarch64) tty=ttyAMA0 kernel=/payload/Image baton_img=/payload/baton.Image ;;
*) tty=ttyS0 kernel=/payload/bzImage baton_img=/payload/baton.bzImage ;;
esac

pause_before_kexec() {
	pause=$(arg baton.pause 0)
	[ "$pause" = 0 ] && return 0
	echo "BATON-INIT paused"
	sleep "$pause"
}

# Linux -> baton -> Linux through baton-load (issue 16): the next boot the
# host packed as /payload/bundle.cpio (kernel, initrd, cmdline) is
# unpacked and handed to baton-load, which checks this kernel can hand
# over, builds the bundle again and runs kexec -s -l, kexec -e.
# baton_load_exec BATON-OPTIONS [NEXT-CMDLINE (default: the bundle's)]
# returns 1 without baton-load in the initramfs (the arm64 tier's: the
# caller kexecs with the agent), 2 when the kexec did not happen.
baton_load_exec() {
	command -v baton-load >/dev/null || return 1
	rm -rf /tmp/next && mkdir -p /tmp/next &&
	(cd /tmp/next && cpio -i < /payload/bundle.cpio 2>/dev/null) || return 2
	next_cmdline=${2-$(cat /tmp/next/cmdline 2>/dev/null)}
	set -- "$1" --no-initrd
	[ -s /tmp/next/initrd ] && set -- "$1" --initrd /tmp/next/initrd
	echo "BATON-INIT load=baton-load"
	baton-load --exec --baton "${baton_img:-/payload/baton.bzImage}" \
		--kernel /tmp/next/kernel "$2" ${3:+"$3"} \
		--cmdline "$next_cmdline" --chain "$chain" \
		--console "${tty:-ttyS0},115200" --append "$1"
	return 2
}

# The upstream tests leave a daemon holding their sessions after stage 1
# and expect a harness to kexec (their do_kexec.sh uses kexec-tools, which
# Debian does not ship static): the agent's kexec_file_load does it here.
run_kselftest_stage1() {
	name=$1
	if [ "$name" = liveupdate ]; then
		/payload/liveupdate
		echo "KSELFTEST name=$name rc=$?"
		return
	fi
	# -s N: 7.3's tests take only the short option, 7.2's take both
	"/payload/$name" -s 1
	rc=$?
	echo "KSELFTEST name=$name stage=1 rc=$rc"
	[ $rc = 0 ] || return
	cmdline="console=$tty kho=on liveupdate=on baton.test=kselftest-verify"
	cmdline="$cmdline baton.kselftest=$name"
	if [ "$next" = baton-chain ]; then
		baton_load_exec "baton.exit=$baton_exit" "$cmdline"
		[ $? = 1 ] &&
		baton-agent kexec --no-manifest --kernel "$baton_img" \
			--initrd /payload/bundle.cpio \
			--cmdline "console=$tty,115200 baton.chain=$chain baton.exit=$baton_exit baton.next.cmdline=\"$cmdline\""
	else
		baton-agent kexec --no-manifest --kernel "$kernel" \
			--initrd /payload/verify.cpio.gz --cmdline "$cmdline"
	fi
	echo "BATON-INIT kexec did not happen rc=$?"
}

role=$(arg baton.test none)
scenario=/scenarios/$(arg baton.scenario baseline).scn
next=$(arg baton.next linux)
dump=$(arg baton.dump 0)
baton_exit=$(arg baton.exit qemu)
chain=$(arg baton.chain on)
tamper=$(arg baton.tamper "")
capture=$(arg baton.capture "")
baton_opts="baton.exit=$baton_exit${capture:+ baton.capture=$capture}"
digest=$(arg baton.digest "")
baton_opts="$baton_opts${digest:+ baton.digest=$digest}"
baton_log=$(arg baton.log "")
baton_opts="$baton_opts${baton_log:+ baton.log=$baton_log}"
report=$(arg baton.report "")
baton_opts="$baton_opts${report:+ baton.report=$report}"
report_tamper=$(arg baton.report.tamper "")
then_test=$(arg baton.then "")
baton_opts="$baton_opts${report_tamper:+ baton.report.tamper=$report_tamper}"
baton_console=$(arg baton.console "")
baton_opts="$baton_opts${baton_console:+ console=$baton_console}"
echo "BATON-INIT role=$role next=$next scenario=$scenario"
[ "$(arg baton.screen 0)" = 1 ] &&
	echo "SCREEN-INFO $(od -v -An -tx1 -N64 /sys/kernel/boot_params/data | tr -d ' \n')"

case "$role" in
prepare)
	[ "$dump" = 1 ] && baton-agent dump-kho /sys/kernel/debug/kho/out
	[ "$(arg baton.probe 0)" = 1 ] && baton-agent probe
	if [ "$next" = baton ]; then
		# one-shot path: prepare and kexec in the same process
		baton-agent prepare --scenario "$scenario" \
			${tamper:+--tamper "$tamper"} \
			--kernel "$baton_img" \
			--cmdline "console=$tty,115200 baton.chain=off $baton_opts"
	elif [ "$next" = baton-chain ] && command -v baton-load >/dev/null; then
		baton-agent prepare --scenario "$scenario" \
			${tamper:+--tamper "$tamper"} &&
		pause_before_kexec &&
		baton_load_exec "$baton_opts"
	elif [ "$next" = baton-chain ]; then
		baton-agent prepare --scenario "$scenario" \
			${tamper:+--tamper "$tamper"} \
			--kernel "$baton_img" --initrd /payload/bundle.cpio \
			--cmdline "console=$tty,115200 baton.chain=$chain $baton_opts"
	else
		verify_cmdline="kho=on liveupdate=on baton.test=verify"
		verify_cmdline="$verify_cmdline${then_test:+ baton.then=$then_test}"
		[ "$next" = linux-hold ] &&
			verify_cmdline="kho=on liveupdate=off baton.test=hold"
		baton-agent prepare --scenario "$scenario" ${tamper:+--tamper "$tamper"} &&
		pause_before_kexec &&
		baton-agent kexec --kernel "$kernel" \
			--initrd /payload/verify.cpio.gz \
			--cmdline "console=$tty $verify_cmdline baton.dump=$dump"
	fi
	echo "BATON-INIT kexec did not happen rc=$?"
	;;
verify)
	[ "$dump" = 1 ] && baton-agent dump-kho /sys/kernel/debug/kho/in
	baton-agent verify
	echo "BATON-INIT verify rc=$?"
	[ -n "$then_test" ] && run_kselftest_stage1 "$then_test"
	;;
kselftest)
	run_kselftest_stage1 "$(arg baton.kselftest none)"
	;;
kselftest-verify)
	name=$(arg baton.kselftest none)
	# the handover timeline first: T3 is userspace's start (no T0: the
	# selftest held /dev/liveupdate, so no agent manifest came across)
	baton-agent timeline
	"/payload/$name" -s 2
	echo "KSELFTEST name=$name stage=2 rc=$?"
	;;
hold)
	baton-agent dump-kho /sys/kernel/debug/kho/in
	echo "BATON-INIT holding"
	while :; do sleep 3600; done
	;;
*)
	echo "BATON-INIT no baton.test= role on the command line"
	;;
esac
poweroff -f
