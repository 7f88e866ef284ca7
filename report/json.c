// SPDX-License-Identifier: MIT
/*
 * The JSON report, schema 1 (docs/report-schema.md): the same sections as
 * the human report plus the boot description, as one JSON object.
 * Addresses, tokens, TSC stamps and bit masks are "0x..." strings; counts,
 * sizes and times are decimal integers; there are no floats.
 */
#include <baton/bootinfo.h>
#include <baton/tsc.h>
#include <report/bridge.h>
#include <report/chain.h>
#include <report/fingerprint.h>
#include <report/json_parts.h>
#include <report/json_writer.h>
#include <report/report_internal.h>
#include <string.h>

static const char *protocol_name(enum boot_protocol p)
{
	switch (p) {
	case BOOT_PROTOCOL_LINUX64:
		return "linux64";
	case BOOT_PROTOCOL_PVH:
		return "pvh";
	case BOOT_PROTOCOL_DTB:
		return "dtb";
	default:
		return "none";
	}
}

static void json_range(struct json_writer *w, const char *key,
		       const char *addr_key, phys_addr_t pa, u64 size)
{
	json_object_begin_inline(w, key);
	json_hex(w, addr_key, pa);
	json_u64(w, "size", size);
	json_object_end(w);
}

static void json_boot_lists(struct json_writer *w, const struct boot_info *bi)
{
	char type[32];
	u32 i;

	json_array_begin(w, "e820");
	for (i = 0; i < MIN(bi->e820_count, (u32)BOOT_E820_MAX); i++) {
		const struct boot_e820_entry *e = &bi->e820[i];

		json_object_begin_inline(w, NULL);
		json_hex(w, "addr", e->addr);
		json_u64(w, "size", e->size);
		json_u64(w, "type", e->type);
		json_string(w, "name", bootinfo_e820_type_name(e->type, type,
							       sizeof(type)));
		json_object_end(w);
	}
	json_array_end(w);
	json_u64(w, "e820_dropped", bi->e820_dropped);
	json_array_begin(w, "setup_data");
	for (i = 0; i < MIN(bi->setup_data_count, (u32)BOOT_SETUP_DATA_MAX);
	     i++) {
		json_object_begin_inline(w, NULL);
		json_hex(w, "pa", bi->setup_data[i].pa);
		json_u64(w, "type", bi->setup_data[i].type);
		json_u64(w, "len", bi->setup_data[i].len);
		json_object_end(w);
	}
	json_array_end(w);
	json_bool(w, "setup_data_truncated", bi->setup_data_truncated);
}

static void json_boot(struct json_writer *w, const struct boot_info *bi)
{
	const struct boot_kho_record *k;

	if (!bi) {
		json_null(w, "boot");
		return;
	}
	k = &bi->kho;
	json_object_begin(w, "boot");
	json_string(w, "protocol", protocol_name(bi->protocol));
	json_hex(w, "boot_params", bi->boot_params_pa);
	json_hex(w, "start_info", bi->start_info_pa);
	json_object_begin_inline(w, "image");
	json_hex(w, "start", bi->image_start);
	json_hex(w, "end", bi->image_end);
	json_object_end(w);
	json_string_bounded(w, "cmdline", bi->cmdline, sizeof(bi->cmdline));
	json_bool(w, "cmdline_truncated", bi->cmdline_truncated);
	if (bi->initrd_size)
		json_range(w, "initrd", "addr", bi->initrd_pa,
			   bi->initrd_size);
	else
		json_null(w, "initrd");
	json_hex(w, "acpi_rsdp", bi->acpi_rsdp_addr);
	json_boot_lists(w, bi);
	json_object_begin_inline(w, "kho_record");
	json_bool(w, "present", k->present);
	json_hex(w, "setup_data", k->setup_data_pa);
	json_u64(w, "len", k->len);
	json_hex(w, "fdt", k->fdt_addr);
	json_u64(w, "fdt_size", k->fdt_size);
	json_hex(w, "scratch", k->scratch_addr);
	json_u64(w, "scratch_size", k->scratch_size);
	json_object_end(w);
	json_object_end(w);
}

