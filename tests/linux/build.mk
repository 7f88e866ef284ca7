# tests/linux: the real-Linux 7.2 tier (KHO+LUO kernel under QEMU, agent,
# round trips Linux -> Linux and Linux -> baton). See docs/real-linux.md.

.PHONY: linux
linux:
	$(Q)tests/linux/build-kernel.sh $(BUILD)/linux/bzImage

.PHONY: test-linux
# baton and mkbundle are built on a best-effort basis: if another module
# breaks them, the Linux -> Linux tests still run and the baton tests FAIL
# by name instead of the whole step failing.
test-linux: $(BATON_AGENT)
	$(Q)tests/linux/kernel-gate.sh $(BUILD) test-linux; rc=$$?; \
		[ $$rc = 1 ] && exit 0; [ $$rc = 0 ] || exit 1; \
		$(MAKE) --no-print-directory $(BUILD)/baton.bzImage; \
		$(MAKE) --no-print-directory $(MKBUNDLE) >/dev/null 2>&1; \
		$(MAKE) --no-print-directory $(INSPECT) $(BUILD)/baton.efi >/dev/null 2>&1; \
		tests/linux/test-linux.sh $(BUILD) $(BATON_AGENT) $(BUILD)/baton.bzImage $(MKBUNDLE); \
		rc=$$?; EFI=$(BUILD)/baton.efi tests/linux/test-capture-serial.sh $(BUILD) \
			$(BATON_AGENT) $(BUILD)/baton.bzImage $(INSPECT) || rc=1; exit $$rc

# Early in `make test`: the Linux kernel for every later step that boots it
# (test-inspect-qemu, test-linux, test-efi), if the gate lets it run:
# cached or built on first use; BATON_LINUX=0 opts out (docs/real-linux.md,
# "In make test and CI").
.PHONY: test-linux-kernel
test-linux-kernel:
	$(Q)t0=$$(date +%s); tests/linux/kernel-gate.sh $(BUILD) linux-kernel; \
		rc=$$?; [ $$rc = 1 ] && exit 0; [ $$rc = 0 ] || exit 1; \
		echo "PASS: linux-kernel ($$(tail -1 $(BUILD)/linux/kernel-build.log | sed 's/^build-kernel: //'); $$(( $$(date +%s) - t0 )) s)"

# Real Linux 7.2 handover bytes for tests/vectors/linux-7.2* (not part of
# `make test`; rerun by hand when the capture procedure changes). The
# -serial one is baton.capture=serial's capture directory.
.PHONY: linux-vectors
linux-vectors: $(BATON_AGENT) $(BUILD)/baton.bzImage $(INSPECT)
	$(Q)tests/linux/build-kernel.sh $(BUILD)/linux/bzImage
	$(Q)tests/linux/test-capture-serial.sh $(BUILD) $(BATON_AGENT) $(BUILD)/baton.bzImage $(INSPECT) tests/vectors/linux-7.2-serial
	$(Q)tests/linux/capture-vectors.sh $(BUILD) $(BATON_AGENT) $(BUILD)/baton.bzImage tests/vectors/linux-7.2
	$(Q)tests/linux/capture-vectors.sh $(BUILD) $(BATON_AGENT) $(BUILD)/baton.bzImage tests/vectors/linux-7.2-many many --blocks-only
	$(Q)KERNEL_VARIANT=flb tests/linux/capture-vectors.sh $(BUILD) $(BATON_AGENT) $(BUILD)/baton.bzImage tests/vectors/linux-7.2-flb vectors --blocks-only

TEST_STEPS := test-linux-kernel $(TEST_STEPS) test-linux
