# efi/arch-arm64/: build/arm64/baton.efi, the UEFI launcher for AArch64
# (AAVMF): efi/'s neutral launcher (capture source, replay, memory map,
# console) rebuilt with the cross compiler, plus efi_boot_dtb.c (the arm64
# Image + DTB boot). gnu-efi for arm64 comes from Debian's .deb
# (fetch-gnu-efi.sh, into ~/.cache/baton/, never installed or committed).
EFI64_OUT	:= $(ARM64_OUT)/efi
EFI64_GNUEFI	:= $(EFI64_OUT)/gnu-efi
BATON_EFI_ARM64	:= $(ARM64_OUT)/baton.efi

# The arm64 payload's flags without -fpie, -mstrict-align (UEFI runs with
# the MMU on, normal memory) and the per-function sections (the gnu-efi
# link script names .text/.data); PIC for gnu-efi's self-relocation.
CFLAGS_EFI64	:= $(filter-out -fpie -mstrict-align -ffunction-sections \
		     -fdata-sections,$(CFLAGS_ARM64)) \
		   -fpic -fshort-wchar -isystem $(EFI64_GNUEFI)/include \
		   -isystem $(EFI64_GNUEFI)/include/aarch64 -DBATON_EFI
EFI64_APP_SRCS	:= efi/efi_main.c efi/efi_console.c efi/efi_source.c \
		   efi/efi_memmap.c efi/efi_replay.c efi/e820_from_efi.c \
		   efi/scratch_place.c efi/capture_parse.c efi/capture_layout.c \
		   efi/arch-arm64/efi_boot_dtb.c efi/arch-arm64/entry_level.c \
		   efi/arch-arm64/stack_chk.c
# Shared code, rebuilt with these flags: the arm64 chain's Image probe,
# DTB editor and MMU-off jump, and the library parts the launcher uses.
EFI64_CORE_SRCS	:= lib/capture_pattern.c lib/cpio.c lib/printf.c lib/string.c \
		   boot/chain/place.c boot/chain/status.c \
		   boot/chain/arm64_image.c boot/chain/kernel_version.c \
		   boot/chain/dtb_next.c arch/arm64/chain_jump.c
EFI64_OBJS	:= $(patsubst %,$(EFI64_OUT)/obj/%.o,$(basename $(EFI64_APP_SRCS) $(EFI64_CORE_SRCS)))

$(EFI64_GNUEFI)/libgnuefi.a: efi/arch-arm64/fetch-gnu-efi.sh
	$(Q)efi/arch-arm64/fetch-gnu-efi.sh $(EFI64_GNUEFI)

$(EFI64_OUT)/obj/%.o: %.c | $(EFI64_GNUEFI)/libgnuefi.a $(ARM64_LIBFDT_A)
	@mkdir -p $(dir $@)
	$(Q)$(ARM64_CC) $(CFLAGS_EFI64) -MMD -MP -c $< -o $@

-include $(shell find $(EFI64_OUT)/obj -name '*.d' 2>/dev/null)

# gnu-efi's AArch64 way: crt0-efi-aarch64.o carries the PE/COFF header
# (subsystem from EFI_SUBSYSTEM, 10: application) and the self-relocation
# call; the shared ELF is turned into the PE image by objcopy -O binary.
# The header's last section (.data, up to _edata, 512-byte aligned) ends
# past objcopy's last byte when the relocations end unaligned; AAVMF
# refuses such an image (Unsupported), so the file is padded to 512 bytes.
# Its link script puts code and data in one RWX segment (the PE sections
# carry the permissions), hence --no-warn-rwx-segments.
$(EFI64_OUT)/baton.so: $(EFI64_OBJS) $(EFI64_GNUEFI)/libgnuefi.a $(ARM64_LIBFDT_A)
	$(Q)$(ARM64_LD) -nostdlib -znocombreloc -T $(EFI64_GNUEFI)/elf_aarch64_efi.lds \
		-shared -Bsymbolic --no-undefined --no-warn-rwx-segments \
		--defsym=EFI_SUBSYSTEM=0xa \
		$(EFI64_GNUEFI)/crt0-efi-aarch64.o $(EFI64_OBJS) \
		$(ARM64_LIBFDT_A) $(EFI64_GNUEFI)/libgnuefi.a -o $@

$(BATON_EFI_ARM64): $(EFI64_OUT)/baton.so
	$(Q)$(ARM64_OBJCOPY) -j .text -j .sdata -j .data -j .dynamic \
		-j .rodata -j .rel -j .rela -j .rel.* -j .rela.* -j .reloc \
		-O binary $< $@.tmp
	$(Q)size=$$(stat -c %s $@.tmp); \
		truncate -s $$(( (size + 511) / 512 * 512 )) $@.tmp && mv $@.tmp $@

.PHONY: efi-arm64
efi-arm64: $(BATON_EFI_ARM64)

ifneq ($(ARM64_HAVE_CC),)
ALL_TARGETS	+= $(BATON_EFI_ARM64)
endif

# AAVMF boots of the AArch64 baton.efi replaying mkhandover captures into
# baton.Image: the scenario of every release profile and three corruptions
# (tests/efi/run-efi-arm64.sh; about 90 s under TCG).
.PHONY: test-efi-arm64
test-efi-arm64:
	$(Q)if [ -z "$(ARM64_HAVE_CC)" ]; then \
		echo "SKIP: efi-arm64 (no $(ARM64_CC))"; \
	else $(MAKE) --no-print-directory $(BATON_EFI_ARM64) $(ARM64_IMAGE) \
		$(BUILD)/tools/mkhandover && \
		tests/efi/run-efi-arm64.sh $(BUILD); fi
