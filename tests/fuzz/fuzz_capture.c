// SPDX-License-Identifier: MIT
/*
 * libFuzzer: the "baton-capture 1" manifest parser and layout check. Any
 * input must end in success or a coded, line-numbered error; every slice
 * must point into the input; pattern generation must stay in its buffer;
 * capture_write() of a parsed capture must parse back to the same text.
 */
#include <stdlib.h>
#include <string.h>
#include <baton/capture.h>
#include <host/capture/capture_write.h>

#define FUZZ_SLOTS 8

static struct capture_range ram[FUZZ_SLOTS], scratch[FUZZ_SLOTS];
static struct capture_blob blobs[FUZZ_SLOTS];
static struct capture_pattern patterns[FUZZ_SLOTS];
static struct capture_expect expects[FUZZ_SLOTS];
static const struct capture_storage storage = {
	ram, FUZZ_SLOTS, scratch, FUZZ_SLOTS, blobs, FUZZ_SLOTS,
	patterns, FUZZ_SLOTS, expects, FUZZ_SLOTS,
};

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static struct capture_range ram2[FUZZ_SLOTS], scratch2[FUZZ_SLOTS];
static struct capture_blob blobs2[FUZZ_SLOTS];
static struct capture_pattern patterns2[FUZZ_SLOTS];
static struct capture_expect expects2[FUZZ_SLOTS];
static const struct capture_storage storage2 = {
	ram2, FUZZ_SLOTS, scratch2, FUZZ_SLOTS, blobs2, FUZZ_SLOTS,
	patterns2, FUZZ_SLOTS, expects2, FUZZ_SLOTS,
};
static char text1[16384], text2[16384];

/* write -> parse -> write must reproduce the text exactly. */
static void check_round_trip(const struct capture *c)
{
	struct capture back;
	struct capture_error err;
	long n = capture_write(c, text1, sizeof(text1)), m;

	if (n < 0 || (size_t)n >= sizeof(text1))
		abort();
	if (!capture_parse(text1, (size_t)n, &storage2, &back, &err))
		abort();
	m = capture_write(&back, text2, sizeof(text2));
	if (m != n || memcmp(text1, text2, (size_t)n) != 0)
		abort();
}

static void check_slice(struct capture_text t, const u8 *data, size_t size)
{
	const u8 *p = (const u8 *)t.ptr;

	if (t.len && (p < data || p + t.len > data + size))
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct capture c;
	struct capture_error err;
	u8 buf[31];
	u32 i;

	if (!capture_parse((const char *)data, size, &storage, &c, &err)) {
		if (err.code == CAPTURE_OK || !err.message[0] ||
		    strnlen(err.message, sizeof(err.message)) == sizeof(err.message))
			abort();
		return 0;
	}
	if (c.ram_count > FUZZ_SLOTS || c.scratch_count > FUZZ_SLOTS ||
	    c.blob_count > FUZZ_SLOTS || c.pattern_count > FUZZ_SLOTS ||
	    c.expect_count > FUZZ_SLOTS)
		abort();
	check_round_trip(&c);
	if (c.has_cmdline)
		check_slice(c.cmdline, data, size);
	if (c.payload_given)
		check_slice(c.payload, data, size);
	for (i = 0; i < c.expect_count; i++)
		check_slice(c.expects[i].text, data, size);
	for (i = 0; i < c.blob_count; i++) {
		check_slice(c.blobs[i].file, data, size);
		/* A file size derived from the address: some fit, some not. */
		capture_blob_resolve(&c.blobs[i], (c.blobs[i].addr >> 12) & 0x3fff,
				     &err);
	}
	capture_check_layout(&c, &err);
	/* The range's last 31 bytes: unaligned start, head/words/tail paths. */
	for (i = 0; i < c.pattern_count; i++)
		capture_pattern_fill(&c.patterns[i], c.patterns[i].size - 31,
				     buf, 31);
	return 0;
}
