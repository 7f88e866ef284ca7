// SPDX-License-Identifier: MIT
/*
 * The handover fingerprint member: exact compact text, read back equal,
 * absent and damaged members told apart.
 */
#include "text_sink.h"
#include <report/fingerprint.h>


static const struct handover_fingerprint sample = {
	.present = true,
	.kho_fdt = 0x1234abcd, .kho_fdt_bytes = 321,
	.preserved = 0xdeadbeef, .preserved_entries = 48,
	.preserved_complete = true,
	.luo = 0x0badf00d, .luo_bytes = 4567,
	.memfd_count = 2,
	.memfd = { { 0x1, 0x3039, 0xffffffff, true },
		   { 0xfeedface00000003ULL, 0, 0, false } },
};

static void write_report(const struct handover_fingerprint *fp, struct text_sink *b)
{
	struct json_writer w;

	memset(b, 0, sizeof(*b));
	json_init(&w, text_sink, b, false);
	json_object_begin(&w, NULL);
	json_string(&w, "before", "x");
	report_json_fingerprint(&w, fp);
	json_u64(&w, "after", 7);
	json_object_end(&w);
	CHECK(json_finished(&w));
}

TEST(compact_text_is_pinned)
{
	struct text_sink b;

	write_report(&sample, &b);
	CHECK_STR(b.text,
		  "{\"before\":\"x\",\"handover_fingerprint\":{\"algorithm\":\"crc32c\","
		  "\"kho_fdt\":\"0x1234abcd\",\"kho_fdt_bytes\":321,"
		  "\"preserved\":\"0xdeadbeef\",\"preserved_entries\":48,"
		  "\"preserved_complete\":true,\"luo\":\"0xbadf00d\","
		  "\"luo_bytes\":4567,\"memfd_count\":2,\"memfds\":["
		  "{\"token\":\"0x1\",\"size\":\"0x3039\",\"crc32c\":\"0xffffffff\",\"ok\":true},"
		  "{\"token\":\"0xfeedface00000003\",\"size\":\"0x0\",\"crc32c\":\"0x0\",\"ok\":false}"
		  "]},\"after\":7}");
	CHECK(json_validate(b.text, b.len));
}

/* baton.digest=off: one extra member says the memfd crcs are not real. */
TEST(skipped_memfd_content_is_said_and_read_back)
{
	struct handover_fingerprint in = sample, fp;
	struct text_sink b;

	in.memfd_content_skipped = true;
	write_report(&in, &b);
	CHECK(strstr(b.text, "\"memfd_count\":2,\"memfd_content\":false,"
			     "\"memfds\":[") != NULL);
	CHECK(json_validate(b.text, b.len));
	CHECK_EQ(report_fingerprint_read(b.text, b.len, &fp),
		 FINGERPRINT_READ_OK);
	CHECK(fp.memfd_content_skipped);
	write_report(&sample, &b);
	CHECK_EQ(report_fingerprint_read(b.text, b.len, &fp),
		 FINGERPRINT_READ_OK);
	CHECK(!fp.memfd_content_skipped);
}

TEST(read_back_equals_what_was_written)
{
	struct handover_fingerprint fp;
	struct text_sink b;

	write_report(&sample, &b);
	CHECK_EQ(report_fingerprint_read(b.text, b.len, &fp),
		 FINGERPRINT_READ_OK);
	CHECK(fp.present);
	CHECK_EQ(fp.kho_fdt, sample.kho_fdt);
	CHECK_EQ(fp.kho_fdt_bytes, sample.kho_fdt_bytes);
	CHECK_EQ(fp.preserved, sample.preserved);
	CHECK_EQ(fp.preserved_entries, sample.preserved_entries);
	CHECK(fp.preserved_complete);
	CHECK_EQ(fp.luo, sample.luo);
	CHECK_EQ(fp.luo_bytes, sample.luo_bytes);
	CHECK_EQ(fp.memfd_count, 2);
	CHECK_EQ(fp.memfd[0].crc, 0xffffffff);
	CHECK_EQ(fp.memfd[0].size, 0x3039);
	CHECK(fp.memfd[0].ok);
	CHECK_EQ(fp.memfd[1].token, 0xfeedface00000003ULL);
	CHECK(!fp.memfd[1].ok);
}

TEST(no_memfds_reads_back)
{
	struct handover_fingerprint in = sample, fp;
	struct text_sink b;

	in.memfd_count = 0;
	write_report(&in, &b);
	CHECK(strstr(b.text, "\"memfds\":[]}") != NULL);
	CHECK_EQ(report_fingerprint_read(b.text, b.len, &fp),
		 FINGERPRINT_READ_OK);
	CHECK_EQ(fp.memfd_count, 0);
}

TEST(absent_and_damaged_members)
{
	static const char none[] = "{\"baton\":{\"version\":\"0.1.0\"}}";
	struct handover_fingerprint fp;
	struct text_sink b;
	char *p;

	CHECK_EQ(report_fingerprint_read(none, sizeof(none) - 1, &fp),
		 FINGERPRINT_READ_ABSENT);
	CHECK(!fp.present);
	write_report(&sample, &b);
	/* cut inside the memfd list */
	CHECK_EQ(report_fingerprint_read(b.text, b.len - 60, &fp),
		 FINGERPRINT_READ_BAD);
	/* a count that disagrees with the list */
	p = strstr(b.text, "\"memfd_count\":2");
	p[14] = '3';
	CHECK_EQ(report_fingerprint_read(b.text, b.len, &fp),
		 FINGERPRINT_READ_BAD);
	p[14] = '2';
	/* a digest that is no hex */
	p = strstr(b.text, "\"luo\":\"0x");
	p[9] = 'g';
	CHECK_EQ(report_fingerprint_read(b.text, b.len, &fp),
		 FINGERPRINT_READ_BAD);
}
