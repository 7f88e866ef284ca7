# boot/chain/: chain-loading the next Linux kernel (CORE: hosted-tested).
CORE_SRCS	+= boot/chain/status.c boot/chain/bundle.c boot/chain/options.c \
		   boot/chain/bzimage.c boot/chain/place.c \
		   boot/chain/boot_params_build.c boot/chain/chain.c \
		   boot/chain/place_mm.c
# The arm64 Image header and the next kernel's DTB (the DTB entry's chain).
CORE_SRCS	+= boot/chain/arm64_image.c boot/chain/dtb_next.c
UNIT_TESTS	+= test_chain_arm64
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
	$(Q)rc=0; $(call fuzz_smoke,fuzz_chain_kernel,10,4096,tests/fuzz/seeds-chain-kernel) exit $$rc
# The glue to arch paging and the final jump, and the go/stop both chains
# start with: payload only.
PAYLOAD_SRCS	+= boot/chain/chain_boot.c boot/chain/gate.c
