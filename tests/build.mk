# tests/: unit-test runner step. Other steps are added by the fragments of
# the modules they test (qemu, fuzz, linux).

.PHONY: test-unit
test-unit: $(UNIT_BINS)
	$(Q)rc=0; for t in $(UNIT_BINS); do $$t || rc=1; done; exit $$rc

# Each unit test case alone, in its own process: one that leans on the
# cases before it in its binary fails here.
.PHONY: test-unit-alone
test-unit-alone: $(UNIT_BINS)
	$(Q)tests/unit/run-each-alone.sh $(UNIT_BINS)

TEST_STEPS := test-unit test-unit-alone $(TEST_STEPS)

# Every § and rule id cited in the tree exists in docs/handover-abi.md.
.PHONY: test-abi-refs
test-abi-refs:
	$(Q)tests/check-abi-refs.sh .
TEST_STEPS	+= test-abi-refs
