/* SPDX-License-Identifier: MIT */
/*
 * Finding codes detected by luo/ (see <baton/findings.h>).
 * X(code, severity, summary); each is documented in docs/findings-luo.md.
 * Append only: never reorder or remove a code.
 */
#ifndef BATON_FINDING_CODES_LUO_H
#define BATON_FINDING_CODES_LUO_H

#define LUO_FINDING_CODES(X)						\
	X(E_POINTER_UNBACKED, ERROR, "pointer outside readable memory")	\
	X(E_POINTER_NOT_PRESERVED, ERROR, "structure not in preserved memory") \
	X(E_POINTER_MISALIGNED, ERROR, "pointer misaligned")		\
	X(E_KHO_RECORD_SHORT, ERROR, "SETUP_KEXEC_KHO record too short") \
	X(E_KHO_FDT_SIZE, ERROR, "fdt_size inconsistent with the FDT")	\
	X(E_SCRATCH_SIZE, ERROR, "scratch array size invalid")		\
	X(E_SCRATCH_AREA_INVALID, ERROR, "scratch area empty or misaligned") \
	X(E_SCRATCH_OUTSIDE_RAM, ERROR, "scratch area outside RAM")	\
	X(E_SCRATCH_OVERLAP, ERROR, "scratch areas overlap")		\
	X(E_FDT_INTEGRITY, ERROR, "FDT fails integrity checks")		\
	X(E_FDT_TOO_LARGE, WARNING, "FDT larger than its page")		\
	X(E_KHO_UNKNOWN_VERSION, ERROR, "unknown KHO root compatible")	\
	X(I_KHO_V3_OR_V4, INFO, "kho-v3/kho-v4 content")		\
	X(E_KHO_MEM_MAP_MISSING, ERROR, "preserved-memory-map missing or zero") \
	X(E_SUBTREE_PROP_MISSING, ERROR, "sub-blob property missing or bad") \
	X(E_SUBTREE_DUPLICATE, ERROR, "duplicate sub-blob name")	\
	X(I_SUBTREE_UNKNOWN, INFO, "unknown sub-blob")			\
	X(E_RADIX_INDEX_INVALID, ERROR, "radix root index beyond key space") \
	X(E_RADIX_ORDER_INVALID, ERROR, "radix key decodes to order >= 52") \
	X(E_MAP_PAGE_MISALIGNED, ERROR, "map page pointer not page aligned") \
	X(E_MAP_PAGE_SHARED, ERROR, "map page referenced twice")	\
	X(E_MAP_PAGE_IN_PRESERVED, ERROR, "map page inside preserved memory") \
	X(E_MAP_PAGE_IN_SCRATCH, ERROR, "map page inside scratch")	\
	X(E_PRESERVED_MISALIGNED, ERROR, "preserved range misaligned for its order") \
	X(E_PRESERVED_OUTSIDE_RAM, ERROR, "preserved range outside RAM") \
	X(E_PRESERVED_DUPLICATE, ERROR, "preserved ranges overlap")	\
	X(E_PRESERVED_IN_SCRATCH, ERROR, "preserved range overlaps scratch") \
	X(W_PRESERVED_INDEX_FULL, WARNING, "preserved index storage exhausted") \
	X(E_V1_BITMAP_MISALIGNED, ERROR, "kho-v1 bitmap pointer misaligned") \
	X(E_V1_PHYS_START_MISALIGNED, ERROR, "kho-v1 phys_start misaligned") \
	X(E_V1_CHUNK_ORDER, ERROR, "kho-v1 chunk order >= 52")		\
	X(I_KHO_V1_VARIANT, INFO, "kho-v1 bitmap variant")		\
	X(W_KHO_V1_VARIANT_ASSUMED, WARNING, "kho-v1 bitmap variant assumed") \
	X(E_KHO_V1_VARIANT_CONFLICT, ERROR, "kho-v1 bitmap variant evidence conflicts") \
	X(E_LIST_CYCLE, ERROR, "linked list has a cycle")		\
	X(E_CHAIN_TOO_LONG, ERROR, "linked list too long")		\
	X(E_COUNT_EXCEEDS_CAPACITY, ERROR, "count exceeds capacity")	\
	X(E_BLOCK_COUNT_ZERO, ERROR, "kho_block with count 0")		\
	X(W_BLOCK_NOT_FULL, WARNING, "non-final kho_block not full")	\
	X(E_VMALLOC_PAGE_COUNT, ERROR, "kho_vmalloc pages != total_pages") \
	X(W_VMALLOC_LAYOUT, WARNING, "kho_vmalloc chunk layout irregular") \
	X(W_VMALLOC_DESCRIPTOR, WARNING, "kho_vmalloc flags/order unusual") \
	X(E_LUO_BLOB_SIZE, ERROR, "LUO blob too small")			\
	X(E_LUO_UNKNOWN_VERSION, ERROR, "unknown LUO compatible")	\
	X(W_LUO_NUM_ZERO, WARNING, "liveupdate_num is 0")		\
	X(E_LUO_FDT_NODE, ERROR, "LUO FDT node missing or incompatible") \
	X(E_NAME_UNTERMINATED, ERROR, "name not NUL-terminated")	\
	X(E_NAME_EMPTY, ERROR, "empty name")				\
	X(E_SESSION_DUPLICATE, ERROR, "duplicate session name")		\
	X(E_SESSION_FILE_COUNT, ERROR, "session file count mismatch")	\
	X(E_TOKEN_DUPLICATE, ERROR, "duplicate file token in session")	\
	X(E_FILE_UNKNOWN_HANDLER, ERROR, "unknown file handler")	\
	X(E_FILE_DATA_DUPLICATE, ERROR, "file data preserved twice")	\
	X(E_FLB_INVALID, ERROR, "FLB header invalid")			\
	X(E_FLB_DUPLICATE, ERROR, "duplicate FLB name")			\
	X(W_FLB_COUNT_ZERO, WARNING, "FLB with reference count 0")	\
	X(E_MEMFD_SEALS, ERROR, "memfd seals outside F_SEAL_* set")	\
	X(W_MEMFD_FLAGS, WARNING, "memfd reserved flags set")		\
	X(E_MEMFD_DESCRIPTOR, ERROR, "memfd folio descriptor inconsistent") \
	X(E_MEMFD_ARRAY_TOO_SMALL, ERROR, "memfd folio array too small") \
	X(W_FOLIO_PFN_ZERO, WARNING, "memfd folio entry with pfn 0")	\
	X(E_FOLIO_NOT_PRESERVED, ERROR, "memfd folio not a preserved range") \
	X(W_FOLIO_FLAGS, WARNING, "memfd folio flags unusual")		\
	X(E_FOLIO_INDEX_ORDER, ERROR, "memfd folio index out of order")	\
	X(E_MEMFD_SIZE_MISMATCH, ERROR, "memfd folios do not cover size") \
	X(E_FOLIO_DUPLICATE, ERROR, "memfd folio used twice")		\
	X(E_MEMFD_SIZE_LIMIT, ERROR, "memfd size or position out of range") \
	X(E_MEMBLOCK_INVALID, ERROR, "memblock sub-blob invalid")	\
	X(W_METADATA_INVALID, WARNING, "kexec-metadata invalid")	\
	X(I_PRESERVED_UNACCOUNTED, INFO, "preserved bytes no structure references") \
	X(W_MODEL_TRUNCATED, WARNING, "model capacity exhausted")	\
	X(I_RELEASE_PROFILE, INFO, "release profile")			\
	X(W_SCRATCH_ARRAY_OUTSIDE, WARNING, "scratch array not inside scratch") \
	X(W_FOLIO_ORDER_LARGE, WARNING, "memfd folio order above 10")	\
	X(W_VERSION_MIX, WARNING, "ABI versions no release combines")	\
	X(I_SCRATCH_AREA_EMPTY, INFO, "scratch area of size 0")		\
	X(E_MEMFD_DIGEST_MISMATCH, ERROR, "memfd CRC32C differs from the agent manifest") \
	X(E_AGENT_FILE_MISSING, ERROR, "agent manifest file not in the handover") \
	X(W_MEMFD_DIGEST_UNREADABLE, WARNING, "memfd contents not readable for a digest") \
	X(I_AGENT_MANIFEST_FOREIGN, INFO, "agent manifest in a format this baton does not read") \
	X(E_AGENT_MANIFEST_INVALID, ERROR, "agent manifest damaged or inconsistent") \
	X(I_AGENT_MANIFEST_ABSENT, INFO, "no agent manifest: digests not checked") \
	X(W_LIVE_BLOB_SIZE, WARNING, "debugfs sub-blob size differs from blob-size") \
	X(E_NOT_VALIDATED, ERROR, "part of the handover could not be validated") \
	X(E_BLOCK_SHARED, ERROR, "kho_block entered from two places")	\
	X(E_VMALLOC_SHARED, ERROR, "kho_vmalloc chunk referenced twice") \
	X(E_BRIDGE_UNSUPPORTED, ERROR, "handover cannot be bridged to the target ABI") \
	X(E_BRIDGE_WRITE_FAILED, ERROR, "bridge could not write its structures") \
	X(E_BRIDGE_MODEL_DIFF, ERROR, "bridged handover differs from the received one")

#endif
