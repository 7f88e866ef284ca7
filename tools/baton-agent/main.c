/*
 * baton-agent: guest-side driver of the real-Linux tests. Creates and
 * preserves LUO sessions before a live update, kexecs, and verifies them
 * after the reboot. See docs/real-linux.md for the command line.
 */
#include <stdio.h>
#include <string.h>

#include "agent.h"

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
};

static const struct subcommand subcommands[] = {
	{ "prepare", cmd_prepare,
	  "--scenario FILE|SPEC [--kernel BZIMAGE [--initrd F] [--cmdline S]]\n"
	  "                      [--tamper TOKEN@OFFSET]" },
	{ "kexec", cmd_kexec, "--kernel BZIMAGE [--initrd F] [--cmdline S] [--no-manifest]\n"
	  "                    | --stamp-only" },
	{ "verify", cmd_verify, "[--timeline FILE.json [--svg FILE.svg]]" },
	{ "timeline", cmd_timeline, "" },
	{ "dump-kho", cmd_dump_kho, "[DEBUGFS-DIR]" },
	{ "probe", cmd_probe, "" },
	{ "plan", cmd_plan, "FILE|SPEC" },
	{ "selftest", cmd_selftest, "" },
};

static void usage(void)
{
	size_t i;

	fprintf(stderr, "usage:\n");
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(stderr, "  baton-agent %s %s\n", subcommands[i].name,
			subcommands[i].help);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage();
		return 2;
	}
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].run(argc - 1, argv + 1);
	usage();
	return 2;
}
