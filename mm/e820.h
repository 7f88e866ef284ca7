/* SPDX-License-Identifier: MIT */
/*
 * e820 sanitising: turns the memory map as given (any order, overlaps,
 * empty entries) into a sorted, non-overlapping map with the same overlap
 * resolution as Linux's e820__update_table, reporting what it had to fix.
 */
#ifndef BATON_MM_E820_H
#define BATON_MM_E820_H

#include <baton/bootinfo.h>
#include <baton/findings.h>

/*
 * Writes the sanitised map to out (at most out_capacity entries) and returns
 * how many entries it wrote. Rules (as Linux): where entries overlap the
 * larger type value wins; zero-size entries are dropped; touching entries of
 * one type merge, except PRAM and soft-reserved, which stay split at every
 * input boundary; type 0 describes nothing. Unlike Linux, which leaves the
 * whole map unsanitised when one entry wraps past 2^64, such entries are
 * dropped. O(n^2) time for n raw entries, no workspace.
 * Findings: I_E820_UNSORTED, I_E820_ZERO_SIZE, W_E820_OVERLAP (per pair),
 * W_E820_WRAPS, W_E820_SANITIZED_FULL.
 */
u32 e820_sanitize(const struct boot_e820_entry *raw, u32 raw_count,
		  struct boot_e820_entry *out, u32 out_capacity,
		  struct finding_list *findings);

#endif
