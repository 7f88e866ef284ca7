# boot/: the bridge phase (baton.bridge=on|always, docs/bridge.md) and its
# option.
CORE_SRCS	+= boot/bridge_options.c
PAYLOAD_SRCS	+= boot/phase_bridge.c
UNIT_TESTS	+= test_bridge_options

# The bridge suite: the bridge -> parse round trips, the option and the
# report section (unit), then each older
# profile's handover under OVMF through baton.bridge=on into the real Linux
# 7.2 test kernel, the control without the bridge, and baton.bridge=always
# into a second baton that verifies the bridged handover (tests/efi, case 11).
BRIDGE_EFI_CASES := bridge_linux_7_1 bridge_linux_7_0 bridge_linux_6_19 \
		    bridge_linux_6_18 bridge_linux_6_17 bridge_linux_7_1_control \
		    bridge_baton_7_1

.PHONY: test-bridge
test-bridge: $(BUILD)/tests/unit/test_bridge $(BUILD)/tests/unit/test_bridge_options \
	     $(BUILD)/tests/unit/test_report_bridge \
	     $(BUILD)/baton.efi $(BUILD)/baton.bzImage $(BUILD)/tools/mkbundle \
	     $(BUILD)/tools/mkhandover $(BUILD)/tools/baton-agent
	$(Q)rc=0; $(BUILD)/tests/unit/test_bridge || rc=1; \
		$(BUILD)/tests/unit/test_bridge_options || rc=1; \
		$(BUILD)/tests/unit/test_report_bridge || rc=1; \
		for c in $(BRIDGE_EFI_CASES); do \
			EFI_BRIDGE=1 EFI_ONLY=$$c tests/efi/run-efi-tests.sh $(BUILD) || rc=1; \
		done; exit $$rc
