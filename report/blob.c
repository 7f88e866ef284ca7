// SPDX-License-Identifier: MIT
/*
 * The report blob: sizing, writing and verifying (layout in report/blob.h
 * and docs/report-schema.md). The JSON is produced twice, once counted and
 * once written, so no intermediate buffer is needed.
 */
#include <report/blob.h>
#include <report/json_writer.h>
#include <string.h>

#define CRC_OFFSET	offsetof(struct report_blob_header, crc32)

/* Half-byte table: small enough for the payload, fast enough for reports. */
static const u32 crc_nibble[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
	0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
	0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

u32 report_crc32(u32 crc, const void *data, size_t len)
{
	const u8 *p = data;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		crc = (crc >> 4) ^ crc_nibble[crc & 15];
		crc = (crc >> 4) ^ crc_nibble[crc & 15];
	}
	return ~crc;
}

static void count_sink(void *ctx, const char *s, size_t len)
{
	*(u64 *)ctx += len;
}

struct buffer_sink {
	char *buf;
	u64 size;
	u64 len;
	bool overflow;
};

static void buffer_sink(void *ctx, const char *s, size_t len)
{
	struct buffer_sink *b = ctx;

	if (b->overflow || len > b->size - b->len) {
		b->overflow = true;
		return;
	}
	memcpy(b->buf + b->len, s, len);
	b->len += len;
}

static u64 blob_total(u64 json_size)
{
	return ALIGN_UP(sizeof(struct report_blob_header) + json_size + 1,
			(u64)REPORT_BLOB_ALIGN);
}

u64 report_blob_size(const struct report_input *in)
{
	u64 json_size = 0;

	report_json(in, count_sink, &json_size, false);
	if (json_size >= UINT32_MAX)
		return 0;
	return blob_total(json_size);
}

static u32 saturate(u64 v)
{
	return v > UINT32_MAX ? UINT32_MAX : (u32)v;
}

static u32 blob_crc(const u8 *blob, u64 total)
{
	static const u8 zero[4];
	u32 crc;

	crc = report_crc32(0, blob, CRC_OFFSET);
	crc = report_crc32(crc, zero, sizeof(zero));
	return report_crc32(crc, blob + CRC_OFFSET + 4,
			    total - CRC_OFFSET - 4);
}

u64 report_blob_write(void *buf, u64 size, const struct report_input *in)
{
	struct report_blob_header h;
	struct report_verdict v;
	struct buffer_sink b;
	u64 total = report_blob_size(in);
	u8 *out = buf;

	if (!total || total > size)
		return 0;
	b.buf = (char *)out + sizeof(h);
	b.size = total - sizeof(h) - 1;
	b.len = 0;
	b.overflow = false;
	report_json(in, buffer_sink, &b, false);
	if (b.overflow || blob_total(b.len) != total)
		return 0;
	memset(out + sizeof(h) + b.len, 0, total - sizeof(h) - b.len);

	report_verdict(in, &v);
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, REPORT_BLOB_MAGIC, sizeof(h.magic));
	h.version = REPORT_BLOB_VERSION;
	h.header_size = sizeof(h);
	h.total_size = total;
	h.flags = (v.ok ? REPORT_BLOB_OK : 0) |
		  (v.handover ? REPORT_BLOB_HANDOVER : 0);
	h.errors = saturate(v.errors);
	h.warnings = saturate(v.warnings);
	h.infos = saturate(v.infos);
	h.findings = saturate(v.stored);
	h.json_size = (u32)b.len;
	h.schema = REPORT_SCHEMA_VERSION;
	memcpy(out, &h, sizeof(h));
	h.crc32 = blob_crc(out, total);
	memcpy(out + CRC_OFFSET, &h.crc32, sizeof(h.crc32));
	return total;
}

static bool all_zero(const u8 *p, u64 len)
{
	while (len--)
		if (*p++)
			return false;
	return true;
}

enum report_blob_status report_blob_check(const void *buf, u64 size,
					  struct report_blob_view *view)
{
	struct report_blob_header h;
	const u8 *blob = buf;
	u64 text_end;

	if (size < sizeof(h))
		return REPORT_BLOB_TOO_SHORT;
	memcpy(&h, blob, sizeof(h));
	if (memcmp(h.magic, REPORT_BLOB_MAGIC, sizeof(h.magic)) != 0)
		return REPORT_BLOB_BAD_MAGIC;
	if (h.version != REPORT_BLOB_VERSION || h.header_size != sizeof(h))
		return REPORT_BLOB_BAD_VERSION;
	if (h.total_size > size || h.total_size < sizeof(h) + 1)
		return REPORT_BLOB_BAD_SIZE;
	text_end = sizeof(h) + (u64)h.json_size;
	if (h.reserved || text_end >= h.total_size ||
	    h.total_size != blob_total(h.json_size) ||
	    !all_zero(blob + text_end, h.total_size - text_end))
		return REPORT_BLOB_BAD_LAYOUT;
	if (blob_crc(blob, h.total_size) != h.crc32)
		return REPORT_BLOB_BAD_CRC;
	if (memchr(blob + sizeof(h), 0, h.json_size) ||
	    !json_validate((const char *)blob + sizeof(h), h.json_size))
		return REPORT_BLOB_BAD_JSON;
	if (view) {
		view->header = h;
		view->json = (const char *)blob + sizeof(h);
		view->json_size = h.json_size;
	}
	return REPORT_BLOB_VALID;
}

const char *report_blob_status_name(enum report_blob_status s)
{
	static const char *const names[] = {
		"valid", "too short", "bad magic", "bad version", "bad size",
		"bad layout", "bad crc", "bad json",
	};

	return (unsigned int)s < ARRAY_SIZE(names) ? names[s] : "?";
}
