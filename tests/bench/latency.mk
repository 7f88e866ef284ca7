# Handover latency: the CRC32C content digest, its unit test and the
# digest benchmark (the timeline writers are host/timeline/).
CORE_SRCS	+= lib/crc32c.c
UNIT_TESTS	+= test_crc32c

DIGEST_BENCH	:= $(BUILD)/tests/bench/digest_bench
# No sanitizers: the benchmark measures the code as the payload runs it.
$(DIGEST_BENCH): tests/bench/digest_bench.c lib/crc32c.c include/baton/crc32c.h
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O2 $(WARNINGS) -Iinclude -I. -DBATON_HOSTED \
		tests/bench/digest_bench.c lib/crc32c.c -o $@

# DIGEST_BENCH_MIB=64 1024 by default; smaller sizes for a quick look.
DIGEST_BENCH_MIB ?= 64 1024
.PHONY: bench-digest
bench-digest: $(DIGEST_BENCH)
	$(Q)$(DIGEST_BENCH) $(DIGEST_BENCH_MIB)

BENCH_STEPS	+= bench-digest

# Real-Linux handover downtime: N rounds of Linux -> Linux, Linux -> baton
# (digests on) -> Linux and digests off, per memfd size; medians of every
# timeline segment, baton's share, the speed targets (docs/latency.md).
# BENCH_N=5 BENCH_SIZES="64M 1G 4G" by default; slow under TCG.
.PHONY: bench-handover
bench-handover: $(BATON_AGENT) $(BUILD)/baton.bzImage $(MKBUNDLE) $(DIGEST_BENCH)
	$(Q)tests/linux/bench-handover.sh $(BUILD) $(BATON_AGENT) \
		$(BUILD)/baton.bzImage $(MKBUNDLE) $(DIGEST_BENCH)

BENCH_STEPS	+= bench-handover

# The benchmark's log parser and median table on synthetic input (no QEMU).
.PHONY: test-bench-lib
test-bench-lib:
	$(Q)tests/linux/test-bench-lib.sh

TEST_STEPS	+= test-bench-lib
