/* SPDX-License-Identifier: MIT */
/*
 * The "memblock" sub-blob: reserve_mem regions handed over (Linux 6.16 to
 * 7.3, unchanged; present only when the command line has reserve_mem=;
 * docs/handover-abi.md §2.11).
 * An FDT within one preserved page:
 *
 *   / { compatible = "memblock-v1";
 *       <region name> { compatible = "reserve-mem-v1";
 *                       start = <u64, raw LE: physical address>;
 *                       size  = <u64, raw LE: bytes>; };  ...  };
 *
 * Each region is preserved itself; the successor revives it only for a
 * reserve_mem= of the same name and size.
 */
#ifndef BATON_LUO_ABI_MEMBLOCK_H
#define BATON_LUO_ABI_MEMBLOCK_H

#include <luo/abi/common.h>

#define MEMBLOCK_COMPAT			"memblock-v1"
#define RESERVE_MEM_COMPAT		"reserve-mem-v1"
#define RESERVE_MEM_PROP_START		"start"
#define RESERVE_MEM_PROP_SIZE		"size"
#define RESERVE_MEM_PROP_LEN		sizeof(u64)
#define RESERVE_MEM_MAX			8	/* regions */
#define RESERVE_MEM_NAME_MAX		16	/* name + NUL */

#endif
