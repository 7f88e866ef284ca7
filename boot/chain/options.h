/* SPDX-License-Identifier: MIT */
/*
 * baton's chain-loading options from its own command line: whether to boot
 * the next kernel (baton.chain=) and which command line it gets
 * (baton.next.cmdline=, else the bundle's cmdline, else baton's own minus
 * every baton.* option). docs/chain.md describes them.
 */
#ifndef BATON_CHAIN_OPTIONS_H
#define BATON_CHAIN_OPTIONS_H

#include <baton/types.h>
#include <boot/chain/bundle.h>
#include <boot/chain/status.h>

enum chain_mode {
	CHAIN_MODE_OFF,		/* never boot the next kernel */
	CHAIN_MODE_ON,		/* boot it whatever validation found */
	CHAIN_MODE_ON_CLEAN,	/* boot it only if no error finding */
};

#define CHAIN_MODE_DEFAULT	CHAIN_MODE_ON_CLEAN

enum chain_decision {
	CHAIN_GO,
	CHAIN_STOP_OFF,		/* baton.chain=off */
	CHAIN_STOP_ERRORS,	/* on-clean and validation found errors */
};

enum chain_cmdline_source {
	CHAIN_CMDLINE_OPTION,	/* baton.next.cmdline= */
	CHAIN_CMDLINE_BUNDLE,	/* the bundle's cmdline file */
	CHAIN_CMDLINE_INHERITED,	/* baton's own, baton.* removed */
};

/*
 * Reads baton.chain=. Absent: the default. An unknown value yields
 * CHAIN_MODE_OFF (booting on a misspelt intent is not safe) and false with
 * a message; *mode is always set.
 */
bool chain_mode_from_cmdline(const char *cmdline, enum chain_mode *mode,
			     struct chain_status *st);

enum chain_decision chain_decide(enum chain_mode mode, u32 error_findings);

const char *chain_mode_name(enum chain_mode mode);
const char *chain_cmdline_source_name(enum chain_cmdline_source source);

/*
 * Writes the next kernel's command line (NUL-terminated) into out. False
 * (out "" when size > 0) if it does not fit.
 */
bool chain_next_cmdline(const char *baton_cmdline,
			const struct chain_bundle *bundle, char *out,
			size_t size, enum chain_cmdline_source *source,
			struct chain_status *st);

#endif
