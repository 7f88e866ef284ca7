/* SPDX-License-Identifier: MIT */
/*
 * LUO entries shared by both LUO formats: the session entry, the file
 * entry and the FLB page. luo-v1 (an FDT, 6.19-7.1, luo_v1.h) keeps them
 * in flat preserved arrays; luo-v5 (a packed struct, 7.2-7.3, luo_v5.h)
 * in kho_block chains. Their layout did not change between the two
 * (docs/handover-abi.md §2.8.2-§2.8.4, §2.9).
 */
#ifndef BATON_LUO_ABI_LUO_H
#define BATON_LUO_ABI_LUO_H

#include <luo/abi/common.h>

#define LUO_SESSION_NAME_LEN		64
#define LUO_FILE_COMPAT_LEN		48
#define LUO_FLB_NAME_LEN		48
/* FLB entries one page holds: (4096 - 16) / 64. */
#define LUO_FLB_MAX			63

/**
 * struct luo_session_ser - one session
 * @name:  session name, NUL-terminated within the 64 bytes (Linux writes
 *         at most 63 characters); unique among sessions.
 * @files: physical address of the session's file list, 0 when it has
 *         none: a kho_block chain of struct luo_file_ser (luo-v5) or a
 *         flat 2-page array of them (luo-v1).
 * @count: number of files in the session (0 when @files is 0).
 *
 * Packed, 80 bytes, little-endian. Linux 6.19-7.3 (file_set.files and
 * file_set.count in Linux's declaration).
 */
struct luo_session_ser {
	char name[LUO_SESSION_NAME_LEN];
	u64 files;
	u64 count;
} __packed;

/**
 * struct luo_session_v1_ser - session entry of the "luo-session-v1" seed
 * @name: session name, NUL-terminated within the 64 bytes.
 *
 * Packed, 64 bytes: sessions without files. Written only by an
 * intermediate commit of the 6.19 merge, never by a release.
 */
struct luo_session_v1_ser {
	char name[LUO_SESSION_NAME_LEN];
} __packed;

/**
 * struct luo_file_ser - one preserved file
 * @compatible: the file handler's id, NUL-terminated within the 48 bytes
 *              ("memfd-v1", "memfd-v2").
 * @data:       the handler's handle; for memfd the physical address of
 *              its struct memfd_luo_v*_ser.
 * @token:      user-chosen token, unique within the session.
 *
 * Packed, 64 bytes, little-endian. Linux 6.19-7.3, written in the order
 * the files were preserved.
 */
struct luo_file_ser {
	char compatible[LUO_FILE_COMPAT_LEN];
	u64 data;
	u64 token;
} __packed;

/**
 * struct luo_flb_header_ser - head of the FLB (file-lifecycle-bound) page
 * @pgcnt: pages in the FLB area including this header (Linux writes 1).
 * @count: struct luo_flb_ser entries that follow the header.
 *
 * Packed, 16 bytes, little-endian, at offset 0 of a preserved page. Named
 * by the luo-flb node of luo-v1 (7.0/7.1) or luo_ser.flbs_pa (7.2, 7.3).
 */
struct luo_flb_header_ser {
	u64 pgcnt;
	u64 count;
} __packed;

/**
 * struct luo_flb_ser - one FLB
 * @name:  the FLB's compatible, NUL-terminated within the 48 bytes.
 * @data:  opaque handle from the FLB's preserve callback (not
 *         necessarily an address).
 * @count: how many preserved files used the FLB (Linux writes only
 *         non-zero counts).
 *
 * Packed, 64 bytes, little-endian; entry i at sizeof(struct
 * luo_flb_header_ser) + i * 64 in the FLB page.
 */
struct luo_flb_ser {
	char name[LUO_FLB_NAME_LEN];
	u64 data;
	u64 count;
} __packed;

ABI_SIZE(struct luo_session_ser, 80);
ABI_OFFSET(struct luo_session_ser, name, 0);
ABI_OFFSET(struct luo_session_ser, files, 64);
ABI_OFFSET(struct luo_session_ser, count, 72);
ABI_SIZE(struct luo_session_v1_ser, 64);
ABI_OFFSET(struct luo_session_v1_ser, name, 0);
ABI_SIZE(struct luo_file_ser, 64);
ABI_OFFSET(struct luo_file_ser, compatible, 0);
ABI_OFFSET(struct luo_file_ser, data, 48);
ABI_OFFSET(struct luo_file_ser, token, 56);
ABI_SIZE(struct luo_flb_header_ser, 16);
ABI_OFFSET(struct luo_flb_header_ser, pgcnt, 0);
ABI_OFFSET(struct luo_flb_header_ser, count, 8);
ABI_SIZE(struct luo_flb_ser, 64);
ABI_OFFSET(struct luo_flb_ser, name, 0);
ABI_OFFSET(struct luo_flb_ser, data, 48);
ABI_OFFSET(struct luo_flb_ser, count, 56);
_Static_assert(LUO_FLB_MAX == (PAGE_SIZE - sizeof(struct luo_flb_header_ser)) /
	       sizeof(struct luo_flb_ser), "FLB entries per page");

#endif
