// SPDX-License-Identifier: MIT
/*
 * The memfd content patterns of a capture's "pattern" lines: their names
 * and their bytes. Run by the payload (baton.capture=serial recognises and
 * names them), by baton.efi (replays them) and the host tools.
 */
#include <string.h>
#include <baton/capture.h>

static const char *const pattern_kind_names[CAPTURE_PATTERN_KIND_COUNT] = {
	[CAPTURE_PATTERN_ZERO] = "zero",
	[CAPTURE_PATTERN_FILL] = "fill",
	[CAPTURE_PATTERN_BUILDER] = "builder",
	[CAPTURE_PATTERN_AGENT] = "agent",
	[CAPTURE_PATTERN_ABSENT] = "absent",
};

const char *capture_pattern_kind_name(enum capture_pattern_kind kind)
{
	if ((unsigned int)kind >= CAPTURE_PATTERN_KIND_COUNT)
		return "unknown";
	return pattern_kind_names[kind];
}

/* The luo builder's memfd pattern word (host/builder/builder.h build_pattern_byte). */
static u64 builder_word(u64 seed, u64 word_index)
{
	u64 x = word_index * 0x9e3779b97f4a7c15ULL +
		seed * 0xbf58476d1ce4e5b9ULL;

	return x ^ (x >> 29);
}

/* baton-agent's memfd content word (tools/baton-agent/content.c). */
static u64 agent_word(u64 seed, u64 word_index)
{
	u64 x = (seed ^ word_index) * 0xd6e8feb86659fd93ULL;

	return x ^ (x >> 32);
}

/* The little-endian 8 bytes of stream word word_index. */
static u64 pattern_word(enum capture_pattern_kind kind, u64 seed,
			u64 word_index)
{
	switch (kind) {
	case CAPTURE_PATTERN_FILL:
		return (seed & 0xff) * 0x0101010101010101ULL;
	case CAPTURE_PATTERN_BUILDER:
		return builder_word(seed, word_index);
	case CAPTURE_PATTERN_AGENT:
		return agent_word(seed, word_index);
	default:
		return 0;
	}
}

u8 capture_pattern_byte(enum capture_pattern_kind kind, u64 seed, u64 off)
{
	return (u8)(pattern_word(kind, seed, off >> 3) >> (8 * (off & 7)));
}

static void store_le64(u8 *dst, u64 v)
{
	u32 i;

	for (i = 0; i < 8; i++)
		dst[i] = (u8)(v >> (8 * i));
}

void capture_pattern_fill(const struct capture_pattern *p, u64 start,
			  void *dst, size_t len)
{
	u8 *out = dst;
	u64 off = p->offset + start;
	size_t done = 0;

	if (p->kind == CAPTURE_PATTERN_ZERO ||
	    p->kind == CAPTURE_PATTERN_ABSENT) {
		memset(out, 0, len);
		return;
	}
	while (done < len && (off & 7)) {
		out[done++] = capture_pattern_byte(p->kind, p->seed, off++);
	}
	while (len - done >= 8) {
		store_le64(out + done,
			   pattern_word(p->kind, p->seed, off >> 3));
		done += 8;
		off += 8;
	}
	while (done < len)
		out[done++] = capture_pattern_byte(p->kind, p->seed, off++);
}