static void json_preserved(struct json_writer *w,
			   const struct handover_model *m)
{
	unsigned int order;
	char key[8];

	json_object_begin(w, "preserved");
	json_hex(w, "map", m->mem_map);
	json_u64(w, "entries", m->map.entries);
	json_u64(w, "bytes", m->map.bytes);
	json_u64(w, "map_pages", m->map.map_pages);
	json_u64(w, "map_bytes", m->map.map_bytes);
	json_u64(w, "unaccounted_entries", m->unaccounted_entries);
	json_u64(w, "unaccounted_bytes", m->unaccounted_bytes);
	json_object_begin(w, "by_order");
	for (order = 0; order < ARRAY_SIZE(m->map.entries_by_order); order++) {
		u64 count = m->map.entries_by_order[order];

		if (!count)
			continue;
		baton_snprintf(key, sizeof(key), "%u", order);
		json_object_begin_inline(w, key);
		json_u64(w, "count", count);
		json_u64(w, "bytes", count * (PAGE_SIZE << order));
		json_object_end(w);
	}
	json_object_end(w);
	json_object_end(w);
}

static void json_kho(struct json_writer *w, const struct handover_model *m)
{
	u32 i;

	json_object_begin(w, "kho");
	json_string(w, "version", kho_version_name(m->kho));
	json_string_bounded(w, "compatible", m->kho_compatible,
			    sizeof(m->kho_compatible));
	json_string(w, "profile", release_profile_name(m->profile));
	/* the writer's own word (kexec-metadata), which content cannot give */
	if (metadata_written_by(&m->metadata))
		json_string_bounded(w, "written_by",
				    m->metadata.previous_release,
				    sizeof(m->metadata.previous_release));
	else
		json_null(w, "written_by");
	json_hex(w, "fdt", m->fdt_pa);
	json_u64(w, "fdt_size", m->fdt_size);
	if (m->kho == KHO_VERSION_V1) {
		json_object_begin_inline(w, "v1");
		u32 bytes = report_v1_bitmap_bytes(m->v1_variant);

		if (bytes)
			json_u64(w, "bitmap_bytes", bytes);
		else
			json_null(w, "bitmap_bytes");
		json_string(w, "evidence",
			    report_v1_evidence(m->v1_detection.evidence));
		json_object_end(w);
	} else {
		json_null(w, "v1");
	}
	json_array_begin(w, "scratch");
	for (i = 0; i < MIN(m->scratch_count, MODEL_SCRATCH_MAX); i++)
		json_range(w, NULL, "addr", m->scratch[i].addr,
			   m->scratch[i].size);
	json_array_end(w);
	json_bool(w, "scratch_truncated", m->scratch_truncated);
	json_preserved(w, m);
	json_array_begin(w, "subtrees");
	for (i = 0; i < MIN(m->subtree_count, MODEL_SUBTREE_MAX); i++) {
		const struct model_subtree *st = &m->subtrees[i];

		json_object_begin_inline(w, NULL);
		json_string_bounded(w, "name", st->name, sizeof(st->name));
		json_hex(w, "pa", st->pa);
		if (st->has_size || st->size)
			json_u64(w, "size", st->size);
		else
			json_null(w, "size");
		json_bool(w, "known", st->known);
		json_object_end(w);
	}
	json_array_end(w);
	json_bool(w, "subtrees_truncated", m->subtrees_truncated);
	json_object_end(w);
}

static void json_orders(struct json_writer *w, const struct handover_model *m,
			const struct model_memfd *md)
{
	u64 counts[REPORT_ORDER_MAX], unknown;
	unsigned int order;
	char key[8];

	report_folio_orders(m, md, counts, &unknown);
	json_object_begin(w, "orders");
	for (order = 0; order < REPORT_ORDER_MAX; order++) {
		if (!counts[order])
			continue;
		baton_snprintf(key, sizeof(key), "%u", order);
		json_u64(w, key, counts[order]);
	}
	if (unknown)
		json_u64(w, "unknown", unknown);
	json_object_end(w);
}

static void json_memfd(struct json_writer *w, const struct handover_model *m,
		       const struct model_memfd *md)
{
	unsigned int bit;

	json_object_begin(w, "memfd");
	json_string(w, "version", memfd_version_name(md->version));
	json_hex(w, "pa", md->pa);
	json_u64(w, "size", md->size);
	json_u64(w, "pos", md->pos);
	if (md->version == MEMFD_VERSION_V1) {
		json_null(w, "seals");
		json_null(w, "seal_names");
		json_null(w, "flags");
	} else {
		json_hex(w, "seals", md->seals);
		json_array_begin(w, "seal_names");
		for (bit = 0; bit < REPORT_SEAL_BITS; bit++)
			if (md->seals & (1u << bit))
				json_string(w, NULL, report_seal_name(bit));
		json_array_end(w);
		json_hex(w, "flags", md->flags);
	}
	json_u64(w, "nr_folios", md->nr_folios);
	json_u64(w, "folios", md->folio_count);
	json_bool(w, "folios_truncated", md->folios_truncated);
	json_orders(w, m, md);
	json_object_end(w);
}

