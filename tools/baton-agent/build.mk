# tools/baton-agent: static guest agent for the real-Linux tests
# (runs inside the QEMU guest; talks to /dev/liveupdate).
BATON_AGENT_SRCS := $(sort $(wildcard tools/baton-agent/*.c))
BATON_AGENT_HDRS := $(sort $(wildcard tools/baton-agent/*.h))
BATON_AGENT	 := $(BUILD)/tools/baton-agent
# baton's own timeline writers (verify --timeline), the tick conversion
# and printf they use; CRC32C and the manifest layout/parser baton reads
# the manifest with.
BATON_AGENT_LIB	 := host/timeline/handover_timeline.c \
		    host/timeline/timeline_json.c \
		    host/timeline/timeline_svg.c lib/tsc.c lib/printf.c \
		    lib/crc32c.c luo/agent_manifest.c

$(BATON_AGENT): $(BATON_AGENT_SRCS) $(BATON_AGENT_HDRS) $(BATON_AGENT_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_STATIC) $(BATON_AGENT_SRCS) $(BATON_AGENT_LIB) \
		-o $@ $(LDFLAGS_STATIC)

ALL_TARGETS += $(BATON_AGENT)

# Host-side checks of the agent's parser, content generator and manifest.
.PHONY: test-baton-agent
test-baton-agent: $(BATON_AGENT)
	$(Q)$(BATON_AGENT) selftest

# The same agent cross-built static for arm64 guests (the arm64 real-Linux
# tier, tests/linux/arm64/; needs libc6-dev-arm64-cross). Not in build-all:
# test-linux-arm64 builds it on first use.
BATON_AGENT_ARM64 := $(BUILD)/arm64/tools/baton-agent

$(BATON_AGENT_ARM64): $(BATON_AGENT_SRCS) $(BATON_AGENT_HDRS) $(BATON_AGENT_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(ARM64_CC) $(CFLAGS_STATIC) $(BATON_AGENT_SRCS) $(BATON_AGENT_LIB) \
		-o $@ $(LDFLAGS_STATIC)
