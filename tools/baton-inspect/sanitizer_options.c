// SPDX-License-Identifier: MIT
/*
 * Default options the ASan/UBSan runtimes ask the program for at start-up:
 * a sanitizer report (and LeakSanitizer's leak report) ends the process with
 * INSPECT_EXIT_SANITIZER, not the runtime's default 1, which is also
 * baton-inspect's "warnings" status (docs/inspect.md, "Exit status").
 * ASAN_OPTIONS / UBSAN_OPTIONS set in the environment still override these.
 * Without sanitizers nothing calls them.
 */
#include "inspect.h"

#define STR_(x)	#x
#define STR(x)	STR_(x)

const char *__asan_default_options(void);
const char *__ubsan_default_options(void);

const char *__asan_default_options(void)
{
	return "exitcode=" STR(INSPECT_EXIT_SANITIZER);
}

const char *__ubsan_default_options(void)
{
	return "exitcode=" STR(INSPECT_EXIT_SANITIZER) ":print_stacktrace=1";
}