static void json_session(struct json_writer *w,
			 const struct handover_model *m,
			 const struct model_session *s)
{
	const struct model_file *files;
	u32 i, count;

	files = report_session_files(m, s, &count);
	json_object_begin(w, NULL);
	json_string_bounded(w, "name", s->name, sizeof(s->name));
	json_hex(w, "files_pa", s->files_pa);
	json_u64(w, "count", s->count);
	json_bool(w, "files_truncated", s->files_truncated);
	json_array_begin(w, "files");
	for (i = 0; i < count; i++) {
		const struct model_file *f = &files[i];
		const struct model_memfd *md = report_file_memfd(m, f);

		json_object_begin_inline(w, NULL);
		json_hex(w, "token", f->token);
		json_string_bounded(w, "compatible", f->compatible,
				    sizeof(f->compatible));
		json_hex(w, "data", f->data);
		if (md)
			json_memfd(w, m, md);
		else
			json_null(w, "memfd");
		json_object_end(w);
	}
	json_array_end(w);
	json_object_end(w);
}

static const char *session_format_name(enum luo_session_format f)
{
	switch (f) {
	case LUO_SESSIONS_V1:
		return "luo-session-v1";
	case LUO_SESSIONS_V2:
		return "luo-session-v2";
	case LUO_SESSIONS_BLOCKS:
		return "blocks";
	default:
		return "none";
	}
}

static void json_luo(struct json_writer *w, const struct handover_model *m)
{
	u32 i, sessions = m->sessions ? MIN(m->session_count,
					    m->sessions_cap) : 0;

	if (m->luo == LUO_VERSION_NONE) {
		json_null(w, "luo");
		return;
	}
	json_object_begin(w, "luo");
	json_string(w, "version", luo_version_name(m->luo));
	json_string(w, "session_format",
		    session_format_name(m->session_format));
	json_hex(w, "pa", m->luo_pa);
	json_u64(w, "liveupdate_num", m->liveupdate_num);
	json_hex(w, "sessions_pa", m->sessions_pa);
	json_hex(w, "flbs_pa", m->flbs_pa);
	json_array_begin(w, "sessions");
	for (i = 0; i < sessions; i++)
		json_session(w, m, &m->sessions[i]);
	json_array_end(w);
	json_bool(w, "sessions_truncated", m->sessions_truncated);
	json_array_begin(w, "flbs");
	for (i = 0; i < MIN(m->flb_count, (u32)LUO_FLB_MAX); i++) {
		json_object_begin_inline(w, NULL);
		json_string_bounded(w, "name", m->flbs[i].name,
				    sizeof(m->flbs[i].name));
		json_hex(w, "data", m->flbs[i].data);
		json_u64(w, "count", m->flbs[i].count);
		json_object_end(w);
	}
	json_array_end(w);
	json_bool(w, "flbs_truncated", m->flbs_truncated);
	json_object_end(w);
}

void report_json_blobs(struct json_writer *w,
		       const struct model_reserve_mem *rm, u32 count,
		       const struct model_metadata *md)
{
	u32 i;

	json_array_begin(w, "memblock");
	for (i = 0; i < MIN(count, (u32)RESERVE_MEM_MAX); i++) {
		json_object_begin_inline(w, NULL);
		json_string_bounded(w, "name", rm[i].name, sizeof(rm[i].name));
		json_hex(w, "start", rm[i].start);
		json_u64(w, "size", rm[i].size);
		json_object_end(w);
	}
	json_array_end(w);
	if (!md || !md->present) {
		json_null(w, "metadata");
		return;
	}
	json_object_begin(w, "metadata");
	json_u64(w, "version", md->version);
	json_string_bounded(w, "previous_release", md->previous_release,
			    sizeof(md->previous_release));
	json_u64(w, "kexec_count", md->kexec_count);
	json_object_end(w);
}

