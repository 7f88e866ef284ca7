// SPDX-License-Identifier: MIT
/*
 * The verdict: finding totals over every list and the one-line summary
 * both reports end with.
 */
#include <report/report_internal.h>
#include <string.h>

void report_verdict(const struct report_input *in, struct report_verdict *v)
{
	u32 i;

	memset(v, 0, sizeof(*v));
	v->handover = report_has_handover(in);
	for (i = 0; i < REPORT_FINDING_LISTS; i++) {
		const struct finding_list *l = in->findings[i];

		if (!l)
			continue;
		v->infos = sat_add_u64(v->infos, l->by_severity[FINDING_INFO]);
		v->warnings = sat_add_u64(v->warnings,
					  l->by_severity[FINDING_WARNING]);
		v->errors = sat_add_u64(v->errors,
					l->by_severity[FINDING_ERROR]);
		v->stored += MIN(l->count, l->capacity);
		v->dropped = sat_add_u64(v->dropped, l->dropped);
	}
	v->ok = v->errors == 0;
}

static const char *plural(u64 n)
{
	return n == 1 ? "" : "s";
}

int report_verdict_text(const struct report_verdict *v, char *buf,
			size_t size)
{
	static const char *const forms[2][2] = {
		/* [handover][ok] */
		{ "no handover, %llu error%s (%llu warning%s)",
		  "no handover (%llu error%s, %llu warning%s)" },
		{ "handover has %llu error%s (%llu warning%s)",
		  "handover OK (%llu error%s, %llu warning%s)" },
	};
	const char *fmt = forms[v->handover][v->ok];

	return baton_snprintf(buf, size, fmt, (unsigned long long)v->errors,
			      plural(v->errors),
			      (unsigned long long)v->warnings,
			      plural(v->warnings));
}
