// SPDX-License-Identifier: MIT
/*
 * The report subtree phase: baton's report blob handed to the next kernel
 * as the KHO subtree `baton` (kho-v1: wrapped in a sub-FDT). Blob, new
 * root FDT and new map pages go into fresh pages outside scratch
 * (docs/handover-abi.md §3.9); the amended handover is parsed back,
 * compared with the received one, and each added page is checked to be
 * preserved or a map page (what a Linux 7.3 successor keeps outside
 * scratch) before the chain phase points SETUP_KEXEC_KHO at it.
 * baton.report=off forwards the FDT untouched.
 */
#include <string.h>
#include <baton/log.h>
#include <boot/chain/options.h>
#include <boot/flow.h>
#include <boot/report_options.h>
#include <luo/handover.h>
#include <luo/handover_fingerprint.h>
#include <luo/kho_amend.h>

enum { ADD_FDT, ADD_BLOB, ADD_COUNT };

static struct handover_model check_model;
static struct finding check_storage[FLOW_HANDOVER_FINDINGS];
static struct finding_list check_findings;

static void *alloc_node(void *ctx, phys_addr_t *pa)
{
	return flow_alloc_outside(ctx, PAGE_SIZE, pa);
}

static u32 errors_in(const struct finding_list *l)
{
	return l->by_severity[FINDING_ERROR];
}

/*
 * Every subtree but baton's still points where it pointed: the LUO and
 * other subtrees are not copied, so their (already parsed) content is the
 * received one and need not be parsed again.
 */
static u32 subtrees_moved(const struct handover_model *was,
			  const struct handover_model *now)
{
	u32 i, moved = 0;

	for (i = 0; i < was->subtree_count; i++) {
		const struct model_subtree *a = &was->subtrees[i];
		const struct model_subtree *b;

		if (!strcmp(a->name, FINGERPRINT_SUBTREE))
			continue;
		b = model_find_subtree(now, a->name);
		if (!b || b->pa != a->pa || b->size != a->size ||
		    b->has_size != a->has_size)
			moved++;
	}
	return moved;
}

/*
 * Parses the amended KHO FDT and map back (kho_parse: the whole map walk,
 * index and checks; the unchanged LUO is not parsed twice); true when it
 * keeps exactly the old set and every subtree.
 */
static bool check_amended(struct flow *f, phys_addr_t fdt_pa,
			  const struct kho_amend_range *add,
			  const struct kho_amend_result *res)
{
	u64 added = res->added, extra_entries, extra_map_pages;
	struct handover_config cfg = { .view = f->ram_view,
				       .kho = f->bi->kho };
	struct model_storage st = { 0 };
	struct kho_amend_diff d;
	u32 before = errors_in(f->handover_findings), after, moved;

	cfg.kho.fdt_addr = fdt_pa;
	/* the bitmap size the amendment wrote, not a fresh guess */
	cfg.v1_hint = f->model->v1_variant;
	/* the received counts plus exactly what the amendment added */
	kho_amend_parse_back_extra(res, &extra_entries, &extra_map_pages);
	flow_handover_storage(f, &st, extra_entries, extra_map_pages);
	finding_list_init(&check_findings, check_storage,
			  FLOW_HANDOVER_FINDINGS);
	kho_parse(&cfg, &st, &check_model, &check_findings);
	after = errors_in(&check_findings);
	moved = subtrees_moved(f->model, &check_model);
	kho_amend_compare(&f->model->preserved, &check_model.preserved, add,
			  ADD_COUNT, &d);
	pr_info("report: amended handover parsed back: %llu preserved entries = %llu kept + %llu added, %llu missing, %llu unexpected; %u errors (received: %u)\n",
		(unsigned long long)check_model.preserved.count,
		(unsigned long long)(check_model.preserved.count - d.added -
				     d.extra),
		(unsigned long long)d.added, (unsigned long long)d.missing,
		(unsigned long long)d.extra, after, before);
	if (d.incomplete) {
		flow_finding(f, NULL, E_REPORT_HANDOVER_CHANGED, 0,
			     "amended handover not compared: its preserved index held %llu entries, %llu more did not fit",
			     (unsigned long long)check_model.preserved.count,
			     (unsigned long long)d.new_dropped);
		return false;
	}
	if (!d.missing && !d.extra && d.added == added && after <= before &&
	    !moved && model_find_subtree(&check_model, FINGERPRINT_SUBTREE))
		return true;
	flow_finding(f, NULL, E_REPORT_HANDOVER_CHANGED, 0,
		     "%llu missing (first %#llx), %llu unexpected (first %#llx), %llu of %llu added, %u errors, %u subtrees moved",
		     (unsigned long long)d.missing,
		     (unsigned long long)d.first_missing,
		     (unsigned long long)d.extra,
		     (unsigned long long)d.first_extra,
		     (unsigned long long)d.added, (unsigned long long)added,
		     after, moved);
	return false;
}

