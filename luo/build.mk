# luo/: the handover ABI library (KHO, preserved-memory map, LUO, memfd).
LUO_CORE_SRCS	:= luo/handover_access.c luo/segment_view.c luo/chain.c \
		   luo/preserved_index.c luo/visit_set.c luo/kho_map.c luo/model.c \
		   luo/kho_parse.c luo/kho_block.c luo/kho_vmalloc.c \
		   luo/memfd_parse.c luo/luo_parse.c luo/blobs_parse.c \
		   luo/handover.c luo/builder.c luo/builder_scenario.c \
		   luo/memfd_content.c luo/agent_manifest.c luo/digest_check.c
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
HOSTLIB_SRCS	+= luo/host_arena.c luo/host_scenario.c luo/host_damage.c \
		   luo/host_storage.c luo/fuzz_image.c
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

# Benchmark: optimised, no sanitizers, straight from the sources it measures.
LUO_BENCH_SRCS	:= luo/bench/bench_map.c luo/kho_map.c luo/chain.c \
		   luo/handover_access.c luo/preserved_index.c luo/builder.c \
		   luo/model.c luo/host_arena.c lib/findings.c lib/physmem.c \
		   lib/printf.c
$(BUILD)/bench/bench_luo_map: $(LUO_BENCH_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O2 -g $(WARNINGS) -Iinclude -I. -DBATON_HOSTED \
		$(LUO_BENCH_SRCS) -o $@ -lfdt

LUO_PARSE_BENCH_SRCS := luo/bench/bench_parse.c $(LUO_CORE_SRCS) \
		   luo/host_arena.c luo/host_scenario.c luo/host_storage.c \
		   lib/findings.c lib/physmem.c lib/printf.c lib/crc32c.c
$(BUILD)/bench/bench_luo_parse: $(LUO_PARSE_BENCH_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O2 -g $(WARNINGS) -Iinclude -I. -DBATON_HOSTED \
		$(LUO_PARSE_BENCH_SRCS) -o $@ -lfdt

# memfd_digest over scattered order-0 folios vs memcpy of the same pages.
MEMFD_DIGEST_BENCH_SRCS := tests/bench/memfd_digest_bench.c \
		   luo/memfd_content.c lib/crc32c.c lib/physmem.c
$(BUILD)/bench/memfd_digest_bench: $(MEMFD_DIGEST_BENCH_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O2 -g $(WARNINGS) -Iinclude -I. -DBATON_HOSTED \
		$(MEMFD_DIGEST_BENCH_SRCS) -o $@
MEMFD_DIGEST_BENCH_MIB ?= 64 1024
.PHONY: bench-memfd-digest
bench-memfd-digest: $(BUILD)/bench/memfd_digest_bench
	$(Q)$< $(MEMFD_DIGEST_BENCH_MIB)
BENCH_STEPS	+= bench-memfd-digest

.PHONY: bench-luo-map bench-luo-parse
bench-luo-map: $(BUILD)/bench/bench_luo_map
	$(Q)$<
bench-luo-parse: $(BUILD)/bench/bench_luo_parse
	$(Q)$<
BENCH_STEPS	+= bench-luo-map bench-luo-parse
