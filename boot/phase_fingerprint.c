// SPDX-License-Identifier: MIT
/*
 * The fingerprint phase: digests of the handover as received (an earlier
 * baton's own pages left out), recorded in the report blob; and under
 * baton.role=verify their comparison with what the previous baton recorded
 * in the blob it left as the `baton` KHO subtree.
 */
#include <baton/log.h>
#include <boot/chain/options.h>
#include <boot/flow.h>
#include <boot/report_options.h>
#include <luo/digest_check.h>
#include <luo/handover.h>
#include <luo/kho_amend.h>
#include <report/blob.h>
#include <report/fingerprint.h>

#define BLOB_SIZE_MAX	(64ULL << 20)	/* far above any report */

static struct handover_fingerprint received;
static struct handover_fingerprint recorded;

struct compare {
	struct flow *f;
	u32 compared;
	u32 differ;
};

/* An earlier baton's FDT page and report blob, if this handover has one. */
static u32 baton_pages(const struct handover_model *m,
		       struct kho_amend_range *ex)
{
	const struct model_subtree *t = model_find_subtree(m,
							   FINGERPRINT_SUBTREE);
	phys_addr_t start;

	if (!t)
		return 0;
	ex[0] = (struct kho_amend_range){ ALIGN_DOWN(m->fdt_pa, PAGE_SIZE),
					  PAGE_SIZE };
	if (!t->size || t->size > BLOB_SIZE_MAX || t->pa > UINT64_MAX / 2)
		return 1;
	start = ALIGN_DOWN(t->pa, PAGE_SIZE);
	ex[1] = (struct kho_amend_range){
		start, ALIGN_UP(t->pa + t->size, PAGE_SIZE) - start };
	return 2;
}

static void apply_tamper(struct flow *f)
{
	if (report_tamper_from_cmdline(f->bi->cmdline) != REPORT_TAMPER_MEMFD)
		return;
	if (!received.memfd_count) {
		pr_warn("report: baton.report.tamper=memfd: no memfd to alter\n");
		return;
	}
	received.memfd[0].crc ^= 1;
	pr_warn("report: baton.report.tamper=memfd: recording memfd token %#llx with digest 0x%08x (low bit flipped, test option)\n",
		(unsigned long long)received.memfd[0].token,
		received.memfd[0].crc);
}

static void one(struct compare *c, const char *what, u32 now, u32 then,
		const char *detail)
{
	c->compared++;
	if (now == then) {
		pr_info("verify: %s 0x%08x matches%s\n", what, now, detail);
		return;
	}
	c->differ++;
	flow_finding(c->f, "verify", E_VERIFY_DIGEST_MISMATCH, 0,
		     "%s 0x%08x, previous baton recorded 0x%08x", what, now,
		     then);
}

static void compare_memfds(struct compare *c)
{
	u32 i, n = MIN(received.memfd_count, (u32)FINGERPRINT_MEMFD_MAX);
	char what[64], detail[48];
	bool skipped;

	c->compared++;
	if (received.memfd_count != recorded.memfd_count) {
		c->differ++;
		flow_finding(c->f, "verify", E_VERIFY_DIGEST_MISMATCH, 0,
			     "memfd count %u, previous baton recorded %u",
			     received.memfd_count, recorded.memfd_count);
		return;
	}
	pr_info("verify: memfd count %u matches\n", received.memfd_count);
	skipped = received.memfd_content_skipped ||
		  recorded.memfd_content_skipped;
	if (skipped && n)
		pr_warn("verify: memfd contents not compared: %s baton computed no memfd content digests (baton.digest=off); tokens and sizes only\n",
			received.memfd_content_skipped ? "this" : "the previous");
	for (i = 0; i < n; i++) {
		const struct fingerprint_memfd *a = &received.memfd[i];
		const struct fingerprint_memfd *b = &recorded.memfd[i];

		if (a->token != b->token || a->size != b->size || !a->ok ||
		    !b->ok) {
			c->compared++;
			c->differ++;
			flow_finding(c->f, "verify",
				     E_VERIFY_DIGEST_MISMATCH, 0,
				     "memfd #%u token %#llx size %#llx%s, recorded token %#llx size %#llx%s",
				     i, (unsigned long long)a->token,
				     (unsigned long long)a->size,
				     a->ok ? "" : " unreadable",
				     (unsigned long long)b->token,
				     (unsigned long long)b->size,
				     b->ok ? "" : " unreadable");
			continue;
		}
		if (skipped) {
			c->compared++;
			pr_info("verify: memfd token %#llx size %#llx matches (content not digested)\n",
				(unsigned long long)a->token,
				(unsigned long long)a->size);
			continue;
		}
		baton_snprintf(what, sizeof(what), "memfd token %#llx",
			       (unsigned long long)a->token);
		baton_snprintf(detail, sizeof(detail), " (size %#llx)",
			       (unsigned long long)a->size);
		one(c, what, a->crc, b->crc, detail);
	}
}

