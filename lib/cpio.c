// SPDX-License-Identifier: MIT
/*
 * cpio newc reader. All arithmetic on sizes read from the archive is done in
 * size_t after checking against what is left of the buffer, so a hostile
 * header can at worst produce an error.
 */
#include <baton/cpio.h>
#include <baton/printf.h>
#include <string.h>

#define CPIO_MAGIC_LEN		6
#define CPIO_FIELD_LEN		8
#define CPIO_FIELD_COUNT	13

static const char *const cpio_field_names[CPIO_FIELD_COUNT] = {
	"c_ino", "c_mode", "c_uid", "c_gid", "c_nlink", "c_mtime",
	"c_filesize", "c_devmajor", "c_devminor", "c_rdevmajor",
	"c_rdevminor", "c_namesize", "c_check",
};

enum {
	FIELD_INO, FIELD_MODE, FIELD_UID, FIELD_GID, FIELD_NLINK, FIELD_MTIME,
	FIELD_FILESIZE, FIELD_DEVMAJOR, FIELD_DEVMINOR, FIELD_RDEVMAJOR,
	FIELD_RDEVMINOR, FIELD_NAMESIZE, FIELD_CHECK,
};

struct compression_magic {
	const char *name;
	u8 len;
	u8 bytes[6];
};

/* Formats Linux can unpack as initramfs but this reader deliberately cannot. */
static const struct compression_magic compression_magics[] = {
	{ "gzip", 2, { 0x1f, 0x8b } },
	{ "gzip (old)", 2, { 0x1f, 0x9e } },
	{ "xz", 6, { 0xfd, '7', 'z', 'X', 'Z', 0x00 } },
	{ "zstd", 4, { 0x28, 0xb5, 0x2f, 0xfd } },
	{ "bzip2", 3, { 'B', 'Z', 'h' } },
	{ "lz4", 4, { 0x02, 0x21, 0x4c, 0x18 } },
	{ "lzo", 4, { 0x89, 'L', 'Z', 'O' } },
	{ "lzma", 3, { 0x5d, 0x00, 0x00 } },
};

static const char *const cpio_error_names[CPIO_ERR_COUNT] = {
	[CPIO_OK] = "ok",
	[CPIO_ERR_TRUNCATED_HEADER] = "truncated header",
	[CPIO_ERR_BAD_MAGIC] = "bad magic",
	[CPIO_ERR_UNSUPPORTED_FORMAT] = "unsupported cpio format",
	[CPIO_ERR_COMPRESSED] = "compressed archive",
	[CPIO_ERR_BAD_HEX] = "bad hex field",
	[CPIO_ERR_BAD_NAME_SIZE] = "bad name size",
	[CPIO_ERR_TRUNCATED_NAME] = "truncated name",
	[CPIO_ERR_BAD_NAME] = "bad name",
	[CPIO_ERR_TRUNCATED_DATA] = "truncated data",
	[CPIO_ERR_NO_TRAILER] = "missing trailer",
	[CPIO_ERR_TRAILING_GARBAGE] = "trailing garbage",
};

const char *cpio_error_name(enum cpio_error_code code)
{
	if ((unsigned int)code >= CPIO_ERR_COUNT)
		return "unknown error";
	return cpio_error_names[code];
}

int cpio_format_error(const struct cpio_error *err, char *buf, size_t size)
{
	const char *hint = "";

	if (err->code == CPIO_ERR_COMPRESSED ||
	    err->code == CPIO_ERR_UNSUPPORTED_FORMAT)
		hint = "; only uncompressed cpio newc (070701/070702) is supported";
	return baton_snprintf(buf, size, "cpio: %s at offset %#zx%s%s%s%s",
			      cpio_error_name(err->code), err->offset,
			      err->detail ? " (" : "",
			      err->detail ? err->detail : "",
			      err->detail ? ")" : "", hint);
}

void cpio_reader_init(struct cpio_reader *reader, const void *buf,
		      size_t size)
{
	reader->buf = buf;
	reader->size = buf ? size : 0;
	reader->pos = 0;
	reader->done = false;
	reader->error.code = CPIO_OK;
	reader->error.offset = 0;
	reader->error.detail = NULL;
}

static enum cpio_next_result fail(struct cpio_reader *reader,
				  struct cpio_error *err,
				  enum cpio_error_code code, size_t offset,
				  const char *detail)
{
	reader->done = true;
	reader->pos = reader->size;
	reader->error.code = code;
	reader->error.offset = offset;
	reader->error.detail = detail;
	*err = reader->error;
	return CPIO_NEXT_ERROR;
}

