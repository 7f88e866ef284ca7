// SPDX-License-Identifier: MIT
/*
 * The human report: the handover as stable, greppable lines, printed after
 * the boot summary. Every format here is documented in
 * docs/report-format.md and asserted by tests: change both together.
 */
#include <baton/tsc.h>
#include <report/bridge.h>
#include <report/report_internal.h>
#include <string.h>

struct human {
	report_line_fn line;
	void *ctx;
	struct report_line l;
};

#define ADDR	"0x%016llx"
#define ULL(x)	((unsigned long long)(x))

/* Escaped copies of fixed-size fields (report_escape modes). */
#define QUOTED(buf, field) \
	report_escape(buf, sizeof(buf), field, sizeof(field), \
		      REPORT_ESCAPE_QUOTED)
#define TOKEN(buf, field) \
	report_escape(buf, sizeof(buf), field, sizeof(field), \
		      REPORT_ESCAPE_TOKEN)
#define TEXT(buf, field) \
	report_escape(buf, sizeof(buf), field, sizeof(field), \
		      REPORT_ESCAPE_TEXT)

static void start(struct human *h, const char *fmt, ...) __printf(2, 3);

static void start(struct human *h, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = baton_vsnprintf(h->l.text, sizeof(h->l.text), fmt, ap);
	va_end(ap);
	h->l.len = n < 0 ? 0 : MIN((size_t)n, sizeof(h->l.text) - 1);
}

static void flush(struct human *h)
{
	h->line(h->ctx, h->l.text);
	report_line_reset(&h->l);
}

/* "[mem 0x<first>-0x<last>] size 0x<n>", Linux style inclusive end. */
static void add_mem(struct human *h, phys_addr_t pa, u64 size)
{
	u64 last = size ? pa + size - 1 : pa;

	report_line_add(&h->l, "[mem " ADDR "-" ADDR "] size 0x%llx", ULL(pa),
			ULL(last), ULL(size));
}

/*
 * Which kernel wrote the handover: kexec-metadata's previous_release when
 * the handover names it (content cannot tell 7.2 from 7.3), else the
 * content-based release profile.
 */
static void print_versions(struct human *h, const struct handover_model *m)
{
	char rel[4 * sizeof(m->metadata.previous_release) + 1];

	if (metadata_written_by(&m->metadata)) {
		start(h, "kho: written by %s (kexec-metadata): %s, %s, %s",
		      TOKEN(rel, m->metadata.previous_release),
		      kho_version_name(m->kho), luo_version_name(m->luo),
		      memfd_version_name(m->memfd));
		flush(h);
		return;
	}
	if (m->profile != PROFILE_UNKNOWN)
		start(h, "kho: this handover looks like Linux %s",
		      release_profile_name(m->profile));
	else
		start(h, "kho: release not recognised");
	report_line_add(&h->l, " (%s, %s, %s)", kho_version_name(m->kho),
			luo_version_name(m->luo),
			memfd_version_name(m->memfd));
	flush(h);
}

static void print_kho(struct human *h, const struct handover_model *m)
{
	char name[4 * MODEL_NAME_MAX + 1];
	u32 i;

	start(h, "kho: fdt " ADDR " size 0x%llx compatible \"%s\"",
	      ULL(m->fdt_pa), ULL(m->fdt_size),
	      QUOTED(name, m->kho_compatible));
	flush(h);
	if (m->kho == KHO_VERSION_V1) {
		u32 bytes = report_v1_bitmap_bytes(m->v1_variant);

		if (bytes)
			start(h, "kho: kho-v1 bitmap %u", bytes);
		else
			start(h, "kho: kho-v1 bitmap unknown");
		report_line_add(&h->l, " evidence %s",
				report_v1_evidence(m->v1_detection.evidence));
		flush(h);
	}
	for (i = 0; i < MIN(m->scratch_count, MODEL_SCRATCH_MAX); i++) {
		start(h, "kho: scratch %u ", i);
		add_mem(h, m->scratch[i].addr, m->scratch[i].size);
		flush(h);
	}
	if (m->scratch_truncated) {
		start(h, "kho: scratch list truncated");
		flush(h);
	}
}

static void print_preserved(struct human *h, const struct handover_model *m)
{
	unsigned int order;

	start(h, "kho: preserved-memory-map " ADDR " entries %llu bytes 0x%llx map pages %llu",
	      ULL(m->mem_map), ULL(m->map.entries), ULL(m->map.bytes),
	      ULL(m->map.map_pages));
	flush(h);
	for (order = 0; order < ARRAY_SIZE(m->map.entries_by_order); order++) {
		u64 count = m->map.entries_by_order[order];

		if (!count)
			continue;
		start(h, "kho: preserved order %u count %llu bytes 0x%llx",
		      order, ULL(count), ULL(count * (PAGE_SIZE << order)));
		flush(h);
	}
	start(h, "kho: preserved unaccounted entries %llu bytes 0x%llx",
	      ULL(m->unaccounted_entries), ULL(m->unaccounted_bytes));
	flush(h);
}