static void json_blobs(struct json_writer *w, const struct handover_model *m)
{
	if (m)
		report_json_blobs(w, m->reserve_mem, m->reserve_mem_count,
				  &m->metadata);
	else
		report_json_blobs(w, NULL, 0, NULL);
}

static void json_digest_manifest(struct json_writer *w,
				 const struct digest_report *d)
{
	json_object_begin_inline(w, "manifest");
	json_string(w, "state", digest_manifest_state_name(d->manifest));
	if (d->manifest == DIGEST_MANIFEST_FOREIGN ||
	    d->manifest == DIGEST_MANIFEST_INVALID)
		json_string(w, "error",
			    agent_manifest_error_text(d->manifest_error));
	else
		json_null(w, "error");
	if (d->manifest == DIGEST_MANIFEST_VALID) {
		json_u64(w, "version", d->manifest_version);
		json_u64(w, "files", d->manifest_files);
		json_hex(w, "checksum", d->manifest_checksum);
	} else {
		json_null(w, "version");
		json_null(w, "files");
		json_null(w, "checksum");
	}
	json_object_end(w);
}

static void json_digest_file(void *ctx, const struct model_session *s,
			     const struct model_file *f,
			     const struct model_memfd *md,
			     const struct digest_file *r)
{
	struct json_writer *w = ctx;

	json_object_begin_inline(w, NULL);
	json_string_bounded(w, "session", s->name, sizeof(s->name));
	json_hex(w, "token", f->token);
	json_u64(w, "size", md->size);
	if (r->status == DIGEST_UNREADABLE)
		json_null(w, "crc32c");
	else
		json_hex(w, "crc32c", r->crc32c);
	json_string(w, "status", digest_status_name(r->status));
	if (r->status == DIGEST_OK || r->status == DIGEST_MISMATCH) {
		json_hex(w, "manifest_crc32c", r->expected);
		json_u64(w, "manifest_size", r->expected_size);
	} else {
		json_null(w, "manifest_crc32c");
		json_null(w, "manifest_size");
	}
	json_object_end(w);
}

static void json_digest_files(struct json_writer *w,
			      const struct handover_model *m,
			      const struct digest_report *d)
{
	json_array_begin(w, "files");
	report_digest_files(m, d, json_digest_file, w);
	json_array_end(w);
}

static void json_digest(struct json_writer *w, const struct handover_model *m,
			const struct digest_report *d)
{
	if (!d) {
		json_null(w, "digest");
		return;
	}
	json_object_begin(w, "digest");
	json_bool(w, "enabled", d->enabled);
	if (!d->enabled) {
		json_object_end(w);
		return;
	}
	json_string(w, "algorithm", "crc32c");
	json_string(w, "engine", d->hw ? "sse4.2" : "table");
	json_digest_manifest(w, d);
	json_digest_files(w, m, d);
	json_bool(w, "files_truncated", d->truncated);
	json_u64(w, "ok", d->by_status[DIGEST_OK]);
	json_u64(w, "mismatch", d->by_status[DIGEST_MISMATCH]);
	json_u64(w, "missing", d->missing);
	json_u64(w, "unlisted", d->by_status[DIGEST_UNLISTED]);
	json_u64(w, "unchecked", d->by_status[DIGEST_UNCHECKED]);
	json_u64(w, "unreadable", d->by_status[DIGEST_UNREADABLE]);
	json_u64(w, "bytes", d->bytes);
	json_object_end(w);
}

static void json_memory(struct json_writer *w, const struct report_memory *mem)
{
	if (!mem) {
		json_null(w, "memory");
		return;
	}
	json_object_begin(w, "memory");
	json_u64(w, "ram_bytes", mem->ram_bytes);
	json_u64(w, "scratch_bytes", mem->scratch_bytes);
	json_u64(w, "scratch_free_bytes", mem->scratch_free_bytes);
	json_u64(w, "scratch_areas", mem->scratch_areas);
	json_u64(w, "scratch_refused", mem->scratch_refused);
	json_u64(w, "preserved_entries", mem->preserved_entries);
	json_u64(w, "preserved_ranges", mem->preserved_ranges);
	json_u64(w, "preserved_bytes", mem->preserved_bytes);
	json_u64(w, "map_bytes", mem->map_bytes);
	json_u64(w, "baton_bytes", mem->baton_bytes);
	json_u64(w, "next_kernel_bytes", mem->next_kernel_bytes);
	json_object_end(w);
}

