# host/bench/: benchmarks, optimised and without sanitizers, each built
# straight from the sources it measures (`make bench` runs BENCH_STEPS).

# mm: the memory model over large e820 maps.
MM_BENCH_SRCS	:= host/bench/mm_bench.c mm/kind.c mm/range_set.c mm/e820.c \
		   mm/reserve.c mm/alloc.c mm/check.c mm/report.c \
		   lib/printf.c lib/findings.c
$(BUILD)/bench/mm_bench: $(MM_BENCH_SRCS) $(wildcard mm/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O2 -g $(WARNINGS) -Iinclude -I. \
		-DBATON_HOSTED $(MM_BENCH_SRCS) -o $@

.PHONY: bench-mm
bench-mm: $(BUILD)/bench/mm_bench
	$(Q)$(BUILD)/bench/mm_bench
BENCH_STEPS	+= bench-mm

# luo: the preserved-memory map walk, and a whole handover parse.
LUO_BENCH_SRCS	:= host/bench/bench_map.c luo/kho_map.c luo/page_list.c \
		   luo/handover_access.c luo/preserved_index.c luo/visit_set.c \
		   luo/model.c host/builder/builder.c host/scenario/host_arena.c \
		   lib/findings.c lib/physmem.c lib/printf.c
$(BUILD)/bench/bench_luo_map: $(LUO_BENCH_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O2 -g $(WARNINGS) -Iinclude -I. -DBATON_HOSTED \
		$(LUO_BENCH_SRCS) -o $@ -lfdt

LUO_PARSE_BENCH_SRCS := host/bench/bench_parse.c $(LUO_CORE_SRCS) \
		   host/builder/builder.c host/builder/builder_scenario.c \
		   host/scenario/host_arena.c host/scenario/host_scenario.c \
		   host/scenario/host_storage.c lib/findings.c lib/physmem.c lib/printf.c lib/crc32c.c
$(BUILD)/bench/bench_luo_parse: $(LUO_PARSE_BENCH_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O2 -g $(WARNINGS) -Iinclude -I. -DBATON_HOSTED \
		$(LUO_PARSE_BENCH_SRCS) -o $@ -lfdt

# memfd_digest over scattered order-0 folios vs memcpy of the same pages.
MEMFD_DIGEST_BENCH_SRCS := host/bench/memfd_digest_bench.c \
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

# The CRC32C content digest (bench-handover runs it too); no sanitizers:
# it measures the code as the payload runs it.
DIGEST_BENCH	:= $(BUILD)/bench/digest_bench
$(DIGEST_BENCH): host/bench/digest_bench.c lib/crc32c.c include/baton/crc32c.h
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O2 $(WARNINGS) -Iinclude -I. -DBATON_HOSTED \
		host/bench/digest_bench.c lib/crc32c.c -o $@

# DIGEST_BENCH_MIB=64 1024 by default; smaller sizes for a quick look.
DIGEST_BENCH_MIB ?= 64 1024
.PHONY: bench-digest
bench-digest: $(DIGEST_BENCH)
	$(Q)$(DIGEST_BENCH) $(DIGEST_BENCH_MIB)

BENCH_STEPS	+= bench-digest


# Host scale (issue 17): a 4 TiB host in 2 MiB folios, a 256 GiB order-0
# memfd, 50,000 sessions x 4 files, through baton's memory phase, parse and
# report-subtree amendment at 1/16, 1/8, 1/4 of that (bench-scale, about
# 25 s and 2.3 GiB of RAM; SCALE_DIV=4 reaches the whole host, ~9 GiB),
# then the issue's two hosted targets alone (--targets, ~5 GiB);
# test-scale runs 1/1024 x1 x2 x4 in about a second and asserts the work
# counters grow linearly.
SCALE_BENCH_SRCS := host/bench/scale_bench.c $(LUO_CORE_SRCS) $(LUO_AMEND_SRCS) \
		   mm/kind.c mm/range_set.c mm/e820.c mm/reserve.c mm/alloc.c \
		   mm/check.c mm/report.c \
		   host/builder/builder.c host/builder/builder_scenario.c \
		   host/scenario/host_arena.c host/scenario/host_scenario.c \
		   host/scenario/host_storage.c lib/findings.c lib/physmem.c \
		   lib/printf.c lib/crc32c.c lib/bootinfo.c
$(BUILD)/bench/scale_bench: $(SCALE_BENCH_SRCS) $(wildcard luo/*.h mm/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O2 -g $(WARNINGS) -Iinclude -I. -DBATON_HOSTED \
		$(SCALE_BENCH_SRCS) -o $@ -lfdt

.PHONY: bench-scale test-scale
SCALE_DIV	?= 16
bench-scale: $(BUILD)/bench/scale_bench
	$(Q)$< --div $(SCALE_DIV)
	$(Q)$< --targets
BENCH_STEPS	+= bench-scale
test-scale: $(BUILD)/bench/scale_bench
	$(Q)$< --check
