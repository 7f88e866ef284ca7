// SPDX-License-Identifier: MIT
/* TSC ticks to microseconds and the invariant-TSC CPUID bit (baton/tsc.h). */
#include <baton/tsc.h>

/*
 * ticks = q * khz + r, so ticks * 1000 / khz = q * 1000 + r * 1000 / khz
 * exactly; r < khz keeps r * 1000 in range for any real frequency. The
 * sum can pass 2^64 only for a frequency under 1 MHz: it saturates, so a
 * span never reads shorter than it was.
 */
u64 tsc_ticks_to_us(u64 ticks, u64 tsc_khz)
{
	u64 q, r, frac, us;

	if (!tsc_khz)
		return 0;
	q = ticks / tsc_khz;
	r = ticks % tsc_khz;
	if (tsc_khz > UINT64_MAX / 1000)	/* absurd; r < khz still */
		frac = r / (tsc_khz / 1000);
	else
		frac = r * 1000 / tsc_khz;
	if (__builtin_mul_overflow(q, 1000, &us) ||
	    __builtin_add_overflow(us, frac, &us))
		return UINT64_MAX;
	return us;
}

bool tsc_invariant_from_cpuid(u32 cpuid_80000007_edx)
{
	return cpuid_80000007_edx & (1u << 8);
}
