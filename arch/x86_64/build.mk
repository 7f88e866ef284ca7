# arch/x86_64/: entry, CPU setup, exceptions, paging, TSC, exit; and the
# payload images: build/baton.elf (PVH ELF, loads at 1 MiB), the same
# objects loaded at 64 MiB (build/baton-high.elf, runs relocated), and
# build/baton.bzImage (Linux boot protocol, for kexec_file_load).
PAYLOAD_SRCS	+= arch/x86_64/head.S arch/x86_64/relocate.c \
		   arch/x86_64/start.c arch/x86_64/cpu.c \
		   arch/x86_64/exceptions.c arch/x86_64/exit.c \
		   arch/x86_64/tsc.c arch/x86_64/paging.c \
		   arch/x86_64/boot_paging.c arch/x86_64/selftest.c
# The other CPUs (baton.smp): local APIC, INIT-SIPI-SIPI, the real-mode
# trampoline copied below 1 MiB, INIT to park.
PAYLOAD_SRCS	+= arch/x86_64/smp.c arch/x86_64/ap_trampoline.S
# The final jump into the next kernel (boot/chain/chain_boot.c calls it).
PAYLOAD_SRCS	+= arch/x86_64/chain_jump.S
# Table construction has no CPU access: also built hosted and unit tested.
CORE_SRCS	+= arch/x86_64/pagetable.c
UNIT_TESTS	+= test_pagetable

# Every call keeps its frame, so the exception backtrace (frame-pointer
# walk) shows each caller instead of skipping tail-called functions.
CFLAGS_PAYLOAD	+= -fno-optimize-sibling-calls

# The stack-smash self test needs the canary check in one function.
$(BUILD)/payload/arch/x86_64/selftest.o: CFLAGS_PAYLOAD += -fstack-protector-explicit

BATON_ELF	:= $(BUILD)/baton.elf
BATON_HIGH_ELF	:= $(BUILD)/baton-high.elf
BATON_BZIMAGE	:= $(BUILD)/baton.bzImage
BATON_HIGH_LOAD	:= 0x4000000

ALL_TARGETS	+= $(BATON_ELF) $(BATON_HIGH_ELF) $(BATON_BZIMAGE)

# --gc-sections: what no entry point reaches (the link script's KEEPs and
# ENTRY) is dropped; test-payload-symbols checks no host code is left.
PAYLOAD_LDFLAGS	:= -static -pie --no-dynamic-linker -z noexecstack -z norelro \
		   -z max-page-size=4096 --build-id=none --gc-sections

$(BUILD)/linker/baton-%.lds: linker/baton.lds.S arch/x86_64/layout.h
	@mkdir -p $(dir $@)
	$(Q)$(CC) -E -P -x c -Iinclude -I. -DLOAD_BASE=$* $< -o $@

# Links $(PAYLOAD_OBJS) (defined after this fragment: secondary expansion)
# and refuses any dynamic relocation other than R_X86_64_RELATIVE, the only
# kind arch_relocate() applies.
define link_payload
	@mkdir -p $(dir $@)
	$(Q)$(LD) $(PAYLOAD_LDFLAGS) -T $(1) -o $@.tmp $(PAYLOAD_OBJS) $(LIBFDT_A)
	$(Q)bad=$$(readelf -rW $@.tmp | awk '$$3 ~ /^R_X86_64_/ && $$3 != "R_X86_64_RELATIVE"'); \
	if [ -n "$$bad" ]; then \
		echo "$@: dynamic relocations other than R_X86_64_RELATIVE:"; \
		echo "$$bad"; rm -f $@.tmp; exit 1; \
	fi
	$(Q)mv $@.tmp $@
endef

.SECONDEXPANSION:
$(BATON_ELF): $$(PAYLOAD_OBJS) $(LIBFDT_A) $(BUILD)/linker/baton-0x100000.lds
	$(call link_payload,$(BUILD)/linker/baton-0x100000.lds)

$(BATON_HIGH_ELF): $$(PAYLOAD_OBJS) $(LIBFDT_A) $(BUILD)/linker/baton-$(BATON_HIGH_LOAD).lds
	$(call link_payload,$(BUILD)/linker/baton-$(BATON_HIGH_LOAD).lds)

# Real-mode setup code for the bzImage's setup sector (16-bit, flat binary
# whose offsets are setup-area offsets).
SETUP16_BIN	:= $(BUILD)/setup16.bin
$(SETUP16_BIN): arch/x86_64/setup16.S
	@mkdir -p $(BUILD)/setup16
	$(Q)$(CC) -m32 -c $< -o $(BUILD)/setup16/setup16.o
	$(Q)$(LD) -m elf_i386 -Ttext=0 -e setup16 --oformat binary \
		-o $@ $(BUILD)/setup16/setup16.o

$(BATON_BZIMAGE): $(BATON_ELF) $(SETUP16_BIN) $$(MKBZIMAGE)
	$(Q)$(MKBZIMAGE) $(BATON_ELF) $(SETUP16_BIN) $@