static bool parse_hex8(const u8 *text, u32 *out)
{
	u32 value = 0;
	int i;

	for (i = 0; i < CPIO_FIELD_LEN; i++) {
		u8 c = text[i];
		u32 digit;

		if (c >= '0' && c <= '9')
			digit = c - '0';
		else if (c >= 'a' && c <= 'f')
			digit = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			digit = c - 'A' + 10;
		else
			return false;
		value = (value << 4) | digit;
	}
	*out = value;
	return true;
}

static const char *compression_name(const u8 *p, size_t left)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(compression_magics); i++) {
		const struct compression_magic *m = &compression_magics[i];

		if (left >= m->len && memcmp(p, m->bytes, m->len) == 0)
			return m->name;
	}
	return NULL;
}

/* Explains why no newc header is at pos. */
static enum cpio_next_result reject_header(struct cpio_reader *reader,
					   struct cpio_error *err, size_t pos)
{
	const u8 *p = reader->buf + pos;
	size_t left = reader->size - pos;
	const char *compressor = compression_name(p, left);

	if (compressor)
		return fail(reader, err, CPIO_ERR_COMPRESSED, pos, compressor);
	if (left >= CPIO_MAGIC_LEN && memcmp(p, "070707", 6) == 0)
		return fail(reader, err, CPIO_ERR_UNSUPPORTED_FORMAT, pos,
			    "odc (070707)");
	if (left >= 2 && ((p[0] == 0xc7 && p[1] == 0x71) ||
			  (p[0] == 0x71 && p[1] == 0xc7)))
		return fail(reader, err, CPIO_ERR_UNSUPPORTED_FORMAT, pos,
			    "old binary");
	if (left < CPIO_HEADER_SIZE)
		return fail(reader, err, CPIO_ERR_TRUNCATED_HEADER, pos, NULL);
	return fail(reader, err, CPIO_ERR_BAD_MAGIC, pos, NULL);
}

static bool is_newc_magic(const u8 *p)
{
	return memcmp(p, "07070", 5) == 0 && (p[5] == '1' || p[5] == '2');
}

/* After a trailer: skip NUL padding; true if another archive starts. */
static bool skip_to_next_archive(struct cpio_reader *reader)
{
	size_t pos = reader->pos;

	while (pos < reader->size && reader->buf[pos] == 0)
		pos++;
	reader->pos = pos;
	return pos < reader->size;
}

static bool name_is_clean(const char *name, size_t namesize)
{
	return name[namesize - 1] == '\0' &&
	       memchr(name, '\0', namesize - 1) == NULL;
}

static enum cpio_next_result read_header(struct cpio_reader *reader,
					 struct cpio_entry *entry,
					 struct cpio_error *err)
{
	size_t pos = reader->pos, left = reader->size - pos;
	const u8 *p = reader->buf + pos;
	u32 fields[CPIO_FIELD_COUNT];
	size_t name_at, name_end, data_at, data_end;
	int i;

	if (left < CPIO_HEADER_SIZE || !is_newc_magic(p))
		return reject_header(reader, err, pos);

	for (i = 0; i < CPIO_FIELD_COUNT; i++) {
		size_t at = CPIO_MAGIC_LEN + (size_t)i * CPIO_FIELD_LEN;

		if (!parse_hex8(p + at, &fields[i]))
			return fail(reader, err, CPIO_ERR_BAD_HEX, pos + at,
				    cpio_field_names[i]);
	}

	if (fields[FIELD_NAMESIZE] == 0)
		return fail(reader, err, CPIO_ERR_BAD_NAME_SIZE,
			    pos + CPIO_MAGIC_LEN + FIELD_NAMESIZE * 8,
			    "c_namesize is 0");

	name_at = pos + CPIO_HEADER_SIZE;
	if (fields[FIELD_NAMESIZE] > reader->size - name_at)
		return fail(reader, err, CPIO_ERR_TRUNCATED_NAME, name_at,
			    NULL);
	name_end = name_at + fields[FIELD_NAMESIZE];
	if (!name_is_clean((const char *)reader->buf + name_at,
			   fields[FIELD_NAMESIZE]))
		return fail(reader, err, CPIO_ERR_BAD_NAME, name_at,
			    "not a single NUL-terminated string");

	/* Name and data are padded to 4 bytes from the buffer start. */
	data_at = ALIGN_UP(name_end, (size_t)4);
	if (data_at > reader->size ||
	    fields[FIELD_FILESIZE] > reader->size - data_at)
		return fail(reader, err, CPIO_ERR_TRUNCATED_DATA, name_end,
			    NULL);
	data_end = data_at + fields[FIELD_FILESIZE];

