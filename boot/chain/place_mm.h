/* SPDX-License-Identifier: MIT */
/*
 * place_ops over mm's scratch allocator: find = mm_find_top_down (first
 * scratch area in array order, highest address), claim =
 * mm_claim_next_kernel (recorded as MM_KIND_NEXT_KERNEL).
 */
#ifndef BATON_CHAIN_PLACE_MM_H
#define BATON_CHAIN_PLACE_MM_H

#include <mm/mm.h>
#include <boot/chain/place.h>

/* mm must have passed mm_reserve_commit(). */
void chain_place_ops_for_mm(struct place_ops *ops, struct mm *mm);

#endif
