// SPDX-License-Identifier: MIT
/* The bzImage kernel_version string and its release number. */
#include <string.h>
#include <boot/chain/kernel_version.h>

#define SECTOR_SIZE		512
#define SETUP_SECTS_OFFSET	0x1f1
#define HEADER_MAGIC_OFFSET	0x202
#define VERSION_BASE		0x200	/* the field counts from it */
#define RELEASE_PART_DIGITS	5

/* The one accessor: len bytes at off, or NULL when they are not all in. */
static const u8 *image_at(const u8 *image, size_t size, size_t off,
			  size_t len)
{
	if (off > size || len > size - off)
		return NULL;
	return image + off;
}

/* End of the setup sectors (real-mode part), clipped to the file. */
static size_t setup_end(const u8 *image, size_t size)
{
	const u8 *p = image_at(image, size, SETUP_SECTS_OFFSET, 1);
	size_t sects = p && *p ? *p : 4;

	return MIN((sects + 1) * SECTOR_SIZE, size);
}

static void copy_printable(char *dst, size_t cap, const u8 *src, size_t len)
{
	size_t i, n = MIN(len, cap - 1);

	for (i = 0; i < n; i++)
		dst[i] = src[i] >= 0x20 && src[i] <= 0x7e ? (char)src[i] : '?';
	dst[n] = '\0';
}

static void first_word(char *dst, const char *s)
{
	size_t n = 0;

	while (s[n] && s[n] != ' ' && n < KERNEL_RELEASE_MAX - 1)
		n++;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

enum kernel_version_read kernel_version_read(const void *image, size_t size,
					     char out[KERNEL_VERSION_MAX],
					     char release[KERNEL_RELEASE_MAX],
					     u16 *offset)
{
	const u8 *img = image, *field, *magic, *str, *nul;
	size_t start, end;

	out[0] = release[0] = '\0';
	*offset = 0;
	magic = img ? image_at(img, size, HEADER_MAGIC_OFFSET, 4) : NULL;
	field = img ? image_at(img, size, BZIMAGE_KERNEL_VERSION_FIELD, 2) :
		      NULL;
	if (!magic || !field || memcmp(magic, "HdrS", 4) != 0)
		return KERNEL_VERSION_NO_HEADER;
	*offset = (u16)(field[0] | field[1] << 8);
	if (!*offset)
		return KERNEL_VERSION_NO_FIELD;
	start = (size_t)*offset + VERSION_BASE;
	end = setup_end(img, size);
	str = image_at(img, end, start, 1);
	if (!str)
		return KERNEL_VERSION_OUT_OF_SETUP;
	nul = memchr(str, '\0', end - start);
	if (!nul)
		return KERNEL_VERSION_UNTERMINATED;
	if (nul == str)
		return KERNEL_VERSION_EMPTY;
	copy_printable(out, KERNEL_VERSION_MAX, str, (size_t)(nul - str));
	first_word(release, out);
	return KERNEL_VERSION_OK;
}

const char *kernel_version_read_name(enum kernel_version_read r)
{
	static const char *const names[] = {
		"ok", "no setup header", "no kernel_version (0)",
		"kernel_version outside the setup sectors",
		"unterminated version string", "empty version string",
	};

	return (unsigned int)r < ARRAY_SIZE(names) ? names[r] : "?";
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 1..RELEASE_PART_DIGITS digits at *s; advances past them. */
static bool parse_part(const char **s, u32 *out)
{
	u32 v = 0, n = 0;

	while (is_digit(**s)) {
		if (++n > RELEASE_PART_DIGITS)
			return false;
		v = v * 10 + (u32)(**s - '0');
		(*s)++;
	}
	*out = v;
	return n > 0;
}

bool kernel_release_parse(const char *s, struct kernel_release *out)
{
	memset(out, 0, sizeof(*out));
	if (!s || !parse_part(&s, &out->major) || *s++ != '.' ||
	    !parse_part(&s, &out->minor))
		return false;
	if (*s == '.') {
		s++;
		if (!parse_part(&s, &out->patch))
			return false;
		out->has_patch = true;
	}
	return *s != '.' && !is_digit(*s);
}
