# Handover latency on real Linux: the handover benchmark and its log
# parser's test (the CRC32C digest is lib/, its benchmark host/bench/, the
# timeline writers host/timeline/).

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
