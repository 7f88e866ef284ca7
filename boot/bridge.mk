# boot/: the bridge phase (baton.bridge=on|always, docs/bridge.md) and its
# option.
CORE_SRCS	+= boot/bridge_options.c
PAYLOAD_SRCS	+= boot/phase_bridge.c
UNIT_TESTS	+= test_bridge_options

# The bridge suite: the bridge -> parse round trips, the option and the
# report section (unit), then each older profile's handover under OVMF
# through baton.bridge=on into the real Linux 7.2 test kernel (its THP
# variant), the control without the bridge, and baton.bridge=always into a
# second baton that verifies the bridged handover (tests/efi, case 11).
BRIDGE_EFI_CASES := bridge_linux_7_1 bridge_linux_7_0 bridge_linux_6_19 \
		    bridge_linux_6_18 bridge_linux_6_17 bridge_linux_7_1_control \
		    bridge_baton_7_1

# The Linux cases boot the THP variant of the 7.2 test kernel
# (tests/linux/kernel-thp.config, its own cache entry: the base kernels are
# unchanged): their memfds hold folios of orders 0, 2 and 9, and a kernel
# without THP has no multi-index page cache entries and oopses on the first
# read of such a memfd (docs/bridge.md). Built on first use like the base
# kernel (~7 min on 2 cores), linked at $(BUILD)/linux/7.2-thp/bzImage;
# BATON_LINUX=0 skips it, and the Linux cases then SKIP.
BRIDGE_KERNEL = case "$${BATON_LINUX:-1}" in \
	0) echo "SKIP: linux-kernel-thp (BATON_LINUX=0)" ;; \
	*) mkdir -p $(BUILD)/linux; t0=$$(date +%s); \
	   if tests/linux/build-kernel.sh --release 7.2 --variant thp \
		$(BUILD)/linux/7.2-thp/bzImage >$(BUILD)/linux/kernel-build-thp.log 2>&1; \
	   then echo "PASS: linux-kernel-thp ($$(tail -1 $(BUILD)/linux/kernel-build-thp.log | \
		sed 's/^build-kernel: //'); $$(( $$(date +%s) - t0 )) s)"; \
	   else tail -20 $(BUILD)/linux/kernel-build-thp.log; \
		echo "FAIL: linux-kernel-thp (see $(BUILD)/linux/kernel-build-thp.log)"; false; fi ;; \
	esac

.PHONY: test-bridge
test-bridge: $(BUILD)/tests/unit/test_bridge $(BUILD)/tests/unit/test_bridge_options \
	     $(BUILD)/tests/unit/test_report_bridge \
	     $(BUILD)/baton.efi $(BUILD)/baton.bzImage $(BUILD)/tools/mkbundle \
	     $(BUILD)/tools/mkhandover $(BUILD)/tools/baton-agent
	$(Q)rc=0; $(BUILD)/tests/unit/test_bridge || rc=1; \
		$(BUILD)/tests/unit/test_bridge_options || rc=1; \
		$(BUILD)/tests/unit/test_report_bridge || rc=1; \
		$(BRIDGE_KERNEL) || rc=1; \
		for c in $(BRIDGE_EFI_CASES); do \
			EFI_BRIDGE=1 EFI_ONLY=$$c tests/efi/run-efi-tests.sh $(BUILD) || rc=1; \
		done; exit $$rc
