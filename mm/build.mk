# mm/: physical memory model: range sets, e820 sanitising, reservation of
# everything occupied, scratch-only allocation, invariants, summary.
CORE_SRCS	+= mm/kind.c mm/range_set.c mm/e820.c mm/reserve.c mm/alloc.c \
		   mm/check.c mm/report.c mm/alloc_outside.c
UNIT_TESTS	+= test_range_set test_e820 test_mm_reserve test_mm_alloc test_mm_check test_mm_report test_mm_radix \
		   test_mm_alloc_outside
