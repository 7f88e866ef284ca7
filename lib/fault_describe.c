// SPDX-License-Identifier: MIT
/*
 * The one fault describer the exception handlers consult (see
 * <baton/fault_describe.h>).
 */
#include <baton/fault_describe.h>

static fault_describe_fn describer;

fault_describe_fn fault_set_describer(fault_describe_fn fn)
{
	fault_describe_fn previous = describer;

	describer = fn;
	return previous;
}

bool fault_describe(u64 addr, char *buf, size_t size)
{
	return describer && describer(addr, buf, size);
}
