# mm/: physical memory model: range sets, e820 sanitising, reservation of
# everything occupied, scratch-only allocation, invariants, summary.
CORE_SRCS	+= mm/kind.c mm/range_set.c mm/e820.c
UNIT_TESTS	+= test_range_set test_e820
