// SPDX-License-Identifier: MIT
/*
 * handover_parse: the KHO layer, the LUO layer, then what needs both —
 * preserved memory nothing accounts for and the release profile.
 */
#include <luo/handover.h>

/*
 * Storage limits, sorted by what they cost. Where the model only failed to
 * store something that was validated in full, a warning says so. Where a
 * check needs the stored objects (duplicate names and tokens, in-scratch
 * tests, overlap checks), the objects not stored were not validated: an
 * error, so the handover cannot come out OK.
 */
static void report_storage_limits(struct handover_access *ha,
				  const struct handover_model *m)
{
	bool stored_only = m->subtrees_truncated || m->flbs_truncated ||
			   m->reserve_mem_truncated;
	u32 i, sessions = 0, memfds = 0;

	if (m->scratch_truncated)
		ha_report(ha, E_NOT_VALIDATED, 0,
			  "more than %u scratch areas: preserved ranges checked against the first %u only",
			  MODEL_SCRATCH_MAX, MODEL_SCRATCH_MAX);
	if (m->map_pages_truncated)
		ha_report(ha, E_NOT_VALIDATED, 0,
			  "more than %llu map pages: the rest not checked against preserved memory and scratch",
			  (unsigned long long)m->map_pages_cap);
	if (m->preserved.dropped)
		ha_report(ha, E_NOT_VALIDATED, 0,
			  "%llu preserved ranges beyond the index: overlaps, coverage and claims not checked for them",
			  (unsigned long long)m->preserved.dropped);
	if (m->preserved.claims_lost)
		ha_report(ha, E_NOT_VALIDATED, 0,
			  "%llu claims of preserved ranges not recorded (a run's claim bitmap needed %llu bytes, more than was free): duplicate use not checked for them",
			  (unsigned long long)m->preserved.claims_lost,
			  (unsigned long long)m->preserved.claims_need);
	if (m->sessions_truncated)
		ha_report(ha, E_NOT_VALIDATED, 0,
			  "more than %u sessions: names beyond them not checked for duplicates",
			  m->sessions_cap);
	for (i = 0; i < m->session_count; i++)
		sessions += m->sessions[i].files_truncated;
	if (sessions)
		ha_report(ha, E_NOT_VALIDATED, 0,
			  "file storage (%u files) full: tokens of %u sessions not all checked for duplicates",
			  m->files_cap, sessions);
	if (m->grow_refused.what)
		ha_report(ha, E_NOT_VALIDATED, 0,
			  "model storage: %s needed room for %llu (%llu bytes), more than was free",
			  m->grow_refused.what,
			  (unsigned long long)m->grow_refused.count,
			  (unsigned long long)m->grow_refused.bytes);
	for (i = 0; i < m->memfd_count; i++)
		memfds += m->memfds[i].folios_truncated;
	if (stored_only || memfds)
		ha_report(ha, W_MODEL_TRUNCATED, 0,
			  "model storage exhausted: %u sub-blobs of %u, %u memfds' folios validated but not stored",
			  m->subtree_count, m->subtree_total, memfds);
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
	report_storage_limits(&ha, m);
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
