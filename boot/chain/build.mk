# boot/chain/: chain-loading the next Linux kernel (CORE: hosted-tested).
CORE_SRCS	+= lib/cpio.c
UNIT_TESTS	+= test_cpio
