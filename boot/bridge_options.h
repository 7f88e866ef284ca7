/* SPDX-License-Identifier: MIT */
/*
 * baton.bridge=off|on|always (docs/cmdline.md, docs/bridge.md): whether
 * baton rewrites an older handover into kho-v4, luo-v5 and memfd-v2 — for a
 * next kernel that speaks only those (on), or whenever it is older (always).
 */
#ifndef BATON_BOOT_BRIDGE_OPTIONS_H
#define BATON_BOOT_BRIDGE_OPTIONS_H

#include <baton/types.h>

enum bridge_mode {
	BRIDGE_OFF,
	BRIDGE_ON,	/* when the precheck finds a mismatch it can bridge */
	BRIDGE_ALWAYS,	/* any older handover, whatever the next kernel */
};

/* baton.bridge= (default off, the last one wins). *valid: value known. */
enum bridge_mode bridge_mode_from_cmdline(const char *cmdline, bool *valid);

#endif