static void compare(struct flow *f)
{
	struct compare c = { .f = f };
	char detail[48];

	baton_snprintf(detail, sizeof(detail), " (%llu bytes)",
		       (unsigned long long)received.kho_fdt_bytes);
	one(&c, "kho-fdt", received.kho_fdt, recorded.kho_fdt, detail);
	baton_snprintf(detail, sizeof(detail), " (%llu entries)",
		       (unsigned long long)received.preserved_entries);
	one(&c, "preserved", received.preserved, recorded.preserved,
	    received.preserved_entries == recorded.preserved_entries &&
	    received.preserved_complete ? detail : " (entry count differs)");
	if (received.preserved_entries != recorded.preserved_entries ||
	    !received.preserved_complete)
		pr_warn("verify: preserved entries %llu%s, previous baton recorded %llu\n",
			(unsigned long long)received.preserved_entries,
			received.preserved_complete ? "" : " (incomplete)",
			(unsigned long long)recorded.preserved_entries);
	baton_snprintf(detail, sizeof(detail), " (%llu bytes)",
		       (unsigned long long)received.luo_bytes);
	one(&c, "luo", received.luo, recorded.luo, detail);
	compare_memfds(&c);
	if (!c.differ)
		pr_info("verify: handover identical to what the previous baton received (%u digests compared)\n",
			c.compared);
	else
		pr_err("verify: handover DIFFERS from what the previous baton received (%u of %u digests differ)\n",
		       c.differ, c.compared);
}

static bool read_blob(struct flow *f)
{
	const struct model_subtree *t = model_find_subtree(f->model,
							   FINGERPRINT_SUBTREE);
	struct report_blob_view v;
	enum report_blob_status st;
	const void *blob;
	u32 len = 0;

	if (!t) {
		flow_finding(f, "verify", E_VERIFY_REPORT_MISSING,
			     f->model->fdt_pa,
			     "the KHO FDT has no \"%s\" subtree",
			     FINGERPRINT_SUBTREE);
		return false;
	}
	blob = (t->has_size || f->model->kho < KHO_VERSION_V3) &&
	       t->size <= BLOB_SIZE_MAX ?
	       phys_map(f->ram_view, t->pa, t->size) : NULL;
	if (blob && f->model->kho < KHO_VERSION_V3)
		blob = kho_v1_report_unwrap(blob, t->size, &len);
	else
		len = (u32)t->size;
	if (!blob) {
		flow_finding(f, "verify", E_VERIFY_REPORT_INVALID, t->pa,
			     "report blob %#llx+%#llx is not readable",
			     (unsigned long long)t->pa,
			     (unsigned long long)t->size);
		return false;
	}
	st = report_blob_check(blob, len, &v);
	if (st != REPORT_BLOB_VALID) {
		flow_finding(f, "verify", E_VERIFY_REPORT_INVALID, t->pa,
			     "report blob at %#llx: %s",
			     (unsigned long long)t->pa,
			     report_blob_status_name(st));
		return false;
	}
	pr_info("verify: report blob found: subtree \"%s\" at %#llx, %#llx bytes, crc32 0x%08x valid, previous baton: %u errors, %u warnings\n",
		FINGERPRINT_SUBTREE, (unsigned long long)t->pa,
		(unsigned long long)t->size, v.header.crc32, v.header.errors,
		v.header.warnings);
	if (report_fingerprint_read(v.json, v.json_size, &recorded) !=
	    FINGERPRINT_READ_OK) {
		flow_finding(f, "verify", E_VERIFY_FINGERPRINT_MISSING,
			     t->pa,
			     "report blob at %#llx has no readable handover_fingerprint",
			     (unsigned long long)t->pa);
		return false;
	}
	return true;
}

