// SPDX-License-Identifier: MIT
/* Unit tests of lib/cpio.c: exact entries, offsets and error codes. */
#include "check.h"
#include <baton/cpio.h>

static uint8_t arc[4096];

/* A raw header with explicit fields, for malformed inputs. */
static size_t raw_header(uint8_t *out, const char *magic, uint32_t mode,
			 uint32_t filesize, uint32_t namesize)
{
	char text[CPIO_HEADER_SIZE + 1];

	snprintf(text, sizeof(text),
		 "%s%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
		 magic, 1u, mode, 0u, 0u, 1u, 0u, filesize, 0u, 0u, 0u, 0u,
		 namesize, 0u);
	memcpy(out, text, CPIO_HEADER_SIZE);
	return CPIO_HEADER_SIZE;
}

static size_t add(size_t pos, const char *name, const char *data)
{
	struct cpio_write_file f = {
		.name = name, .mode = CPIO_MODE_REGULAR | 0644, .ino = 7,
		.data = data, .data_size = data ? strlen(data) : 0,
	};

	CHECK(cpio_write_entry(arc, sizeof(arc), &pos, &f));
	return pos;
}

static size_t trailer(size_t pos)
{
	CHECK(cpio_write_trailer(arc, sizeof(arc), &pos));
	return pos;
}

static enum cpio_next_result next(struct cpio_reader *r, struct cpio_entry *e,
				  struct cpio_error *err)
{
	return cpio_next(r, e, err);
}

TEST(writer_layout_exact)
{
	size_t pos = add(0, "kernel", "abcde");

	/* 110 + 7 name bytes = 117 -> data at 120; 5 data bytes -> 128. */
	CHECK_EQ(pos, 128);
	CHECK_MEM(arc, "070701" "00000007" "000081a4", 22);
	CHECK_MEM(arc + 54, "00000005", 8);	/* c_filesize */
	CHECK_MEM(arc + 94, "00000007", 8);	/* c_namesize */
	CHECK_MEM(arc + 110, "kernel\0\0\0\0", 10);
	CHECK_MEM(arc + 120, "abcde\0\0\0", 8);
}

TEST(normal_archive)
{
	struct cpio_reader r;
	struct cpio_entry e;
	struct cpio_error err;
	size_t pos = add(0, "kernel", "abcde");

	pos = add(pos, "cmdline", "console=ttyS0");
	pos = trailer(pos);
	cpio_reader_init(&r, arc, pos);

	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ENTRY);
	CHECK_STR(e.name, "kernel");
	CHECK_EQ(e.name_len, 6);
	CHECK_EQ(e.data_size, 5);
	CHECK_EQ(e.data_offset, 120);
	CHECK_EQ(e.header_offset, 0);
	CHECK_EQ(e.mode, 0100644);
	CHECK_EQ(e.ino, 7);
	CHECK_EQ(e.nlink, 1);
	CHECK(!e.has_checksum);
	CHECK_MEM(e.data, "abcde", 5);

	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ENTRY);
	CHECK_STR(e.name, "cmdline");
	CHECK_EQ(e.header_offset, 128);
	/* 128 + 110 + 8 = 246 -> 248 */
	CHECK_EQ(e.data_offset, 248);
	CHECK_EQ(e.data_size, 13);
	CHECK_MEM(e.data, "console=ttyS0", 13);

	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_END);
	CHECK_EQ(err.code, CPIO_OK);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_END);
}

TEST(name_padding_all_residues)
{
	static const char *const names[] = { "a", "ab", "abc", "abcd" };
	/* 110 + namesize(2..5) -> data offsets 112, 116, 116, 116 */
	static const size_t data_at[] = { 112, 116, 116, 116 };
	size_t i;

	for (i = 0; i < 4; i++) {
		struct cpio_reader r;
		struct cpio_entry e;
		struct cpio_error err;
		size_t pos = trailer(add(0, names[i], "x"));

		cpio_reader_init(&r, arc, pos);
		CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ENTRY);
		CHECK_STR(e.name, names[i]);
		CHECK_EQ(e.data_offset, data_at[i]);
		CHECK_EQ(e.data[0], 'x');
		CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_END);
	}
}

TEST(uppercase_hex_and_crc_variant)
{
	struct cpio_reader r;
	struct cpio_entry e;
	struct cpio_error err;
	size_t pos = add(0, "f", "\x01\x02\xff");

	memcpy(arc, "070702", 6);
	memcpy(arc + 14, "000081A4", 8);	/* c_mode, upper case */
	memcpy(arc + 102, "00000102", 8);	/* c_check = 1 + 2 + 255 */
	pos = trailer(pos);
	cpio_reader_init(&r, arc, pos);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ENTRY);
	CHECK(e.has_checksum);
	CHECK_EQ(e.mode, 0100644);
	CHECK_EQ(e.check, 0x102);
	CHECK_EQ(cpio_data_checksum(&e), 0x102);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_END);
}

