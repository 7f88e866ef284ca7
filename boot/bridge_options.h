/* SPDX-License-Identifier: MIT */
/*
 * baton.bridge=off|on (docs/cmdline.md, docs/bridge.md): whether baton
 * rewrites an older handover for a next kernel that speaks kho-v4, luo-v5
 * and memfd-v2.
 */
#ifndef BATON_BOOT_BRIDGE_OPTIONS_H
#define BATON_BOOT_BRIDGE_OPTIONS_H

#include <baton/types.h>

/* baton.bridge= (default off); true for "on". *valid: value known. */
bool bridge_enabled(const char *cmdline, bool *valid);

#endif
