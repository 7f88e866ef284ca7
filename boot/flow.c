// SPDX-License-Identifier: MIT
/*
 * What the phases share beyond struct flow: memory from the model and a
 * finding that is logged the moment it is added (the console shows it
 * before the report does).
 */
#include <baton/log.h>
#include <baton/printf.h>
#include <string.h>
#include <boot/flow.h>

void *flow_alloc(struct flow *f, u64 size)
{
	phys_addr_t pa;

	if (mm_alloc(f->mm, size, PAGE_SIZE, 0, arch_paging_limit(), &pa))
		return NULL;
	return (void *)(uintptr_t)pa;
}

void *flow_alloc_outside(struct flow *f, u64 size, phys_addr_t *pa)
{
	struct arch_map_range r = { .size = ALIGN_UP(size, PAGE_SIZE),
				    .attrs = ARCH_MAP_WRITE };

	if (mm_alloc_outside_scratch(f->mm, size, arch_paging_limit(), pa))
		return NULL;
	r.pa = *pa;
	if (arch_paging_map(&r))
		return NULL;
	memset((void *)(uintptr_t)*pa, 0, r.size);
	return (void *)(uintptr_t)*pa;
}

void flow_finding(struct flow *f, const char *phase, enum finding_code code,
		  phys_addr_t pa, const char *fmt, ...)
{
	struct finding line = {
		.code = code, .severity = finding_code_severity(code), .pa = pa,
	};
	char msg[FINDING_MESSAGE_MAX], text[FINDING_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	finding_vadd_text(f->boot_findings, code, pa, msg, sizeof(msg), fmt,
			  ap);
	va_end(ap);
	if (phase) {
		pr_err("%s: %s: %s\n", phase, finding_code_name(code), msg);
		return;
	}
	finding_line(text, sizeof(text), &line, msg, FINDING_PA_PADDED);
	pr_warn("%s\n", text);
}