TEST(concatenated_with_zero_padding)
{
	struct cpio_reader r;
	struct cpio_entry e;
	struct cpio_error err;
	size_t pos = trailer(add(0, "one", "1"));

	memset(arc + pos, 0, 512 - pos);
	pos = trailer(add(512, "two", "22"));
	memset(arc + pos, 0, 100);
	cpio_reader_init(&r, arc, pos + 100);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ENTRY);
	CHECK_STR(e.name, "one");
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ENTRY);
	CHECK_STR(e.name, "two");
	CHECK_EQ(e.header_offset, 512);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_END);
}

TEST(empty_and_trailer_only)
{
	struct cpio_reader r;
	struct cpio_entry e;
	struct cpio_error err;
	size_t pos;

	cpio_reader_init(&r, arc, 0);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_NO_TRAILER);
	CHECK_EQ(err.offset, 0);

	pos = trailer(0);
	CHECK_EQ(pos, 124);	/* 110 + 11 -> 124, no data */
	cpio_reader_init(&r, arc, pos);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_END);
}

TEST(truncated_everywhere)
{
	size_t full = trailer(add(0, "kernel", "abcdefgh"));
	size_t cut;

	CHECK_EQ(full, 252);
	/* Every strict prefix fails, exactly, and never reads past it. */
	for (cut = 0; cut < full; cut++) {
		static uint8_t copy[4096];
		uint8_t *tail = copy + sizeof(copy) - cut;
		struct cpio_reader r;
		struct cpio_entry e;
		struct cpio_error err;
		enum cpio_next_result res;
		int guard = 0;

		/* Prefix at the very end of a buffer: ASan sees overreads. */
		memcpy(tail, arc, cut);
		cpio_reader_init(&r, tail, cut);
		while ((res = next(&r, &e, &err)) == CPIO_NEXT_ENTRY &&
		       guard++ < 4)
			;
		if (res != CPIO_NEXT_ERROR) {
			CHECK_FAIL("prefix %zu accepted", cut);
			continue;
		}
		if (cut < 110)
			CHECK_EQ(err.code, cut == 0 ? CPIO_ERR_NO_TRAILER :
					   CPIO_ERR_TRUNCATED_HEADER);
		else if (cut < 117)
			CHECK_EQ(err.code, CPIO_ERR_TRUNCATED_NAME);
		else if (cut < 128)
			CHECK_EQ(err.code, CPIO_ERR_TRUNCATED_DATA);
		else if (cut == 128)
			CHECK_EQ(err.code, CPIO_ERR_NO_TRAILER);
		else if (cut < 238)	/* trailer header at 128 */
			CHECK_EQ(err.code, CPIO_ERR_TRUNCATED_HEADER);
		else if (cut < 249)	/* its 11-byte name */
			CHECK_EQ(err.code, CPIO_ERR_TRUNCATED_NAME);
		else			/* its name padding to 252 */
			CHECK_EQ(err.code, CPIO_ERR_TRUNCATED_DATA);
	}
}

TEST(truncated_offsets)
{
	struct cpio_reader r;
	struct cpio_entry e;
	struct cpio_error err;

	add(0, "kernel", "abcdefgh");
	cpio_reader_init(&r, arc, 50);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_TRUNCATED_HEADER);
	CHECK_EQ(err.offset, 0);

	cpio_reader_init(&r, arc, 112);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_TRUNCATED_NAME);
	CHECK_EQ(err.offset, 110);

	cpio_reader_init(&r, arc, 125);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_TRUNCATED_DATA);
	CHECK_EQ(err.offset, 117);
	/* Sticky: asking again repeats the error. */
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_TRUNCATED_DATA);
	CHECK_EQ(err.offset, 117);
}

