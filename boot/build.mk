# boot/: boot information (boot_params, PVH start_info, setup_data) and the
# kernel command-line parser it uses.
CORE_SRCS	+= lib/cmdline.c boot/boot_params.c boot/ram_windows.c \
		   boot/setup_data.c boot/pvh.c boot/bootinfo_print.c
UNIT_TESTS	+= test_cmdline test_setup_data test_bootinfo
# The main flow's phases after the boot summary (boot/flow.h) and what
# they share (boot/flow.c).
PAYLOAD_SRCS	+= boot/flow.c boot/phase_precheck.c
PAYLOAD_SRCS	+= boot/phase_memory.c boot/phase_paging.c \
		   boot/phase_handover.c boot/phase_report.c \
		   boot/phase_chain.c boot/selftest_preserved.c \
		   boot/phase_digest.c
# baton.capture=serial (docs/capture-format.md, "On the serial line").
PAYLOAD_SRCS	+= boot/phase_capture.c boot/capture_send.c
# libFuzzer target for the boot side (zero page, setup_data walk, PVH,
# command line, cpio bundle, bzImage header, next boot_params) and a
# smoke run of it; seeds in tests/fuzz/seeds-boot.
FUZZ_TARGETS	+= fuzz_boot
.PHONY: test-fuzz-boot
test-fuzz-boot: $(BUILD)/tests/fuzz/fuzz_boot
	$(Q)mkdir -p $(BUILD)/fuzz-corpus/fuzz_boot
	$(Q)if $(BUILD)/tests/fuzz/fuzz_boot -max_total_time=10 -max_len=65536 -print_final_stats=1 \
		-artifact_prefix=$(BUILD)/fuzz-corpus/fuzz_boot- \
		$(BUILD)/fuzz-corpus/fuzz_boot tests/fuzz/seeds-boot \
		>$(BUILD)/fuzz-corpus/fuzz_boot.log 2>&1; then \
		echo "PASS: fuzz/fuzz_boot (10 s, $$(grep -o 'stat::number_of_executed_units: *[0-9]*' $(BUILD)/fuzz-corpus/fuzz_boot.log | grep -o '[0-9]*$$') runs)"; \
	else echo "FAIL: fuzz/fuzz_boot (see $(BUILD)/fuzz-corpus/fuzz_boot.log)"; exit 1; fi
TEST_STEPS	+= test-fuzz-boot
