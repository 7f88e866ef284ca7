// SPDX-License-Identifier: MIT
/*
 * Shared report helpers: bounded model traversal, seal names, order
 * histograms, escaping and line assembly (see report_internal.h).
 */
#include <report/report_internal.h>
#include <stdarg.h>
#include <string.h>

bool report_has_handover(const struct report_input *in)
{
	if (in->boot && in->boot->kho.present)
		return true;
	return in->model && in->model->kho != KHO_VERSION_NONE;
}

const struct handover_model *report_model(const struct report_input *in)
{
	return report_has_handover(in) ? in->model : NULL;
}

const struct model_file *report_session_files(const struct handover_model *m,
					      const struct model_session *s,
					      u32 *count)
{
	u32 stored = MIN(m->file_count, m->files_cap);

	if (!m->files || s->file_first >= stored) {
		*count = 0;
		return NULL;
	}
	*count = MIN(s->file_count, stored - s->file_first);
	return &m->files[s->file_first];
}

const struct model_memfd *report_file_memfd(const struct handover_model *m,
					    const struct model_file *f)
{
	u32 stored = MIN(m->memfd_count, m->memfds_cap);

	if (!m->memfds || f->memfd < 0 || (u32)f->memfd >= stored)
		return NULL;
	return &m->memfds[f->memfd];
}

void report_digest_files(const struct handover_model *m,
			 const struct digest_report *d,
			 report_digest_file_fn *fn, void *ctx)
{
	u32 i, j, count, sessions = m && m->sessions ?
		MIN(m->session_count, m->sessions_cap) : 0;

	for (i = 0; d->enabled && i < sessions; i++) {
		const struct model_session *s = &m->sessions[i];
		const struct model_file *files = report_session_files(m, s,
								      &count);

		for (j = 0; j < count; j++) {
			u32 index = s->file_first + j;
			const struct model_memfd *md;

			md = report_file_memfd(m, &files[j]);
			if (!md || index >= d->count ||
			    d->files[index].status == DIGEST_NOT_MEMFD)
				continue;
			fn(ctx, s, &files[j], md, &d->files[index]);
		}
	}
}

void report_folio_orders(const struct handover_model *m,
			 const struct model_memfd *md,
			 u64 counts[REPORT_ORDER_MAX], u64 *unknown)
{
	u32 stored = MIN(m->folio_count, m->folios_cap);
	u32 i, n;

	memset(counts, 0, REPORT_ORDER_MAX * sizeof(counts[0]));
	*unknown = 0;
	if (!m->folios || md->folio_first >= stored)
		return;
	n = MIN(md->folio_count, stored - md->folio_first);
	for (i = 0; i < n; i++) {
		s8 order = m->folios[md->folio_first + i].order;

		if (order < 0 || order >= REPORT_ORDER_MAX)
			(*unknown)++;
		else
			counts[order]++;
	}
}

u32 report_v1_bitmap_bytes(enum kho_v1_variant v)
{
	switch (v) {
	case KHO_V1_BITMAP_512:
		return KHO_V1_BITMAP_SMALL;
	case KHO_V1_BITMAP_4096:
		return KHO_V1_BITMAP_PAGE;
	default:
		return 0;
	}
}

/*
 * Report-owned tokens, so that the report format does not follow wording
 * changes of the parser's descriptive names.
 */
const char *report_v1_evidence(enum kho_v1_evidence e)
{
	static const char *const names[] = {
		"none", "hint", "alignment", "phys-start", "assumed",
	};

	return (unsigned int)e < ARRAY_SIZE(names) ? names[e] : "unknown";
}

const char *report_seal_name(unsigned int bit)
{
	static const char *const names[REPORT_SEAL_BITS] = {
		"seal", "shrink", "grow", "write", "future-write", "exec",
	};

	return bit < REPORT_SEAL_BITS ? names[bit] : NULL;
}

const char *report_seal_list(u32 seals, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int bit;
	u32 unknown = seals & ~((1u << REPORT_SEAL_BITS) - 1);

	buf[0] = '\0';
	if (!seals) {
		baton_snprintf(buf, size, "none");
		return buf;
	}
	for (bit = 0; bit < REPORT_SEAL_BITS; bit++) {
		if (!(seals & (1u << bit)))
			continue;
		len += baton_snprintf(buf + len, size - MIN(len, size),
				      "%s%s", len ? "," : "",
				      report_seal_name(bit));
		len = MIN(len, size - 1);
	}
	if (unknown)
		baton_snprintf(buf + len, size - len, "%s0x%x",
			       len ? "," : "", unknown);
	return buf;
}

static bool escape_needed(u8 c, enum report_escape_mode mode)
{
	if (c < 0x20 || c > 0x7e)
		return true;
	if (mode == REPORT_ESCAPE_TEXT)
		return false;
	if (c == '"' || c == '\\')
		return true;
	return c == ' ' && mode == REPORT_ESCAPE_TOKEN;
}

const char *report_escape(char *buf, size_t size, const char *s, size_t max,
			  enum report_escape_mode mode)
{
	static const char hex[] = "0123456789abcdef";
	size_t in, out = 0;

	for (in = 0; in < max && s[in]; in++) {
		u8 c = (u8)s[in];

		if (!escape_needed(c, mode)) {
			if (out + 1 >= size)
				break;
			buf[out++] = (char)c;
			continue;
		}
		if (out + 4 >= size)
			break;
		buf[out++] = '\\';
		buf[out++] = 'x';
		buf[out++] = hex[c >> 4];
		buf[out++] = hex[c & 15];
	}
	buf[out] = '\0';
	return buf;
}

void report_line_reset(struct report_line *l)
{
	l->len = 0;
	l->text[0] = '\0';
}

void report_line_add(struct report_line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->len >= sizeof(l->text) - 1)
		return;
	va_start(ap, fmt);
	n = baton_vsnprintf(l->text + l->len, sizeof(l->text) - l->len, fmt,
			    ap);
	va_end(ap);
	if (n > 0)
		l->len = MIN(l->len + (size_t)n, sizeof(l->text) - 1);
}
