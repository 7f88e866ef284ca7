/* SPDX-License-Identifier: MIT */
/*
 * The report's "bridge" section (docs/bridge.md): what baton.bridge=on
 * wrote (from -> to, structures written, bytes freed), as one human line
 * and a JSON member present only when the handover was bridged.
 */
#ifndef BATON_REPORT_BRIDGE_H
#define BATON_REPORT_BRIDGE_H

#include <luo/bridge/bridge.h>
#include <report/json_writer.h>

/* "7.0 (kho-v2 luo-v1 memfd-v1) -> kho-v4 luo-v5 memfd-v2: ..." */
int report_bridge_text(const struct bridge_result *b, char *buf,
		       size_t size);
/* "bridge": {...} */
void report_bridge_json(struct json_writer *w, const struct bridge_result *b);

#endif
