# tools/baton-inspect/: host tool that reads a handover (capture, QEMU
# dump, KHO debugfs) with baton's parser and report code.
INSPECT		:= $(BUILD)/tools/baton-inspect
INSPECT_SRCS	:= $(wildcard tools/baton-inspect/*.c)
INSPECT_HDRS	:= $(wildcard tools/baton-inspect/*.h)
ALL_TARGETS	+= $(INSPECT)

$(INSPECT): $(INSPECT_SRCS) $(INSPECT_HDRS) $(BUILD)/host/libbaton.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(CFLAGS_HOST) $(INSPECT_SRCS) -o $@ $(LDFLAGS_HOST) $(BUILD)/host/libbaton.a $(LDLIBS_HOST)

# The ELF core reader is CORE-clean: the fuzzer links it directly.
FUZZ_TARGETS	+= fuzz_dump

# mkhandover builds the captures with misaligned sub-blob pointers.
.PHONY: test-inspect test-fuzz-dump
test-inspect: $(INSPECT) $(BUILD)/tools/mkhandover
	$(Q)tests/inspect/test-inspect.sh $(INSPECT) $(BUILD)/tools/mkhandover

# A sanitizer report must not exit like a verdict (sanitizer_options.c).
UNIT_TESTS	+= test_inspect_sanitizer_exit

# Overrides the generic fuzz rule: the target links elf_core.c as well.
$(BUILD)/tests/fuzz/fuzz_dump: tests/fuzz/fuzz_dump.c tools/baton-inspect/elf_core.c $(BUILD)/fuzz/libbaton.a
	@mkdir -p $(dir $@)
	$(Q)$(FUZZCC) $(CFLAGS_FUZZ) tests/fuzz/fuzz_dump.c tools/baton-inspect/elf_core.c -o $@ $(LDFLAGS_FUZZ) $(BUILD)/fuzz/libbaton.a $(LDLIBS_HOST)

test-fuzz-dump: $(BUILD)/tests/fuzz/fuzz_dump
	$(Q)rc=0; $(call fuzz_smoke,fuzz_dump,10,1024,tests/inspect/seeds) exit $$rc

# The real thing: Linux 7.2 kexecs baton under QEMU, the guest is dumped
# with dump-guest-memory, baton-inspect must agree with baton's JSON; the
# capture extracted from the dump replays under OVMF with baton.efi.
.PHONY: test-inspect-qemu
test-inspect-qemu: $(INSPECT) $(BUILD)/tools/baton-agent $(BUILD)/baton.bzImage $(BUILD)/baton.efi
	$(Q)tests/inspect/test-qemu-dump.sh $(BUILD) $(BUILD)/tools/baton-agent $(BUILD)/baton.bzImage $(INSPECT) $(BUILD)/baton.efi

# live on a real Linux 7.2 debugfs: Linux -> baton -> Linux, the second
# kernel's kho/in copied out over the console, compared with baton's JSON.
.PHONY: test-inspect-live-linux
test-inspect-live-linux: $(INSPECT) $(BUILD)/tools/baton-agent $(BUILD)/baton.bzImage $(BUILD)/tools/mkbundle
	$(Q)tests/inspect/test-live-linux.sh $(BUILD) $(BUILD)/tools/baton-agent $(BUILD)/baton.bzImage $(BUILD)/tools/mkbundle $(INSPECT)
