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
$(BUILD)/tests/fuzz/fuzz_dump: tools/baton-inspect/elf_core.c tools/baton-inspect/elf_core.h

.PHONY: test-inspect test-fuzz-dump
test-inspect: $(INSPECT)
	$(Q)tests/inspect/test-inspect.sh $(INSPECT)
TEST_STEPS	+= test-inspect
