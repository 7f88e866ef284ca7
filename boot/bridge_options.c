// SPDX-License-Identifier: MIT
/* baton.bridge= (hosted-tested). */
#include <string.h>
#include <baton/cmdline.h>
#include <boot/bridge_options.h>

#define VALUE_MAX	8

enum bridge_mode bridge_mode_from_cmdline(const char *cmdline, bool *valid)
{
	char v[VALUE_MAX];

	*valid = true;
	if (!cmdline_has(cmdline, "baton.bridge"))
		return BRIDGE_OFF;
	if (cmdline_get_str(cmdline, "baton.bridge", v, sizeof(v))) {
		if (!strcmp(v, "on"))
			return BRIDGE_ON;
		if (!strcmp(v, "always"))
			return BRIDGE_ALWAYS;
		if (!strcmp(v, "off"))
			return BRIDGE_OFF;
	}
	*valid = false;
	return BRIDGE_OFF;
}
