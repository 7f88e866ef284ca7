# boot/: boot information (boot_params, PVH start_info, setup_data) and the
# kernel command-line parser it uses.
CORE_SRCS	+= lib/cmdline.c boot/boot_params.c boot/ram_windows.c \
		   boot/setup_data.c boot/pvh.c boot/bootinfo_print.c
UNIT_TESTS	+= test_cmdline test_setup_data test_bootinfo
# The main flow's phases after the boot summary (boot/flow.h).
PAYLOAD_SRCS	+= boot/phase_precheck.c
PAYLOAD_SRCS	+= boot/phase_memory.c boot/phase_paging.c \
		   boot/phase_handover.c boot/phase_report.c \
		   boot/phase_chain.c boot/selftest_preserved.c \
		   boot/phase_digest.c
# baton.capture=serial (docs/capture-format.md, "On the serial line").
PAYLOAD_SRCS	+= boot/phase_capture.c
