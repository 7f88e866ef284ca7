/* SPDX-License-Identifier: MIT */
/*
 * Outcome of a chain-load step: a code the caller can branch on plus one
 * human-readable line naming the offending value, size or offset.
 */
#ifndef BATON_CHAIN_STATUS_H
#define BATON_CHAIN_STATUS_H

#include <baton/types.h>

enum chain_error {
	CHAIN_OK = 0,
	CHAIN_ERR_OPTION,	/* bad baton.chain= / baton.next.cmdline= */
	CHAIN_ERR_BUNDLE,	/* bundle is not a usable cpio archive */
	CHAIN_ERR_NO_KERNEL,	/* bundle has no (non-empty) kernel */
	CHAIN_ERR_CMDLINE,	/* next command line unusable or too long */
	CHAIN_ERR_BZIMAGE,	/* next kernel rejected by the bzImage probe */
	CHAIN_ERR_PLACE,	/* no room in scratch for a segment */
	CHAIN_ERR_PARAMS,	/* next kernel's boot_params not buildable */
	CHAIN_ERR_COUNT,
};

#define CHAIN_MESSAGE_MAX 160

struct chain_status {
	enum chain_error code;
	char message[CHAIN_MESSAGE_MAX];
};

void chain_status_ok(struct chain_status *st);

/* Records code and the formatted message; always returns false. */
bool chain_fail(struct chain_status *st, enum chain_error code,
		const char *fmt, ...) __printf(3, 4);

const char *chain_error_name(enum chain_error code);

#endif
