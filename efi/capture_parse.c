// SPDX-License-Identifier: MIT
/*
 * "baton-capture 1" manifest parser. One pass over the text, no
 * allocation: every string result is a slice of the caller's buffer, every
 * list goes into caller storage, every error names its line. Run by
 * baton.efi; the host tools (mkhandover, baton-inspect) reuse it.
 */
#include <stdarg.h>
#include <string.h>
#include <baton/capture.h>
#include <baton/printf.h>
#include <efi/capture_internal.h>

#define CAPTURE_ARGS_MAX	8

struct line_state {
	const char *text;	/* the line, without the newline */
	u32 len;
	u32 number;
	struct capture_text args[CAPTURE_ARGS_MAX];
	u32 argc;
	bool has_string;	/* the last argument was a quoted string */
};

bool capture_fail(struct capture_error *err, enum capture_error_code code,
		  u32 line, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	err->code = code;
	err->line = line;
	if (line)
		n = baton_snprintf(err->message, sizeof(err->message),
				   "line %u: ", line);
	if (n < 0 || (size_t)n >= sizeof(err->message))
		n = 0;
	va_start(ap, fmt);
	baton_vsnprintf(err->message + n, sizeof(err->message) - n, fmt, ap);
	va_end(ap);
	return false;
}

bool capture_text_equal(struct capture_text text, const char *s)
{
	size_t n = strlen(s);

	return text.len == n && memcmp(text.ptr, s, n) == 0;
}

