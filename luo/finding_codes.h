/* SPDX-License-Identifier: MIT */
/*
 * Finding codes detected by luo/ (see include/baton/findings.h).
 * X(CODE, SEVERITY, "summary"); document each in docs/findings.md.
 * Append only: never reorder or remove a code.
 */
#ifndef BATON_LUO_FINDING_CODES_H
#define BATON_LUO_FINDING_CODES_H

#define LUO_FINDING_CODES(X)

#endif
