/* SPDX-License-Identifier: MIT */
/*
 * Finding codes detected by mm/ (see include/baton/findings.h).
 * X(CODE, SEVERITY, "summary"); document each in docs/findings-mm.md.
 * Append only: never reorder or remove a code.
 */
#ifndef BATON_MM_FINDING_CODES_H
#define BATON_MM_FINDING_CODES_H

#define MM_FINDING_CODES(X)						\
	X(I_E820_UNSORTED, INFO, "e820 entries not sorted by address")	\
	X(I_E820_ZERO_SIZE, INFO, "e820 entry of size 0 dropped")	\
	X(W_E820_OVERLAP, WARNING, "e820 entries overlap")		\
	X(W_E820_WRAPS, WARNING, "e820 entry wraps past 2^64, dropped") \
	X(W_E820_SANITIZED_FULL, WARNING, "sanitised e820 larger than its storage")

#endif
