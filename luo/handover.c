// SPDX-License-Identifier: MIT
/*
 * handover_parse: the KHO layer, the LUO layer, then what needs both —
 * preserved memory nothing accounts for and the release profile.
 */
#include <luo/handover.h>

static bool model_truncated(const struct handover_model *m)
{
	u32 i;

	if (m->sessions_truncated || m->subtrees_truncated ||
	    m->scratch_truncated || m->flbs_truncated ||
	    m->reserve_mem_truncated || m->map_pages_truncated)
		return true;
	for (i = 0; i < m->session_count; i++)
		if (m->sessions[i].files_truncated)
			return true;
	for (i = 0; i < m->memfd_count; i++)
		if (m->memfds[i].folios_truncated)
			return true;
	return false;
}

/*
 * Combinations that no Linux release writes (§1.2): luo-v5 and kho-v4 only
 * exist together (7.2), 7.2 accepts only memfd-v2, and kexec-metadata came
 * with kho-v3.
 */
static void check_version_mix(struct handover_access *ha,
			      const struct handover_model *m)
{
	bool luo_v5 = m->luo == LUO_VERSION_V5;

	if (m->luo != LUO_VERSION_NONE && m->luo != LUO_VERSION_UNKNOWN &&
	    luo_v5 != (m->kho == KHO_VERSION_V4))
		ha_report(ha, W_VERSION_MIX, m->luo_pa, "%s under %s",
			  luo_version_name(m->luo), kho_version_name(m->kho));
	if (luo_v5 && (m->memfd_seen & (1u << MEMFD_VERSION_V1)))
		ha_report(ha, W_VERSION_MIX, m->luo_pa,
			  "memfd-v1 files under luo-v5 (7.2 reads only memfd-v2)");
	if (m->metadata.present && m->kho < KHO_VERSION_V3)
		ha_report(ha, W_VERSION_MIX, m->fdt_pa,
			  "kexec-metadata under %s (it came with kho-v3)",
			  kho_version_name(m->kho));
}

void handover_parse(const struct handover_config *cfg,
		    const struct model_storage *st, struct handover_model *m,
		    struct finding_list *findings)
{
	struct handover_access ha;

	kho_parse(cfg, st, m, findings);
	if (m->kho == KHO_VERSION_NONE || m->kho == KHO_VERSION_UNKNOWN)
		return;
	luo_parse(cfg, m, findings);
	handover_access_for(&ha, cfg, m, findings);
	if (model_truncated(m))
		ha_report(&ha, W_MODEL_TRUNCATED, 0,
			  "model storage exhausted: some objects were validated but not stored");
	m->unaccounted_bytes = preserved_index_unclaimed(&m->preserved,
							 &m->unaccounted_entries);
	if (m->unaccounted_bytes)
		ha_report(&ha, I_PRESERVED_UNACCOUNTED, 0,
			  "%llu bytes in %llu preserved ranges not referenced by any parsed structure",
			  (unsigned long long)m->unaccounted_bytes,
			  (unsigned long long)m->unaccounted_entries);
	check_version_mix(&ha, m);
	m->profile = release_profile_detect(m);
	ha_report(&ha, I_RELEASE_PROFILE, m->fdt_pa,
		  "this handover looks like Linux %s (%s, %s, %s)",
		  release_profile_name(m->profile), kho_version_name(m->kho),
		  luo_version_name(m->luo), memfd_version_name(m->memfd));
}

void handover_validate(const struct phys_view *view,
		       const struct boot_kho_record *kho,
		       const struct model_storage *st,
		       struct handover_model *m,
		       struct finding_list *findings)
{
	struct handover_config cfg = { .view = view, .kho = *kho };

	handover_parse(&cfg, st, m, findings);
}
