// SPDX-License-Identifier: MIT
/*
 * The chain phase's go/stop: baton.chain= read from the command line and
 * applied to the validation's error count, with the log line a stop gets.
 * Shared by the bzImage chain (x86) and the Image + DTB chain (arm64).
 */
#include <baton/log.h>
#include <boot/chain/chain_boot.h>

enum chain_decision chain_boot_gate(const struct chain_boot_args *args,
				    struct chain_status *st)
{
	enum chain_mode mode;
	enum chain_decision decision;

	if (!chain_mode_from_cmdline(args->bi->cmdline, &mode, st))
		pr_warn("chain: %s\n", st->message);
	decision = chain_decide(mode, args->error_findings);
	chain_status_ok(st);
	if (decision == CHAIN_STOP_OFF)
		pr_info("chain: off (baton.chain=%s)\n", chain_mode_name(mode));
	else if (decision == CHAIN_STOP_ERRORS)
		pr_warn("chain: not booting the next kernel: %u error finding(s) and baton.chain=on-clean\n",
			args->error_findings);
	return decision;
}
