/* SPDX-License-Identifier: MIT */
/*
 * KHO's entry points: the SETUP_KEXEC_KHO record, the scratch array it
 * names, and the KHO root FDT (names and compatibles of every version;
 * docs/handover-abi.md §2.2.2, §2.2.3, §2.3).
 *
 * The chain of pointers (x86): boot_params.hdr.setup_data -> setup_data
 * entry of type SETUP_KEXEC_KHO (10) -> struct kho_data_ser -> root FDT
 * (fdt_addr) and scratch array (scratch_addr). On arm64 the same two
 * ranges come from /chosen (linux,kho-fdt and linux,kho-scratch).
 */
#ifndef BATON_LUO_ABI_KHO_H
#define BATON_LUO_ABI_KHO_H

#include <luo/abi/common.h>

/**
 * struct kho_data_ser - payload of the SETUP_KEXEC_KHO setup_data entry
 * @fdt_addr:     physical address of the KHO root FDT (page aligned).
 * @fdt_size:     bytes mapped for the root FDT; kexec_file writes PAGE_SIZE.
 * @scratch_addr: physical address of the scratch array (struct
 *                kho_scratch_ser[]), itself a kexec segment inside scratch.
 * @scratch_size: size of that array in bytes, a multiple of
 *                sizeof(struct kho_scratch_ser).
 *
 * Linux's struct kho_data (arch/x86/include/uapi/asm/setup_data.h), packed,
 * 32 bytes, all fields little-endian u64. Written by kexec_file_load in
 * every release with KHO: 6.16 through 7.3, unchanged. It sits right after
 * the 16-byte setup_data header; the successor maps setup_data.len bytes
 * and does not itself check len >= 32 (baton does).
 */
struct kho_data_ser {
	u64 fdt_addr;
	u64 fdt_size;
	u64 scratch_addr;
	u64 scratch_size;
} __packed;

/**
 * struct kho_scratch_ser - one scratch area
 * @addr: physical start of the area (bytes).
 * @size: length of the area in bytes.
 *
 * Linux's struct kho_scratch, natural layout, 16 bytes, little-endian.
 * An array of them lives at kho_data_ser.scratch_addr (6.16-7.3): [0] the
 * low-memory area, [1] the global area, then one per NUMA node with
 * memory. The successor allocates only from these until it has read the
 * preserved-memory map.
 */
struct kho_scratch_ser {
	u64 addr;
	u64 size;
};

ABI_SIZE(struct kho_data_ser, 32);
ABI_OFFSET(struct kho_data_ser, fdt_addr, 0);
ABI_OFFSET(struct kho_data_ser, fdt_size, 8);
ABI_OFFSET(struct kho_data_ser, scratch_addr, 16);
ABI_OFFSET(struct kho_data_ser, scratch_size, 24);
ABI_SIZE(struct kho_scratch_ser, 16);
ABI_OFFSET(struct kho_scratch_ser, addr, 0);
ABI_OFFSET(struct kho_scratch_ser, size, 8);

/*
 * The KHO root FDT: one preserved order-0 page (the FDT header and cell
 * values are big-endian, see libfdt; its header is sizeof(struct
 * fdt_header) = 40 bytes). Root properties:
 *   compatible            one of the KHO_COMPAT_* strings below
 *   preserved-memory-map  u64, raw little-endian: kho-v1 first chunk
 *                         (0 = empty), kho-v2+ radix root (never 0)
 * One child node per sub-blob, named after it (KHO_SUBTREE_*), holding:
 *   fdt                   kho-v1: u64 address of a sub-FDT
 *   preserved-data        kho-v2+: u64 address of the blob
 *   blob-size             kho-v3+: u64 blob length in bytes
 * Every u64 property is KHO_FDT_U64_LEN bytes, in the CPU's byte order.
 */
#define KHO_COMPAT_V1			"kho-v1"	/* 6.16-6.19 */
#define KHO_COMPAT_V2			"kho-v2"	/* 7.0/7.1 (inferred) */
#define KHO_COMPAT_V3			"kho-v3"	/* 7.1 (inferred) */
#define KHO_COMPAT_V4			"kho-v4"	/* 7.2, 7.3 */
#define KHO_PROP_COMPATIBLE		"compatible"
#define KHO_PROP_MEM_MAP		"preserved-memory-map"
#define KHO_PROP_SUBTREE_FDT		"fdt"		/* kho-v1 */
#define KHO_PROP_PRESERVED_DATA		"preserved-data"	/* kho-v2+ */
#define KHO_PROP_BLOB_SIZE		"blob-size"	/* kho-v3+ */
#define KHO_FDT_U64_LEN			sizeof(u64)
/* The root FDT is edited in place within one page: never larger. */
#define KHO_ROOT_FDT_MAX		4096

/* Sub-blob node names Linux (and baton) write. */
#define KHO_SUBTREE_LUO			"LUO"
#define KHO_SUBTREE_MEMBLOCK		"memblock"
#define KHO_SUBTREE_METADATA		"kexec-metadata"
#define KHO_SUBTREE_TEST		"kho_test"
/* baton's own report (docs/chain.md) */
#define KHO_SUBTREE_BATON		"baton"

#endif
