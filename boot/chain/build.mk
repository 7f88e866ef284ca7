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
# The final jump and the glue to arch paging: payload only.
PAYLOAD_SRCS	+= arch/x86_64/chain_jump.S boot/chain/chain_boot.c
