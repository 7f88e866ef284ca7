# tools/mkbundle/: host tool that writes (and lists) baton's chain bundle.
MKBUNDLE	:= $(BUILD)/tools/mkbundle
ALL_TARGETS	+= $(MKBUNDLE)

$(MKBUNDLE): tools/mkbundle/mkbundle.c $(BUILD)/host/libbaton.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(CFLAGS_HOST) -MMD -MP $< -o $@ $(LDFLAGS_HOST) $(BUILD)/host/libbaton.a $(LDLIBS_HOST)

.PHONY: test-mkbundle
test-mkbundle: $(MKBUNDLE)
	$(Q)tools/mkbundle/test-mkbundle.sh $(MKBUNDLE)
