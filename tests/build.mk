# tests/: the unit-test runner steps and the tree-wide checks. The steps
# of a module live in its fragment; the Makefile's TEST_STEPS orders them.

.PHONY: test-unit
test-unit: $(UNIT_BINS)
	$(Q)rc=0; for t in $(UNIT_BINS); do $$t || rc=1; done; exit $$rc

# Each unit test case alone, in its own process: one that leans on the
# cases before it in its binary fails here.
.PHONY: test-unit-alone
test-unit-alone: $(UNIT_BINS)
	$(Q)tests/unit/run-each-alone.sh $(UNIT_BINS)

# Every § and rule id cited in the tree exists in docs/handover-abi.md.
.PHONY: test-abi-refs
test-abi-refs:
	$(Q)tests/check-abi-refs.sh .

# The payload's layers (README, "Layers"): no #include goes up a layer, only
# arch/ and <baton/arch.h> name arch/x86_64/, nothing includes host/ or
# tools/. The self test plants one violation of each kind and expects them.
.PHONY: test-layers
test-layers:
	$(Q)rc=0; tests/check-layers.sh --selftest || rc=1; \
		tests/check-layers.sh . || rc=1; exit $$rc

# The payload links only what it runs: no host-only symbol in baton.elf
# (tests/check-payload-symbols.sh; --selftest plants one and expects it).
.PHONY: test-payload-symbols
test-payload-symbols: $(BATON_ELF) $(HOST_LIB)
	$(Q)rc=0; tests/check-payload-symbols.sh --selftest $(BATON_ELF) \
		$(BUILD)/host/host || rc=1; \
		tests/check-payload-symbols.sh $(BATON_ELF) $(BUILD)/host/host || rc=1; \
		exit $$rc

