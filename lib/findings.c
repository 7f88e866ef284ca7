// SPDX-License-Identifier: MIT
/*
 * The finding list: bounded storage, per-severity counts, and the table of
 * code names built from the modules' X-macro lists.
 */
#include <baton/findings.h>
#include <baton/printf.h>
#include <stdarg.h>

struct finding_code_info {
	const char *name;
	const char *summary;
	enum finding_severity severity;
};

static const struct finding_code_info finding_code_table[] = {
	[FINDING_NONE] = { "NONE", "no finding", FINDING_INFO },
#define FINDING_INFO_ROW(code, sev, text) \
	[code] = { #code, text, FINDING_##sev },
	FINDING_CODES(FINDING_INFO_ROW)
#undef FINDING_INFO_ROW
};

void finding_list_init(struct finding_list *list, struct finding *storage,
		       u32 capacity)
{
	*list = (struct finding_list){ .items = storage, .capacity = capacity };
}

static const struct finding_code_info *code_info(enum finding_code code)
{
	if ((unsigned int)code >= FINDING_CODE_COUNT)
		return &finding_code_table[FINDING_NONE];
	return &finding_code_table[code];
}

void finding_add(struct finding_list *list, enum finding_code code,
		 phys_addr_t pa, const char *fmt, ...)
{
	enum finding_severity severity = code_info(code)->severity;
	struct finding *f;
	va_list ap;

	list->by_severity[severity] = sat_add_u64(list->by_severity[severity], 1);
	if (list->count >= list->capacity) {
		list->dropped = sat_add_u64(list->dropped, 1);
		return;
	}
	f = &list->items[list->count++];
	f->code = code;
	f->severity = severity;
	f->pa = pa;
	va_start(ap, fmt);
	baton_vsnprintf(f->message, sizeof(f->message), fmt, ap);
	va_end(ap);
}

void finding_vadd_text(struct finding_list *list, enum finding_code code,
		       phys_addr_t pa, char *msg, size_t size,
		       const char *fmt, va_list ap)
{
	baton_vsnprintf(msg, size, fmt, ap);
	finding_add(list, code, pa, "%s", msg);
}

int finding_line(char *buf, size_t size, const struct finding *f,
		 const char *message, enum finding_pa_format pa_format)
{
	return baton_snprintf(buf, size, pa_format == FINDING_PA_SHORT ?
			      "finding: %s %s at 0x%llx: %s" :
			      "finding: %s %s at 0x%016llx: %s",
			      finding_severity_name(f->severity),
			      finding_code_name(f->code),
			      (unsigned long long)f->pa,
			      message ? message : f->message);
}

bool finding_list_has(const struct finding_list *list, enum finding_code code)
{
	return finding_list_count_code(list, code) != 0;
}

u32 finding_list_count_code(const struct finding_list *list,
			    enum finding_code code)
{
	u32 i, n = 0;

	for (i = 0; i < list->count; i++)
		n += list->items[i].code == code;
	return n;
}

const char *finding_code_name(enum finding_code code)
{
	return code_info(code)->name;
}

const char *finding_code_summary(enum finding_code code)
{
	return code_info(code)->summary;
}

enum finding_severity finding_code_severity(enum finding_code code)
{
	return code_info(code)->severity;
}

const char *finding_severity_name(enum finding_severity severity)
{
	static const char *const names[] = { "info", "warning", "error" };

	if ((unsigned int)severity >= FINDING_SEVERITY_COUNT)
		return "?";
	return names[severity];
}
