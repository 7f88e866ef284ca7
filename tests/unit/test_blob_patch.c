// SPDX-License-Identifier: MIT
/*
 * The jump stamp rewritten into a written report blob: exact phase text,
 * same size, valid CRC and JSON; refusals leave the blob untouched.
 */
#include "check.h"
#include <report/blob.h>
#include <report/blob_patch.h>

static u64 blob_buf[4096];

static u64 make(struct report_timeline *tl, u64 khz)
{
	struct report_input in = { .baton_version = "0.1.0", .timeline = tl };
	u64 size;

	timeline_init(tl, 1000000);
	timeline_set_frequency(tl, khz, khz ? "pit" : "");
	timeline_mark(tl, "calibrate", 1000000 + 2000000);
	timeline_mark(tl, "jump", BLOB_PATCH_PLACEHOLDER);
	size = report_blob_size(&in);
	CHECK(size && size <= sizeof(blob_buf));
	CHECK_EQ(report_blob_write(blob_buf, sizeof(blob_buf), &in), size);
	return size;
}

TEST(jump_stamp_rewritten_in_place)
{
	const char want[] = "{\"name\":\"jump\",\"tsc\":\"0x4c4b40\","
			    "\"ticks\":4000000,\"us\":2000,\"delta_us\":1000";
	struct report_timeline tl;
	struct report_blob_view v;
	u64 size = make(&tl, 2000000);
	const char *p;

	tl.phases[1].tsc = 5000000;
	CHECK(report_blob_patch_phase(blob_buf, size, &tl, 1));
	CHECK_EQ(report_blob_check(blob_buf, size, &v), REPORT_BLOB_VALID);
	CHECK_EQ(v.header.total_size, size);
	p = strstr(v.json, "{\"name\":\"jump\"");
	CHECK(p != NULL);
	CHECK_MEM(p, want, sizeof(want) - 1);
	p += sizeof(want) - 1;
	while (*p == ' ')
		p++;
	CHECK_EQ(*p, '}');
	CHECK(strstr(v.json, "0xffffffffffffffff") == NULL);
}

TEST(without_frequency_us_stay_null)
{
	const char want[] = "{\"name\":\"jump\",\"tsc\":\"0x1e8480\","
			    "\"ticks\":1000000,\"us\":null,\"delta_us\":null";
	struct report_timeline tl;
	struct report_blob_view v;
	u64 size = make(&tl, 0);

	tl.phases[1].tsc = 2000000;
	CHECK(report_blob_patch_phase(blob_buf, size, &tl, 1));
	CHECK_EQ(report_blob_check(blob_buf, size, &v), REPORT_BLOB_VALID);
	CHECK(strstr(v.json, want) != NULL);
}

TEST(refuses_unknown_phase_and_bad_blob)
{
	static u64 copy[4096];
	struct report_timeline tl;
	u64 size = make(&tl, 2000000);

	memcpy(copy, blob_buf, size);
	/* index 0 (calibrate) carries no placeholder width: text too long */
	tl.phases[0].tsc = UINT64_MAX - 1;
	CHECK(!report_blob_patch_phase(blob_buf, size, &tl, 0));
	CHECK(!report_blob_patch_phase(blob_buf, size, &tl, 2));
	((u8 *)blob_buf)[100] ^= 1;	/* CRC no longer matches */
	tl.phases[1].tsc = 5000000;
	CHECK(!report_blob_patch_phase(blob_buf, size, &tl, 1));
	((u8 *)blob_buf)[100] ^= 1;
	CHECK_MEM(blob_buf, copy, size);
}