	entry->name = (const char *)reader->buf + name_at;
	entry->name_len = fields[FIELD_NAMESIZE] - 1;
	entry->data = reader->buf + data_at;
	entry->data_size = fields[FIELD_FILESIZE];
	entry->header_offset = pos;
	entry->data_offset = data_at;
	entry->has_checksum = p[5] == '2';
	entry->ino = fields[FIELD_INO];
	entry->mode = fields[FIELD_MODE];
	entry->uid = fields[FIELD_UID];
	entry->gid = fields[FIELD_GID];
	entry->nlink = fields[FIELD_NLINK];
	entry->mtime = fields[FIELD_MTIME];
	entry->devmajor = fields[FIELD_DEVMAJOR];
	entry->devminor = fields[FIELD_DEVMINOR];
	entry->rdevmajor = fields[FIELD_RDEVMAJOR];
	entry->rdevminor = fields[FIELD_RDEVMINOR];
	entry->check = fields[FIELD_CHECK];

	/* The padding after the last file may be cut off by the buffer end. */
	reader->pos = MIN(ALIGN_UP(data_end, (size_t)4), reader->size);
	return CPIO_NEXT_ENTRY;
}

static bool is_trailer(const struct cpio_entry *entry)
{
	return entry->name_len == sizeof(CPIO_TRAILER_NAME) - 1 &&
	       memcmp(entry->name, CPIO_TRAILER_NAME, entry->name_len) == 0;
}

enum cpio_next_result cpio_next(struct cpio_reader *reader,
				struct cpio_entry *entry,
				struct cpio_error *err)
{
	enum cpio_next_result result;

	*err = reader->error;
	if (reader->done)
		return err->code == CPIO_OK ? CPIO_NEXT_END : CPIO_NEXT_ERROR;

	for (;;) {
		if (reader->pos >= reader->size)
			return fail(reader, err, CPIO_ERR_NO_TRAILER,
				    reader->size, NULL);
		result = read_header(reader, entry, err);
		if (result != CPIO_NEXT_ENTRY)
			return result;
		if (!is_trailer(entry))
			return CPIO_NEXT_ENTRY;
		if (!skip_to_next_archive(reader)) {
			reader->done = true;
			return CPIO_NEXT_END;
		}
		if (reader->size - reader->pos < CPIO_MAGIC_LEN ||
		    !is_newc_magic(reader->buf + reader->pos)) {
			size_t at = reader->pos;

			if (compression_name(reader->buf + at,
					     reader->size - at))
				return reject_header(reader, err, at);
			return fail(reader, err, CPIO_ERR_TRAILING_GARBAGE, at,
				    "after TRAILER!!!");
		}
	}
}

u32 cpio_data_checksum(const struct cpio_entry *entry)
{
	u32 sum = 0;
	size_t i;

	for (i = 0; i < entry->data_size; i++)
		sum += entry->data[i];
	return sum;
}

static void put_hex8(u8 *out, u32 value)
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = CPIO_FIELD_LEN - 1; i >= 0; i--) {
		out[i] = digits[value & 0xf];
		value >>= 4;
	}
}

bool cpio_write_entry(u8 *buf, size_t size, size_t *pos,
		      const struct cpio_write_file *file)
{
	size_t namesize = strlen(file->name) + 1;
	size_t start = *pos, name_end, data_at, end;
	u32 fields[CPIO_FIELD_COUNT] = { 0 };
	int i;

	if (namesize > UINT32_MAX || file->data_size > UINT32_MAX)
		return false;
	name_end = start + CPIO_HEADER_SIZE + namesize;
	data_at = ALIGN_UP(name_end, (size_t)4);
	end = ALIGN_UP(data_at + file->data_size, (size_t)4);
	if (end < start)
		return false;
	if (buf) {
		if (end > size)
			return false;
		fields[FIELD_INO] = file->ino;
		fields[FIELD_MODE] = file->mode;
		fields[FIELD_NLINK] = 1;
		fields[FIELD_MTIME] = file->mtime;
		fields[FIELD_FILESIZE] = (u32)file->data_size;
		fields[FIELD_NAMESIZE] = (u32)namesize;
		memcpy(buf + start, "070701", CPIO_MAGIC_LEN);
		for (i = 0; i < CPIO_FIELD_COUNT; i++)
			put_hex8(buf + start + CPIO_MAGIC_LEN +
				 (size_t)i * CPIO_FIELD_LEN, fields[i]);
		memcpy(buf + start + CPIO_HEADER_SIZE, file->name, namesize);
		memset(buf + name_end, 0, data_at - name_end);
		if (file->data_size)
			memcpy(buf + data_at, file->data, file->data_size);
		memset(buf + data_at + file->data_size, 0,
		       end - data_at - file->data_size);
	}
	*pos = end;
	return true;
}

bool cpio_write_trailer(u8 *buf, size_t size, size_t *pos)
{
	const struct cpio_write_file trailer = {
		.name = CPIO_TRAILER_NAME,
		.mode = 0,
	};

	return cpio_write_entry(buf, size, pos, &trailer);
}
