# boot/: boot information (boot_params, PVH start_info, setup_data).
CORE_SRCS	+= boot/boot_params.c boot/ram_windows.c boot/setup_data.c \
		   boot/pvh.c boot/bootinfo_print.c
UNIT_TESTS	+= test_setup_data test_bootinfo
# The DTB reader of the arm64 entry (boot/dtb_entry.c uses it).
CORE_SRCS	+= boot/fdt_bootinfo.c
UNIT_TESTS	+= test_fdt_bootinfo
# The ACPI MADT's CPU list (baton.smp: which CPUs to start)
# and where the AP trampoline goes.
CORE_SRCS	+= boot/acpi_madt.c boot/smp_place.c
UNIT_TESTS	+= test_acpi_madt test_smp_place
# baton_main: the flow of phases (run_flow), after the arch entry.
PAYLOAD_SRCS	+= boot/main.c
# ACPI tables of the booted machine and the SPCR console (boot/acpi_boot.h),
# the framebuffer console from screen_info (boot/fb_boot.h).
PAYLOAD_SRCS	+= boot/acpi_boot.c boot/fb_boot.c
# The main flow's phases after the boot summary (boot/flow.h) and what
# they share (boot/flow.c).
PAYLOAD_SRCS	+= boot/flow.c boot/phase_precheck.c
PAYLOAD_SRCS	+= boot/phase_memory.c boot/phase_paging.c \
		   boot/phase_handover.c boot/phase_report.c \
		   boot/phase_chain.c boot/selftest_preserved.c \
		   boot/phase_digest.c
# baton.smp: the MADT's CPUs started for the digests, then parked.
PAYLOAD_SRCS	+= boot/smp.c
# baton.capture=serial (docs/capture-format.md, "On the serial line").
PAYLOAD_SRCS	+= boot/phase_capture.c boot/capture_send.c
# libFuzzer target for the boot side (zero page, setup_data walk, PVH,
# command line, cpio bundle, bzImage header, next boot_params) and a
# smoke run of it; seeds in tests/fuzz/seeds-boot.
FUZZ_TARGETS	+= fuzz_boot
.PHONY: test-fuzz-boot
test-fuzz-boot: $(BUILD)/tests/fuzz/fuzz_boot
	$(Q)rc=0; $(call fuzz_smoke,fuzz_boot,10,65536,tests/fuzz/seeds-boot) exit $$rc
