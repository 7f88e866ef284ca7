# efi/: build/baton.efi, the UEFI launcher that replays a capture and
# enters a bzImage payload (docs/uefi.md), and the capture manifest reader
# it runs (parser, layout check; hosted too: mkhandover, baton-inspect).
HOSTLIB_SRCS	+= efi/capture_parse.c efi/capture_layout.c
UNIT_TESTS	+= test_capture_manifest test_capture_e820 test_capture_place
# Pure parts of baton.efi (UEFI map -> e820, scratch placement): hosted for
# their unit tests, and built into baton.efi.
HOSTLIB_SRCS	+= efi/e820_from_efi.c efi/scratch_place.c

# baton.efi: gnu-efi's crt0 and self-relocation (libgnuefi.a) only; the
# firmware is called directly through ms_abi function pointers, so
# libefi.a (whose memcpy/memset would clash with lib/string.c) is unused.
GNUEFI_CRT0	:= /usr/lib/crt0-efi-x86_64.o
GNUEFI_LDS	:= /usr/lib/elf_x86_64_efi.lds
GNUEFI_LIB	:= /usr/lib/libgnuefi.a
BATON_EFI	:= $(BUILD)/baton.efi

# Not -ffunction-sections/-fdata-sections: gnu-efi's link script and the
# objcopy below know .text/.data/.bss only (an orphan .bss.NAME would be
# left out of the PE image).
CFLAGS_EFI	:= $(filter-out -fpie -ffunction-sections -fdata-sections,$(CFLAGS_PAYLOAD)) \
		   -fpic -fshort-wchar \
		   -isystem /usr/include/efi -isystem /usr/include/efi/x86_64 \
		   -DGNU_EFI_USE_MS_ABI -DBATON_EFI
EFI_APP_SRCS	:= efi/efi_main.c efi/efi_console.c efi/efi_source.c \
		   efi/efi_memmap.c efi/efi_replay.c efi/efi_boot.c efi/enter.S \
		   efi/e820_from_efi.c efi/scratch_place.c efi/capture_parse.c \
		   efi/capture_layout.c
# Shared code, rebuilt with the EFI flags (-fpic, short wchar).
EFI_CORE_SRCS	:= lib/capture_pattern.c lib/cpio.c lib/printf.c lib/string.c \
		   boot/chain/bzimage.c boot/chain/place.c boot/chain/status.c
EFI_OBJS	:= $(patsubst %,$(BUILD)/efi/obj/%.o,$(basename $(EFI_APP_SRCS) $(EFI_CORE_SRCS)))

$(BUILD)/efi/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_EFI) -MMD -MP -c $< -o $@

$(BUILD)/efi/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_EFI) -D__ASSEMBLY__ -MMD -MP -c $< -o $@

# The classic gnu-efi link: a PIC shared ELF whose relocations crt0 applies
# at start, turned into a PE32+ EFI application (subsystem 10).
$(BUILD)/efi/baton.so: $(EFI_OBJS) $(GNUEFI_CRT0) $(GNUEFI_LDS) $(GNUEFI_LIB)
	$(Q)$(LD) -nostdlib -znocombreloc -T $(GNUEFI_LDS) -shared -Bsymbolic \
		--no-undefined $(GNUEFI_CRT0) $(EFI_OBJS) $(GNUEFI_LIB) -o $@

$(BATON_EFI): $(BUILD)/efi/baton.so
	$(Q)$(OBJCOPY) -j .text -j .sdata -j .data -j .dynamic -j .dynsym \
		-j .rel -j .rela -j .rel.* -j .rela.* -j .reloc \
		--target efi-app-x86_64 --subsystem=10 $< $@

ALL_TARGETS	+= $(BATON_EFI)

# OVMF boots of baton.efi with hand-written captures (tests/efi/).
.PHONY: test-efi
test-efi: $(BATON_EFI) $(BATON_BZIMAGE) $(MKBUNDLE)
	$(Q)tests/efi/run-efi-tests.sh $(BUILD)

# The framebuffer console under OVMF with a GOP display, screendump
# compared with the font (tests/efi/test-fbcon.sh; docs/boot.md).
.PHONY: test-fbcon
test-fbcon: $(BATON_EFI) $(BATON_BZIMAGE)
	$(Q)tests/efi/test-fbcon.sh $(BUILD)

# libFuzzer target for the manifest parser, and a short smoke run of it.
FUZZ_TARGETS	+= fuzz_capture

.PHONY: test-fuzz-capture
test-fuzz-capture: $(BUILD)/tests/fuzz/fuzz_capture
	$(Q)rc=0; $(call fuzz_smoke,fuzz_capture,10,4096,tests/efi/seeds) exit $$rc
