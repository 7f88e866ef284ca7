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
