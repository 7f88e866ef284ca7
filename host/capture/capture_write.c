// SPDX-License-Identifier: MIT
/*
 * Host only: a capture as "baton-capture 1" manifest text, the inverse of
 * capture_parse() (mkhandover writes its manifests with it).
 */
#include <stdarg.h>
#include <baton/capture.h>
#include <baton/printf.h>
#include <host/capture/capture_write.h>

static unsigned long long ull(u64 v)
{
	return v;
}


struct writer {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct writer *w, const char *fmt, ...) __printf(2, 3);

static void put(struct writer *w, const char *fmt, ...)
{
	size_t room = w->len < w->size ? w->size - w->len : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = baton_vsnprintf(room ? w->buf + w->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		w->len += (size_t)n;
}

/* Writes only what capture_parse() reads back: the parser's own rules. */
static bool writable(struct capture_text t, bool name)
{
	u32 i;

	if (name)
		return capture_file_name_ok(t);
	for (i = 0; i < t.len; i++) {
		unsigned char ch = (unsigned char)t.ptr[i];

		if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
			return false;
	}
	return true;
}

static bool write_texts(const struct capture *c, struct writer *w)
{
	u32 i;

	if (c->payload_given) {
		if (!writable(c->payload, true))
			return false;
		put(w, "payload %.*s\n", (int)c->payload.len, c->payload.ptr);
	}
	if (c->has_initrd) {
		if (!writable(c->initrd, true))
			return false;
		put(w, "initrd %.*s\n", (int)c->initrd.len, c->initrd.ptr);
	}
	if (c->has_cmdline) {
		if (!writable(c->cmdline, false))
			return false;
		put(w, "cmdline \"%.*s\"\n", (int)c->cmdline.len,
		    c->cmdline.ptr);
	}
	for (i = 0; i < c->expect_count; i++) {
		const struct capture_expect *e = &c->expects[i];

		if (!writable(e->text, false))
			return false;
		put(w, "%s \"%.*s\"\n", e->absent ? "expect-absent" : "expect",
		    (int)e->text.len, e->text.ptr);
	}
	return true;
}

long capture_write(const struct capture *c, char *buf, size_t size)
{
	struct writer w = { buf, size, 0 };
	u32 i;

	if (size)
		buf[0] = '\0';
	put(&w, "format " CAPTURE_FORMAT_NAME " %u\n", CAPTURE_FORMAT_VERSION);
	for (i = 0; i < c->ram_count; i++)
		put(&w, "ram 0x%llx 0x%llx\n", ull(c->ram[i].addr),
		    ull(c->ram[i].size));
	for (i = 0; i < c->scratch_count; i++)
		put(&w, "scratch 0x%llx 0x%llx\n", ull(c->scratch[i].addr),
		    ull(c->scratch[i].size));
	if (c->has_scratch_array)
		put(&w, "scratch-array 0x%llx\n", ull(c->scratch_array_addr));
	if (c->has_kho_fdt)
		put(&w, "kho-fdt 0x%llx 0x%llx\n", ull(c->kho_fdt_addr),
		    ull(c->kho_fdt_size));
	for (i = 0; i < c->blob_count; i++) {
		const struct capture_blob *b = &c->blobs[i];

		if (!writable(b->file, true))
			return -1;
		put(&w, "blob %.*s 0x%llx", (int)b->file.len, b->file.ptr,
		    ull(b->addr));
		if (b->size_given)
			put(&w, " 0x%llx", ull(b->size));
		put(&w, "\n");
	}
	for (i = 0; i < c->pattern_count; i++) {
		const struct capture_pattern *p = &c->patterns[i];

		put(&w, "pattern 0x%llx 0x%llx 0x%llx %s", ull(p->addr),
		    ull(p->size), ull(p->seed),
		    capture_pattern_kind_name(p->kind));
		if (p->offset)
			put(&w, " 0x%llx", ull(p->offset));
		put(&w, "\n");
	}
	if (!write_texts(c, &w))
		return -1;
	return (long)w.len;
}
