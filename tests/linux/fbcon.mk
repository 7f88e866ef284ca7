# The framebuffer console fed by Linux (issue 16; tests/linux/test-fbcon-linux.sh,
# docs/boot.md "Framebuffer console", ~25 s once the 7.2 kernel is cached):
# OVMF -> baton.efi -> real Linux 7.2 -> baton-load -> baton draws on the
# GOP framebuffer Linux passed on in screen_info -> Linux 7.2; QEMU's
# screendump compared with the font, screen_info forwarded to the next
# kernel. BATON_LINUX=0 skips it like the other real-Linux steps.
.PHONY: test-fbcon-linux
test-fbcon-linux: $(BATON_AGENT)
	$(Q)tests/linux/kernel-gate.sh $(BUILD) test-fbcon-linux; rc=$$?; \
		[ $$rc = 1 ] && exit 0; [ $$rc = 0 ] || exit 1; \
		$(MAKE) --no-print-directory $(BUILD)/baton.bzImage $(BATON_EFI) \
			$(MKBUNDLE) $(MKBUNDLE_STATIC) >/dev/null || exit 1; \
		tests/linux/test-fbcon-linux.sh $(BUILD) $(BATON_AGENT) \
			$(BUILD)/baton.bzImage $(MKBUNDLE) $(BATON_EFI)
