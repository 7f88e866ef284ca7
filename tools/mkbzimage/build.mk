# tools/mkbzimage/: host tool that wraps build/baton.elf as a bzImage.
MKBZIMAGE	:= $(BUILD)/tools/mkbzimage

$(MKBZIMAGE): tools/mkbzimage/mkbzimage.c tools/mkbzimage/bzimage.h
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(CFLAGS_HOST) -MMD -MP $< -o $@ $(LDFLAGS_HOST)
