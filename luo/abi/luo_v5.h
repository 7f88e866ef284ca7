/* SPDX-License-Identifier: MIT */
/*
 * luo-v5: the LUO state of Linux 7.2 and 7.3. The "LUO" sub-blob of the
 * KHO root is a bare struct luo_ser (blob-size 32) in a preserved page; its
 * sessions and each session's files are kho_block chains (kho_block.h) of
 * the entries in luo.h. luo-v2..v4 existed only inside the 7.2 merge
 * window (docs/handover-abi.md §2.8).
 */
#ifndef BATON_LUO_ABI_LUO_V5_H
#define BATON_LUO_ABI_LUO_V5_H

#include <luo/abi/luo.h>
#include <luo/abi/kho_block.h>

#define LUO_V5_COMPAT			"luo-v5"
#define LUO_COMPAT_FIELD		8

/* Entries per kho_block: (4096 - 16) / 80 and (4096 - 16) / 64. */
#define LUO_SESSIONS_PER_BLOCK		51
#define LUO_FILES_PER_BLOCK		63

/**
 * struct luo_ser - the "LUO" sub-blob of luo-v5
 * @compatible:     "luo-v5" and its NUL (7 bytes), one padding byte; Linux
 *                  compares the 7 bytes only.
 * @liveupdate_num: live updates so far; the outgoing kernel writes the
 *                  incoming value + 1.
 * @sessions_pa:    physical address of the first session block (a
 *                  kho_block chain of struct luo_session_ser), 0 when
 *                  there are no sessions.
 * @flbs_pa:        physical address of the FLB page (struct
 *                  luo_flb_header_ser); 7.2 always writes one, 0 would
 *                  mean no FLB data.
 *
 * Packed, 32 bytes, little-endian (7.2, 7.3).
 */
struct luo_ser {
	char compatible[LUO_COMPAT_FIELD];
	u64 liveupdate_num;
	u64 sessions_pa;
	u64 flbs_pa;
} __packed;

ABI_SIZE(struct luo_ser, 32);
ABI_OFFSET(struct luo_ser, compatible, 0);
ABI_OFFSET(struct luo_ser, liveupdate_num, 8);
ABI_OFFSET(struct luo_ser, sessions_pa, 16);
ABI_OFFSET(struct luo_ser, flbs_pa, 24);
_Static_assert(LUO_SESSIONS_PER_BLOCK ==
	       (KHO_BLOCK_SIZE - sizeof(struct kho_block_header_ser)) /
	       sizeof(struct luo_session_ser), "sessions per block");
_Static_assert(LUO_FILES_PER_BLOCK ==
	       (KHO_BLOCK_SIZE - sizeof(struct kho_block_header_ser)) /
	       sizeof(struct luo_file_ser), "files per block");

#endif
