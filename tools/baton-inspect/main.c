// SPDX-License-Identifier: MIT
/*
 * baton-inspect: reads a handover on the host (capture, QEMU memory dump,
 * KHO debugfs) and reports it with baton's own parser and report code.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "inspect.h"

static void usage(void)
{
	fprintf(stderr,
		"usage: baton-inspect capture DIR|FILE.cpio [--json] [--pretty]\n"
		"       baton-inspect dump VMCORE [--kho-fdt ADDR[:SIZE] --scratch ADDR:SIZE |\n"
		"                                  --boot-params ADDR] [--json] [--pretty]\n"
		"                                 [--extract DIR]\n"
		"       baton-inspect live [DIR] [--json] [--pretty]\n"
		"exit status: 0 clean, 1 warnings, 2 errors, 3 unusable input,\n"
		"             70 internal error (a sanitizer report: a bug in baton-inspect)\n");
}

void inspect_error(const char *fmt, ...)
{
	va_list ap;

	fputs("baton-inspect: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

bool inspect_parse_u64(const char *s, u64 *out)
{
	char *end;

	if (!s || !*s || *s == '-')
		return false;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return !errno && !*end;
}

/* Takes the value of an option that needs one; NULL when missing. */
static const char *option_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		inspect_error("%s needs a value", argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

static bool parse_options(int argc, char **argv, const char **target,
			  struct inspect_options *opt)
{
	int i;

	for (i = 2; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;

		if (!strcmp(a, "--json"))
			opt->json = true;
		else if (!strcmp(a, "--pretty"))
			opt->pretty = true;
		else if (!strcmp(a, "--kho-fdt"))
			slot = &opt->kho_fdt;
		else if (!strcmp(a, "--scratch"))
			slot = &opt->scratch;
		else if (!strcmp(a, "--extract"))
			slot = &opt->extract;
		else if (!strcmp(a, "--boot-params"))
			slot = &opt->boot_params;
		else if (a[0] == '-' && a[1]) {
			inspect_error("unknown option %s", a);
			return false;
		} else if (*target) {
			inspect_error("more than one input: %s", a);
			return false;
		} else {
			*target = a;
		}
		if (slot && !(*slot = option_value(argc, argv, &i)))
			return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	struct inspect_options opt = { 0 };
	const char *target = NULL;
	const char *cmd = argc > 1 ? argv[1] : "";

	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
		usage();
		return 0;
	}
	if (!parse_options(argc, argv, &target, &opt)) {
		usage();
		return INSPECT_EXIT_UNUSABLE;
	}
	if (!strcmp(cmd, "live"))
		return inspect_live(target ? target : "/sys/kernel/debug/kho",
				    &opt);
	if (!target || (strcmp(cmd, "capture") && strcmp(cmd, "dump"))) {
		usage();
		return INSPECT_EXIT_UNUSABLE;
	}
	if (!strcmp(cmd, "capture"))
		return inspect_capture(target, &opt);
	return inspect_dump(target, &opt);
}