/*
 * Every page baton added must outlive a successor that extends scratch
 * early (Linux 7.3, docs/chain.md "What a Linux 7.3 successor keeps"):
 * outside scratch it keeps only preserved ranges and map pages until it
 * has reserved the map. Checked on the handover as parsed back: the new
 * root FDT, the `baton` subtree as the successor will read it, and every
 * new map page.
 */
static bool check_kept(struct flow *f, phys_addr_t fdt_pa,
		       const struct kho_amend_result *res)
{
	struct kho_amend_range pieces[2 + KHO_AMEND_PAGES_MAX];
	const struct model_subtree *t =
		model_find_subtree(&check_model, FINGERPRINT_SUBTREE);
	struct kho_amend_kept k;
	u32 n = 0, i;

	pieces[n++] = (struct kho_amend_range){ fdt_pa, PAGE_SIZE };
	if (t)
		pieces[n++] = (struct kho_amend_range){
			t->pa, t->size ? t->size : PAGE_SIZE };
	for (i = 0; i < res->page_count; i++)
		pieces[n++] = (struct kho_amend_range){ res->pages[i],
							PAGE_SIZE };
	kho_amend_check_kept(&check_model, pieces, n, &k);
	pr_info("report: baton's additions kept by the next kernel: %llu pages = %llu preserved + %llu map pages, %llu exposed\n",
		(unsigned long long)k.pages, (unsigned long long)k.preserved,
		(unsigned long long)k.map_pages,
		(unsigned long long)k.exposed);
	if (!k.exposed)
		return true;
	flow_finding(f, NULL, W_REPORT_SUBTREE_FAILED, 0,
		     "%llu of %llu pages baton added are neither preserved nor map pages (first %#llx%s): a successor that extends scratch early (Linux 7.3) may reuse them",
		     (unsigned long long)k.exposed,
		     (unsigned long long)k.pages,
		     (unsigned long long)k.first_exposed,
		     k.unverified ? ", map not fully listed" : "");
	return false;
}

static bool amendable(struct flow *f)
{
	const struct handover_model *m = f->model;

	if (m->kho != KHO_VERSION_V1 && m->kho != KHO_VERSION_V2 &&
	    m->kho != KHO_VERSION_V3 && m->kho != KHO_VERSION_V4) {
		flow_finding(f, NULL, W_REPORT_SUBTREE_FAILED, 0,
			     "%s map cannot be amended",
			     kho_version_name(m->kho));
		return false;
	}
	if (!m->preserved.sorted || m->preserved.dropped) {
		flow_finding(f, NULL, W_REPORT_SUBTREE_FAILED, 0,
			     "preserved index incomplete, cannot check an amended map");
		return false;
	}
	return true;
}

/*
 * The subtree's pages: the blob itself, or before kho-v3 (no blob-size:
 * the size comes from a sub-FDT header) a sub-FDT holding it; *data is
 * where the blob bytes are (the jump stamp patches them).
 */
static bool place_blob(struct flow *f, struct kho_amend_request *req,
		       void **data)
{
	const struct chain_extra_setup_data *rb = &f->report_blob;
	bool wrap = f->model->kho < KHO_VERSION_V3;
	u64 size = wrap ? kho_v1_report_wrap_size(rb->len) : rb->len;
	void *blob = flow_alloc_outside(f, size, &req->blob_pa);

	if (!blob) {
		flow_finding(f, NULL, W_REPORT_SUBTREE_FAILED, 0, "%s",
			     f->mm->error);
		return false;
	}
	if (!wrap) {
		memcpy(blob, rb->data, rb->len);
		*data = blob;
		return true;
	}
	*data = kho_v1_report_wrap(blob, size, rb->data, rb->len,
				   &req->blob_size);
	if (!*data) {
		flow_finding(f, NULL, W_REPORT_SUBTREE_FAILED, 0,
			     "report blob does not fit its sub-FDT");
		return false;
	}
	return true;
}

