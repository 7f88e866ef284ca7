# arch/arm64/: the arm64 payload, build/arm64/baton.Image (arm64 Linux
# Image, for QEMU virt's -kernel and, later, kexec_file_load), cross-built
# with $(CROSS_COMPILE)gcc into $(BUILD)/arm64/ from the same neutral
# sources as the x86 payload (lib/, drivers/, boot/, report/): nothing
# is copied here (README, "arm64"; docs/arm64.md).
CROSS_COMPILE	?= aarch64-linux-gnu-
ARM64_CC	:= $(CROSS_COMPILE)gcc
ARM64_LD	:= $(CROSS_COMPILE)ld
ARM64_OBJCOPY	:= $(CROSS_COMPILE)objcopy
ARM64_READELF	:= $(CROSS_COMPILE)readelf
ARM64_HAVE_CC	:= $(shell command -v $(ARM64_CC) 2>/dev/null)

ARM64_OUT	:= $(BUILD)/arm64
ARM64_ELF	:= $(ARM64_OUT)/baton.elf
ARM64_IMAGE	:= $(ARM64_OUT)/baton.Image
ARM64_LIBFDT_A	:= $(ARM64_OUT)/libfdt.a
ARM64_LIBFDT_INC := $(ARM64_OUT)/libfdt-include

ARM64_SRCS	:= arch/arm64/head.S arch/arm64/relocate.c arch/arm64/start.c \
		   arch/arm64/mmu.c arch/arm64/paging.c arch/arm64/timer.c \
		   arch/arm64/exit.c arch/arm64/exceptions.c \
		   arch/arm64/chain_jump.c arch/arm64/smp.c
# The neutral sources: the x86 payload's own lists (fragments included
# after this one, hence recursive variables and the second expansion of
# the link rule's prerequisites) without arch/x86_64/ and the x86 chain
# glue, plus what only a DTB entry needs: boot/dtb_entry.c (its part of
# baton_main), drivers/pl011.c, the arm64 chain glue
# boot/chain/chain_boot_dtb.c (the DTB reader boot/fdt_bootinfo.c is CORE)
# and boot/acpi_efi.c (SPCR through the UEFI system table /chosen names).
ARM64_X86_ONLY	:= arch/x86_64/% boot/chain/chain_boot.c
ARM64_DTB_SRCS	:= boot/dtb_entry.c drivers/pl011.c \
		   boot/chain/chain_boot_dtb.c boot/acpi_efi.c
ARM64_ALL_SRCS	= $(ARM64_SRCS) $(ARM64_DTB_SRCS) \
		  $(filter-out $(ARM64_X86_ONLY),$(PAYLOAD_SRCS) $(CORE_SRCS))
ARM64_OBJS	= $(patsubst %,$(ARM64_OUT)/obj/%.o,$(basename $(ARM64_ALL_SRCS)))

# As the x86 payload, plus -mstrict-align: until arm64_mmu_early() runs
# every access is Device memory, where an unaligned access faults (and
# RAM outside the image stays Device in the early map). No x86 -mno-red-zone
# (AArch64 has no red zone in this ABI). Every call keeps its frame for the
# exception backtrace. Atomics inline (-mno-outline-atomics): there is no
# libgcc helper to call in the payload.
CFLAGS_ARM64	:= -std=gnu11 -O2 -g $(WARNINGS) -ffreestanding -fpie \
		   -ffunction-sections -fdata-sections -fvisibility=hidden \
		   -mgeneral-regs-only -mstrict-align -mno-outline-atomics \
		   -fno-stack-protector \
		   -fno-omit-frame-pointer -fno-optimize-sibling-calls \
		   -fno-asynchronous-unwind-tables -fno-common \
		   -fno-strict-aliasing -nostdinc -Iinclude/freestanding \
		   -isystem $(shell $(ARM64_CC) -print-file-name=include 2>/dev/null) \
		   -isystem $(ARM64_LIBFDT_INC) -Iinclude -I. -DBATON_FREESTANDING
ARM64_LDFLAGS	:= -static -pie --no-dynamic-linker -z noexecstack -z norelro \
		   -z max-page-size=4096 --build-id=none --gc-sections

# libfdt.a and its headers come first: every object may include <libfdt.h>.
$(ARM64_OUT)/obj/%.o: %.c | $(ARM64_LIBFDT_A)
	@mkdir -p $(dir $@)
	$(Q)$(ARM64_CC) $(CFLAGS_ARM64) -MMD -MP -c $< -o $@

$(ARM64_OUT)/obj/%.o: %.S | $(ARM64_LIBFDT_A)
	@mkdir -p $(dir $@)
	$(Q)$(ARM64_CC) $(CFLAGS_ARM64) -D__ASSEMBLY__ -MMD -MP -c $< -o $@

$(ARM64_LIBFDT_A): arch/arm64/fetch-libfdt.sh
	@mkdir -p $(dir $@)
	$(Q)arch/arm64/fetch-libfdt.sh $@ $(ARM64_LIBFDT_INC)

$(ARM64_OUT)/baton.lds: arch/arm64/baton.lds.S arch/arm64/layout.h
	@mkdir -p $(dir $@)
	$(Q)$(ARM64_CC) -E -P -x c -Iinclude -I. $< -o $@

# Refuses any dynamic relocation but R_AARCH64_RELATIVE, the only kind
# arm64_relocate() applies (and R_AARCH64_NONE, which ld leaves for the
# relocations of what --gc-sections dropped; arm64_relocate() skips them).
.SECONDEXPANSION:
$(ARM64_ELF): $$(ARM64_OBJS) $(ARM64_LIBFDT_A) $(ARM64_OUT)/baton.lds
	$(Q)$(ARM64_LD) $(ARM64_LDFLAGS) -T $(ARM64_OUT)/baton.lds -o $@.tmp \
		$(ARM64_OBJS) $(ARM64_LIBFDT_A)
	$(Q)bad=$$($(ARM64_READELF) -rW $@.tmp | awk '$$3 ~ /^R_AARCH64_/ && $$3 != "R_AARCH64_RELATIVE" && $$3 != "R_AARCH64_NONE"'); \
	if [ -n "$$bad" ]; then \
		echo "$@: dynamic relocations other than R_AARCH64_RELATIVE:"; \
		echo "$$bad"; rm -f $@.tmp; exit 1; \
	fi
	$(Q)mv $@.tmp $@

-include $(shell find $(ARM64_OUT)/obj -name '*.d' 2>/dev/null)

$(ARM64_IMAGE): $(ARM64_ELF)
	$(Q)$(ARM64_OBJCOPY) -O binary $< $@

.PHONY: arm64
arm64: $(ARM64_IMAGE)

# Built by `make` when the cross compiler is there (make deps installs it).
ifneq ($(ARM64_HAVE_CC),)
ALL_TARGETS	+= $(ARM64_IMAGE)
endif

# QEMU virt boots of the Image (tests/qemu/run-qemu-arm64.sh), the last
# one a handover from mkhandover chain-loading baton.Image (needs the host
# tools mkhandover and mkbundle).
.PHONY: test-qemu-arm64
test-qemu-arm64:
	$(Q)if [ -z "$(ARM64_HAVE_CC)" ]; then \
		tests/qemu/run-qemu-arm64.sh --skip "no $(ARM64_CC)"; \
	else $(MAKE) --no-print-directory $(ARM64_IMAGE) \
		$(BUILD)/tools/mkhandover $(BUILD)/tools/mkbundle && \
		tests/qemu/run-qemu-arm64.sh $(ARM64_IMAGE) $(ARM64_OUT) \
		$(BUILD); fi
