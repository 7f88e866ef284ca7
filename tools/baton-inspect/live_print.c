// SPDX-License-Identifier: MIT
/*
 * `baton-inspect live` output: human "live:" lines, or baton's JSON report
 * (docs/report-schema.md) where every value that needs physical memory is
 * null, plus a top-level "live" member naming what debugfs showed, what
 * cannot be known and the Linux 7.2 limits that apply (docs/inspect.md).
 */
#include <stdio.h>
#include <string.h>
#include <boot/flow.h>
#include <report/json_parts.h>
#include <report/json_writer.h>
#include <report/report.h>
#include "live.h"

#define ULL(x)	((unsigned long long)(x))

/* Not known without physical memory, whatever the directory holds. */
static const char *const unknown[] = {
	"kho.fdt and kho.fdt_size: the root FDT's address and record size",
	"kho.preserved: every count (the preserved-memory map is in physical memory)",
	"luo.sessions, luo.flbs: kho_block chains in physical memory",
	"memfd files and folios",
	"whether the sub-blobs and reserve_mem ranges are preserved",
};

#define NOTE_OUT_FDT \
	"out/fdt: Linux 7.2 exposes it at the size it had when registered; subtrees added later make it longer, so the file is cut short"
#define NOTE_IN_LUO \
	"in/sub_fdts/LUO: LUO may reuse this memory once it has consumed the handover, so its bytes can be stale"
#define NOTE_IN_LUO_CONSUMED \
	"in/sub_fdts/LUO holds no LUO root: Linux 7.2 frees it once LUO has read it at early boot, and the memory was reused; LUO's values are not known"
#define NOTE_OUT_LUO \
	"out/sub_fdts/LUO: LUO serializes sessions, files and FLBs only inside reboot(); until then sessions_pa/flbs_pa point at unfilled blocks"

static void verdict_of(const struct live_report *r, struct report_verdict *v)
{
	const struct finding_list *f = &r->findings;

	*v = (struct report_verdict){
		.handover = true,
		.ok = !f->by_severity[FINDING_ERROR],
		.errors = f->by_severity[FINDING_ERROR],
		.warnings = f->by_severity[FINDING_WARNING],
		.infos = f->by_severity[FINDING_INFO],
		.stored = MIN(f->count, f->capacity),
		.dropped = f->dropped,
	};
}

/* ---- human lines ---------------------------------------------------- */

static void human_luo(const char *side, const struct live_luo *l)
{
	if (l->kind == LIVE_LUO_FDT)
		printf("live:   %s LUO: FDT compatible \"%s\" (luo-v1: session and FLB arrays are in physical memory)\n",
		       side, l->compatible);
	else if (l->kind == LIVE_LUO_V5)
		printf("live:   %s LUO: compatible \"%s\" liveupdate_num %llu sessions 0x%llx flbs 0x%llx\n",
		       side, l->compatible, ULL(l->liveupdate_num),
		       ULL(l->sessions_pa), ULL(l->flbs_pa));
	else if (l->kind == LIVE_LUO_CONSUMED)
		printf("live:   %s LUO: no LUO root (consumed and freed by LUO at boot; memory reused)\n",
		       side);
}

static void human_side(const struct live_report *r,
		       const struct live_side *s)
{
	u32 i;

	if (!s->present) {
		printf("live: %s/fdt: not present\n", s->name);
		return;
	}
	if (!s->complete) {
		printf("live: %s/fdt: %zu bytes, not a complete FDT%s\n",
		       s->name, s->bytes, s == &r->out ?
		       " (Linux 7.2 exposes out/fdt at its size when registered)" : "");
		return;
	}
	printf("live: %s/fdt: %zu bytes compatible \"%s\" preserved-memory-map 0x%llx\n",
	       s->name, s->bytes, s->compatible, ULL(s->mem_map));
	for (i = 0; i < s->subtree_count; i++) {
		const struct live_subtree *t = &s->subtrees[i];

		if (t->has_size)
			printf("live: %s subtree \"%s\" data 0x%llx size 0x%llx\n",
			       s->name, t->name, ULL(t->pa), ULL(t->blob_size));
		else
			printf("live: %s subtree \"%s\" data 0x%llx size (not given)\n",
			       s->name, t->name, ULL(t->pa));
		if (t->file_present)
			printf("live:   %s/sub_fdts/%s: %zu bytes\n", s->name,
			       t->name, t->file_bytes);
		else
			printf("live:   %s/sub_fdts/%s: not present\n", s->name,
			       t->name);
		if (!strcmp(t->name, KHO_SUBTREE_LUO))
			human_luo(s->name, s == &r->in ? &r->luo : &r->out_luo);
	}
}

