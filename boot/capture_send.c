// SPDX-License-Identifier: MIT
/*
 * The handover baton received as a baton-capture 1 directory
 * (docs/capture-format.md) on the serial line, in the checksummed framing
 * of lib/capture_serial.c. Every metadata page (root FDT, map pages, every
 * preserved range that is not memfd data) goes as bytes; memfd data folios
 * go as patterns when baton recognises their content, as bytes up to a
 * budget, else as a digest comment. boot/phase_capture.c decides whether
 * and calls it.
 */
#include <string.h>
#include <baton/capture.h>
#include <baton/capture_recognise.h>
#include <baton/capture_serial.h>
#include <baton/crc32c.h>
#include <baton/log.h>
#include <baton/printf.h>
#include <boot/capture_send.h>

#define RAW_DATA_BUDGET		(1ULL << 20)	/* unrecognised memfd bytes */
#define RAW_FOLIOS_MAX		256
/* baton-inspect stores 4096 pattern lines, baton.efi 16384 */
#define PATTERN_LINES_MAX	4000
#define LINE_MAX_BYTES		320

/* What the capture is made of; arrays come from the caller's allocator. */
struct capture_plan {
	const struct handover_model *m;
	const struct phys_view *view;
	phys_addr_t scratch_array;
	const char *version;
	u64 *meta;		/* metadata entries, pa | order, sorted */
	u64 meta_count;
	u64 *folios;		/* data folio pas, sorted, unique */
	u64 folio_count;
	u8 *folio_done;		/* per folios[] entry: already described */
	u64 raw[RAW_FOLIOS_MAX];	/* data folios sent as bytes: pa | order */
	u32 raw_count;
	u64 raw_bytes;
	u64 left_out_bytes;	/* memfd data neither described nor sent */
};

static struct capture_plan plan;
static struct capture_serial cs;

static void serial_out(void *ctx, const char *s, size_t len)
{
	log_write_raw(s, len);
}

static void mline(const char *fmt, ...) __printf(1, 2);
static void mline(const char *fmt, ...)
{
	char line[LINE_MAX_BYTES];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = baton_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line)) {	/* never loses the line end */
		n = sizeof(line) - 1;
		line[n - 1] = '\n';
	}
	capture_serial_file_data(&cs, line, n);
}

static void *alloc(const struct capture_source *src, u64 bytes)
{
	return src->alloc(src->ctx, bytes ? bytes : 8);
}

static u64 folio_size(const struct model_folio *fo)
{
	return PAGE_SIZE << (fo->order > 0 ? fo->order : 0);
}

