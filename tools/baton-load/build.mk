# tools/baton-load/: one command that builds the chain bundle, checks the
# running kernel can hand over and loads baton with kexec -s (a POSIX sh
# script). $(BUILD)/tools/baton-load is a copy next to the build's mkbundle
# and above baton.bzImage, so that it finds both there as installed.
BATON_LOAD	:= $(BUILD)/tools/baton-load
ALL_TARGETS	+= $(BATON_LOAD)

$(BATON_LOAD): tools/baton-load/baton-load
	@mkdir -p $(dir $@)
	$(Q)install -m 755 $< $@

# --dry-run output and each refusal, against a fake /boot, /proc and /sys.
.PHONY: test-baton-load
test-baton-load: $(BATON_LOAD)
	$(Q)tools/baton-load/test-baton-load.sh $(BATON_LOAD)
