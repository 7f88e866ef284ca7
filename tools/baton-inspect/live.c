// SPDX-License-Identifier: MIT
/* `baton-inspect live`: not implemented yet (docs/inspect.md). */
#include "inspect.h"

int inspect_live(const char *dir, const struct inspect_options *opt)
{
	inspect_error("live: not implemented in this version");
	return INSPECT_EXIT_UNUSABLE;
}
