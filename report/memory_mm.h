/* SPDX-License-Identifier: MIT */
/*
 * Adapter from the memory model (struct mm) to the report's memory
 * summary, so the payload and host tools fill it the same way.
 */
#ifndef BATON_REPORT_MEMORY_MM_H
#define BATON_REPORT_MEMORY_MM_H

#include <mm/mm.h>
#include <report/report.h>

void report_memory_from_mm(const struct mm *mm, struct report_memory *out);

#endif
