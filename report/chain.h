/* SPDX-License-Identifier: MIT */
/*
 * The report's "chain" section: the next kernel's ABI precheck
 * (boot/chain/abi_precheck.h) as one human line and a JSON member.
 */
#ifndef BATON_REPORT_CHAIN_H
#define BATON_REPORT_CHAIN_H

#include <boot/chain/abi_precheck.h>
#include <report/json_writer.h>

/* "chain": {...}, or null without a precheck. */
void report_chain_json(struct json_writer *w, const struct chain_precheck *pc);

#endif
