# boot/: boot information (boot_params, PVH start_info, setup_data) and the
# kernel command-line parser it uses.
CORE_SRCS	+= lib/cmdline.c
UNIT_TESTS	+= test_cmdline