static void json_timeline(struct json_writer *w,
			  const struct report_timeline *t)
{
	u32 i;

	if (!t) {
		json_null(w, "timeline");
		return;
	}
	json_object_begin(w, "timeline");
	json_u64(w, "tsc_khz", t->tsc_khz);
	json_string_bounded(w, "method", t->method, sizeof(t->method));
	json_hex(w, "start_tsc", t->start_tsc);
	json_array_begin(w, "phases");
	for (i = 0; i < MIN(t->count, (u32)TIMELINE_PHASE_MAX); i++) {
		u64 at = timeline_phase_ticks(t, i);
		u64 delta = timeline_phase_delta(t, i);

		json_object_begin_inline(w, NULL);
		json_string_bounded(w, "name", t->phases[i].name,
				    sizeof(t->phases[i].name));
		json_hex(w, "tsc", t->phases[i].tsc);
		json_u64(w, "ticks", at);
		if (t->tsc_khz) {
			json_u64(w, "us", tsc_ticks_to_us(at, t->tsc_khz));
			json_u64(w, "delta_us",
				 tsc_ticks_to_us(delta, t->tsc_khz));
		} else {
			json_null(w, "us");
			json_null(w, "delta_us");
		}
		json_object_end(w);
	}
	json_array_end(w);
	json_u64(w, "dropped", t->dropped);
	json_object_end(w);
}

void report_json_finding_list(struct json_writer *w,
			      const struct finding_list *l)
{
	u32 j;

	for (j = 0; l && l->items && j < MIN(l->count, l->capacity); j++) {
		const struct finding *f = &l->items[j];

		json_object_begin_inline(w, NULL);
		json_string(w, "code", finding_code_name(f->code));
		json_string(w, "severity", finding_severity_name(f->severity));
		json_hex(w, "pa", f->pa);
		json_string_bounded(w, "message", f->message,
				    sizeof(f->message));
		json_object_end(w);
	}
}

static void json_findings(struct json_writer *w, const struct report_input *in)
{
	u32 i;

	json_array_begin(w, "findings");
	for (i = 0; i < REPORT_FINDING_LISTS; i++)
		report_json_finding_list(w, in->findings[i]);
	json_array_end(w);
}

void report_json_verdict(struct json_writer *w,
			 const struct report_verdict *v)
{
	char text[96];

	report_verdict_text(v, text, sizeof(text));
	json_object_begin(w, "verdict");
	json_bool(w, "handover", v->handover);
	json_bool(w, "ok", v->ok);
	json_u64(w, "errors", v->errors);
	json_u64(w, "warnings", v->warnings);
	json_u64(w, "infos", v->infos);
	json_u64(w, "findings_stored", v->stored);
	json_u64(w, "findings_dropped", v->dropped);
	json_string(w, "text", text);
	json_object_end(w);
}

u64 report_json(const struct report_input *in, print_sink_fn sink, void *ctx,
		bool pretty)
{
	const struct handover_model *m = report_model(in);
	struct report_verdict v;
	struct json_writer w;

	json_init(&w, sink, ctx, pretty);
	json_object_begin(&w, NULL);
	json_object_begin(&w, "baton");
	json_string(&w, "version", in->baton_version ? in->baton_version : "?");
	json_u64(&w, "schema", REPORT_SCHEMA_VERSION);
	json_object_end(&w);
	json_boot(&w, in->boot);
	if (m) {
		json_kho(&w, m);
		json_luo(&w, m);
	} else {
		json_null(&w, "kho");
		json_null(&w, "luo");
	}
	json_blobs(&w, m);
	json_memory(&w, in->memory);
	json_timeline(&w, in->timeline);
	if (in->fingerprint)
		report_json_fingerprint(&w, in->fingerprint);
	json_digest(&w, m, m ? in->digest : NULL);
	if (in->bridge)
		report_bridge_json(&w, in->bridge);
	report_chain_json(&w, in->chain);
	json_findings(&w, in);
	report_verdict(in, &v);
	report_json_verdict(&w, &v);
	json_object_end(&w);
	return w.bytes;
}

void report_json_console(const struct report_input *in, print_sink_fn sink,
			 void *ctx)
{
	static const char begin[] = REPORT_JSON_BEGIN "\n";
	static const char end[] = "\n" REPORT_JSON_END "\n";

	sink(ctx, begin, sizeof(begin) - 1);
	report_json(in, sink, ctx, true);
	sink(ctx, end, sizeof(end) - 1);
}
