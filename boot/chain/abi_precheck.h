/* SPDX-License-Identifier: MIT */
/*
 * ABI precheck of the next kernel: from its kernel_version string and the
 * version matrix of docs/handover-abi.md (§1), which kho/luo/memfd
 * versions it speaks, compared with the handover baton parsed. Runs before
 * the report so its findings and its line are part of it.
 */
#ifndef BATON_CHAIN_ABI_PRECHECK_H
#define BATON_CHAIN_ABI_PRECHECK_H

#include <baton/findings.h>
#include <boot/chain/kernel_version.h>
#include <boot/chain/options.h>
#include <luo/model.h>

/* What a release speaks; all NONE for kernels before KHO (< 6.16). */
struct chain_abi {
	enum kho_version kho;
	enum luo_version luo;
	enum memfd_version memfd;
};

enum chain_abi_release {
	CHAIN_ABI_RELEASE_KNOWN,	/* 6.16 .. 7.3 */
	CHAIN_ABI_RELEASE_PRE_KHO,	/* before 6.16: no KHO at all */
	CHAIN_ABI_RELEASE_TOO_NEW,	/* after the matrix's newest */
};

/* mkbzimage's kernel_version: baton chain-loading baton (baton.role=). */
#define CHAIN_ABI_BATON_RELEASE	"baton"

#define CHAIN_ABI_NEWEST_MAJOR	7
#define CHAIN_ABI_NEWEST_MINOR	3

enum chain_abi_result {
	CHAIN_ABI_NOT_RUN,	/* no kernel looked at */
	CHAIN_ABI_REJECTED,	/* the bzImage probe refused the kernel */
	CHAIN_ABI_MATCH,
	CHAIN_ABI_MISMATCH,
	CHAIN_ABI_NO_HANDOVER,	/* nothing to compare with */
	CHAIN_ABI_UNCHECKED,	/* unreadable, or not in the matrix */
};

struct chain_precheck {
	enum chain_abi_result result;
	bool refused;			/* mismatch under on-clean */
	enum kernel_version_read read;
	u16 version_offset;		/* kernel_version field */
	char version[KERNEL_VERSION_MAX];
	char release[KERNEL_RELEASE_MAX];	/* first word of version */
	bool release_parsed;
	bool next_is_baton;		/* release "baton": any ABI */
	bool arm64_image;		/* probed as an arm64 Image */
	struct kernel_release rel;
	enum chain_abi_release matrix;	/* valid when release_parsed */
	struct chain_abi kernel;	/* valid when matrix is KNOWN/PRE_KHO */
	bool handover_present;
	struct chain_abi handover;	/* memfd: highest seen */
	u32 handover_memfd_seen;	/* bit (1 << memfd_version) */
};

/* The matrix: what release major.minor speaks. */
enum chain_abi_release chain_abi_for_release(u32 major, u32 minor,
					     struct chain_abi *out);

struct chain_precheck_input {
	const void *kernel;		/* the bundle's kernel file */
	size_t kernel_size;
	bool la57_active;
	const struct handover_model *model;	/* NULL: none parsed */
	enum chain_mode mode;
	/*
	 * The kernel is an arm64 Image (DTB entry), not a bzImage: probed
	 * by boot/chain/arm64_image.h, and with a handover its page size
	 * must be the handover's (E_CHAIN_PAGE_SIZE_MISMATCH).
	 */
	bool arm64_image;
};

/*
 * Probes the kernel (E_CHAIN_KERNEL_REJECTED), reads its version and
 * compares: W_CHAIN_ABI_MISMATCH, or E_CHAIN_ABI_MISMATCH under on-clean;
 * W_CHAIN_ABI_UNCHECKED when a handover exists but the kernel's ABI is not
 * known. No finding when there is no handover or it matches.
 */
void chain_abi_precheck(const struct chain_precheck_input *in,
			struct chain_precheck *out,
			struct finding_list *findings);

/* "next kernel 7.2.0 speaks kho-v4 luo-v5 memfd-v2: matches handover". */
int chain_precheck_text(const struct chain_precheck *pc, char *buf,
			size_t size);
const char *chain_abi_result_name(enum chain_abi_result r);

#endif
