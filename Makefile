# baton — top-level build.
#
# Each directory contributes a build.mk fragment that appends its own
# folder's files to these lists:
#   PAYLOAD_SRCS  sources only in the freestanding payload (.c, .S)
#   CORE_SRCS     portable sources built three ways: into the payload,
#                 into the hosted library (ASan+UBSan) and into the fuzz library
#   HOSTLIB_SRCS  hosted-only sources of the host library (tools, tests)
#   UNIT_TESTS    tests/unit/NAME.c, each a hosted binary run by `make test`
#   FUZZ_TARGETS  tests/fuzz/NAME.c, libFuzzer targets
#   BENCH_STEPS   make targets that `make bench` runs
# A fragment also defines its folder's test steps (make targets); the one
# ordered list of what `make test` runs is TEST_STEPS below.
# Individual test cases print "PASS: name", "FAIL: name" or "SKIP: name (why)";
# tests/summarize.sh turns that into the closing "N passed, N failed" line.

BUILD		?= build
V		?= 0
Q		:= $(if $(filter 1,$(V)),,@)

CC		:= gcc
LD		:= ld
OBJCOPY		:= objcopy
HOSTCC		:= gcc
FUZZCC		:= clang

GCC_INCLUDE	:= $(shell $(CC) -print-file-name=include)

WARNINGS	:= -Wall -Wextra -Wno-unused-parameter -Wmissing-prototypes \
		   -Wstrict-prototypes -Wshadow -Wvla

# Payload sources may include <libfdt.h> (libfdt-dev), but -nostdinc hides
# /usr/include and all of glibc with it: expose just the three libfdt
# headers through symlinks (made at parse time, before any compile).
LIBFDT_INCLUDE	:= $(BUILD)/libfdt-include
LIBFDT_HEADERS	:= libfdt.h libfdt_env.h fdt.h
$(shell mkdir -p $(LIBFDT_INCLUDE) && for h in $(LIBFDT_HEADERS); do \
	ln -sf /usr/include/$$h $(LIBFDT_INCLUDE)/$$h; done)

# Freestanding payload: position independent, no red zone, general-purpose
# registers only (SSE is enabled for libfdt, not used by baton's own code).
# One section per function and object, so the link (--gc-sections) keeps
# only what the payload reaches from its entry points.
CFLAGS_PAYLOAD	:= -std=gnu11 -O2 -g $(WARNINGS) -ffreestanding -fpie \
		   -ffunction-sections -fdata-sections \
		   -fvisibility=hidden -mno-red-zone -mgeneral-regs-only \
		   -fno-stack-protector -fno-omit-frame-pointer \
		   -fno-asynchronous-unwind-tables -fno-common \
		   -fno-strict-aliasing -nostdinc -Iinclude/freestanding \
		   -isystem $(GCC_INCLUDE) -isystem $(LIBFDT_INCLUDE) \
		   -Iinclude -I. -DBATON_FREESTANDING
ASFLAGS_PAYLOAD	:= $(CFLAGS_PAYLOAD) -D__ASSEMBLY__

# Hosted library, unit tests and tools: sanitizers on.
SANITIZE	:= -fsanitize=address,undefined -fno-sanitize-recover=all
CFLAGS_HOST	:= -std=gnu11 -O1 -g $(WARNINGS) -fno-omit-frame-pointer \
		   -fno-strict-aliasing -Iinclude -I. -DBATON_HOSTED $(SANITIZE)
LDFLAGS_HOST	:= $(SANITIZE)
LDLIBS_HOST	:= -lfdt

# Static tools that run inside a Linux guest (no sanitizers, no libc deps).
CFLAGS_STATIC	:= -std=gnu11 -O2 -g $(WARNINGS) -Iinclude -I. -DBATON_HOSTED
LDFLAGS_STATIC	:= -static

CFLAGS_FUZZ	:= -std=gnu11 -O1 -g -fno-omit-frame-pointer -Iinclude -I. \
		   -DBATON_HOSTED -DBATON_FUZZ \
		   -fsanitize=fuzzer-no-link,address,undefined
LDFLAGS_FUZZ	:= -fsanitize=fuzzer,address,undefined

LIBFDT_A	:= /usr/lib/x86_64-linux-gnu/libfdt.a

# The hosted and fuzz libraries (their objects are listed after the
# fragments; the names are known now, so fragments may depend on them).
HOST_LIB	:= $(BUILD)/host/libbaton.a
FUZZ_LIB	:= $(BUILD)/fuzz/libbaton.a

# $(call fuzz_smoke,NAME,SECONDS,MAX_LEN,SEED_DIRS[,FLAGS]), in a recipe
# that starts with rc=0 and ends with exit $$rc: one libFuzzer run of
# $(BUILD)/tests/fuzz/NAME over its corpus and seeds, "PASS: fuzz/NAME
# (SECONDS s, N runs)" or FAIL naming its log (rc=1).
define fuzz_smoke
	mkdir -p $(BUILD)/fuzz-corpus/$(1); \
	if $(BUILD)/tests/fuzz/$(1) -max_total_time=$(2) -max_len=$(3) $(5) \
		-print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz-corpus/$(1)- \
		$(BUILD)/fuzz-corpus/$(1) $(4) \
		> $(BUILD)/fuzz-corpus/$(1).log 2>&1; then \
		echo "PASS: fuzz/$(1) ($(2) s, $$(grep -o 'stat::number_of_executed_units: *[0-9]*' $(BUILD)/fuzz-corpus/$(1).log | grep -o '[0-9]*$$') runs)"; \
	else echo "FAIL: fuzz/$(1) (see $(BUILD)/fuzz-corpus/$(1).log)"; rc=1; fi;
