/* SPDX-License-Identifier: MIT */
/*
 * TSC arithmetic and facts shared by the payload's reports and the host
 * tools' timeline writers: one tick -> microsecond conversion (integer
 * math, saturating) and the CPUID bit that says the TSC rate is constant.
 */
#ifndef BATON_TSC_H
#define BATON_TSC_H

#include <baton/types.h>

/*
 * floor(ticks * 1000 / tsc_khz) without overflow; UINT64_MAX when the
 * result does not fit, 0 if tsc_khz is 0 (frequency unknown).
 */
u64 tsc_ticks_to_us(u64 ticks, u64 tsc_khz);

/* CPUID 0x80000007 EDX bit 8: the TSC runs at a constant rate. */
bool tsc_invariant_from_cpuid(u32 cpuid_80000007_edx);

#endif
