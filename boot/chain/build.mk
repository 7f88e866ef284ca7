# boot/chain/: chain-loading the next Linux kernel (CORE: hosted-tested).
CORE_SRCS	+= lib/cpio.c
UNIT_TESTS	+= test_cpio
CORE_SRCS	+= boot/chain/status.c boot/chain/bundle.c boot/chain/options.c \
		   boot/chain/bzimage.c boot/chain/place.c \
		   boot/chain/boot_params_build.c boot/chain/chain.c \
		   boot/chain/place_mm.c
# ABI precheck of the next kernel (kernel_version vs the handover).
CORE_SRCS	+= boot/chain/kernel_version.c boot/chain/abi_precheck.c \
		   boot/chain/abi_precheck_text.c
UNIT_TESTS	+= test_chain_bundle test_chain_bzimage test_chain_place \
		   test_chain_params test_chain_prepare test_chain_place_mm
UNIT_TESTS	+= test_chain_precheck test_chain_place_random
# libFuzzer target for the precheck's kernel reader, and a smoke run of it.
FUZZ_TARGETS	+= fuzz_chain_kernel
.PHONY: test-fuzz-chain-kernel
test-fuzz-chain-kernel: $(BUILD)/tests/fuzz/fuzz_chain_kernel
	$(Q)mkdir -p $(BUILD)/fuzz-corpus/fuzz_chain_kernel
	$(Q)if $(BUILD)/tests/fuzz/fuzz_chain_kernel -max_total_time=10 -max_len=4096 -print_final_stats=1 \
		-artifact_prefix=$(BUILD)/fuzz-corpus/fuzz_chain_kernel- \
		$(BUILD)/fuzz-corpus/fuzz_chain_kernel tests/fuzz/seeds-chain-kernel \
		>$(BUILD)/fuzz-corpus/fuzz_chain_kernel.log 2>&1; then \
		echo "PASS: fuzz/fuzz_chain_kernel (10 s, $$(grep -o 'stat::number_of_executed_units: *[0-9]*' $(BUILD)/fuzz-corpus/fuzz_chain_kernel.log | grep -o '[0-9]*$$') runs)"; \
	else echo "FAIL: fuzz/fuzz_chain_kernel (see $(BUILD)/fuzz-corpus/fuzz_chain_kernel.log)"; exit 1; fi
TEST_STEPS	+= test-fuzz-chain-kernel
# The final jump and the glue to arch paging: payload only.
PAYLOAD_SRCS	+= arch/x86_64/chain_jump.S boot/chain/chain_boot.c