void live_print_human(const struct live_report *r)
{
	const struct model_metadata *md = &r->metadata;
	const struct finding_list *f = &r->findings;
	struct report_verdict v;
	char text[128], line[FINDING_LINE_MAX];
	u32 i;

	printf("live: KHO debugfs %s\n", r->dir);
	human_side(r, &r->in);
	if (md->present)
		printf("live: kexec-metadata: version %u previous_release \"%s\" kexec_count %u\n",
		       md->version, md->previous_release, md->kexec_count);
	for (i = 0; i < r->reserve_mem_count; i++)
		printf("live: memblock: reserve_mem \"%s\" start 0x%llx size 0x%llx\n",
		       r->reserve_mem[i].name, ULL(r->reserve_mem[i].start),
		       ULL(r->reserve_mem[i].size));
	human_side(r, &r->out);
	for (i = 0; i < r->scratch_count; i++)
		printf("live: scratch %u addr 0x%llx size 0x%llx\n", i,
		       ULL(r->scratch[i].addr), ULL(r->scratch[i].size));
	if (r->luo.kind == LIVE_LUO_CONSUMED)
		printf("live: note: %s\n", NOTE_IN_LUO_CONSUMED);
	else if (r->luo.kind != LIVE_LUO_NONE)
		printf("live: note: %s\n", NOTE_IN_LUO);
	if (r->out_luo.kind != LIVE_LUO_NONE)
		printf("live: note: %s\n", NOTE_OUT_LUO);
	for (i = 0; i < ARRAY_SIZE(unknown); i++)
		printf("live: not known without physical memory: %s\n",
		       unknown[i]);
	for (i = 0; i < MIN(f->count, f->capacity); i++) {
		finding_line(line, sizeof(line), &f->items[i], NULL,
			     FINDING_PA_PADDED);
		printf("%s\n", line);
	}
	verdict_of(r, &v);
	report_verdict_text(&v, text, sizeof(text));
	printf("live: %s\n", text);
}

/* ---- JSON ----------------------------------------------------------- */

static void print_sink(void *ctx, const char *s, size_t len)
{
	fwrite(s, 1, len, stdout);
}

/*
 * kho.subtrees (files false) lists what baton's model would: subtrees
 * with a pointer. live.*.subtrees (files true) lists every node.
 */
static void json_subtrees(struct json_writer *w, const struct live_side *s,
			  bool files)
{
	u32 i;

	json_array_begin(w, "subtrees");
	for (i = 0; i < s->subtree_count; i++) {
		const struct live_subtree *t = &s->subtrees[i];

		if (!files && !t->has_pa)
			continue;
		json_object_begin_inline(w, NULL);
		json_string(w, "name", t->name);
		json_hex(w, "pa", t->pa);
		if (t->has_size)
			json_u64(w, "size", t->blob_size);
		else
			json_null(w, "size");
		json_bool(w, "known", t->known);
		if (files && t->file_present)
			json_u64(w, "file_bytes", t->file_bytes);
		else if (files)
			json_null(w, "file_bytes");
		json_object_end(w);
	}
	json_array_end(w);
	json_bool(w, "subtrees_truncated", s->subtrees_truncated);
}

static void json_kho(struct json_writer *w, const struct live_report *r)
{
	static const char *const counts[] = {
		"entries", "bytes", "map_pages", "map_bytes",
		"unaccounted_entries", "unaccounted_bytes", "by_order",
	};
	struct handover_model m = { .kho = r->kho };
	u32 i;

	json_object_begin(w, "kho");
	json_string(w, "version", kho_version_name(r->kho));
	json_string(w, "compatible", r->in.compatible);
	/* kho-v3/v4 name their release; older roots need the map or memfds. */
	if (r->kho == KHO_VERSION_V3 || r->kho == KHO_VERSION_V4)
		json_string(w, "profile",
			    release_profile_name(release_profile_detect(&m)));
	else
		json_null(w, "profile");
	if (metadata_written_by(&r->metadata))
		json_string_bounded(w, "written_by", r->metadata.previous_release,
				    sizeof(r->metadata.previous_release));
	else
		json_null(w, "written_by");
	json_null(w, "fdt");
	json_null(w, "fdt_size");
	json_null(w, "v1");
	if (r->scratch_known) {
		json_array_begin(w, "scratch");
		for (i = 0; i < r->scratch_count; i++) {
			json_object_begin_inline(w, NULL);
			json_hex(w, "addr", r->scratch[i].addr);
			json_u64(w, "size", r->scratch[i].size);
			json_object_end(w);
		}
		json_array_end(w);
	} else {
		json_null(w, "scratch");
	}
	json_bool(w, "scratch_truncated", r->scratch_truncated);
	json_object_begin(w, "preserved");
	json_hex(w, "map", r->in.mem_map);
	for (i = 0; i < ARRAY_SIZE(counts); i++)
		json_null(w, counts[i]);
	json_object_end(w);
	json_subtrees(w, &r->in, false);
	json_object_end(w);
}

