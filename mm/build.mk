# mm/: physical memory model: range sets, e820 sanitising, reservation of
# everything occupied, scratch-only allocation, invariants, summary.
CORE_SRCS	+= mm/kind.c mm/range_set.c mm/e820.c mm/reserve.c mm/alloc.c \
		   mm/check.c mm/report.c mm/alloc_outside.c
UNIT_TESTS	+= test_range_set test_e820 test_mm_reserve test_mm_alloc test_mm_check test_mm_report test_mm_radix \
		   test_mm_alloc_outside

# Benchmark: optimised, no sanitizers, mm core compiled in directly.
MM_BENCH_SRCS	:= tests/bench/mm_bench.c mm/kind.c mm/range_set.c mm/e820.c \
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
