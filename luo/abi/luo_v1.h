/* SPDX-License-Identifier: MIT */
/*
 * luo-v1: the FDT-era LUO state (Linux 6.19, 7.0, 7.1; docs/handover-abi.md
 * §2.9). The "LUO" sub-blob
 * of the KHO root is an FDT of one page:
 *
 *   / { compatible = "luo-v1"; liveupdate-number = <u64, LE>;
 *       luo-session { compatible = "luo-session-v2";
 *                     luo-session-header = <u64 LE: session area>; };
 *       luo-flb     { compatible = "luo-flb-v1";             (7.0/7.1)
 *                     luo-flb-header = <u64 LE: FLB page>; };  };
 *
 * The session area is one preserved block of 16 pages: a u64 count, then
 * struct luo_session_ser entries. Each session's files are a flat
 * preserved array of 2 pages of struct luo_file_ser (luo.h).
 */
#ifndef BATON_LUO_ABI_LUO_V1_H
#define BATON_LUO_ABI_LUO_V1_H

#include <luo/abi/luo.h>

#define LUO_V1_COMPAT			"luo-v1"
#define LUO_V1_PROP_NUM			"liveupdate-number"
#define LUO_V1_SESSION_NODE		"luo-session"
#define LUO_V1_SESSION_COMPAT_V1	"luo-session-v1"	/* unreleased */
#define LUO_V1_SESSION_COMPAT_V2	"luo-session-v2"	/* 6.19-7.1 */
#define LUO_V1_SESSION_PROP		"luo-session-header"
#define LUO_V1_FLB_NODE			"luo-flb"
#define LUO_V1_FLB_COMPAT		"luo-flb-v1"
#define LUO_V1_FLB_PROP			"luo-flb-header"
#define LUO_V1_SUBSYS_NODE		"subsystems"
#define LUO_V1_SUBSYS_COMPAT		"subsystems-v1"

#define LUO_V1_SESSION_AREA		(16 * PAGE_SIZE)
#define LUO_V1_SESSION_MAX		819	/* (64 KiB - 8) / 80 */
#define LUO_V1_FILE_AREA		(2 * PAGE_SIZE)
#define LUO_V1_FILE_MAX			128	/* 8 KiB / 64 */

/**
 * struct luo_v1_session_area_ser - head of the luo-v1 session area
 * @count: number of session entries that follow (struct luo_session_ser,
 *         or struct luo_session_v1_ser under "luo-session-v1").
 *
 * Little-endian u64 at offset 0 of the 16-page area named by
 * luo-session-header (6.19-7.1).
 */
struct luo_v1_session_area_ser {
	u64 count;
} __packed;

ABI_SIZE(struct luo_v1_session_area_ser, 8);
ABI_OFFSET(struct luo_v1_session_area_ser, count, 0);
_Static_assert(LUO_V1_SESSION_MAX ==
	       (LUO_V1_SESSION_AREA - sizeof(struct luo_v1_session_area_ser)) /
	       sizeof(struct luo_session_ser), "luo-v1 sessions per area");
_Static_assert(LUO_V1_FILE_MAX ==
	       LUO_V1_FILE_AREA / sizeof(struct luo_file_ser),
	       "luo-v1 files per session");

#endif
