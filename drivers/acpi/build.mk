# drivers/acpi/: ACPI tables (RSDP, XSDT/RSDT, checked tables) and the SPCR
# console they name. Plain data through a phys_view: also hosted.
CORE_SRCS	+= drivers/acpi/acpi_tables.c drivers/acpi/spcr.c
UNIT_TESTS	+= test_acpi_tables
# libFuzzer target over untrusted "firmware memory", and a short smoke run
# of it seeded by tests/qemu/mkspcr.py (an RSDP, XSDT and SPCR).
FUZZ_TARGETS	+= fuzz_acpi
.PHONY: test-fuzz-acpi
test-fuzz-acpi: $(BUILD)/tests/fuzz/fuzz_acpi
	$(Q)mkdir -p $(BUILD)/fuzz-seeds/acpi && \
	python3 tests/qemu/mkspcr.py $(BUILD)/fuzz-seeds/acpi/io --io 0x2f8 --blob 0x80000 && \
	python3 tests/qemu/mkspcr.py $(BUILD)/fuzz-seeds/acpi/mmio --mmio 0xfe000000 --width 32 --blob 0x80000 && \
	python3 tests/qemu/mkspcr.py $(BUILD)/fuzz-seeds/acpi/bad --io 0x2f8 --bad-checksum --blob 0x80000
	$(Q)rc=0; $(call fuzz_smoke,fuzz_acpi,10,4096,$(BUILD)/fuzz-seeds/acpi) exit $$rc