static s64 folio_find(u64 pa)
{
	u64 lo = 0, hi = plan.folio_count;

	while (lo < hi) {
		u64 mid = lo + (hi - lo) / 2;

		if (plan.folios[mid] == pa)
			return (s64)mid;
		if (plan.folios[mid] < pa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Data folios (sorted, unique) and the metadata entries around them. */
bool capture_send_plan(const struct capture_source *src,
		       struct capture_totals *t)
{
	const struct handover_model *m = src->m;
	struct preserved_pos pos;
	u64 i, n = 0, fdt_pages, e;

	plan = (struct capture_plan){ .m = m, .view = src->view,
				      .scratch_array = src->scratch_array,
				      .version = src->version };
	plan.folios = alloc(src, m->folio_count * sizeof(u64));
	plan.folio_done = alloc(src, m->folio_count);
	fdt_pages = (m->fdt_size + PAGE_SIZE - 1) / PAGE_SIZE;
	plan.meta = alloc(src, (m->preserved.count + m->map_page_count +
			      fdt_pages) * sizeof(u64));
	if (!plan.folios || !plan.folio_done || !plan.meta)
		return false;
	for (i = 0; i < m->folio_count; i++)
		plan.folios[i] = m->folios[i].pfn << PAGE_SHIFT;
	u64_heapsort(plan.folios, m->folio_count);
	for (i = 0; i < m->folio_count; i++)
		if (!n || plan.folios[n - 1] != plan.folios[i])
			plan.folios[n++] = plan.folios[i];
	plan.folio_count = n;
	memset(plan.folio_done, 0, n);

	n = 0;
	for (pos = (struct preserved_pos){ 0, 0 };
	     preserved_index_next(&m->preserved, &pos, &e);) {
		e &= ~PRESERVED_CLAIMED;
		if (folio_find(preserved_entry_pa(e)) < 0)
			plan.meta[n++] = e;
	}
	for (i = 0; i < m->map_page_count; i++)
		plan.meta[n++] = m->map_pages[i] & PAGE_MASK;
	for (i = 0; i < fdt_pages; i++)
		plan.meta[n++] = (m->fdt_pa & PAGE_MASK) + i * PAGE_SIZE;
	u64_heapsort(plan.meta, n);
	plan.meta_count = n;
	t->meta_entries = plan.meta_count;
	t->data_folios = plan.folio_count;
	return true;
}

/*
 * Calls fn for each run of metadata: entries merged where they touch or
 * overlap, left out (with a note) where RAM does not back them.
 */
static void for_each_meta_run(void (*fn)(u64 pa, u64 size))
{
	u64 i = 0;

	while (i < plan.meta_count) {
		u64 start = preserved_entry_pa(plan.meta[i]);
		u64 end = start + preserved_entry_size(plan.meta[i]);

		for (i++; i < plan.meta_count; i++) {
			u64 pa = preserved_entry_pa(plan.meta[i]);

			if (pa > end)
				break;
			if (pa + preserved_entry_size(plan.meta[i]) > end)
				end = pa + preserved_entry_size(plan.meta[i]);
		}
		fn(start, end - start);
	}
}

static void blob_line(u64 pa, u64 size)
{
	if (!phys_backed(plan.view, pa, size)) {
		mline("# 0x%llx+0x%llx not in RAM: left out\n",
		      (unsigned long long)pa, (unsigned long long)size);
		return;
	}
	mline("blob mem-%llx.bin 0x%llx\n", (unsigned long long)pa,
	      (unsigned long long)pa);
}

static void blob_file(u64 pa, u64 size)
{
	char name[32];
	const void *bytes = phys_map(plan.view, pa, size);

	if (!bytes)
		return;
	baton_snprintf(name, sizeof(name), "mem-%llx.bin",
		       (unsigned long long)pa);
	capture_serial_file_begin(&cs, name);
	capture_serial_file_data(&cs, bytes, size);
	capture_serial_file_end(&cs, name);
}

/*
 * Session names are the user's bytes; a manifest line may not carry
 * control bytes, so comments show them with '?' instead.
 */
static const char *printable(const char *name)
{
	static char buf[LUO_SESSION_NAME_LEN + 1];
	size_t i;

	for (i = 0; name[i] && i < sizeof(buf) - 1; i++)
		buf[i] = (u8)name[i] < 0x20 || (u8)name[i] >= 0x7f ?
			 '?' : name[i];
	buf[i] = '\0';
	return buf;
}

/*
 * The pattern being extended: folios that continue it in memory (and, for
 * agent and builder, in the stream) become one line, so a capture of
 * GiB-sized memfds stays within what its readers store.
 */
struct pending {
	struct capture_pattern p;
	bool valid;
	char label[LUO_SESSION_NAME_LEN + 24];
	u32 lines;		/* pattern lines written */
};

static struct pending pend;

static void flush_pattern(void)
{
	const struct capture_pattern *p = &pend.p;

	if (!pend.valid)
		return;
	mline("pattern 0x%llx 0x%llx 0x%llx %s", (unsigned long long)p->addr,
	      (unsigned long long)p->size, (unsigned long long)p->seed,
	      capture_pattern_kind_name(p->kind));
	if (p->kind == CAPTURE_PATTERN_AGENT ||
	    p->kind == CAPTURE_PATTERN_BUILDER)
		mline(" 0x%llx", (unsigned long long)p->offset);
	mline("  # %s\n", pend.label);
	pend.valid = false;
	pend.lines++;
}

static bool extends_pending(const struct capture_pattern *p)
{
	struct capture_pattern *q = &pend.p;
	bool streamless = p->kind == CAPTURE_PATTERN_ZERO ||
			  p->kind == CAPTURE_PATTERN_FILL;

	if (!pend.valid || p->kind != q->kind || p->seed != q->seed)
		return false;
	if (p->addr == q->addr + q->size &&
	    (streamless || p->offset == q->offset + q->size)) {
		q->size += p->size;
		return true;
	}
	if (streamless && p->addr + p->size == q->addr) {
		q->addr = p->addr;
		q->size += p->size;
		return true;
	}
	return false;
}

/* False when the line budget is spent: the folio is not captured. */
static bool add_pattern(const struct capture_pattern *p,
			const struct model_session *s, u64 token)
{
	if (extends_pending(p))
		return true;
	if (pend.lines + pend.valid >= PATTERN_LINES_MAX)
		return false;
	flush_pattern();
	pend.p = *p;
	pend.valid = true;
	baton_snprintf(pend.label, sizeof(pend.label), "%s/%llu",
		       printable(s->name), (unsigned long long)token);
	return true;
}

/* Folios of one memfd left out of the capture, for its summary comment. */
struct left_out {
	u64 folios;
	u64 bytes;
	u32 crc;		/* over their bytes, in file order */
};

static void describe_folio(const struct model_session *s, u64 token,
			   const struct model_folio *fo, struct left_out *lo)
{
	u64 pa = fo->pfn << PAGE_SHIFT, size = folio_size(fo);
	s64 at = folio_find(pa);
	struct capture_pattern p;
	const u8 *bytes;

	if (at < 0 || plan.folio_done[at])
		return;
	plan.folio_done[at] = 1;
	bytes = phys_map(plan.view, pa, size);
	if (!bytes) {
		mline("# data 0x%llx+0x%llx not in RAM: left out\n",
		      (unsigned long long)pa, (unsigned long long)size);
		return;
	}
	if (capture_pattern_recognise(bytes, size, fo->index << PAGE_SHIFT,
				      &p)) {
		p.addr = pa;
		if (add_pattern(&p, s, token))
			return;
	} else if (plan.raw_count < RAW_FOLIOS_MAX &&
		   plan.raw_bytes + size <= RAW_DATA_BUDGET) {
		plan.raw[plan.raw_count++] = pa | (u64)(fo->order > 0 ?
							fo->order : 0);
		plan.raw_bytes += size;
		mline("blob mem-%llx.bin 0x%llx  # %s/%llu data\n",
		      (unsigned long long)pa, (unsigned long long)pa,
		      printable(s->name), (unsigned long long)token);
		return;
	}
	lo->folios++;
	lo->bytes += size;
	lo->crc = crc32c(lo->crc, bytes, size);
}

static void describe_memfd(const struct model_session *s, u64 token,
			   const struct model_memfd *mf)
{
	struct left_out lo = { 0 };
	u64 k;

	for (k = 0; k < mf->folio_count; k++)
		describe_folio(s, token, &model_memfd_folios(plan.m, mf)[k],
			       &lo);
	if (!lo.folios)
		return;
	plan.left_out_bytes += lo.bytes;
	mline("# data %s/%llu: %llu folios (0x%llx bytes) not captured, crc32c 0x%08x\n",
	      printable(s->name), (unsigned long long)token,
	      (unsigned long long)lo.folios, (unsigned long long)lo.bytes,
	      lo.crc);
}

static void describe_data(void)
{
	const struct handover_model *m = plan.m;
	u32 si, fi;

	pend = (struct pending){ 0 };
	for (si = 0; si < m->session_count; si++) {
		const struct model_session *s = &m->sessions[si];

		for (fi = 0; fi < s->file_count; fi++) {
			const struct model_file *file =
				&m->files[s->file_first + fi];

			if (file->memfd >= 0)
				describe_memfd(s, file->token,
					       &m->memfds[file->memfd]);
		}
	}
	flush_pattern();
}

static void ram_lines(void)
{
	const struct phys_view *v = plan.view;
	u32 i = 0;

	while (i < v->count) {
		u64 start = ALIGN_UP(v->windows[i].pa, PAGE_SIZE);
		u64 end = v->windows[i].pa + v->windows[i].size;

		for (i++; i < v->count && v->windows[i].pa == end; i++)
			end += v->windows[i].size;
		end &= PAGE_MASK;
		if (end > start)
			mline("ram 0x%llx 0x%llx\n", (unsigned long long)start,
			      (unsigned long long)(end - start));
	}
}

/* Scratch areas, and a page of one for the kho_scratch[] array. */
static void scratch_lines(void)
{
	const struct handover_model *m = plan.m;
	u64 array = plan.scratch_array, array_page = 0;
	u32 i;

	for (i = 0; i < m->scratch_count; i++) {
		const struct model_scratch *s = &m->scratch[i];

		if (!s->size || (s->addr | s->size) & (PAGE_SIZE - 1)) {
			mline("# scratch[%u] 0x%llx+0x%llx left out (empty or not page aligned)\n",
			      i, (unsigned long long)s->addr,
			      (unsigned long long)s->size);
			continue;
		}
		mline("scratch 0x%llx 0x%llx\n", (unsigned long long)s->addr,
		      (unsigned long long)s->size);
		if (array >= s->addr && (array & PAGE_MASK) + PAGE_SIZE <=
					s->addr + s->size)
			array_page = array & PAGE_MASK;
		else if (!array_page)
			array_page = s->addr + s->size - PAGE_SIZE;
	}
	if (array_page)
		mline("scratch-array 0x%llx\n", (unsigned long long)array_page);
	mline("kho-fdt 0x%llx 0x%llx\n", (unsigned long long)m->fdt_pa,
	      (unsigned long long)m->fdt_size);
}

static void write_manifest(void)
{
	capture_serial_file_begin(&cs, CAPTURE_MANIFEST_NAME);
	mline("# captured by baton %s (baton.capture=serial)\n", plan.version);
	mline("format baton-capture 1\n");
	ram_lines();
	scratch_lines();
	for_each_meta_run(blob_line);
	describe_data();
	capture_serial_file_end(&cs, CAPTURE_MANIFEST_NAME);
}

void capture_send(struct capture_totals *t)
{
	u32 i;

	capture_serial_begin(&cs, serial_out, NULL);
	write_manifest();
	for_each_meta_run(blob_file);
	for (i = 0; i < plan.raw_count; i++)
		blob_file(preserved_entry_pa(plan.raw[i]),
			  preserved_entry_size(plan.raw[i]));
	capture_serial_end(&cs);
	t->files = cs.files;
	t->pattern_lines = pend.lines;
	t->raw_bytes = plan.raw_bytes;
	t->left_out_bytes = plan.left_out_bytes;
}
