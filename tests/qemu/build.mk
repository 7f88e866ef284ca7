# tests/qemu/: the bzImage header check and the QEMU boots of the payload.
CHECK_BZIMAGE	:= $(BUILD)/tests/qemu/check_bzimage

$(CHECK_BZIMAGE): tests/qemu/check_bzimage.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(CFLAGS_HOST) -MMD -MP $< -o $@ $(LDFLAGS_HOST)

ALL_TARGETS	+= $(CHECK_BZIMAGE)

.PHONY: test-bzimage test-qemu
test-bzimage: $(CHECK_BZIMAGE) $(BATON_BZIMAGE) $(BATON_ELF)
	$(Q)$(CHECK_BZIMAGE) $(BATON_BZIMAGE) $(BATON_ELF)

test-qemu: $(BATON_ELF) $(BATON_HIGH_ELF) $(BATON_BZIMAGE)
	$(Q)tests/qemu/run-qemu-tests.sh $(BUILD)

TEST_STEPS	+= test-bzimage test-qemu
