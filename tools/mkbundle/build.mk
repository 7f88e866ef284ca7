# tools/mkbundle/: host tool that writes (and lists) baton's chain bundle.
MKBUNDLE	:= $(BUILD)/tools/mkbundle
ALL_TARGETS	+= $(MKBUNDLE)

$(MKBUNDLE): tools/mkbundle/mkbundle.c $(BUILD)/host/libbaton.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(CFLAGS_HOST) -MMD -MP $< -o $@ $(LDFLAGS_HOST) $(BUILD)/host/libbaton.a $(LDLIBS_HOST)

.PHONY: test-mkbundle
test-mkbundle: $(MKBUNDLE)
	$(Q)tools/mkbundle/test-mkbundle.sh $(MKBUNDLE)

# A static copy for the real-Linux tests' initramfs, where baton-load
# builds the bundle in the guest (tests/linux/mkinitramfs.sh): the same
# source with the parser and writer it links, no sanitizers, no libc deps.
MKBUNDLE_STATIC	:= $(BUILD)/tools/mkbundle-static
MKBUNDLE_STATIC_SRCS := tools/mkbundle/mkbundle.c lib/cpio.c \
		   boot/chain/bundle.c boot/chain/status.c lib/printf.c
ALL_TARGETS	+= $(MKBUNDLE_STATIC)

$(MKBUNDLE_STATIC): $(MKBUNDLE_STATIC_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_STATIC) $(MKBUNDLE_STATIC_SRCS) -o $@ $(LDFLAGS_STATIC)
