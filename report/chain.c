// SPDX-License-Identifier: MIT
/* The "chain" member of the JSON report (docs/report-schema.md). */
#include <report/chain.h>

static void json_release(struct json_writer *w, const struct chain_precheck *pc)
{
	if (!pc->release_parsed) {
		json_null(w, "release_number");
		return;
	}
	json_object_begin_inline(w, "release_number");
	json_u64(w, "major", pc->rel.major);
	json_u64(w, "minor", pc->rel.minor);
	if (pc->rel.has_patch)
		json_u64(w, "patch", pc->rel.patch);
	else
		json_null(w, "patch");
	json_object_end(w);
}

static bool speaks_known(const struct chain_precheck *pc)
{
	return pc->read == KERNEL_VERSION_OK && pc->release_parsed &&
	       pc->matrix != CHAIN_ABI_RELEASE_TOO_NEW;
}

/* baton as the next kernel: every version luo/ parses. */
static void json_speaks_baton(struct json_writer *w)
{
	json_object_begin_inline(w, "speaks");
	json_string(w, "kho", "any");
	json_string(w, "luo", "any");
	json_string(w, "memfd", "any");
	json_object_end(w);
}

static void json_speaks(struct json_writer *w, const struct chain_precheck *pc)
{
	if (pc->next_is_baton) {
		json_speaks_baton(w);
		return;
	}
	if (!speaks_known(pc)) {
		json_null(w, "speaks");
		return;
	}
	json_object_begin_inline(w, "speaks");
	json_string(w, "kho", kho_version_name(pc->kernel.kho));
	json_string(w, "luo", luo_version_name(pc->kernel.luo));
	json_string(w, "memfd", memfd_version_name(pc->kernel.memfd));
	json_object_end(w);
}

static void json_handover(struct json_writer *w,
			  const struct chain_precheck *pc)
{
	u32 v;

	if (!pc->handover_present) {
		json_null(w, "handover");
		return;
	}
	json_object_begin_inline(w, "handover");
	json_string(w, "kho", kho_version_name(pc->handover.kho));
	json_string(w, "luo", luo_version_name(pc->handover.luo));
	json_array_begin_inline(w, "memfd");
	for (v = MEMFD_VERSION_V1; v <= MEMFD_VERSION_V2; v++)
		if (pc->handover_memfd_seen & (1U << v))
			json_string(w, NULL, memfd_version_name(v));
	json_array_end(w);
	json_object_end(w);
}

/* The version string and what was made of it; null before the probe. */
static void json_kernel(struct json_writer *w, const struct chain_precheck *pc)
{
	bool read = pc->result != CHAIN_ABI_NOT_RUN &&
		    pc->result != CHAIN_ABI_REJECTED;

	if (!read) {
		json_null(w, "version_read");
		json_null(w, "kernel_version");
		json_null(w, "release");
		json_null(w, "release_number");
		json_null(w, "speaks");
		return;
	}
	json_string(w, "version_read", kernel_version_read_name(pc->read));
	if (pc->read == KERNEL_VERSION_OK) {
		json_string(w, "kernel_version", pc->version);
		json_string(w, "release", pc->release);
	} else {
		json_null(w, "kernel_version");
		json_null(w, "release");
	}
	json_release(w, pc);
	json_speaks(w, pc);
}

void report_chain_json(struct json_writer *w, const struct chain_precheck *pc)
{
	char text[256];

	if (!pc) {
		json_null(w, "chain");
		return;
	}
	chain_precheck_text(pc, text, sizeof(text));
	json_object_begin(w, "chain");
	json_string(w, "result", chain_abi_result_name(pc->result));
	json_bool(w, "refused", pc->refused);
	json_kernel(w, pc);
	json_handover(w, pc);
	json_string(w, "text", text);
	json_object_end(w);
}
