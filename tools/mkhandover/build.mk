# tools/mkhandover/: host tool that builds a baton-capture 1 (and the
# expected report) from a scenario with the luo/ builders.
MKHANDOVER	:= $(BUILD)/tools/mkhandover
# options.c (the option-value parsers) lives in the host library so that
# its unit test links it.
HOSTLIB_SRCS	+= tools/mkhandover/options.c
UNIT_TESTS	+= test_mkhandover_options
MKHANDOVER_SRCS	:= $(filter-out tools/mkhandover/options.c,$(wildcard tools/mkhandover/*.c))
MKHANDOVER_HDRS	:= $(wildcard tools/mkhandover/*.h)
ALL_TARGETS	+= $(MKHANDOVER)

$(MKHANDOVER): $(MKHANDOVER_SRCS) $(MKHANDOVER_HDRS) $(BUILD)/host/libbaton.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(CFLAGS_HOST) $(MKHANDOVER_SRCS) -o $@ $(LDFLAGS_HOST) $(BUILD)/host/libbaton.a $(LDLIBS_HOST)

# The scenario suite: every valid scenario of tests/qemu/scenarios.txt and
# every corruption, each booted under OVMF with baton.efi + baton.bzImage,
# baton's JSON report compared with mkhandover's expected report.
.PHONY: test-scenarios
test-scenarios: $(MKHANDOVER) $(BUILD)/baton.efi $(BUILD)/baton.bzImage \
		$(BUILD)/tools/baton-inspect
	$(Q)rc=0; tests/qemu/test-mkhandover.sh $(MKHANDOVER) $(BUILD) || rc=1; \
	tests/qemu/run-scenarios.sh $(BUILD) || rc=1; exit $$rc