static void print_subtrees(struct human *h, const struct handover_model *m)
{
	char name[4 * MODEL_NAME_MAX + 1];
	u32 i;

	for (i = 0; i < MIN(m->subtree_count, MODEL_SUBTREE_MAX); i++) {
		const struct model_subtree *st = &m->subtrees[i];

		start(h, "kho: subtree \"%s\" pa " ADDR,
		      QUOTED(name, st->name), ULL(st->pa));
		if (st->has_size || st->size)
			report_line_add(&h->l, " size 0x%llx", ULL(st->size));
		else
			report_line_add(&h->l, " size -");
		report_line_add(&h->l, " %s", st->known ? "known" : "unknown");
		flush(h);
	}
	if (m->subtrees_truncated) {
		start(h, "kho: subtree list truncated");
		flush(h);
	}
}

static void add_orders(struct human *h, const struct handover_model *m,
		       const struct model_memfd *md)
{
	u64 counts[REPORT_ORDER_MAX], unknown;
	unsigned int order;
	bool any = false;

	report_folio_orders(m, md, counts, &unknown);
	report_line_add(&h->l, " orders ");
	for (order = 0; order < REPORT_ORDER_MAX; order++) {
		if (!counts[order])
			continue;
		report_line_add(&h->l, "%s%u:%llu", any ? "," : "", order,
				ULL(counts[order]));
		any = true;
	}
	if (unknown) {
		report_line_add(&h->l, "%s?:%llu", any ? "," : "",
				ULL(unknown));
		any = true;
	}
	if (!any)
		report_line_add(&h->l, "-");
}

static void add_memfd(struct human *h, const struct handover_model *m,
		      const struct model_memfd *md)
{
	char seals[64];

	report_line_add(&h->l, " size 0x%llx pos 0x%llx", ULL(md->size),
			ULL(md->pos));
	if (md->version == MEMFD_VERSION_V1)
		report_line_add(&h->l, " seals - flags -");
	else
		report_line_add(&h->l, " seals 0x%x (%s) flags 0x%x",
				md->seals,
				report_seal_list(md->seals, seals,
						 sizeof(seals)),
				md->flags);
	report_line_add(&h->l, " folios %u", md->folio_count);
	if (md->nr_folios != md->folio_count)
		report_line_add(&h->l, " of %llu", ULL(md->nr_folios));
	if (md->folios_truncated)
		report_line_add(&h->l, " (truncated)");
	add_orders(h, m, md);
}

static void print_file(struct human *h, const struct handover_model *m,
		       const struct model_file *f)
{
	char compat[4 * (LUO_FILE_COMPAT_LEN + 1)];
	const struct model_memfd *md = report_file_memfd(m, f);

	start(h, "luo:   file token 0x%llx %s", ULL(f->token),
	      f->compatible[0] ? TOKEN(compat, f->compatible) : "-");
	if (md)
		add_memfd(h, m, md);
	report_line_add(&h->l, " data " ADDR, ULL(f->data));
	flush(h);
}

static void print_session(struct human *h, const struct handover_model *m,
			  const struct model_session *s)
{
	char name[4 * (LUO_SESSION_NAME_LEN + 1)];
	const struct model_file *files;
	u32 i, count;

	files = report_session_files(m, s, &count);
	start(h, "luo: session \"%s\" files %u", QUOTED(name, s->name),
	      count);
	if (s->count != count)
		report_line_add(&h->l, " of %llu", ULL(s->count));
	if (s->files_truncated)
		report_line_add(&h->l, " (truncated)");
	flush(h);
	for (i = 0; i < count; i++)
		print_file(h, m, &files[i]);
}

static void print_luo(struct human *h, const struct handover_model *m)
{
	char name[4 * (LUO_FLB_NAME_LEN + 1)];
	u32 i, sessions = MIN(m->session_count, m->sessions_cap);

	if (m->luo == LUO_VERSION_NONE) {
		start(h, "luo: none");
		flush(h);
		return;
	}
	if (!m->sessions)
		sessions = 0;
	start(h, "luo: %s liveupdate_num %llu sessions %u files %u flbs %u",
	      luo_version_name(m->luo), ULL(m->liveupdate_num), sessions,
	      MIN(m->file_count, m->files_cap),
	      MIN(m->flb_count, (u32)LUO_FLB_MAX));
	flush(h);
	for (i = 0; i < sessions; i++)
		print_session(h, m, &m->sessions[i]);
	if (m->sessions_truncated) {
		start(h, "luo: session list truncated");
		flush(h);
	}
	for (i = 0; i < MIN(m->flb_count, (u32)LUO_FLB_MAX); i++) {
		start(h, "luo: flb \"%s\" data 0x%llx count %llu",
		      QUOTED(name, m->flbs[i].name),
		      ULL(m->flbs[i].data), ULL(m->flbs[i].count));
		flush(h);
	}
	if (m->flbs_truncated) {
		start(h, "luo: flb list truncated");
		flush(h);
	}
}