bool capture_text_copy(struct capture_text text, char *buf, size_t size)
{
	if (!size)
		return false;
	if ((size_t)text.len >= size) {
		buf[0] = '\0';
		return false;
	}
	memcpy(buf, text.ptr, text.len);
	buf[text.len] = '\0';
	return true;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Splits one line into arguments; a quoted string ends at the line's last '"'. */
static bool tokenize(struct line_state *ls, struct capture_error *err)
{
	u32 i = 0, start, last_quote;

	ls->argc = 0;
	ls->has_string = false;
	for (i = 0; i < ls->len; i++) {
		unsigned char c = (unsigned char)ls->text[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return capture_fail(err, CAPTURE_ERR_CHARACTER, ls->number,
					    "control byte 0x%02x at column %u", c,
					    i + 1);
	}
	i = 0;
	while (i < ls->len) {
		while (i < ls->len && is_blank(ls->text[i]))
			i++;
		if (i == ls->len || ls->text[i] == '#')
			return true;
		if (ls->argc == CAPTURE_ARGS_MAX)
			return capture_fail(err, CAPTURE_ERR_ARGUMENTS, ls->number,
					    "more than %u words", CAPTURE_ARGS_MAX);
		if (ls->text[i] == '"') {
			last_quote = ls->len;
			while (last_quote > i + 1 && ls->text[last_quote - 1] != '"')
				last_quote--;
			if (last_quote <= i + 1)
				return capture_fail(err, CAPTURE_ERR_STRING, ls->number,
						    "unterminated string at column %u",
						    i + 1);
			ls->args[ls->argc].ptr = ls->text + i + 1;
			ls->args[ls->argc].len = last_quote - 1 - (i + 1);
			ls->argc++;
			ls->has_string = true;
			for (i = last_quote; i < ls->len; i++)
				if (!is_blank(ls->text[i]))
					return capture_fail(err, CAPTURE_ERR_STRING,
							    ls->number,
							    "text after the closing quote at column %u",
							    i + 1);
			return true;
		}
		start = i;
		while (i < ls->len && !is_blank(ls->text[i]))
			i++;
		ls->args[ls->argc].ptr = ls->text + start;
		ls->args[ls->argc].len = i - start;
		ls->argc++;
	}
	return true;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool parse_hex(const struct line_state *ls, u32 index, const char *what,
		      u64 *out, struct capture_error *err)
{
	struct capture_text t = ls->args[index];
	u32 i = 0, digits = 0;
	u64 v = 0;

	if (t.len >= 2 && t.ptr[0] == '0' &&
	    (t.ptr[1] == 'x' || t.ptr[1] == 'X'))
		i = 2;
	for (; i < t.len; i++) {
		int d = hex_digit(t.ptr[i]);

		if (d < 0)
			return capture_fail(err, CAPTURE_ERR_NUMBER, ls->number,
					    "%s \"%.*s\" is not a hex number", what,
					    (int)MIN(t.len, 40u), t.ptr);
		if (v >> 60)
			return capture_fail(err, CAPTURE_ERR_NUMBER, ls->number,
					    "%s \"%.*s\" does not fit 64 bits", what,
					    (int)MIN(t.len, 40u), t.ptr);
		v = v << 4 | (u64)d;
		digits++;
	}
	if (!digits)
		return capture_fail(err, CAPTURE_ERR_NUMBER, ls->number,
				    "%s \"%.*s\" has no hex digits", what,
				    (int)MIN(t.len, 40u), t.ptr);
	*out = v;
	return true;
}

static bool want_args(const struct line_state *ls, u32 min, u32 max,
		      const char *usage, struct capture_error *err)
{
	if (ls->argc - 1 < min || ls->argc - 1 > max)
		return capture_fail(err, CAPTURE_ERR_ARGUMENTS, ls->number,
				    "expected \"%s\"", usage);
	return true;
}

/* Bare words only: no quoted string where a number or name belongs. */
static bool no_string(const struct line_state *ls, const char *usage,
		      struct capture_error *err)
{
	if (ls->has_string)
		return capture_fail(err, CAPTURE_ERR_ARGUMENTS, ls->number,
				    "expected \"%s\" (no quoted text)", usage);
	return true;
}

static bool check_page_aligned(const struct line_state *ls, const char *what,
			       u64 v, struct capture_error *err)
{
	if (!IS_ALIGNED(v, PAGE_SIZE))
		return capture_fail(err, CAPTURE_ERR_ALIGNMENT, ls->number,
				    "%s 0x%llx is not 4 KiB aligned", what, ull(v));
	return true;
}

static bool check_extent(const struct line_state *ls, u64 addr, u64 size,
			 struct capture_error *err)
{
	u64 end;

	if (!size)
		return capture_fail(err, CAPTURE_ERR_SIZE, ls->number, "size is 0");
	/* The page-rounded end must stay below 2^64 too. */
	if (!range_end(addr, size, &end) ||
	    end - 1 > UINT64_MAX - (PAGE_SIZE - 1))
		return capture_fail(err, CAPTURE_ERR_SIZE, ls->number,
				    "range 0x%llx + 0x%llx runs past the end of the address space",
				    ull(addr), ull(size));
	return true;
}

static bool check_file_name(const struct line_state *ls, struct capture_text t,
			    struct capture_error *err)
{
	u32 i;

	if (!t.len || t.len > CAPTURE_FILE_NAME_MAX)
		return capture_fail(err, CAPTURE_ERR_FILE_NAME, ls->number,
				    "file name must be 1..%u bytes",
				    CAPTURE_FILE_NAME_MAX);
	if (t.ptr[0] == '/' || t.ptr[t.len - 1] == '/')
		return capture_fail(err, CAPTURE_ERR_FILE_NAME, ls->number,
				    "file name \"%.*s\" must be relative, without a trailing '/'",
				    (int)t.len, t.ptr);
	for (i = 0; i < t.len; i++) {
		char c = t.ptr[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '.' || c == '_' ||
			  c == '-' || c == '+' || c == '/';

		if (!ok)
			return capture_fail(err, CAPTURE_ERR_FILE_NAME, ls->number,
					    "file name \"%.*s\": byte '%c' not allowed",
					    (int)t.len, t.ptr, c);
		if (c == '/' && t.ptr[i + 1] == '/')
			return capture_fail(err, CAPTURE_ERR_FILE_NAME, ls->number,
					    "file name \"%.*s\" has an empty component",
					    (int)t.len, t.ptr);
		/* A ".." component: at the start or after '/', then '/' or end. */
		if (c == '.' && (i == 0 || t.ptr[i - 1] == '/') &&
		    i + 1 < t.len && t.ptr[i + 1] == '.' &&
		    (i + 2 == t.len || t.ptr[i + 2] == '/'))
			return capture_fail(err, CAPTURE_ERR_FILE_NAME, ls->number,
					    "file name \"%.*s\" leaves the capture (..)",
					    (int)t.len, t.ptr);
	}
	return true;
}

static bool parse_format(struct line_state *ls, struct capture *c,
			 struct capture_error *err)
{
	u64 version;

	if (!want_args(ls, 2, 2, "format baton-capture 1", err) ||
	    !no_string(ls, "format baton-capture 1", err))
		return false;
	if (!capture_text_equal(ls->args[1], CAPTURE_FORMAT_NAME))
		return capture_fail(err, CAPTURE_ERR_VERSION, ls->number,
				    "format \"%.*s\" is not " CAPTURE_FORMAT_NAME,
				    (int)MIN(ls->args[1].len, 40u), ls->args[1].ptr);
	if (!parse_hex(ls, 2, "version", &version, err))
		return false;
	if (version != CAPTURE_FORMAT_VERSION)
		return capture_fail(err, CAPTURE_ERR_VERSION, ls->number,
				    "version %llu not supported (this reader knows %u)",
				    ull(version), CAPTURE_FORMAT_VERSION);
	c->version = (u32)version;
	return true;
}

/* ram ADDR SIZE / scratch ADDR SIZE */
static bool parse_range(struct line_state *ls, const char *name,
			struct capture_range *array, u32 max, u32 *count,
			struct capture_error *err)
{
	struct capture_range r = { .line = ls->number };
	char usage[32];

	baton_snprintf(usage, sizeof(usage), "%s ADDR SIZE", name);
	if (!want_args(ls, 2, 2, usage, err) || !no_string(ls, usage, err) ||
	    !parse_hex(ls, 1, "ADDR", &r.addr, err) ||
	    !parse_hex(ls, 2, "SIZE", &r.size, err) ||
	    !check_page_aligned(ls, "ADDR", r.addr, err) ||
	    !check_page_aligned(ls, "SIZE", r.size, err) ||
	    !check_extent(ls, r.addr, r.size, err))
		return false;
	if (*count >= max)
		return capture_fail(err, CAPTURE_ERR_TOO_MANY, ls->number,
				    "more than %u %s lines", max, name);
	array[(*count)++] = r;
	return true;
}

/* blob FILE ADDR [SIZE] */
static bool parse_blob(struct line_state *ls, struct capture *c,
		       const struct capture_storage *st,
		       struct capture_error *err)
{
	static const char usage[] = "blob FILE ADDR [SIZE]";
	struct capture_blob b = { .line = ls->number };

	if (!want_args(ls, 2, 3, usage, err) || !no_string(ls, usage, err) ||
	    !check_file_name(ls, ls->args[1], err) ||
	    !parse_hex(ls, 2, "ADDR", &b.addr, err) ||
	    !check_page_aligned(ls, "ADDR", b.addr, err))
		return false;
	b.file = ls->args[1];
	if (ls->argc == 4) {
		if (!parse_hex(ls, 3, "SIZE", &b.size, err) ||
		    !check_extent(ls, b.addr, b.size, err))
			return false;
		b.size_given = true;
		b.size_resolved = true;
	}
	if (c->blob_count >= st->blob_max)
		return capture_fail(err, CAPTURE_ERR_TOO_MANY, ls->number,
				    "more than %u blob lines", st->blob_max);
	c->blobs[c->blob_count++] = b;
	return true;
}


/* pattern ADDR SIZE SEED KIND [OFFSET] */
static bool parse_pattern(struct line_state *ls, struct capture *c,
			  const struct capture_storage *st,
			  struct capture_error *err)
{
	static const char usage[] = "pattern ADDR SIZE SEED KIND [OFFSET]";
	struct capture_pattern p = { .line = ls->number };
	u32 k;

	if (!want_args(ls, 4, 5, usage, err) || !no_string(ls, usage, err) ||
	    !parse_hex(ls, 1, "ADDR", &p.addr, err) ||
	    !parse_hex(ls, 2, "SIZE", &p.size, err) ||
	    !parse_hex(ls, 3, "SEED", &p.seed, err) ||
	    !check_page_aligned(ls, "ADDR", p.addr, err) ||
	    !check_page_aligned(ls, "SIZE", p.size, err) ||
	    !check_extent(ls, p.addr, p.size, err))
		return false;
	for (k = 0; k < CAPTURE_PATTERN_KIND_COUNT; k++)
		if (capture_text_equal(ls->args[4], capture_pattern_kind_name(k)))
			break;
	if (k == CAPTURE_PATTERN_KIND_COUNT)
		return capture_fail(err, CAPTURE_ERR_KIND, ls->number,
				    "unknown pattern kind \"%.*s\" (zero, fill, builder, agent, absent)",
				    (int)MIN(ls->args[4].len, 40u), ls->args[4].ptr);
	p.kind = k;
	if (ls->argc == 6 && !parse_hex(ls, 5, "OFFSET", &p.offset, err))
		return false;
	if ((p.kind == CAPTURE_PATTERN_ZERO ||
	     p.kind == CAPTURE_PATTERN_ABSENT) && p.seed)
		return capture_fail(err, CAPTURE_ERR_KIND, ls->number,
				    "pattern %s takes SEED 0, not 0x%llx",
				    capture_pattern_kind_name(p.kind), ull(p.seed));
	if (p.kind == CAPTURE_PATTERN_FILL && p.seed > 0xff)
		return capture_fail(err, CAPTURE_ERR_KIND, ls->number,
				    "pattern fill takes a byte SEED (0..ff), not 0x%llx",
				    ull(p.seed));
	if (p.offset && (p.kind == CAPTURE_PATTERN_ZERO ||
			 p.kind == CAPTURE_PATTERN_FILL ||
			 p.kind == CAPTURE_PATTERN_ABSENT))
		return capture_fail(err, CAPTURE_ERR_KIND, ls->number,
				    "pattern %s takes no OFFSET",
				    capture_pattern_kind_name(p.kind));
	if (c->pattern_count >= st->pattern_max)
		return capture_fail(err, CAPTURE_ERR_TOO_MANY, ls->number,
				    "more than %u pattern lines", st->pattern_max);
	c->patterns[c->pattern_count++] = p;
	return true;
}

static bool once(const struct line_state *ls, bool *seen, const char *name,
		 struct capture_error *err)
{
	if (*seen)
		return capture_fail(err, CAPTURE_ERR_DUPLICATE, ls->number,
				    "second %s line", name);
	*seen = true;
	return true;
}

/* kho-fdt ADDR SIZE */
static bool parse_kho_fdt(struct line_state *ls, struct capture *c,
			  struct capture_error *err)
{
	static const char usage[] = "kho-fdt ADDR SIZE";

	if (!want_args(ls, 2, 2, usage, err) || !no_string(ls, usage, err) ||
	    !once(ls, &c->has_kho_fdt, "kho-fdt", err) ||
	    !parse_hex(ls, 1, "ADDR", &c->kho_fdt_addr, err) ||
	    !parse_hex(ls, 2, "SIZE", &c->kho_fdt_size, err) ||
	    !check_page_aligned(ls, "ADDR", c->kho_fdt_addr, err))
		return false;
	return check_extent(ls, c->kho_fdt_addr, c->kho_fdt_size, err);
}

/* scratch-array ADDR */
static bool parse_scratch_array(struct line_state *ls, struct capture *c,
				struct capture_error *err)
{
	static const char usage[] = "scratch-array ADDR";

	if (!want_args(ls, 1, 1, usage, err) || !no_string(ls, usage, err) ||
	    !once(ls, &c->has_scratch_array, "scratch-array", err) ||
	    !parse_hex(ls, 1, "ADDR", &c->scratch_array_addr, err))
		return false;
	return check_page_aligned(ls, "ADDR", c->scratch_array_addr, err);
}

static bool want_string(const struct line_state *ls, const char *usage,
			u32 max, struct capture_error *err)
{
	if (ls->argc != 2 || !ls->has_string)
		return capture_fail(err, CAPTURE_ERR_STRING, ls->number,
				    "expected %s", usage);
	if (ls->args[1].len > max)
		return capture_fail(err, CAPTURE_ERR_STRING, ls->number,
				    "text of %u bytes, at most %u allowed",
				    ls->args[1].len, max);
	return true;
}

static bool parse_cmdline(struct line_state *ls, struct capture *c,
			  struct capture_error *err)
{
	if (!want_string(ls, "cmdline \"TEXT\"", CAPTURE_CMDLINE_MAX, err) ||
	    !once(ls, &c->has_cmdline, "cmdline", err))
		return false;
	c->cmdline = ls->args[1];
	return true;
}

static bool parse_payload(struct line_state *ls, struct capture *c,
			  struct capture_error *err)
{
	static const char usage[] = "payload FILE";

	if (!want_args(ls, 1, 1, usage, err) || !no_string(ls, usage, err) ||
	    !once(ls, &c->payload_given, "payload", err) ||
	    !check_file_name(ls, ls->args[1], err))
		return false;
	c->payload = ls->args[1];
	return true;
}

static bool parse_initrd(struct line_state *ls, struct capture *c,
			 struct capture_error *err)
{
	static const char usage[] = "initrd FILE";

	if (!want_args(ls, 1, 1, usage, err) || !no_string(ls, usage, err) ||
	    !once(ls, &c->has_initrd, "initrd", err) ||
	    !check_file_name(ls, ls->args[1], err))
		return false;
	c->initrd = ls->args[1];
	return true;
}

static bool parse_expect(struct line_state *ls, struct capture *c,
			 const struct capture_storage *st, bool absent,
			 struct capture_error *err)
{
	struct capture_expect e = { .absent = absent, .line = ls->number };

	if (!want_string(ls, absent ? "expect-absent \"TEXT\"" : "expect \"TEXT\"",
			 CAPTURE_TEXT_MAX, err))
		return false;
	if (c->expect_count >= st->expect_max)
		return capture_fail(err, CAPTURE_ERR_TOO_MANY, ls->number,
				    "more than %u expect lines", st->expect_max);
	e.text = ls->args[1];
	c->expects[c->expect_count++] = e;
	return true;
}

static bool parse_directive(struct line_state *ls, struct capture *c,
			    const struct capture_storage *st,
			    struct capture_error *err)
{
	struct capture_text d = ls->args[0];

	if (!c->version) {
		if (capture_text_equal(d, "format"))
			return parse_format(ls, c, err);
		return capture_fail(err, CAPTURE_ERR_NO_FORMAT, ls->number,
				    "the first directive must be \"format "
				    CAPTURE_FORMAT_NAME " 1\"");
	}
	if (capture_text_equal(d, "format"))
		return capture_fail(err, CAPTURE_ERR_DUPLICATE, ls->number,
				    "second format line");
	if (capture_text_equal(d, "ram"))
		return parse_range(ls, "ram", c->ram, st->ram_max,
				   &c->ram_count, err);
	if (capture_text_equal(d, "scratch"))
		return parse_range(ls, "scratch", c->scratch, st->scratch_max,
				   &c->scratch_count, err);
	if (capture_text_equal(d, "blob"))
		return parse_blob(ls, c, st, err);
	if (capture_text_equal(d, "pattern"))
		return parse_pattern(ls, c, st, err);
	if (capture_text_equal(d, "kho-fdt"))
		return parse_kho_fdt(ls, c, err);
	if (capture_text_equal(d, "scratch-array"))
		return parse_scratch_array(ls, c, err);
	if (capture_text_equal(d, "cmdline"))
		return parse_cmdline(ls, c, err);
	if (capture_text_equal(d, "payload"))
		return parse_payload(ls, c, err);
	if (capture_text_equal(d, "initrd"))
		return parse_initrd(ls, c, err);
	if (capture_text_equal(d, "expect"))
		return parse_expect(ls, c, st, false, err);
	if (capture_text_equal(d, "expect-absent"))
		return parse_expect(ls, c, st, true, err);
	return capture_fail(err, CAPTURE_ERR_UNKNOWN_DIRECTIVE, ls->number,
			    "unknown directive \"%.*s\"", (int)MIN(d.len, 40u), d.ptr);
}

bool capture_parse(const char *text, size_t size,
		   const struct capture_storage *st, struct capture *c,
		   struct capture_error *err)
{
	struct line_state ls = { .number = 0 };
	size_t pos = 0;

	memset(c, 0, sizeof(*c));
	memset(err, 0, sizeof(*err));
	c->ram = st->ram;
	c->scratch = st->scratch;
	c->blobs = st->blobs;
	c->patterns = st->patterns;
	c->expects = st->expects;
	c->payload.ptr = CAPTURE_DEFAULT_PAYLOAD;
	c->payload.len = sizeof(CAPTURE_DEFAULT_PAYLOAD) - 1;
	if (size > UINT32_MAX)
		return capture_fail(err, CAPTURE_ERR_SIZE, 0, "manifest larger than 4 GiB");
	while (pos < size) {
		const char *nl = memchr(text + pos, '\n', size - pos);
		size_t end = nl ? (size_t)(nl - text) : size;

		ls.text = text + pos;
		ls.len = (u32)(end - pos);
		ls.number++;
		if (ls.len && ls.text[ls.len - 1] == '\r')
			ls.len--;
		pos = nl ? end + 1 : size;
		if (!tokenize(&ls, err))
			return false;
		if (ls.argc && !parse_directive(&ls, c, st, err))
			return false;
	}
	if (!c->version)
		return capture_fail(err, CAPTURE_ERR_NO_FORMAT, 0,
				    "no \"format " CAPTURE_FORMAT_NAME " 1\" line");
	return true;
}

bool capture_blob_resolve(struct capture_blob *blob, u64 file_size,
			  struct capture_error *err)
{
	u64 end;

	if (blob->size_given) {
		if (file_size > blob->size)
			return capture_fail(err, CAPTURE_ERR_BLOB_SIZE, blob->line,
					    "file \"%.*s\" has 0x%llx bytes, more than SIZE 0x%llx",
					    (int)blob->file.len, blob->file.ptr,
					    ull(file_size), ull(blob->size));
		return true;
	}
	if (!file_size)
		return capture_fail(err, CAPTURE_ERR_BLOB_SIZE, blob->line,
				    "file \"%.*s\" is empty and no SIZE is given",
				    (int)blob->file.len, blob->file.ptr);
	if (!range_end(blob->addr, file_size, &end) ||
	    end - 1 > UINT64_MAX - (PAGE_SIZE - 1))
		return capture_fail(err, CAPTURE_ERR_SIZE, blob->line,
				    "file \"%.*s\" (0x%llx bytes) runs past the address space",
				    (int)blob->file.len, blob->file.ptr, ull(file_size));
	blob->size = file_size;
	blob->size_resolved = true;
	return true;
}

u64 capture_blob_extent(const struct capture_blob *blob)
{
	return ALIGN_UP(blob->size, PAGE_SIZE);
}

u64 capture_scratch_array_size(const struct capture *c)
{
	return (u64)c->scratch_count * CAPTURE_SCRATCH_ENTRY_SIZE;
}

/* Whether name is a file name capture_parse() accepts. */
bool capture_file_name_ok(struct capture_text name)
{
	struct line_state ls = { .number = 0 };
	struct capture_error err;

	return check_file_name(&ls, name, &err);
}


static const char *const error_names[CAPTURE_ERR_COUNT] = {
	[CAPTURE_OK] = "ok",
	[CAPTURE_ERR_NO_FORMAT] = "no-format",
	[CAPTURE_ERR_VERSION] = "version",
	[CAPTURE_ERR_UNKNOWN_DIRECTIVE] = "unknown-directive",
	[CAPTURE_ERR_ARGUMENTS] = "arguments",
	[CAPTURE_ERR_NUMBER] = "number",
	[CAPTURE_ERR_CHARACTER] = "character",
	[CAPTURE_ERR_STRING] = "string",
	[CAPTURE_ERR_FILE_NAME] = "file-name",
	[CAPTURE_ERR_KIND] = "kind",
	[CAPTURE_ERR_DUPLICATE] = "duplicate",
	[CAPTURE_ERR_TOO_MANY] = "too-many",
	[CAPTURE_ERR_ALIGNMENT] = "alignment",
	[CAPTURE_ERR_SIZE] = "size",
	[CAPTURE_ERR_OVERLAP] = "overlap",
	[CAPTURE_ERR_OUTSIDE_RAM] = "outside-ram",
	[CAPTURE_ERR_MISSING] = "missing",
	[CAPTURE_ERR_SCRATCH_ARRAY] = "scratch-array",
	[CAPTURE_ERR_KHO_FDT] = "kho-fdt",
	[CAPTURE_ERR_BLOB_SIZE] = "blob-size",
	[CAPTURE_ERR_UNRESOLVED] = "unresolved",
};

const char *capture_error_name(enum capture_error_code code)
{
	if ((unsigned int)code >= CAPTURE_ERR_COUNT)
		return "unknown";
	return error_names[code];
}