static bool amend(struct flow *f, enum report_tamper tamper)
{
	const struct chain_extra_setup_data *rb = &f->report_blob;
	struct kho_amend_range add[ADD_COUNT];
	struct kho_amend_request req = {
		.view = f->ram_view, .fdt_pa = f->bi->kho.fdt_addr,
		.fdt_size = f->bi->kho.fdt_size, .name = FINGERPRINT_SUBTREE,
		.blob_size = rb->len, .add = add, .add_count = ADD_COUNT,
		.v1_variant = f->model->v1_variant,
		.alloc = { alloc_node, f },
	};
	static struct kho_amend_result res;
	const struct preserved_index *idx = &f->model->preserved;
	phys_addr_t fdt_pa;
	u64 victim;
	void *blob;

	if (!place_blob(f, &req, &blob))
		return false;
	req.new_fdt = flow_alloc_outside(f, PAGE_SIZE, &fdt_pa);
	if (!req.new_fdt) {
		flow_finding(f, NULL, W_REPORT_SUBTREE_FAILED, 0, "%s",
			     f->mm->error);
		return false;
	}
	add[ADD_FDT] = (struct kho_amend_range){ fdt_pa, PAGE_SIZE };
	add[ADD_BLOB] = (struct kho_amend_range){
		req.blob_pa, ALIGN_UP(req.blob_size, PAGE_SIZE) };
	if (tamper == REPORT_TAMPER_DROP_RANGE && idx->count) {
		victim = preserved_index_last(idx);
		req.drop = &victim;
		req.drop_count = 1;
		pr_warn("report: baton.report.tamper=drop-range: dropping preserved %#llx order %u from the forwarded map (test option)\n",
			(unsigned long long)preserved_entry_pa(victim),
			preserved_entry_order(victim));
	}
	if (!kho_amend(&req, &res)) {
		flow_finding(f, NULL, W_REPORT_SUBTREE_FAILED, 0, "%s",
			     res.error);
		return false;
	}
	pr_info("report: subtree \"%s\": blob %#x bytes at %#llx%s, KHO FDT %#llx -> %#llx (%u bytes), map root %#llx -> %#llx (%u new map pages)\n",
		FINGERPRINT_SUBTREE, rb->len, (unsigned long long)req.blob_pa,
		res.v1 ? " (in a kho-v1 sub-FDT)" :
		res.v2 ? " (in a kho-v2 sub-FDT)" : "",
		(unsigned long long)req.fdt_pa, (unsigned long long)fdt_pa,
		res.fdt_totalsize, (unsigned long long)res.old_map_root,
		(unsigned long long)res.map_root, res.page_count);
	if (!check_amended(f, fdt_pa, add, &res) &&
	    tamper != REPORT_TAMPER_DROP_RANGE)
		return false;
	if (!check_kept(f, fdt_pa, &res))
		return false;
	f->kho_fdt_out = fdt_pa;
	f->report_subtree_blob = blob;	/* for the jump stamp */
	f->report_subtree_len = rb->len;
	return true;
}

/* Whether the chain phase will boot a next kernel at all. */
static bool will_chain(const struct flow *f)
{
	struct chain_status st;
	enum chain_mode mode;
	u32 errors = f->error_findings > UINT32_MAX ?
		     UINT32_MAX : (u32)f->error_findings;

	chain_mode_from_cmdline(f->bi->cmdline, &mode, &st);
	return f->bi->initrd_size && chain_decide(mode, errors) == CHAIN_GO;
}

void phase_amend(struct flow *f)
{
	enum report_tamper tamper = report_tamper_from_cmdline(f->bi->cmdline);
	bool valid, on = report_subtree_enabled(f->bi->cmdline, &valid);

	if (!valid)
		pr_warn("report: baton.report= accepts on or off; using on\n");
	if (tamper == REPORT_TAMPER_INVALID)
		pr_warn("report: baton.report.tamper= accepts memfd, drop-range or blob; ignored\n");
	/* nothing to amend, or nobody to hand it to */
	if (!f->model || !f->bi->kho.present || !f->mm_ready ||
	    !will_chain(f))
		return;
	if (!on) {
		pr_info("report: baton.report=off: KHO FDT forwarded untouched, report on the console only\n");
		f->report_blob.len = 0;
		return;
	}
	if (!f->report_blob.len || !amendable(f)) {
		pr_warn("report: no baton subtree; the report goes as setup_data\n");
		return;
	}
	if (amend(f, tamper))
		f->report_blob.len = 0;	/* the subtree replaces setup_data */
	else
		pr_warn("report: KHO FDT forwarded untouched; the report goes as setup_data\n");
	flow_mark(f, "report-subtree");
}
