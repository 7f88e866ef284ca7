# tests/linux: the real-Linux tier (KHO+LUO kernels 7.2 and 7.3 under QEMU,
# agent, round trips Linux -> Linux and Linux -> baton -> Linux, within a
# release and across releases). See docs/real-linux.md.

# The release `make linux` builds: the newest by default; LINUX_RELEASE=7.2
# for the other (tests/linux/releases.sh lists them).
LINUX_RELEASE	?= 7.3
# Every release the tier boots; the base release (7.2) also runs the
# single-kernel tests (test-linux.sh) and is BUILD/linux/bzImage.
LINUX_RELEASES	:= 7.2 7.3
# Cross-release trips FIRST:NEXT (test-releases.sh; each pair runs direct and
# through baton). `make test-linux` (and so `make test` and CI) runs
# LINUX_TRIPS, `make test-linux-all` all of LINUX_TRIPS_ALL.
LINUX_TRIPS_ALL	:= 7.3:7.3 7.2:7.3 7.3:7.2
LINUX_TRIPS	?= $(LINUX_TRIPS_ALL)

.PHONY: linux
linux:
	$(Q)tests/linux/build-kernel.sh --release $(LINUX_RELEASE) $(BUILD)/linux/$(LINUX_RELEASE)/bzImage

.PHONY: test-linux test-linux-all
# baton and mkbundle are built on a best-effort basis: if another module
# breaks them, the Linux -> Linux tests still run and the baton tests FAIL
# by name instead of the whole step failing.
test-linux: $(BATON_AGENT)
	$(Q)tests/linux/kernel-gate.sh $(BUILD) test-linux; rc=$$?; \
		[ $$rc = 1 ] && exit 0; [ $$rc = 0 ] || exit 1; \
		$(MAKE) --no-print-directory $(BUILD)/baton.bzImage; \
		$(MAKE) --no-print-directory $(MKBUNDLE) $(MKBUNDLE_STATIC) >/dev/null 2>&1; \
		$(MAKE) --no-print-directory $(INSPECT) $(BUILD)/baton.efi >/dev/null 2>&1; \
		tests/linux/test-linux.sh $(BUILD) $(BATON_AGENT) $(BUILD)/baton.bzImage $(MKBUNDLE); \
		rc=$$?; EFI=$(BUILD)/baton.efi tests/linux/test-capture-serial.sh $(BUILD) \
			$(BATON_AGENT) $(BUILD)/baton.bzImage $(INSPECT) || rc=1; \
		tests/linux/test-releases.sh $(BUILD) $(BATON_AGENT) $(BUILD)/baton.bzImage \
			$(MKBUNDLE) $(LINUX_TRIPS) || rc=1; exit $$rc

test-linux-all:
	$(Q)$(MAKE) --no-print-directory test-linux LINUX_TRIPS="$(LINUX_TRIPS_ALL)"

# baton.smp on real Linux 7.2 (tests/linux/test-smp-linux.sh, ~30 s after
# the kernel is cached): Linux -> baton -> Linux on 2 vCPUs; baton digests
# on both and parks the other, the next Linux brings both up again and
# verifies every byte (docs/smp.md).
.PHONY: test-linux-smp
test-linux-smp: $(BATON_AGENT)
	$(Q)tests/linux/kernel-gate.sh $(BUILD) test-linux-smp; rc=$$?; \
		[ $$rc = 1 ] && exit 0; [ $$rc = 0 ] || exit 1; \
		$(MAKE) --no-print-directory $(BUILD)/baton.bzImage $(MKBUNDLE) \
			$(MKBUNDLE_STATIC) >/dev/null || exit 1; \
		tests/linux/test-smp-linux.sh $(BUILD) $(BATON_AGENT) \
			$(BUILD)/baton.bzImage $(MKBUNDLE) 2

# Host scale on real Linux 7.2 (issue 17; tests/linux/test-linux-scale.sh,
# docs/real-linux.md "Host scale"): 20,000 sessions and 50,000 memfds,
# Linux -> baton-load -> baton (baton.chain=on-clean) -> Linux, every file
# verified, baton's model complete and its report subtree amended.
.PHONY: test-linux-scale
test-linux-scale: $(BATON_AGENT)
	$(Q)tests/linux/kernel-gate.sh $(BUILD) test-linux-scale; rc=$$?; \
		[ $$rc = 1 ] && exit 0; [ $$rc = 0 ] || exit 1; \
		$(MAKE) --no-print-directory $(BUILD)/baton.bzImage $(MKBUNDLE) \
			$(MKBUNDLE_STATIC) >/dev/null || exit 1; \
		tests/linux/test-linux-scale.sh $(BUILD) $(BATON_AGENT) \
			$(BUILD)/baton.bzImage $(MKBUNDLE)

# The arm64 tier (tests/linux/arm64/test-linux-arm64.sh; docs/real-linux.md,
# "arm64"): the arm64 Linux 7.2 kernel, busybox and selftests on first use,
# then three QEMU virt boot chains (control, through baton, tamper).
# BATON_LINUX=0 skips it like the x86 steps; baton.Image and mkbundle are
# best effort (the baton trips FAIL by name without them).
.PHONY: test-linux-arm64
test-linux-arm64:
	$(Q)case "$${BATON_LINUX:-1}" in \
	0) echo "SKIP: test-linux-arm64 (BATON_LINUX=0)"; exit 0 ;; \
	1) ;; \
	*) echo "FAIL: test-linux-arm64 (BATON_LINUX must be 0 or 1)"; exit 1 ;; \
	esac; \
	$(MAKE) --no-print-directory $(BATON_AGENT) $(BATON_AGENT_ARM64) || exit 1; \
	$(MAKE) --no-print-directory $(ARM64_IMAGE) $(MKBUNDLE) >/dev/null 2>&1; \
	tests/linux/arm64/test-linux-arm64.sh $(BUILD) $(BATON_AGENT_ARM64) $(ARM64_IMAGE)

# Early in `make test`: the Linux kernels for every later step that boots
# them (test-inspect-qemu, test-linux, test-efi), if the gate lets it run:
# cached or built on first use, one PASS line per release with its time;
# BATON_LINUX=0 opts out (docs/real-linux.md, "In make test and CI").
.PHONY: test-linux-kernel
test-linux-kernel:
	$(Q)for r in $(LINUX_RELEASES); do \
		t0=$$(date +%s); tests/linux/kernel-gate.sh $(BUILD) linux-kernel $$r; \
		rc=$$?; [ $$rc = 1 ] && exit 0; [ $$rc = 0 ] || exit 1; \
		log=$(BUILD)/linux/kernel-build-$$r.log; name=linux-kernel-$$r; \
		[ $$r = 7.2 ] && log=$(BUILD)/linux/kernel-build.log && name=linux-kernel; \
		echo "PASS: $$name ($$(tail -1 $$log | sed 's/^build-kernel: //'); $$(( $$(date +%s) - t0 )) s)"; \
	done

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
