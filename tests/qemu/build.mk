# tests/qemu/: the bzImage header check and the QEMU boots of the payload.
CHECK_BZIMAGE	:= $(BUILD)/tests/qemu/check_bzimage

# HOST_LIB is defined after this fragment: expand it late.
$(CHECK_BZIMAGE): tests/qemu/check_bzimage.c $$(HOST_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(CFLAGS_HOST) -MMD -MP $< -o $@ $(LDFLAGS_HOST) \
		$(HOST_LIB) $(LDLIBS_HOST)

ALL_TARGETS	+= $(CHECK_BZIMAGE)

.PHONY: test-bzimage test-qemu
test-bzimage: $(CHECK_BZIMAGE) $(BATON_BZIMAGE) $(BATON_ELF)
	$(Q)$(CHECK_BZIMAGE) $(BATON_BZIMAGE) $(BATON_ELF)

test-qemu: $(BATON_ELF) $(BATON_HIGH_ELF) $(BATON_BZIMAGE)
	$(Q)tests/qemu/run-qemu-tests.sh $(BUILD)

TEST_STEPS	+= test-bzimage test-qemu

# Interactive run for developers: make qemu-run APPEND="baton.selftest=fault"
# (Ctrl-A X leaves QEMU).
.PHONY: qemu-run
qemu-run: $(BATON_ELF)
	qemu-system-x86_64 -accel tcg -nodefaults -nographic -no-reboot \
		-m 512M -serial mon:stdio -kernel $(BATON_ELF) \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-append "$(APPEND)"