TEST(bad_magic_and_formats)
{
	static const struct {
		uint8_t bytes[8];
		size_t len;
		enum cpio_error_code code;
		const char *detail;
	} cases[] = {
		{ { 0x1f, 0x8b, 8, 0 }, 4, CPIO_ERR_COMPRESSED, "gzip" },
		{ { 0xfd, '7', 'z', 'X', 'Z', 0 }, 6, CPIO_ERR_COMPRESSED, "xz" },
		{ { 0x28, 0xb5, 0x2f, 0xfd }, 4, CPIO_ERR_COMPRESSED, "zstd" },
		{ { 'B', 'Z', 'h', '9' }, 4, CPIO_ERR_COMPRESSED, "bzip2" },
		{ { 0x02, 0x21, 0x4c, 0x18 }, 4, CPIO_ERR_COMPRESSED, "lz4" },
		{ { '0', '7', '0', '7', '0', '7' }, 6,
		  CPIO_ERR_UNSUPPORTED_FORMAT, "odc (070707)" },
		{ { 0xc7, 0x71 }, 2, CPIO_ERR_UNSUPPORTED_FORMAT, "old binary" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct cpio_reader r;
		struct cpio_entry e;
		struct cpio_error err;

		memset(arc, 'z', 200);
		memcpy(arc, cases[i].bytes, cases[i].len);
		cpio_reader_init(&r, arc, 200);
		CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
		CHECK_EQ(err.code, cases[i].code);
		CHECK_EQ(err.offset, 0);
		CHECK_STR(err.detail, cases[i].detail);
	}
	{
		struct cpio_reader r;
		struct cpio_entry e;
		struct cpio_error err;

		memset(arc, 'z', 200);
		memcpy(arc, "070703", 6);
		cpio_reader_init(&r, arc, 200);
		CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
		CHECK_EQ(err.code, CPIO_ERR_BAD_MAGIC);
	}
}

TEST(error_message_names_compression)
{
	struct cpio_error err = {
		.code = CPIO_ERR_COMPRESSED, .offset = 0x200, .detail = "gzip",
	};
	char msg[200];

	cpio_format_error(&err, msg, sizeof(msg));
	CHECK_STR(msg, "cpio: compressed archive at offset 0x200 (gzip); "
		  "only uncompressed cpio newc (070701/070702) is supported");
	err.code = CPIO_ERR_TRUNCATED_DATA;
	err.offset = 0x75;
	err.detail = NULL;
	cpio_format_error(&err, msg, sizeof(msg));
	CHECK_STR(msg, "cpio: truncated data at offset 0x75");
}

TEST(bad_hex_field_named)
{
	struct cpio_reader r;
	struct cpio_entry e;
	struct cpio_error err;
	size_t pos = trailer(add(0, "kernel", "abc"));

	arc[60] = 'g';		/* inside c_filesize (54..61) */
	cpio_reader_init(&r, arc, pos);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_BAD_HEX);
	CHECK_EQ(err.offset, 54);
	CHECK_STR(err.detail, "c_filesize");
}

TEST(huge_sizes)
{
	struct cpio_reader r;
	struct cpio_entry e;
	struct cpio_error err;
	size_t pos;

	memset(arc, 0, sizeof(arc));
	pos = raw_header(arc, "070701", 0100644, 0xffffffffu, 2);
	memcpy(arc + pos, "k", 2);
	cpio_reader_init(&r, arc, 1024);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_TRUNCATED_DATA);
	CHECK_EQ(err.offset, 112);

	raw_header(arc, "070701", 0100644, 0, 0xffffffffu);
	cpio_reader_init(&r, arc, 1024);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_TRUNCATED_NAME);
	CHECK_EQ(err.offset, 110);

	raw_header(arc, "070701", 0100644, 0xfffffff0u, 0xfffffff0u);
	cpio_reader_init(&r, arc, 1024);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_TRUNCATED_NAME);
}

TEST(bad_names)
{
	struct cpio_reader r;
	struct cpio_entry e;
	struct cpio_error err;
	size_t pos;

	memset(arc, 0, sizeof(arc));
	pos = raw_header(arc, "070701", 0100644, 0, 0);
	cpio_reader_init(&r, arc, 512);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_BAD_NAME_SIZE);
	CHECK_EQ(err.offset, 94);

	raw_header(arc, "070701", 0100644, 0, 3);
	memcpy(arc + pos, "abc", 3);	/* no NUL */
	cpio_reader_init(&r, arc, 512);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_BAD_NAME);
	CHECK_EQ(err.offset, 110);

	memcpy(arc + pos, "a\0\0", 3);	/* embedded NUL */
	cpio_reader_init(&r, arc, 512);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_BAD_NAME);
}

TEST(garbage_after_trailer)
{
	struct cpio_reader r;
	struct cpio_entry e;
	struct cpio_error err;
	size_t pos = trailer(add(0, "a", "1"));

	memset(arc + pos, 0, 8);
	memcpy(arc + pos + 8, "junk", 4);
	cpio_reader_init(&r, arc, pos + 12);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ENTRY);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_TRAILING_GARBAGE);
	CHECK_EQ(err.offset, pos + 8);

	/* A compressed archive appended after an uncompressed one. */
	memcpy(arc + pos, "\x1f\x8b\x08\x00", 4);
	cpio_reader_init(&r, arc, pos + 4);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ENTRY);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_COMPRESSED);
	CHECK_EQ(err.offset, pos);
}

TEST(missing_trailer)
{
	struct cpio_reader r;
	struct cpio_entry e;
	struct cpio_error err;
	size_t pos = add(0, "a", "1");

	cpio_reader_init(&r, arc, pos);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ENTRY);
	CHECK_EQ(next(&r, &e, &err), CPIO_NEXT_ERROR);
	CHECK_EQ(err.code, CPIO_ERR_NO_TRAILER);
	CHECK_EQ(err.offset, pos);
}

TEST(writer_refuses_overflow)
{
	struct cpio_write_file f = { .name = "name", .data = "x",
				     .data_size = 1 };
	size_t pos = 0;

	CHECK(!cpio_write_entry(arc, 100, &pos, &f));
	CHECK_EQ(pos, 0);
	CHECK(cpio_write_entry(NULL, 0, &pos, &f));
	CHECK_EQ(pos, 120);	/* 110 + 5 -> 116, +1 -> 120 */
}
