// SPDX-License-Identifier: MIT
/*
 * Recognising capture patterns in memory (include/baton/capture_recognise.h).
 * The agent and builder generators are bijections of the word index mixed
 * with the seed, so one word determines the only seed that can match; the
 * whole range is then compared against capture_pattern_fill's bytes.
 */
#include <string.h>
#include <baton/capture_recognise.h>

#define AGENT_MUL	0xd6e8feb86659fd93ULL
#define BUILDER_STEP	0x9e3779b97f4a7c15ULL
#define BUILDER_MUL	0xbf58476d1ce4e5b9ULL

/* x ^ (x >> s) undone (s > 0). */
static u64 unshift(u64 y, unsigned int s)
{
	u64 x = y;
	unsigned int i;

	for (i = s; i < 64; i += s)
		x ^= y >> i;
	return x;
}

/* Multiplicative inverse of an odd number modulo 2^64 (Newton). */
static u64 inverse(u64 a)
{
	u64 x = a;
	int i;

	for (i = 0; i < 6; i++)
		x *= 2 - a * x;
	return x;
}

/* The seed that makes word n of kind equal w. */
static u64 seed_for(enum capture_pattern_kind kind, u64 w, u64 n)
{
	if (kind == CAPTURE_PATTERN_AGENT)
		return (unshift(w, 32) * inverse(AGENT_MUL)) ^ n;
	return (unshift(w, 29) - n * BUILDER_STEP) * inverse(BUILDER_MUL);
}

static bool matches(const struct capture_pattern *p, const u8 *bytes)
{
	u8 buf[512];
	u64 done;

	for (done = 0; done < p->size; done += sizeof(buf)) {
		capture_pattern_fill(p, done, buf, sizeof(buf));
		if (memcmp(buf, bytes + done, sizeof(buf)))
			return false;
	}
	return true;
}

bool capture_pattern_recognise(const u8 *bytes, u64 size, u64 off,
			       struct capture_pattern *p)
{
	static const enum capture_pattern_kind kinds[] = {
		CAPTURE_PATTERN_ZERO, CAPTURE_PATTERN_FILL,
		CAPTURE_PATTERN_AGENT, CAPTURE_PATTERN_BUILDER,
	};
	u64 w0;
	u32 i;

	if (!size || size % 512 || off % 8)
		return false;
	memcpy(&w0, bytes, sizeof(w0));
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		*p = (struct capture_pattern){ .size = size, .kind = kinds[i] };
		if (kinds[i] == CAPTURE_PATTERN_FILL) {
			p->seed = bytes[0];
		} else if (kinds[i] != CAPTURE_PATTERN_ZERO) {
			p->offset = off;
			p->seed = seed_for(kinds[i], w0, off / 8);
		}
		if (matches(p, bytes))
			return true;
	}
	return false;
}
