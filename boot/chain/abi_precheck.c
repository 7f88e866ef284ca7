// SPDX-License-Identifier: MIT
/*
 * The next kernel's ABI against the handover: docs/handover-abi.md §1.2
 * through luo/'s release profiles (release_profile_of_release: 6.16 ..
 * 7.3, 7.0 and 7.1 inferred), the comparison and its findings.
 */
#include <string.h>
#include <boot/chain/abi_precheck.h>
#include <boot/chain/arm64_image.h>
#include <boot/chain/bzimage.h>

enum chain_abi_release chain_abi_for_release(u32 major, u32 minor,
					     struct chain_abi *out)
{
	struct profile_versions pv;

	memset(out, 0, sizeof(*out));
	if (major < 6 || (major == 6 && minor < 16))
		return CHAIN_ABI_RELEASE_PRE_KHO;
	if (!release_profile_versions(release_profile_of_release(major, minor),
				      &pv))
		return CHAIN_ABI_RELEASE_TOO_NEW;
	out->kho = pv.kho;
	out->luo = pv.luo;
	out->memfd = pv.memfd;
	return CHAIN_ABI_RELEASE_KNOWN;
}

static void handover_side(const struct handover_model *m,
			  struct chain_precheck *pc)
{
	pc->handover_present = m != NULL;
	if (!m)
		return;
	pc->handover.kho = m->kho;
	pc->handover.luo = m->luo;
	pc->handover.memfd = m->memfd;
	pc->handover_memfd_seen = m->memfd_seen;
	if (m->memfd != MEMFD_VERSION_NONE)
		pc->handover_memfd_seen |= 1U << m->memfd;
}

/* Only what the handover holds must be understood by the kernel. */
static bool abi_matches(const struct chain_precheck *pc)
{
	const struct chain_abi *k = &pc->kernel, *h = &pc->handover;
	u32 v;

	if (pc->next_is_baton)	/* luo/ parses every released version */
		return true;
	if (h->kho != k->kho)
		return false;
	if (h->luo != LUO_VERSION_NONE && h->luo != k->luo)
		return false;
	for (v = MEMFD_VERSION_V1; v <= MEMFD_VERSION_V2; v++)
		if ((pc->handover_memfd_seen & (1U << v)) && v != k->memfd)
			return false;
	return true;
}

static bool kernel_side(const struct chain_precheck_input *in,
			struct chain_precheck *pc)
{
	if (in->arm64_image)
		pc->read = chain_arm64_image_version(in->kernel,
						     in->kernel_size,
						     pc->version, pc->release);
	else
		pc->read = kernel_version_read(in->kernel, in->kernel_size,
					       pc->version, pc->release,
					       &pc->version_offset);
	if (pc->read != KERNEL_VERSION_OK)
		return false;
	pc->next_is_baton = !strcmp(pc->release, CHAIN_ABI_BATON_RELEASE);
	if (pc->next_is_baton)
		return true;
	pc->release_parsed = kernel_release_parse(pc->release, &pc->rel);
	if (!pc->release_parsed)
		return false;
	pc->matrix = chain_abi_for_release(pc->rel.major, pc->rel.minor,
					   &pc->kernel);
	return pc->matrix != CHAIN_ABI_RELEASE_TOO_NEW;
}

static bool handover_known(const struct chain_precheck *pc)
{
	return pc->handover.kho != KHO_VERSION_NONE &&
	       pc->handover.kho != KHO_VERSION_UNKNOWN &&
	       pc->handover.luo != LUO_VERSION_UNKNOWN;
}

static void add_finding(const struct chain_precheck *pc,
			struct finding_list *findings, enum finding_code code)
{
	char text[FINDING_MESSAGE_MAX + 64];

	chain_precheck_text(pc, text, sizeof(text));
	finding_add(findings, code, 0, "%s", text);
}

static bool probe_arm64(const struct chain_precheck_input *in,
			struct chain_precheck *pc,
			struct finding_list *findings)
{
	struct chain_arm64_image k;
	struct chain_status st;

	if (!chain_arm64_image_probe(in->kernel, in->kernel_size, &k, &st)) {
		pc->result = CHAIN_ABI_REJECTED;
		finding_add(findings, E_CHAIN_KERNEL_REJECTED, 0, "%s",
			    st.message);
		return false;
	}
	if (in->model && !chain_arm64_image_page_size_ok(&k)) {
		pc->result = CHAIN_ABI_REJECTED;
		finding_add(findings, E_CHAIN_PAGE_SIZE_MISMATCH, 0,
			    "next Image uses %u KiB pages, the handover %u KiB",
			    k.page_size / 1024,
			    ARM64_IMAGE_HANDOVER_PAGE / 1024);
		return false;
	}
	return true;
}

static bool probe(const struct chain_precheck_input *in,
		  struct chain_precheck *pc, struct finding_list *findings)
{
	struct chain_bzimage k;
	struct chain_status st;

	if (in->arm64_image)
		return probe_arm64(in, pc, findings);
	if (chain_bzimage_probe(in->kernel, in->kernel_size, in->la57_active,
				&k, &st))
		return true;
	pc->result = CHAIN_ABI_REJECTED;
	finding_add(findings, E_CHAIN_KERNEL_REJECTED, 0, "%s", st.message);
	return false;
}

void chain_abi_precheck(const struct chain_precheck_input *in,
			struct chain_precheck *pc,
			struct finding_list *findings)
{
	bool kernel_known;

	memset(pc, 0, sizeof(*pc));
	pc->arm64_image = in->arm64_image;
	if (!probe(in, pc, findings))
		return;
	kernel_known = kernel_side(in, pc);
	handover_side(in->model, pc);
	if (!pc->handover_present) {
		pc->result = CHAIN_ABI_NO_HANDOVER;
		return;
	}
	if (!kernel_known || !handover_known(pc)) {
		pc->result = CHAIN_ABI_UNCHECKED;
		add_finding(pc, findings, W_CHAIN_ABI_UNCHECKED);
		return;
	}
	if (abi_matches(pc)) {
		pc->result = CHAIN_ABI_MATCH;
		return;
	}
	pc->result = CHAIN_ABI_MISMATCH;
	pc->refused = in->mode == CHAIN_MODE_ON_CLEAN;
	add_finding(pc, findings, pc->refused ? E_CHAIN_ABI_MISMATCH :
						W_CHAIN_ABI_MISMATCH);
}

const char *chain_abi_result_name(enum chain_abi_result r)
{
	static const char *const names[] = {
		"not-run", "rejected", "match", "mismatch", "no-handover",
		"unchecked",
	};

	return (unsigned int)r < ARRAY_SIZE(names) ? names[r] : "?";
}