static void json_luo_root(struct json_writer *w, const char *key,
			  const struct live_luo *l, bool in)
{
	static const char *const chains[] = {
		"sessions", "sessions_truncated", "flbs", "flbs_truncated",
	};
	bool v5 = l->kind == LIVE_LUO_V5;
	u32 i;

	if (l->kind == LIVE_LUO_NONE) {
		json_null(w, key);
		return;
	}
	json_object_begin(w, key);
	if (l->kind == LIVE_LUO_CONSUMED)
		json_null(w, "version");
	else
		json_string(w, "version", luo_version_name(l->version));
	if (v5)
		json_string(w, "session_format", "blocks");
	else
		json_null(w, "session_format");
	json_hex(w, "pa", l->pa);
	if (v5) {
		json_u64(w, "liveupdate_num", l->liveupdate_num);
		json_hex(w, "sessions_pa", l->sessions_pa);
		json_hex(w, "flbs_pa", l->flbs_pa);
	} else {
		json_null(w, "liveupdate_num");
		json_null(w, "sessions_pa");
		json_null(w, "flbs_pa");
	}
	for (i = 0; in && i < ARRAY_SIZE(chains); i++)
		json_null(w, chains[i]);
	if (!in)
		json_string(w, "compatible", l->compatible);
	json_object_end(w);
}

static void json_findings(struct json_writer *w, const struct live_report *r)
{
	struct report_verdict v;

	json_array_begin(w, "findings");
	report_json_finding_list(w, &r->findings);
	json_array_end(w);
	verdict_of(r, &v);
	report_json_verdict(w, &v);
}

static void json_out_side(struct json_writer *w, const struct live_report *r)
{
	const struct live_side *s = &r->out;

	json_object_begin(w, "out");
	if (s->present)
		json_u64(w, "fdt_bytes", s->bytes);
	else
		json_null(w, "fdt_bytes");
	json_bool(w, "fdt_complete", s->complete);
	if (s->complete) {
		json_string(w, "compatible", s->compatible);
		json_hex(w, "preserved_memory_map", s->mem_map);
	} else {
		json_null(w, "compatible");
		json_null(w, "preserved_memory_map");
	}
	json_subtrees(w, s, true);
	json_luo_root(w, "luo", &r->out_luo, false);
	json_object_end(w);
}

static void json_live(struct json_writer *w, const struct live_report *r)
{
	u32 i;

	json_object_begin(w, "live");
	json_string(w, "source", r->dir);
	json_object_begin(w, "in");
	json_u64(w, "fdt_bytes", r->in.bytes);
	json_subtrees(w, &r->in, true);
	json_object_end(w);
	json_out_side(w, r);
	json_array_begin(w, "unknown");
	for (i = 0; i < ARRAY_SIZE(unknown); i++)
		json_string(w, NULL, unknown[i]);
	json_array_end(w);
	json_array_begin(w, "notes");
	if (r->out.present && !r->out.complete)
		json_string(w, NULL, NOTE_OUT_FDT);
	if (r->luo.kind == LIVE_LUO_CONSUMED)
		json_string(w, NULL, NOTE_IN_LUO_CONSUMED);
	else if (r->luo.kind != LIVE_LUO_NONE)
		json_string(w, NULL, NOTE_IN_LUO);
	if (r->out_luo.kind != LIVE_LUO_NONE)
		json_string(w, NULL, NOTE_OUT_LUO);
	json_array_end(w);
	json_object_end(w);
}

void live_print_json(const struct live_report *r, bool pretty)
{
	struct json_writer w;

	json_init(&w, print_sink, NULL, pretty);
	json_object_begin(&w, NULL);
	json_object_begin(&w, "baton");
	json_string(&w, "version", BATON_VERSION);
	json_u64(&w, "schema", REPORT_SCHEMA_VERSION);
	json_object_end(&w);
	json_null(&w, "boot");
	json_kho(&w, r);
	json_luo_root(&w, "luo", &r->luo, true);
	report_json_blobs(&w, r->reserve_mem, r->reserve_mem_count,
			  &r->metadata);
	json_null(&w, "memory");
	json_null(&w, "timeline");
	json_null(&w, "digest");	/* memfd contents: physical memory */
	json_null(&w, "chain");		/* no next kernel here */
	json_findings(&w, r);
	json_live(&w, r);
	json_object_end(&w);
	putchar('\n');
	fflush(stdout);
}