endef

PAYLOAD_SRCS	:=
CORE_SRCS	:=
HOSTLIB_SRCS	:=
UNIT_TESTS	:=
FUZZ_TARGETS	:=
TEST_STEPS	:=
BENCH_STEPS	:=
ALL_TARGETS	:=

.PHONY: all
all: build-all

include lib/build.mk
include arch/x86_64/build.mk
include arch/arm64/build.mk
include boot/build.mk
include boot/chain/build.mk
include boot/report_out.mk
include boot/bridge.mk
include drivers/build.mk
include drivers/acpi/build.mk
include mm/build.mk
include luo/build.mk
include luo/amend.mk
include luo/bridge/build.mk
include report/build.mk
include tools/build.mk
include tests/linux/build.mk
include tests/qemu/build.mk
include efi/build.mk
include efi/arch-arm64/build.mk
include tests/linux/fbcon.mk
include install.mk
include host/build.mk
include tests/bench/latency.mk

PAYLOAD_OBJS	:= $(patsubst %,$(BUILD)/payload/%.o,$(basename $(PAYLOAD_SRCS) $(CORE_SRCS)))
HOST_OBJS	:= $(patsubst %,$(BUILD)/host/%.o,$(basename $(CORE_SRCS) $(HOSTLIB_SRCS)))
FUZZ_OBJS	:= $(patsubst %,$(BUILD)/fuzz/%.o,$(basename $(CORE_SRCS) $(HOSTLIB_SRCS)))

$(BUILD)/payload/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_PAYLOAD) -MMD -MP -c $< -o $@

$(BUILD)/payload/%.o: %.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ASFLAGS_PAYLOAD) -MMD -MP -c $< -o $@

$(BUILD)/host/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(CFLAGS_HOST) -MMD -MP -c $< -o $@

$(BUILD)/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(FUZZCC) $(CFLAGS_FUZZ) -MMD -MP -c $< -o $@

$(HOST_LIB): $(HOST_OBJS)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(FUZZ_LIB): $(FUZZ_OBJS)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

# Unit tests: one hosted binary per tests/unit/NAME.c.
UNIT_BINS := $(patsubst %,$(BUILD)/tests/unit/%,$(UNIT_TESTS))
$(BUILD)/tests/unit/%: tests/unit/%.c $(HOST_LIB) tests/unit/check.h
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(CFLAGS_HOST) -MMD -MP $< -o $@ $(LDFLAGS_HOST) $(HOST_LIB) $(LDLIBS_HOST)

FUZZ_BINS := $(patsubst %,$(BUILD)/tests/fuzz/%,$(FUZZ_TARGETS))

include tests/build.mk

# Every step `make test` runs, in order: unit tests first, then the
# Linux kernel the later boots need (test-linux-kernel), the payload's
# QEMU boots, fuzz smoke runs, the tools, the real-Linux and UEFI tiers,
# and the tree-wide checks. Each step is defined by its folder's fragment;
# fragments do not add to this list (checked here).
ifneq ($(strip $(TEST_STEPS)),)
$(error fragments must not add to TEST_STEPS ($(strip $(TEST_STEPS))): name the step in the Makefile's ordered list)
endif
TEST_STEPS	:= test-unit test-unit-alone test-scale test-linux-kernel \
		   test-bzimage test-qemu test-qemu-arm64 test-qemu-debian \
		   test-smp test-scale-qemu \
		   test-fuzz-boot test-fuzz-chain-kernel test-fuzz-smoke \
		   test-fuzz-fingerprint test-baton-agent \
		   test-inspect test-fuzz-dump test-inspect-qemu \
		   test-inspect-live-linux test-docs test-mkbundle test-baton-load \
		   test-install \
		   test-spcr test-fbcon test-fbcon-linux test-fuzz-acpi \
		   test-scenarios test-linux test-linux-arm64 test-linux-scale test-linux-smp test-efi test-efi-arm64 test-bridge test-fuzz-capture \
		   test-bench-lib test-abi-refs test-layers \
		   test-payload-symbols

$(BUILD)/tests/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(FUZZCC) $(CFLAGS_FUZZ) -MMD -MP $< -o $@ $(LDFLAGS_FUZZ) $(FUZZ_LIB) $(LDLIBS_HOST)

.PHONY: build-all
build-all: $(ALL_TARGETS) $(UNIT_BINS)

.PHONY: deps
deps:
	$(Q)tools/install-deps.sh

.PHONY: test
test: deps
	$(Q)mkdir -p $(BUILD)
	$(Q)$(MAKE) --no-print-directory build-all
	$(Q)BATON_MAKE_TEST=1 tests/run-steps.sh $(BUILD)/test.log $(TEST_STEPS)

.PHONY: bench
bench: deps
	$(Q)$(MAKE) --no-print-directory build-all
	$(Q)set -e; for s in $(BENCH_STEPS); do $(MAKE) --no-print-directory $$s; done

.PHONY: clean
clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
