#!/bin/busybox sh
# /bin/kexec of the real-Linux test initramfs: Debian's kexec-tools
# (/usr/sbin/kexec, copied in with its libraries by mkinitramfs.sh), run by
# baton-load. On `kexec -e` the agent's manifest, when one is held, gets
# its T0 stamp first, as `baton-agent kexec` stamps it before its reboot.
if [ "$1" = -e ] && [ -e /run/baton-agent.state ]; then
	baton-agent kexec --stamp-only || exit 1
fi
exec /usr/sbin/kexec "$@"
