// SPDX-License-Identifier: MIT
/* baton.bridge= (hosted-tested). */
#include <string.h>
#include <baton/cmdline.h>
#include <boot/bridge_options.h>

#define VALUE_MAX	8

bool bridge_enabled(const char *cmdline, bool *valid)
{
	char v[VALUE_MAX];

	*valid = true;
	if (!cmdline_has(cmdline, "baton.bridge"))
		return false;
	if (cmdline_get_str(cmdline, "baton.bridge", v, sizeof(v))) {
		if (!strcmp(v, "on"))
			return true;
		if (!strcmp(v, "off"))
			return false;
	}
	*valid = false;
	return false;
}
