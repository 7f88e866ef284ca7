# baton — top-level build.
#
# Each directory contributes a build.mk fragment that appends to these lists:
#   PAYLOAD_SRCS  sources only in the freestanding payload (.c, .S)
#   CORE_SRCS     portable sources built three ways: into the payload,
#                 into the hosted library (ASan+UBSan) and into the fuzz library
#   HOSTLIB_SRCS  hosted-only sources of the host library (tools, tests)
#   UNIT_TESTS    tests/unit/NAME.c, each a hosted binary run by `make test`
#   FUZZ_TARGETS  tests/fuzz/NAME.c, libFuzzer targets
#   TEST_STEPS    make targets that `make test` runs in order
#   BENCH_STEPS   make targets that `make bench` runs
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
		   -isystem $(GCC_INCLUDE) -Iinclude -I. -DBATON_FREESTANDING
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
include drivers/build.mk
include mm/build.mk
include luo/build.mk
include luo/amend.mk
include report/build.mk
include tools/build.mk
include tests/linux/build.mk
# after tests/linux: test-efi boots the Linux kernel test-linux builds
include efi/build.mk
include host/build.mk
include tests/bench/latency.mk

PAYLOAD_OBJS	:= $(patsubst %,$(BUILD)/payload/%.o,$(basename $(PAYLOAD_SRCS) $(CORE_SRCS)))
HOST_OBJS	:= $(patsubst %,$(BUILD)/host/%.o,$(basename $(CORE_SRCS) $(HOSTLIB_SRCS)))
FUZZ_OBJS	:= $(patsubst %,$(BUILD)/fuzz/%.o,$(basename $(CORE_SRCS) $(HOSTLIB_SRCS)))
HOST_LIB	:= $(BUILD)/host/libbaton.a
FUZZ_LIB	:= $(BUILD)/fuzz/libbaton.a


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
