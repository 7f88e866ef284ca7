/*
 * baton's report as the next kernel sees it: the blob of the KHO subtree
 * `baton` (/sys/kernel/debug/kho/in/sub_fdts/baton, docs/chain.md). Checks
 * it like report_blob_check (magic, version, sizes, padding, CRC32) and
 * prints it as BATON-REPORT lines: a summary, the verdict, and the compact
 * JSON cut into lines that concatenate back to the original.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "agent.h"

#define BLOB_MAGIC		"BATONRPT"
#define JSON_LINE		160

struct report_header {
	char magic[8];
	uint32_t version;
	uint32_t header_size;
	uint64_t total_size;
	uint32_t crc32;
	uint32_t flags;
	uint32_t errors, warnings, infos, findings;
	uint32_t json_size;
	uint32_t schema;
	uint64_t reserved;
};

_Static_assert(sizeof(struct report_header) == 64, "report blob header");

/* IEEE 802.3 CRC32, as report_crc32() (report/blob.c). */
static uint32_t crc32_ieee(uint32_t crc, const uint8_t *p, size_t len)
{
	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc & 1) ? (crc >> 1) ^ 0xedb88320u : crc >> 1;
	}
	return ~crc;
}

const char *report_blob_problem(const uint8_t *buf, size_t len)
{
	static const uint8_t zero[4];
	const size_t crc_at = offsetof(struct report_header, crc32);
	struct report_header h;
	uint32_t crc;
	size_t i, text_end;

	if (len < sizeof(h))
		return "too short";
	memcpy(&h, buf, sizeof(h));
	if (memcmp(h.magic, BLOB_MAGIC, 8))
		return "bad magic";
	if (h.version != 1 || h.header_size != sizeof(h))
		return "bad version";
	if (h.total_size > len || h.total_size < sizeof(h) + 1)
		return "bad size";
	text_end = sizeof(h) + h.json_size;
	if (h.reserved || text_end >= h.total_size ||
	    h.total_size != ((text_end + 1 + 7) & ~(uint64_t)7))
		return "bad layout";
	for (i = text_end; i < h.total_size; i++)
		if (buf[i])
			return "bad layout";
	crc = crc32_ieee(0, buf, crc_at);
	crc = crc32_ieee(crc, zero, sizeof(zero));
	crc = crc32_ieee(crc, buf + crc_at + 4, h.total_size - crc_at - 4);
	if (crc != h.crc32)
		return "bad crc";
	if (memchr(buf + sizeof(h), 0, h.json_size))
		return "bad json";
	return NULL;
}

const char *report_blob_json(const uint8_t *buf, size_t len, const char **why)
{
	*why = report_blob_problem(buf, len);
	return *why ? NULL : (const char *)buf + sizeof(struct report_header);
}

size_t report_blob_make(uint8_t *buf, size_t size, const char *json)
{
	const size_t crc_at = offsetof(struct report_header, crc32);
	struct report_header h = { .version = 1, .header_size = sizeof(h),
				   .schema = 1, .json_size = strlen(json) };

	memcpy(h.magic, BLOB_MAGIC, 8);
	h.total_size = (sizeof(h) + h.json_size + 1 + 7) & ~(uint64_t)7;
	if (h.total_size > size)
		return 0;
	memset(buf, 0, h.total_size);
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), json, h.json_size);
	h.crc32 = crc32_ieee(0, buf, h.total_size);	/* crc field is 0 */
	memcpy(buf + crc_at, &h.crc32, 4);
	return h.total_size;
}

/* The "text" of the JSON's "verdict" object, or "?". */
static void print_verdict(const char *json)
{
	const char *v = strstr(json, "\"verdict\":{");
	const char *t = v ? strstr(v, "\"text\":\"") : NULL;
	const char *end = t ? strchr(t + 8, '"') : NULL;

	if (!end)
		data_printf("BATON-REPORT verdict ?\n");
	else
		data_printf("BATON-REPORT verdict %.*s\n", (int)(end - t - 8), t + 8);
}

void report_blob_print(const char *name, const uint8_t *buf, size_t len)
{
	const char *why = report_blob_problem(buf, len);
	struct report_header h;
	const char *json;
	size_t off;

	if (why) {
		data_printf("BATON-REPORT name=%s size=%zu invalid (%s)\n", name, len,
		       why);
		return;
	}
	memcpy(&h, buf, sizeof(h));
	json = (const char *)buf + sizeof(h);
	data_printf("BATON-REPORT name=%s size=%zu valid crc32=0x%08x schema=%u errors=%u warnings=%u infos=%u findings=%u json=%u\n",
	       name, len, h.crc32, h.schema, h.errors, h.warnings, h.infos,
	       h.findings, h.json_size);
	print_verdict(json);
	for (off = 0; off < h.json_size; off += JSON_LINE)
		data_printf("BATON-REPORT| %.*s\n",
		       (int)(h.json_size - off < JSON_LINE ?
			     h.json_size - off : JSON_LINE), json + off);
}

static unsigned int check(int ok, const char *name)
{
	printf("%s: baton-agent-report-blob-%s\n", ok ? "PASS" : "FAIL", name);
	return !ok;
}

/* A blob laid out as report/blob.c does, then damaged. */
unsigned int report_blob_selftest(void)
{
	static const char json[] = "{\"verdict\":{\"ok\":true,\"text\":\"handover OK (0 errors, 0 warnings)\"}}";
	uint8_t blob[64 + 80] = { 0 };
	struct report_header h;
	unsigned int failed = 0;

	report_blob_make(blob, sizeof(blob), json);
	memcpy(&h, blob, sizeof(h));
	failed += check(report_blob_problem(blob, sizeof(blob)) == NULL,
			"valid");
	failed += check(report_blob_problem(blob, h.total_size - 1) &&
			!strcmp(report_blob_problem(blob, h.total_size - 1),
				"bad size"), "truncated");
	blob[70] ^= 1;
	failed += check(report_blob_problem(blob, sizeof(blob)) &&
			!strcmp(report_blob_problem(blob, sizeof(blob)),
				"bad crc"), "crc");
	blob[70] ^= 1;
	blob[h.total_size - 1] = 1;
	failed += check(report_blob_problem(blob, sizeof(blob)) &&
			!strcmp(report_blob_problem(blob, sizeof(blob)),
				"bad layout"), "padding");
	blob[h.total_size - 1] = 0;
	blob[0] = 'X';
	failed += check(report_blob_problem(blob, sizeof(blob)) &&
			!strcmp(report_blob_problem(blob, sizeof(blob)),
				"bad magic"), "magic");
	return failed;
}
