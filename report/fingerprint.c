// SPDX-License-Identifier: MIT
/*
 * Writing and reading the handover fingerprint member. The reader is no
 * general JSON parser: it finds the member's object by its key, then each
 * flat member by key inside it; values are the writer's hex strings,
 * decimal numbers and booleans.
 */
#include <string.h>
#include <report/fingerprint.h>

#define KEY_MEMBER	"\"handover_fingerprint\":{"
#define KEY_MEMFDS	"\"memfds\":["

void report_json_fingerprint(struct json_writer *w,
			     const struct handover_fingerprint *fp)
{
	u32 i, n = MIN(fp->memfd_count, (u32)FINGERPRINT_MEMFD_MAX);

	json_object_begin(w, "handover_fingerprint");
	json_string(w, "algorithm", "crc32c");
	json_hex(w, "kho_fdt", fp->kho_fdt);
	json_u64(w, "kho_fdt_bytes", fp->kho_fdt_bytes);
	json_hex(w, "preserved", fp->preserved);
	json_u64(w, "preserved_entries", fp->preserved_entries);
	json_bool(w, "preserved_complete", fp->preserved_complete);
	json_hex(w, "luo", fp->luo);
	json_u64(w, "luo_bytes", fp->luo_bytes);
	json_u64(w, "memfd_count", fp->memfd_count);
	if (fp->memfd_content_skipped)	/* absent: computed (older blobs) */
		json_bool(w, "memfd_content", false);
	json_array_begin(w, "memfds");
	for (i = 0; i < n; i++) {
		const struct fingerprint_memfd *m = &fp->memfd[i];

		json_object_begin_inline(w, NULL);
		json_hex(w, "token", m->token);
		json_hex(w, "size", m->size);
		json_hex(w, "crc32c", m->crc);
		json_bool(w, "ok", m->ok);
		json_object_end(w);
	}
	json_array_end(w);
	json_object_end(w);
}

struct span {
	const char *p;
	const char *end;
};

static const char *find(const struct span *s, const char *needle)
{
	size_t n = strlen(needle);
	const char *p;

	for (p = s->p; (size_t)(s->end - p) >= n; p++)
		if (!memcmp(p, needle, n))
			return p + n;
	return NULL;
}

/* The flat object [p, first '}') or array [p, first ']'). */
static bool until(const char *p, const char *end, char close,
		  struct span *out)
{
	const char *q = p;

	while (q < end && *q != close)
		q++;
	if (q == end)
		return false;
	*out = (struct span){ p, q };
	return true;
}

static bool parse_number(const char *p, const char *end, bool hex, u64 *out)
{
	u64 v = 0;
	int digits = 0;

	for (; p < end; p++, digits++) {
		unsigned int d;

		if (*p >= '0' && *p <= '9')
			d = (unsigned int)(*p - '0');
		else if (hex && *p >= 'a' && *p <= 'f')
			d = (unsigned int)(*p - 'a' + 10);
		else
			break;
		if (digits >= (hex ? 16 : 19))
			return false;
		v = v * (hex ? 16 : 10) + d;
	}
	*out = v;
	return digits > 0;
}

/* Just past "key":value_prefix inside s, or NULL. */
static const char *value_of(const struct span *s, const char *key,
			    const char *value_prefix)
{
	char needle[40];
	size_t n = strlen(key), v = strlen(value_prefix);

	if (n + v + 4 > sizeof(needle))
		return NULL;
	needle[0] = '"';
	memcpy(needle + 1, key, n);
	memcpy(needle + 1 + n, "\":", 2);
	memcpy(needle + 3 + n, value_prefix, v + 1);
	return find(s, needle);
}

/* "key":"0x..." (hex) or "key":123 (decimal) inside s. */
static bool get_u64(const struct span *s, const char *key, bool hex, u64 *out)
{
	const char *p = value_of(s, key, hex ? "\"0x" : "");

	return p && parse_number(p, s->end, hex, out);
}

static bool get_bool(const struct span *s, const char *key, bool *out)
{
	const char *p = value_of(s, key, "");

	if (p && s->end - p >= 4 && !memcmp(p, "true", 4))
		*out = true;
	else if (p && s->end - p >= 5 && !memcmp(p, "false", 5))
		*out = false;
	else
		return false;
	return true;
}

static bool get_u32_hex(const struct span *s, const char *key, u32 *out)
{
	u64 v;

	if (!get_u64(s, key, true, &v) || v > UINT32_MAX)
		return false;
	*out = (u32)v;
	return true;
}

static bool read_memfd(const struct span *obj, struct fingerprint_memfd *m)
{
	return get_u64(obj, "token", true, &m->token) &&
	       get_u64(obj, "size", true, &m->size) &&
	       get_u32_hex(obj, "crc32c", &m->crc) &&
	       get_bool(obj, "ok", &m->ok);
}

static bool read_memfds(const struct span *obj,
			struct handover_fingerprint *fp)
{
	struct span arr, one;
	const char *p = find(obj, KEY_MEMFDS);
	u32 n = 0, want = MIN(fp->memfd_count, (u32)FINGERPRINT_MEMFD_MAX);

	if (!p || !until(p, obj->end, ']', &arr))
		return false;
	for (p = arr.p; p < arr.end && *p == '{'; n++) {
		if (n >= want || !until(p + 1, arr.end, '}', &one) ||
		    !read_memfd(&one, &fp->memfd[n]))
			return false;
		p = one.end + 1;
		if (p < arr.end && *p == ',')
			p++;
	}
	return p == arr.end && n == want;
}

enum fingerprint_read_status
report_fingerprint_read(const char *json, u64 len,
			struct handover_fingerprint *fp)
{
	struct span all = { json, json + len }, obj;
	const char *p = find(&all, KEY_MEMBER);
	const char *memfds;
	bool content;
	u64 count;

	memset(fp, 0, sizeof(*fp));
	if (!p)
		return FINGERPRINT_READ_ABSENT;
	/* the object's flat members end where its "memfds" array starts */
	obj = (struct span){ p, all.end };
	memfds = find(&obj, KEY_MEMFDS);
	if (!memfds)
		return FINGERPRINT_READ_BAD;
	obj.end = memfds;
	if (!get_u32_hex(&obj, "kho_fdt", &fp->kho_fdt) ||
	    !get_u64(&obj, "kho_fdt_bytes", false, &fp->kho_fdt_bytes) ||
	    !get_u32_hex(&obj, "preserved", &fp->preserved) ||
	    !get_u64(&obj, "preserved_entries", false,
		     &fp->preserved_entries) ||
	    !get_bool(&obj, "preserved_complete", &fp->preserved_complete) ||
	    !get_u32_hex(&obj, "luo", &fp->luo) ||
	    !get_u64(&obj, "luo_bytes", false, &fp->luo_bytes) ||
	    !get_u64(&obj, "memfd_count", false, &count) ||
	    count > UINT32_MAX)
		return FINGERPRINT_READ_BAD;
	fp->memfd_count = (u32)count;
	if (get_bool(&obj, "memfd_content", &content))
		fp->memfd_content_skipped = !content;
	obj = (struct span){ p, all.end };
	if (!read_memfds(&obj, fp))
		return FINGERPRINT_READ_BAD;
	fp->present = true;
	return FINGERPRINT_READ_OK;
}
