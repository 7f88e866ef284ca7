// SPDX-License-Identifier: MIT
/*
 * baton.report=, baton.role=, baton.log= and baton.report.tamper=
 * (hosted-tested).
 */
#include <string.h>
#include <baton/cmdline.h>
#include <boot/report_options.h>

#define VALUE_MAX	16

/* True when key is present; value copied ("" for a bare key). */
static bool value_of(const char *cmdline, const char *key, char *out)
{
	if (!cmdline_has(cmdline, key))
		return false;
	if (!cmdline_get_str(cmdline, key, out, VALUE_MAX))
		out[0] = '?';	/* too long: matches nothing below */
	return true;
}

bool report_subtree_enabled(const char *cmdline, bool *valid)
{
	char v[VALUE_MAX];

	*valid = true;
	if (!value_of(cmdline, "baton.report", v) || !strcmp(v, "on"))
		return true;
	if (!strcmp(v, "off"))
		return false;
	*valid = false;
	return true;
}

bool report_role_verify(const char *cmdline, bool *valid)
{
	char v[VALUE_MAX];

	*valid = true;
	if (!value_of(cmdline, "baton.role", v))
		return false;
	if (!strcmp(v, "verify"))
		return true;
	*valid = false;
	return false;
}

bool report_log_summary(const char *cmdline, bool *valid)
{
	char v[VALUE_MAX];

	*valid = true;
	if (!value_of(cmdline, "baton.log", v) || !strcmp(v, "full"))
		return false;
	if (!strcmp(v, "summary"))
		return true;
	*valid = false;
	return false;
}

enum report_tamper report_tamper_from_cmdline(const char *cmdline)
{
	char v[VALUE_MAX];

	if (!value_of(cmdline, "baton.report.tamper", v))
		return REPORT_TAMPER_NONE;
	if (!strcmp(v, "memfd"))
		return REPORT_TAMPER_MEMFD;
	if (!strcmp(v, "drop-range"))
		return REPORT_TAMPER_DROP_RANGE;
	if (!strcmp(v, "blob"))
		return REPORT_TAMPER_BLOB;
	return REPORT_TAMPER_INVALID;
}

const char *report_tamper_name(enum report_tamper t)
{
	static const char *const names[] = {
		"none", "memfd", "drop-range", "blob", "invalid",
	};

	return (unsigned int)t < ARRAY_SIZE(names) ? names[t] : "?";
}
