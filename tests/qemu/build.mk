# tests/qemu/: the bzImage header check and the QEMU boots of the payload.
CHECK_BZIMAGE	:= $(BUILD)/tests/qemu/check_bzimage

$(CHECK_BZIMAGE): tests/qemu/check_bzimage.c $(HOST_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(CFLAGS_HOST) -MMD -MP $< -o $@ $(LDFLAGS_HOST) \
		$(HOST_LIB) $(LDLIBS_HOST)

ALL_TARGETS	+= $(CHECK_BZIMAGE)

.PHONY: test-bzimage test-qemu
test-bzimage: $(CHECK_BZIMAGE) $(BATON_BZIMAGE) $(BATON_ELF)
	$(Q)$(CHECK_BZIMAGE) $(BATON_BZIMAGE) $(BATON_ELF)

test-qemu: $(BATON_ELF) $(BATON_HIGH_ELF) $(BATON_BZIMAGE)
	$(Q)tests/qemu/run-qemu-tests.sh $(BUILD)

# baton.smp: the digests on 2 and 4 vCPUs equal baton.smp=off's, the CPUs
# parked and brought up again by the next Linux, a CPU that does not
# answer (tests/qemu/test-smp.sh; docs/smp.md).
.PHONY: test-smp bench-smp
test-smp: $(BUILD)/baton.efi $(BATON_BZIMAGE) $(BUILD)/tools/mkhandover \
	  $(BUILD)/tools/mkbundle
	$(Q)tests/qemu/test-smp.sh $(BUILD)

# Issue 17's QEMU scale case: mkhandover -> baton.efi -> baton with 512 GiB
# of memfds (content=absent) on a sparse 1 TiB TCG guest, handover OK, no
# truncation, QEMU's peak RSS under 1 GiB (tests/qemu/test-scale-qemu.sh).
.PHONY: test-scale-qemu
test-scale-qemu: $(BUILD)/baton.efi $(BATON_BZIMAGE) $(BUILD)/tools/mkhandover
	$(Q)tests/qemu/test-scale-qemu.sh $(BUILD)

# The digest phase on 1 CPU against 2 vCPUs in the same boot (docs/latency.md).
bench-smp: $(BUILD)/baton.efi $(BATON_BZIMAGE) $(BUILD)/tools/mkhandover
	$(Q)tests/qemu/bench-smp.sh $(BUILD)

BENCH_STEPS	+= bench-smp

# The console ACPI's SPCR names: five QEMU boots of baton.elf and one of
# baton.efi under OVMF (tests/qemu/test-spcr.sh).
.PHONY: test-spcr
test-spcr: $(BATON_ELF) $(BUILD)/baton.efi $(BATON_BZIMAGE)
	$(Q)tests/qemu/test-spcr.sh $(BUILD)

# baton -> Debian's stock kernel (bookworm linux-image-amd64, fetched with
# apt-get download into ~/.cache/baton/debian-kernel, never installed).
.PHONY: test-qemu-debian
test-qemu-debian: $(BATON_ELF) $(BUILD)/tools/mkbundle
	$(Q)tests/qemu/test-debian-kernel.sh $(BUILD)

# Interactive run for developers: make qemu-run APPEND="baton.selftest=fault"
# (Ctrl-A X leaves QEMU).
.PHONY: qemu-run
qemu-run: $(BATON_ELF)
	qemu-system-x86_64 -accel tcg -nodefaults -nographic -no-reboot \
		-m 512M -serial mon:stdio -kernel $(BATON_ELF) \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-append "$(APPEND)"

# make run-pvh: boots build/baton.elf under QEMU TCG (PVH, no handover)
# with its output on this terminal and exits like baton does: success
# (QEMU status 33) is make success, anything else fails. RUN_APPEND
# replaces the command line, RUN_QEMU_ARGS adds QEMU options (e.g.
# RUN_QEMU_ARGS="-m 2G").
RUN_APPEND	?= console=ttyS0 baton.exit=qemu
RUN_QEMU_ARGS	?=
.PHONY: run-pvh
run-pvh: $(BATON_ELF)
	$(Q)status=0; timeout 120 qemu-system-x86_64 -accel tcg -nodefaults \
		-display none -no-reboot -m 512M -serial stdio \
		-kernel $(BATON_ELF) -append "$(RUN_APPEND)" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		$(RUN_QEMU_ARGS) </dev/null || status=$$?; \
	if [ $$status = 33 ]; then echo "run: baton exited with success"; \
	else echo "run: QEMU exit status $$status (33 = baton success)"; exit 1; fi

# make run: the README's first command, the OVMF demo
# (tools/mkhandover/demo.sh): a "VM host" handover from mkhandover,
# replayed by baton.efi under OVMF, baton's report on this terminal, then
# the chain into the cached Linux 7.2 test kernel (or baton again).
# RUN_NEXT=baton skips Linux.
.PHONY: run run-demo
run: deps
	$(Q)$(MAKE) --no-print-directory run-demo

run-demo: $(BUILD)/baton.efi $(BUILD)/baton.bzImage $(BUILD)/tools/mkhandover \
		$(BUILD)/tools/mkbundle
	$(Q)tools/mkhandover/demo.sh $(BUILD)
