#!/bin/busybox sh
# /init of the stock-kernel chain test: shows what the kernel baton booted
# was given (command line, memory map) and powers the machine off.
bb=/bin/busybox
$bb mkdir -p /proc
$bb mount -t proc proc /proc
echo "BATON-DEBIAN-INIT start pid $$"
echo "BATON-DEBIAN-INIT cmdline: $($bb cat /proc/cmdline)"
echo "BATON-DEBIAN-INIT release: $($bb uname -r)"
$bb sed 's/^/BATON-DEBIAN-INIT iomem: /' /proc/iomem
echo "BATON-DEBIAN-INIT done"
$bb poweroff -f