static void print_blobs(struct human *h, const struct handover_model *m)
{
	char name[4 * (KHO_METADATA_RELEASE_LEN + 1)];
	u32 i, n = MIN(m->reserve_mem_count, (u32)RESERVE_MEM_MAX);

	for (i = 0; i < n; i++) {
		const struct model_reserve_mem *r = &m->reserve_mem[i];

		start(h, "memblock: reserve_mem \"%s\" ",
		      QUOTED(name, r->name));
		add_mem(h, r->start, r->size);
		flush(h);
	}
	if (!n) {
		start(h, "memblock: none");
		flush(h);
	}
	if (m->reserve_mem_truncated) {
		start(h, "memblock: reserve_mem list truncated");
		flush(h);
	}
	if (!m->metadata.present) {
		start(h, "kexec-metadata: none");
	} else {
		start(h, "kexec-metadata: version %u previous_release \"%s\" kexec_count %u",
		      m->metadata.version,
		      QUOTED(name, m->metadata.previous_release),
		      m->metadata.kexec_count);
	}
	flush(h);
}

static void print_digest_head(struct human *h, const struct digest_report *d)
{
	if (!d->enabled) {
		start(h, "digest: off (baton.digest=off)");
		flush(h);
		return;
	}
	start(h, "digest: crc32c (%s)", d->hw ? "sse4.2" : "table");
	switch (d->manifest) {
	case DIGEST_MANIFEST_VALID:
		report_line_add(&h->l, " manifest \"%s\" token 0x%x version %u files %u checksum 0x%08x",
				AGENT_MANIFEST_SESSION,
				AGENT_MANIFEST_FILE_TOKEN, d->manifest_version,
				d->manifest_files, d->manifest_checksum);
		break;
	case DIGEST_MANIFEST_ABSENT:
		report_line_add(&h->l, " no agent manifest: digests not checked");
		break;
	default:
		report_line_add(&h->l, " manifest %s (%s): digests not checked",
				digest_manifest_state_name(d->manifest),
				agent_manifest_error_text(d->manifest_error));
	}
	flush(h);
}

static void print_digest_file(void *ctx, const struct model_session *s,
			      const struct model_file *f,
			      const struct model_memfd *md,
			      const struct digest_file *r)
{
	struct human *h = ctx;
	char name[4 * (LUO_SESSION_NAME_LEN + 1)];

	QUOTED(name, s->name);
	start(h, "digest: session \"%s\" token 0x%llx size 0x%llx", name,
	      ULL(f->token), ULL(md->size));
	if (r->status == DIGEST_UNREADABLE) {
		report_line_add(&h->l, " unreadable");
	} else {
		report_line_add(&h->l, " crc32c 0x%08x %s", r->crc32c,
				r->status == DIGEST_MISMATCH ? "MISMATCH" :
				digest_status_name(r->status));
	}
	if (r->status == DIGEST_MISMATCH)
		report_line_add(&h->l, " (manifest 0x%08x size 0x%llx)",
				r->expected, ULL(r->expected_size));
	flush(h);
}

static void print_digest(struct human *h, const struct handover_model *m,
			 const struct digest_report *d)
{
	print_digest_head(h, d);
	if (!d->enabled)
		return;
	report_digest_files(m, d, print_digest_file, h);
	start(h, "digest: files %u ok %u mismatch %u missing %u unlisted %u unchecked %u unreadable %u bytes 0x%llx%s",
	      d->count - d->by_status[DIGEST_NOT_MEMFD],
	      d->by_status[DIGEST_OK], d->by_status[DIGEST_MISMATCH],
	      d->missing, d->by_status[DIGEST_UNLISTED],
	      d->by_status[DIGEST_UNCHECKED], d->by_status[DIGEST_UNREADABLE],
	      ULL(d->bytes), d->truncated ? " (truncated)" : "");
	flush(h);
}

static void print_memory(struct human *h, const struct report_memory *mem)
{
	start(h, "memory: ram 0x%llx preserved 0x%llx (%llu entries, %llu ranges) map 0x%llx",
	      ULL(mem->ram_bytes), ULL(mem->preserved_bytes),
	      ULL(mem->preserved_entries), ULL(mem->preserved_ranges),
	      ULL(mem->map_bytes));
	flush(h);
	start(h, "memory: scratch 0x%llx in %u areas (%u refused) free 0x%llx",
	      ULL(mem->scratch_bytes), mem->scratch_areas,
	      mem->scratch_refused, ULL(mem->scratch_free_bytes));
	flush(h);
	start(h, "memory: baton 0x%llx next-kernel 0x%llx",
	      ULL(mem->baton_bytes), ULL(mem->next_kernel_bytes));
	flush(h);
}

