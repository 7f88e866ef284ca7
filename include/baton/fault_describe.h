/* SPDX-License-Identifier: MIT */
/*
 * Who owns a faulting address: the payload's exception handlers (every
 * architecture) ask one registered describer, so a fault report can say
 * e.g. "preserved range 3 [0x...-0x...) memfd folio" without arch code
 * knowing about memory models.
 */
#ifndef BATON_FAULT_DESCRIBE_H
#define BATON_FAULT_DESCRIBE_H

#include <baton/types.h>

/* Writes a description of addr into buf; false if it has nothing to say. */
typedef bool (*fault_describe_fn)(u64 addr, char *buf, size_t size);

/* Registers fn; returns the previous describer, so fn can chain to it. */
fault_describe_fn fault_set_describer(fault_describe_fn fn);

/*
 * Asks the registered describer (if any) about addr. Called from exception
 * handlers: must not fault itself, so describers only read their own data.
 */
bool fault_describe(u64 addr, char *buf, size_t size);

#endif
