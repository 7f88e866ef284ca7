#!/bin/busybox sh
# /bin/kexec of the real-Linux test initramfs: Debian's kexec-tools
# (/usr/sbin/kexec, copied in with its libraries by mkinitramfs.sh), run by
# baton-load. On `kexec -e` the agent's manifest, when one is held, gets
# its T0 stamp first, as `baton-agent kexec` stamps it before its reboot.
# After a load it prints the line `baton-agent kexec` prints (KEXEC-LOAD
# OK|FAIL ...), marked (kexec-tools): the tests look for it.
if [ "$1" = -e ]; then
	if [ -e /run/baton-agent.state ]; then
		baton-agent kexec --stamp-only || exit 1
	fi
	exec /usr/sbin/kexec "$@"
fi
/usr/sbin/kexec "$@"
rc=$?
image="" initrd=- cmdline=""
while [ $# -gt 0 ]; do
	case "$1" in
	--initrd | --append | --command-line)
		[ "$1" = --initrd ] && initrd=$2 || cmdline=$2
		shift ;;
	--initrd=*) initrd=${1#*=} ;;
	--append=* | --command-line=*) cmdline=${1#*=} ;;
	-*) ;;
	*) image=$1 ;;
	esac
	shift
done
if [ $rc = 0 ]; then
	echo "KEXEC-LOAD OK kernel=$image initrd=$initrd cmdline=\"$cmdline\" (kexec-tools)"
else
	echo "KEXEC-LOAD FAIL kernel=$image rc=$rc (kexec-tools)"
fi
exit $rc
