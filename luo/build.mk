# luo/: the handover ABI library (KHO, preserved-memory map, LUO, memfd).
LUO_CORE_SRCS	:= luo/handover_access.c luo/segment_view.c luo/page_list.c \
		   luo/preserved_index.c luo/visit_set.c luo/kho_map.c luo/model.c \
		   luo/kho_parse.c luo/kho_block.c luo/kho_vmalloc.c \
		   luo/memfd_parse.c luo/luo_parse.c luo/blobs_parse.c \
		   luo/handover.c luo/memfd_content.c luo/agent_manifest.c luo/digest_check.c
CORE_SRCS	+= $(LUO_CORE_SRCS)
UNIT_TESTS	+= test_luo_roundtrip test_kho_map test_kho_subtrees test_luo_golden \
		   test_luo_findings test_luo_shared test_blobs_misaligned \
		   test_memfd_content test_luo_v1_seed test_luo_access \
		   test_agent_manifest test_digest_check test_digest_work test_visit_set

# Fuzzing: three libFuzzer targets over the fuzz image format, seeds from the
# builders (seedgen), `make fuzz FUZZ_TIME=s` and a short smoke test step.
FUZZ_TARGETS	+= fuzz_kho fuzz_luo fuzz_memfd fuzz_agent_manifest
LUO_FUZZ	:= fuzz_kho fuzz_luo fuzz_memfd fuzz_agent_manifest
FUZZ_TIME	?= 60
FUZZ_SEEDS	:= $(BUILD)/fuzz-seeds

$(BUILD)/tests/fuzz/seedgen: tests/fuzz/seedgen.c $(HOST_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(CFLAGS_HOST) $< -o $@ $(LDFLAGS_HOST) $(HOST_LIB) $(LDLIBS_HOST)

$(FUZZ_SEEDS)/.stamp: $(BUILD)/tests/fuzz/seedgen
	@mkdir -p $(dir $@)
	$(Q)$< $(dir $@)
	@touch $@

$(patsubst %,$(BUILD)/tests/fuzz/%,$(LUO_FUZZ)): tests/fuzz/fuzz_common.h

.PHONY: fuzz test-fuzz-smoke
fuzz: $(patsubst %,$(BUILD)/tests/fuzz/%,$(LUO_FUZZ)) $(FUZZ_SEEDS)/.stamp
	$(Q)rc=0; $(foreach t,$(LUO_FUZZ),$(call fuzz_smoke,$(t),$(FUZZ_TIME),262144,$(FUZZ_SEEDS),-rss_limit_mb=2048)) exit $$rc

test-fuzz-smoke: $(patsubst %,$(BUILD)/tests/fuzz/%,$(LUO_FUZZ)) $(FUZZ_SEEDS)/.stamp
	$(Q)rc=0; $(foreach t,$(LUO_FUZZ),$(call fuzz_smoke,$(t),10,262144,$(FUZZ_SEEDS),-rss_limit_mb=2048)) exit $$rc
