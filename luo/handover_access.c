// SPDX-License-Identifier: MIT
/*
 * Checked handover accessor: phys_view bounds plus the optional preserved
 * coverage check, with one finding per failed access.
 */
#include <luo/handover_access.h>
#include <baton/printf.h>
#include <stdarg.h>
#include <string.h>

void handover_access_init(struct handover_access *ha,
			  const struct phys_view *view,
			  struct finding_list *findings)
{
	*ha = (struct handover_access){ .view = view, .findings = findings };
}

void ha_report(struct handover_access *ha, enum finding_code code,
	       phys_addr_t pa, const char *fmt, ...)
{
	char msg[FINDING_MESSAGE_MAX];
	va_list ap;

	if (!ha->findings)
		return;
	if (ha->findings->count >= ha->findings->capacity) {
		finding_add(ha->findings, code, pa, "%s", "");	/* counted only */
		return;
	}
	va_start(ap, fmt);
	baton_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	finding_add(ha->findings, code, pa, "%s", msg);
}

const void *ha_map(struct handover_access *ha, phys_addr_t pa, u64 len,
		   const char *what)
{
	const void *p = phys_map(ha->view, pa, len);

	if (!p)
		ha_report(ha, E_POINTER_UNBACKED, pa,
			  "%s: [%#llx, +%#llx) not in memory", what,
			  (unsigned long long)pa, (unsigned long long)len);
	return p;
}

bool ha_is_preserved(const struct handover_access *ha, phys_addr_t pa,
		     u64 len)
{
	return ha->preserved && ha->preserved(ha->preserved_ctx, pa, len);
}

const void *ha_map_preserved(struct handover_access *ha, phys_addr_t pa,
			     u64 len, const char *what)
{
	const void *p = ha_map(ha, pa, len, what);

	if (p && ha->preserved && !ha_is_preserved(ha, pa, len))
		ha_report(ha, E_POINTER_NOT_PRESERVED, pa,
			  "%s: [%#llx, +%#llx) not preserved", what,
			  (unsigned long long)pa, (unsigned long long)len);
	return p;
}

bool ha_read(struct handover_access *ha, phys_addr_t pa, void *out, u64 len,
	     const char *what)
{
	const void *p = ha_map(ha, pa, len, what);

	if (!p)
		return false;
	memcpy(out, p, len);
	return true;
}

bool ha_read_preserved(struct handover_access *ha, phys_addr_t pa, void *out,
		       u64 len, const char *what)
{
	const void *p = ha_map_preserved(ha, pa, len, what);

	if (!p)
		return false;
	memcpy(out, p, len);
	return true;
}

bool ha_check_aligned(struct handover_access *ha, phys_addr_t pa, u64 align,
		      enum finding_code code, const char *what)
{
	if (IS_ALIGNED(pa, align))
		return true;
	ha_report(ha, code, pa, "%s at %#llx not %#llx-aligned", what,
		  (unsigned long long)pa, (unsigned long long)align);
	return false;
}
