/* SPDX-License-Identifier: MIT */
/*
 * Finding codes detected by mm/ (see include/baton/findings.h).
 * X(CODE, SEVERITY, "summary"); document each in docs/findings.md.
 * Append only: never reorder or remove a code.
 */
#ifndef BATON_MM_FINDING_CODES_H
#define BATON_MM_FINDING_CODES_H

#define MM_FINDING_CODES(X)

#endif
