// SPDX-License-Identifier: MIT
/*
 * libFuzzer: the "baton-capture 1" manifest parser and layout check. Any
 * input must end in success or a coded, line-numbered error; every slice
 * must point into the input; pattern generation must stay in its buffer.
 */
#include <stdlib.h>
#include <string.h>
#include <baton/capture.h>

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
