# luo/: the handover ABI library (KHO, preserved-memory map, LUO, memfd).
LUO_CORE_SRCS	:= luo/handover_access.c luo/segment_view.c luo/page_list.c \
		   luo/preserved_index.c luo/visit_set.c luo/kho_map.c luo/model.c \
		   luo/kho_parse.c luo/kho_block.c luo/kho_vmalloc.c \
		   luo/memfd_parse.c luo/luo_parse.c luo/blobs_parse.c \
		   luo/handover.c luo/memfd_content.c luo/agent_manifest.c luo/digest_check.c
CORE_SRCS	+= $(LUO_CORE_SRCS)

# The payload is built -nostdinc; libfdt's three headers are exposed through
# a private directory of symlinks so /usr/include itself stays out of reach.
LIBFDT_INC	:= $(BUILD)/libfdt-include
$(LIBFDT_INC)/.stamp:
	@mkdir -p $(dir $@)
	$(Q)for h in libfdt.h libfdt_env.h fdt.h; do \
		ln -sf /usr/include/$$h $(dir $@)$$h; done
	@touch $@
$(BUILD)/payload/luo/%.o: CFLAGS_PAYLOAD += -isystem $(LIBFDT_INC)
$(patsubst %.c,$(BUILD)/payload/%.o,$(LUO_CORE_SRCS)): | $(LIBFDT_INC)/.stamp
UNIT_TESTS	+= test_luo_roundtrip test_kho_map test_kho_subtrees test_luo_golden \
		   test_luo_findings test_luo_shared test_blobs_misaligned \
		   test_memfd_content test_luo_v1_seed test_luo_access \
		   test_agent_manifest test_digest_check test_visit_set

# Fuzzing: three libFuzzer targets over the fuzz image format, seeds from the
# builders (seedgen), `make fuzz FUZZ_TIME=s` and a short smoke test step.
FUZZ_TARGETS	+= fuzz_kho fuzz_luo fuzz_memfd fuzz_agent_manifest
LUO_FUZZ	:= fuzz_kho fuzz_luo fuzz_memfd fuzz_agent_manifest
FUZZ_TIME	?= 60
FUZZ_SEEDS	:= $(BUILD)/fuzz-seeds

# (HOST_LIB is defined after this fragment is read: name the file itself)
$(BUILD)/tests/fuzz/seedgen: tests/fuzz/seedgen.c $(BUILD)/host/libbaton.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(CFLAGS_HOST) $< -o $@ $(LDFLAGS_HOST) $(HOST_LIB) $(LDLIBS_HOST)

$(FUZZ_SEEDS)/.stamp: $(BUILD)/tests/fuzz/seedgen
	@mkdir -p $(dir $@)
	$(Q)$< $(dir $@)
	@touch $@

$(patsubst %,$(BUILD)/tests/fuzz/%,$(LUO_FUZZ)): tests/fuzz/fuzz_common.h

# run-fuzz NAME SECONDS: prints PASS/FAIL for one target
define run_luo_fuzz
	mkdir -p $(BUILD)/fuzz-corpus/$(1); \
	if $(BUILD)/tests/fuzz/$(1) -max_total_time=$(2) -max_len=262144 \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix=$(BUILD)/fuzz-corpus/$(1)- \
		$(BUILD)/fuzz-corpus/$(1) $(FUZZ_SEEDS) \
		> $(BUILD)/fuzz-corpus/$(1).log 2>&1; then \
		echo "PASS: fuzz/$(1) ($(2) s, $$(grep -o 'stat::number_of_executed_units: *[0-9]*' $(BUILD)/fuzz-corpus/$(1).log | grep -o '[0-9]*$$') runs)"; \
	else echo "FAIL: fuzz/$(1) (see $(BUILD)/fuzz-corpus/$(1).log)"; rc=1; fi;
endef

.PHONY: fuzz test-fuzz-smoke
fuzz: $(patsubst %,$(BUILD)/tests/fuzz/%,$(LUO_FUZZ)) $(FUZZ_SEEDS)/.stamp
	$(Q)rc=0; $(foreach t,$(LUO_FUZZ),$(call run_luo_fuzz,$(t),$(FUZZ_TIME))) exit $$rc

test-fuzz-smoke: $(patsubst %,$(BUILD)/tests/fuzz/%,$(LUO_FUZZ)) $(FUZZ_SEEDS)/.stamp
	$(Q)rc=0; $(foreach t,$(LUO_FUZZ),$(call run_luo_fuzz,$(t),10)) exit $$rc

TEST_STEPS	+= test-fuzz-smoke
