#!/usr/bin/env bash
# run-qemu.sh --kernel BZIMAGE --initrd FILE --append CMDLINE --log FILE
#             [--timeout SECONDS] [--mem SIZE] [--until REGEX]
#             [--monitor SOCKET] [--on-match COMMAND] [--accel tcg|kvm]
#             [--cpu MODEL] [--data FILE] [--smp N] [--arch x86_64|arm64]
#
# Boot a kernel under QEMU (TCG; --accel kvm: KVM with the host CPU model,
# for benchmarks on machines that have it) with the serial console in LOG
# and the second UART (the guest's ttyS1, baton-agent's data channel for
# lines the host compares byte for byte) in FILE (default: LOG with .data
# for .log). The kernel's own messages never reach FILE, so they cannot
# split those lines.
# --cpu overrides the CPU model (default qemu64 under TCG).
# --smp N: N vCPUs (default: $LINUX_TEST_SMP, else 1), e.g. to run the
# tier with baton digesting on every CPU and the next kernel starting
# them again (docs/smp.md).
# --arch arm64: QEMU virt (-cpu max under TCG, 2 vCPUs) with the kernel
# Image; the console is the PL011 (ttyAMA0), FILE a virtio console (hvc0);
# no isa-debug-exit there (baton powers off through PSCI: status 0).
# QEMU stops when the guest powers off, when the log matches REGEX (after
# running COMMAND, if given, e.g. to dump memory through the monitor
# SOCKET), or when the hard timeout expires (exit status 124). Otherwise the
# exit status is QEMU's (0 after a guest power-off, 33/35/37 when baton
# leaves through isa-debug-exit).
set -euo pipefail

kernel= initrd= append= log= timeout=120 mem=2G until= monitor= on_match=
accel=tcg cpu= data= smp=${LINUX_TEST_SMP:-1} arch=x86_64
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernel=$2 ;;
	--initrd) initrd=$2 ;;
	--append) append=$2 ;;
	--log) log=$2 ;;
	--timeout) timeout=$2 ;;
	--mem) mem=$2 ;;
	--until) until=$2 ;;
	--monitor) monitor=$2 ;;
	--on-match) on_match=$2 ;;
	--accel) accel=$2 ;;
	--cpu) cpu=$2 ;;
	--data) data=$2 ;;
	--smp) smp=$2 ;;
	--arch) arch=$2 ;;
	*) echo "run-qemu: unknown option $1" >&2; exit 2 ;;
	esac
	shift 2
done
[ -n "$kernel" ] && [ -n "$initrd" ] && [ -n "$log" ] || {
	echo "run-qemu: --kernel, --initrd and --log are required" >&2
	exit 2
}

data=${data:-${log%.log}.data}
mkdir -p "$(dirname "$log")"
: > "$log"
: > "$data"
case "$accel" in
tcg) [ "$arch" = arm64 ] && cpu=${cpu:-max}; cpu=${cpu:-qemu64} ;;
kvm) cpu=${cpu:-host} ;;
*) echo "run-qemu: --accel tcg|kvm, not $accel" >&2; exit 2 ;;
esac
case "$arch" in
x86_64)
	qemu_bin=qemu-system-x86_64
	args=(-machine pc -smp "$smp" -serial "file:$log" -serial "file:$data"
	      -device isa-debug-exit,iobase=0xf4,iosize=0x04)
	;;
arm64)
	qemu_bin=qemu-system-aarch64
	args=(-machine virt -smp 2 -serial "file:$log"
	      -chardev "file,id=data,path=$data" -device virtio-serial-device
	      -device virtconsole,chardev=data)
	;;
*) echo "run-qemu: --arch x86_64|arm64, not $arch" >&2; exit 2 ;;
esac
args+=(-accel "$accel" -cpu "$cpu" -m "$mem" -display none -no-reboot
       -kernel "$kernel" -initrd "$initrd" -append "$append")
if [ -n "$monitor" ]; then
	rm -f "$monitor"
	args+=(-monitor "unix:$monitor,server,nowait")
else
	args+=(-monitor none)
fi

$qemu_bin "${args[@]}" &
qemu=$!
deadline=$(( $(date +%s) + timeout ))
status=0
matched=
while kill -0 "$qemu" 2>/dev/null; do
	if [ -n "$until" ] && grep -Eq "$until" "$log"; then
		matched=1
		[ -n "$on_match" ] && bash -c "$on_match" || true
		kill "$qemu" 2>/dev/null || true
		break
	fi
	if [ "$(date +%s)" -ge "$deadline" ]; then
		echo "run-qemu: timeout after ${timeout}s, log $log" >&2
		kill "$qemu" 2>/dev/null || true
		status=124
		break
	fi
	sleep 0.2
done
# Without a timeout, report QEMU's own status (isa-debug-exit codes).
if wait "$qemu" 2>/dev/null; then qemu_rc=0; else qemu_rc=$?; fi
# Linux's console ends lines with CR LF; the checks want plain lines.
sed -i 's/\r$//' "$log" "$data"
if [ $status = 0 ] && [ -z "$matched" ]; then
	status=$qemu_rc
fi
exit $status