static void verify_previous(struct flow *f)
{
	pr_info("verify: baton.role=verify: comparing with the previous baton's report\n");
	if (!f->model || !received.present) {
		flow_finding(f, "verify", E_VERIFY_NO_HANDOVER, 0,
			     "no KHO handover was parsed");
		pr_err("verify: handover DIFFERS from what the previous baton received (nothing to compare)\n");
		return;
	}
	if (!read_blob(f)) {
		pr_err("verify: handover DIFFERS from what the previous baton received (no usable report)\n");
		return;
	}
	compare(f);
}

/* The content-digest phase already read every memfd: reuse its CRCs. */
static bool digest_phase_crc(void *ctx, u32 file, u32 *crc)
{
	const struct digest_report *d = ctx;
	const struct digest_file *df;

	if (!d || !d->enabled || !d->files || file >= d->count)
		return false;
	df = &d->files[file];
	if (df->status == DIGEST_NOT_MEMFD || df->status == DIGEST_UNREADABLE)
		return false;
	*crc = df->crc32c;
	return true;
}

/*
 * Worth computing only for a report that reaches a next kernel (a bundle,
 * baton.chain= not off, baton.report= not off) or for baton.role=verify:
 * the memfd digests read every preserved byte (unless the content-digest
 * phase already did).
 */
static bool fingerprint_wanted(const struct flow *f, bool verify)
{
	struct chain_status st;
	enum chain_mode mode;
	bool valid;

	if (verify)
		return true;
	chain_mode_from_cmdline(f->bi->cmdline, &mode, &st);
	return f->bi->initrd_size && mode != CHAIN_MODE_OFF &&
	       report_subtree_enabled(f->bi->cmdline, &valid);
}

void phase_fingerprint(struct flow *f)
{
	const struct fingerprint_memfd_source src = {
		digest_phase_crc, f->digest,
		/* digests off: the fingerprint reads no memfd byte either */
		f->digest && !f->digest->enabled };
	struct kho_amend_range ex[2];
	bool valid, verify = report_role_verify(f->bi->cmdline, &valid);
	u32 n = 0;

	if (f->model && !fingerprint_wanted(f, verify)) {
		pr_info("handover: no fingerprint (no next kernel to hand it to, no baton.role=verify)\n");
	} else if (f->model) {
		n = baton_pages(f->model, ex);
		handover_fingerprint_with(f->ram_view, f->model, ex, n, &src,
					  &received);
		pr_info("handover: fingerprint kho-fdt 0x%08x preserved 0x%08x (%llu entries%s) luo 0x%08x memfds %u%s\n",
			received.kho_fdt, received.preserved,
			(unsigned long long)received.preserved_entries,
			n ? ", baton's own pages left out" : "",
			received.luo, received.memfd_count,
			src.skip_content ?
			" (contents not digested: baton.digest=off)" : "");
		f->fingerprint = &received;
	}
	if (verify)
		verify_previous(f);
	else if (!valid)
		pr_warn("verify: baton.role= accepts only \"verify\"; ignored\n");
	if (f->fingerprint)
		apply_tamper(f);
	flow_mark(f, "fingerprint");
}