static void print_timeline(struct human *h, const struct report_timeline *t)
{
	char method[4 * TIMELINE_METHOD_MAX];
	char name[4 * TIMELINE_NAME_MAX];
	u32 i, n = MIN(t->count, (u32)TIMELINE_PHASE_MAX);
	u64 khz = t->tsc_khz;

	if (khz)
		start(h, "timeline: tsc %llu kHz (%s)", ULL(khz),
		      t->method[0] ? QUOTED(method, t->method) : "-");
	else
		start(h, "timeline: tsc frequency unknown");
	flush(h);
	for (i = 0; i < n; i++) {
		u64 at = timeline_phase_ticks(t, i);
		u64 delta = timeline_phase_delta(t, i);

		TOKEN(name, t->phases[i].name);
		if (khz)
			start(h, "timeline: %s at %llu us (+%llu us)", name,
			      ULL(tsc_ticks_to_us(at, khz)),
			      ULL(tsc_ticks_to_us(delta, khz)));
		else
			start(h, "timeline: %s at %llu ticks (+%llu ticks)",
			      name, ULL(at), ULL(delta));
		flush(h);
	}
	if (t->dropped) {
		start(h, "timeline: %u phases dropped", t->dropped);
		flush(h);
	}
}

/* The next kernel's ABI precheck (docs/chain.md). */
static void print_chain(struct human *h, const struct chain_precheck *pc)
{
	char text[256];

	chain_precheck_text(pc, text, sizeof(text));
	start(h, "chain: %s", text);
	flush(h);
}

/* What baton.bridge=on wrote (docs/bridge.md). */
static void print_bridge(struct human *h, const struct bridge_result *b)
{
	char text[REPORT_LINE_MAX];

	report_bridge_text(b, text, sizeof(text));
	start(h, "bridge: %s", text);
	flush(h);
}

static void print_findings(struct human *h, const struct report_input *in,
			   const struct report_verdict *v)
{
	char message[4 * FINDING_MESSAGE_MAX + 1], text[REPORT_LINE_MAX];
	u32 i, j;

	for (i = 0; i < REPORT_FINDING_LISTS; i++) {
		const struct finding_list *l = in->findings[i];

		if (!l || !l->items)
			continue;
		for (j = 0; j < MIN(l->count, l->capacity); j++) {
			const struct finding *f = &l->items[j];

			finding_line(text, sizeof(text), f,
				     TEXT(message, f->message),
				     FINDING_PA_PADDED);
			start(h, "%s", text);
			flush(h);
		}
	}
	if (v->dropped) {
		start(h, "findings: %llu more not stored", ULL(v->dropped));
		flush(h);
	}
}

void report_human(const struct report_input *in, report_line_fn line,
		  void *ctx)
{
	const struct handover_model *m = report_model(in);
	struct report_verdict v;
	char verdict[96];
	struct human h = { .line = line, .ctx = ctx };

	report_verdict(in, &v);
	start(&h, "report: baton %s schema %u",
	      in->baton_version ? in->baton_version : "?",
	      REPORT_SCHEMA_VERSION);
	flush(&h);
	if (m) {
		print_versions(&h, m);
		print_kho(&h, m);
		print_preserved(&h, m);
		print_subtrees(&h, m);
		print_luo(&h, m);
		print_blobs(&h, m);
		if (in->digest)
			print_digest(&h, m, in->digest);
	} else {
		start(&h, "report: no handover");
		flush(&h);
	}
	if (in->memory)
		print_memory(&h, in->memory);
	if (in->timeline)
		print_timeline(&h, in->timeline);
	if (in->bridge)
		print_bridge(&h, in->bridge);
	if (in->chain)
		print_chain(&h, in->chain);
	print_findings(&h, in, &v);
	report_verdict_text(&v, verdict, sizeof(verdict));
	start(&h, "baton: %s", verdict);
	flush(&h);
}

void report_human_summary(const struct report_input *in, report_line_fn line,
			  void *ctx)
{
	struct report_verdict v;
	char verdict[96];
	struct human h = { .line = line, .ctx = ctx };

	report_verdict(in, &v);
	start(&h, "report: baton %s schema %u (summary: baton.log=summary)",
	      in->baton_version ? in->baton_version : "?",
	      REPORT_SCHEMA_VERSION);
	flush(&h);
	if (in->timeline)
		print_timeline(&h, in->timeline);
	print_findings(&h, in, &v);
	report_verdict_text(&v, verdict, sizeof(verdict));
	start(&h, "baton: %s", verdict);
	flush(&h);
}
