// SPDX-License-Identifier: MIT
/*
 * Serial framing of capture files: base64 lines between markers with a
 * CRC32C per file and over the files (include/baton/capture_serial.h).
 * A serial console drops or garbles bytes without telling anyone; the
 * checksums let the host decoder refuse such a capture instead of
 * replaying wrong bytes.
 */
#include <baton/capture_serial.h>
#include <baton/crc32c.h>
#include <baton/printf.h>
#include <string.h>

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t capture_serial_base64(const u8 *in, size_t len, char *out)
{
	size_t i, n = 0;

	for (i = 0; i + 2 < len; i += 3) {
		u32 v = (u32)in[i] << 16 | (u32)in[i + 1] << 8 | in[i + 2];

		out[n++] = b64[v >> 18];
		out[n++] = b64[(v >> 12) & 63];
		out[n++] = b64[(v >> 6) & 63];
		out[n++] = b64[v & 63];
	}
	if (i < len) {
		u32 v = (u32)in[i] << 16 | (i + 1 < len ? (u32)in[i + 1] << 8 : 0);

		out[n++] = b64[v >> 18];
		out[n++] = b64[(v >> 12) & 63];
		out[n++] = i + 1 < len ? b64[(v >> 6) & 63] : '=';
		out[n++] = '=';
	}
	out[n] = '\0';
	return n;
}

static void put(struct capture_serial *cs, const char *s)
{
	cs->out(cs->ctx, s, strlen(s));
}

static void flush_line(struct capture_serial *cs)
{
	char line[4 + 80];

	if (!cs->pending_len)
		return;
	line[0] = 'B';
	line[1] = 'C';
	line[2] = ' ';
	capture_serial_base64(cs->pending, cs->pending_len, line + 3);
	put(cs, line);
	put(cs, "\n");
	cs->pending_len = 0;
}

void capture_serial_begin(struct capture_serial *cs, capture_serial_out_fn out,
			  void *ctx)
{
	char line[64];

	*cs = (struct capture_serial){ .out = out, .ctx = ctx };
	baton_snprintf(line, sizeof(line), "BATON-CAPTURE-BEGIN format=%u\n",
		       CAPTURE_SERIAL_FORMAT);
	put(cs, line);
}

void capture_serial_file_begin(struct capture_serial *cs, const char *name)
{
	put(cs, "BATON-CAPTURE-FILE name=");
	put(cs, name);
	put(cs, "\n");
	cs->in_file = true;
	cs->size = 0;
	cs->crc = 0;
	cs->pending_len = 0;
}

void capture_serial_file_data(struct capture_serial *cs, const void *data,
			      size_t len)
{
	const u8 *p = data;

	cs->crc = crc32c(cs->crc, p, len);
	cs->size += len;
	while (len) {
		u32 n = CAPTURE_SERIAL_LINE_BYTES - cs->pending_len;

		if (n > len)
			n = (u32)len;
		memcpy(cs->pending + cs->pending_len, p, n);
		cs->pending_len += n;
		p += n;
		len -= n;
		if (cs->pending_len == CAPTURE_SERIAL_LINE_BYTES)
			flush_line(cs);
	}
}

void capture_serial_file_end(struct capture_serial *cs, const char *name)
{
	char line[96];
	u8 le[4];

	flush_line(cs);
	put(cs, "BATON-CAPTURE-FILE-END name=");
	put(cs, name);
	baton_snprintf(line, sizeof(line), " size=0x%llx crc32c=0x%08x\n",
		       (unsigned long long)cs->size, cs->crc);
	put(cs, line);
	le[0] = (u8)cs->crc;
	le[1] = (u8)(cs->crc >> 8);
	le[2] = (u8)(cs->crc >> 16);
	le[3] = (u8)(cs->crc >> 24);
	cs->crc_all = crc32c(cs->crc_all, le, sizeof(le));
	cs->files++;
	cs->in_file = false;
}

void capture_serial_end(struct capture_serial *cs)
{
	char line[96];

	baton_snprintf(line, sizeof(line),
		       "BATON-CAPTURE-END files=%u crc32c=0x%08x\n", cs->files,
		       cs->crc_all);
	put(cs, line);
}
