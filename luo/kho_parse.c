// SPDX-License-Identifier: MIT
/*
 * The KHO layer: SETUP_KEXEC_KHO record, scratch array, root FDT (all four
 * versions), preserved-memory map into the preserved index, and the
 * invariants of §6.1-§6.3 that need the whole map (overlaps, RAM, scratch,
 * map pages).
 */
#include <luo/handover.h>
#include <luo/abi.h>
#include <libfdt.h>
#include <string.h>

/* baton's bounds (Linux writes one page for either) */
#define KHO_FDT_SIZE_MAX	(256 * SZ_1K)
#define KHO_SCRATCH_SIZE_MAX	(256 * SZ_1K)

/*
 * The RAM lists searched below (struct phys_range, struct phys_window)
 * both begin with a u64 start and a u64 size; read at those offsets.
 */
_Static_assert(offsetof(struct phys_range, start) ==
	       offsetof(struct phys_window, pa) &&
	       offsetof(struct phys_range, size) ==
	       offsetof(struct phys_window, size), "range heads differ");

static u64 range_start(const u8 *base, size_t stride, u32 i)
{
	return ABI_LE64(base + (size_t)i * stride, struct phys_range, start);
}

static u64 range_size(const u8 *base, size_t stride, u32 i)
{
	return ABI_LE64(base + (size_t)i * stride, struct phys_range, size);
}

/* Index of the first of n sorted (start, size) records ending after pa. */
static u32 first_range_ending_after(const u8 *base, size_t stride, u32 n,
				    phys_addr_t pa)
{
	u32 lo = 0, hi = n;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		u64 s = range_start(base, stride, mid);
		u64 z = range_size(base, stride, mid);

		if (s + z <= pa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Coverage of [pa, end) by sorted ranges laid out as (u64 start, u64 size)
 * at the head of elements `stride` bytes apart: binary search for the
 * first range ending above pa, then follow adjacent ranges.
 */
static bool sorted_ranges_cover(const u8 *base, size_t stride, u32 n,
				phys_addr_t pa, u64 end)
{
	u32 lo = first_range_ending_after(base, stride, n, pa);
	u64 cur = pa;

	for (; lo < n && cur < end; lo++) {
		u64 s = range_start(base, stride, lo);
		u64 z = range_size(base, stride, lo);

		if (s > cur)
			return false;
		cur = MAX(cur, s + z);
	}
	return cur >= end;
}

/*
 * The RAM window holding pa, as [*start, *end); false if none. Lets a walk
 * over sorted entries skip the search while it stays inside one window.
 */
static bool ram_window_at(const struct handover_config *cfg, phys_addr_t pa,
			  u64 *start, u64 *end)
{
	const u8 *base = (const u8 *)(cfg->ram ? (const void *)cfg->ram :
					(const void *)cfg->view->windows);
	size_t stride = cfg->ram ? sizeof(struct phys_range) :
				   sizeof(struct phys_window);
	u32 n = cfg->ram ? cfg->ram_count : cfg->view->count;
	u32 lo = first_range_ending_after(base, stride, n, pa);

	if (lo == n)
		return false;
	*start = range_start(base, stride, lo);
	*end = *start + range_size(base, stride, lo);
	return *start <= pa && pa < *end;
}

bool handover_in_ram(const struct handover_config *cfg, phys_addr_t pa,
		     u64 len)
{
	u64 end;

	if (!range_end(pa, len, &end))
		return false;
	if (!cfg->ram)
		return sorted_ranges_cover((const u8 *)cfg->view->windows,
					   sizeof(struct phys_window),
					   cfg->view->count, pa, end);
	return sorted_ranges_cover((const u8 *)cfg->ram,
				   sizeof(struct phys_range), cfg->ram_count,
				   pa, end);
}

void handover_access_for(struct handover_access *ha,
			 const struct handover_config *cfg,
			 struct handover_model *m,
			 struct finding_list *findings)
{
	handover_access_init(ha, cfg->view, findings);
	/* an incomplete index cannot prove absence: no coverage checks */
	if (m->preserved.sorted && !m->preserved.dropped) {
		ha->preserved = preserved_index_lookup;
		ha->preserved_ctx = &m->preserved;
	}
}

const struct model_subtree *model_find_subtree(const struct handover_model *m,
					       const char *name)
{
	u32 i;

	for (i = 0; i < m->subtree_count; i++)
		if (!strcmp(m->subtrees[i].name, name))
			return &m->subtrees[i];
	return NULL;
}

/* ---- scratch ---------------------------------------------------------- */

static bool ranges_overlap(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

static bool in_scratch(const struct handover_model *m, phys_addr_t pa, u64 len)
{
	u32 i;

	for (i = 0; i < m->scratch_count; i++)
		if (ranges_overlap(pa, len, m->scratch[i].addr,
				   m->scratch[i].size))
			return true;
	return false;
}

static void parse_scratch(const struct handover_config *cfg,
			  struct handover_access *ha, struct handover_model *m)
{
	const struct boot_kho_record *rec = &cfg->kho;
	const u64 entry = sizeof(struct kho_scratch_ser);
	const u8 *arr;
	u64 n, i, j;

	if (rec->scratch_size == 0 || rec->scratch_size % entry ||
	    rec->scratch_size > KHO_SCRATCH_SIZE_MAX) {
		ha_report(ha, E_SCRATCH_SIZE, rec->scratch_addr,
			  "scratch_size %llu not a non-zero multiple of %llu <= %llu KiB",
			  (unsigned long long)rec->scratch_size,
			  (unsigned long long)entry,
			  KHO_SCRATCH_SIZE_MAX / SZ_1K);
		if (rec->scratch_size < entry ||
		    rec->scratch_size > KHO_SCRATCH_SIZE_MAX)
			return;
	}
	n = rec->scratch_size / entry;
	arr = ha_map(ha, rec->scratch_addr, n * entry, "scratch array");
	if (!arr)
		return;
	for (i = 0; i < n; i++) {
		const u8 *e = ABI_ELEM(arr, struct kho_scratch_ser, i);
		struct model_scratch s = {
			.addr = ABI_LE64(e, struct kho_scratch_ser, addr),
			.size = ABI_LE64(e, struct kho_scratch_ser, size),
		};

		/*
		 * Linux 7.2 writes a zero-size area when a scratch size
		 * rounds to nothing; it adds and flags nothing for it.
		 */
		if (s.size == 0)
			ha_report(ha, I_SCRATCH_AREA_EMPTY, s.addr,
				  "scratch[%llu] at %#llx has size 0",
				  (unsigned long long)i,
				  (unsigned long long)s.addr);
		else if (!IS_ALIGNED(s.addr, PAGE_SIZE) ||
			 !IS_ALIGNED(s.size, PAGE_SIZE))
			ha_report(ha, E_SCRATCH_AREA_INVALID, s.addr,
				  "scratch[%llu] [%#llx, +%#llx) not page aligned",
				  (unsigned long long)i,
				  (unsigned long long)s.addr,
				  (unsigned long long)s.size);
		else if (!handover_in_ram(cfg, s.addr, s.size))
			ha_report(ha, E_SCRATCH_OUTSIDE_RAM, s.addr,
				  "scratch[%llu] [%#llx, +%#llx) not in RAM",
				  (unsigned long long)i,
				  (unsigned long long)s.addr,
				  (unsigned long long)s.size);
		for (j = 0; j < m->scratch_count; j++)
			if (ranges_overlap(s.addr, s.size, m->scratch[j].addr,
					   m->scratch[j].size))
				ha_report(ha, E_SCRATCH_OVERLAP, s.addr,
					  "scratch[%llu] overlaps scratch[%llu]",
					  (unsigned long long)i,
					  (unsigned long long)j);
		if (m->scratch_count < MODEL_SCRATCH_MAX)
			m->scratch[m->scratch_count++] = s;
		else
			m->scratch_truncated = true;
	}
	for (i = 0; i < m->scratch_count; i++)
		if (rec->scratch_addr >= m->scratch[i].addr &&
		    rec->scratch_addr + n * entry <=
			    m->scratch[i].addr + m->scratch[i].size)
			return;
	ha_report(ha, W_SCRATCH_ARRAY_OUTSIDE, rec->scratch_addr,
		  "scratch array [%#llx, +%#llx) not inside a scratch area",
		  (unsigned long long)rec->scratch_addr,
		  (unsigned long long)(n * entry));
}

/* ---- root FDT ---------------------------------------------------------- */

static bool fdt_u64_prop(const void *fdt, int node, const char *name, u64 *out)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len != KHO_FDT_U64_LEN)
		return false;
	*out = abi_le64(p);
	return true;
}

static enum kho_version kho_version_of(const char *s)
{
	if (!strcmp(s, KHO_COMPAT_V1))
		return KHO_VERSION_V1;
	if (!strcmp(s, KHO_COMPAT_V2))
		return KHO_VERSION_V2;
	if (!strcmp(s, KHO_COMPAT_V3))
		return KHO_VERSION_V3;
	if (!strcmp(s, KHO_COMPAT_V4))
		return KHO_VERSION_V4;
	return KHO_VERSION_UNKNOWN;
}

static void detect_kho_version(struct handover_access *ha,
			       struct handover_model *m, const void *fdt)
{
	int len, off = 0;
	const char *p = fdt_getprop(fdt, 0, KHO_PROP_COMPATIBLE, &len);

	m->kho = KHO_VERSION_UNKNOWN;
	if (!p || len <= 0) {
		ha_report(ha, E_KHO_UNKNOWN_VERSION, m->fdt_pa,
			  "KHO root has no compatible");
		return;
	}
	/* the property is a list of NUL-terminated strings */
	while (off < len) {
		const char *s = p + off;
		size_t n = strnlen(s, len - off);

		if (n == (size_t)(len - off))
			break;
		if (off == 0) {
			size_t k = MIN(n, sizeof(m->kho_compatible) - 1);

			memcpy(m->kho_compatible, s, k);
			m->kho_compatible[k] = 0;
		}
		if (m->kho == KHO_VERSION_UNKNOWN)
			m->kho = kho_version_of(s);
		off += n + 1;
	}
	if (m->kho == KHO_VERSION_UNKNOWN) {
		ha_report(ha, E_KHO_UNKNOWN_VERSION, m->fdt_pa,
			  "KHO root compatible \"%.*s\" is not kho-v1..v4",
			  (int)MIN(len, 40), p);
		return;
	}
	if (m->kho == KHO_VERSION_V3 || m->kho == KHO_VERSION_V4)
		ha_report(ha, I_KHO_V3_OR_V4, m->fdt_pa,
			  "v3-or-v4 content, string says %s",
			  kho_version_name(m->kho));
}

static bool subtree_known(const char *name)
{
	return !strcmp(name, KHO_SUBTREE_LUO) ||
	       !strcmp(name, KHO_SUBTREE_MEMBLOCK) ||
	       !strcmp(name, KHO_SUBTREE_METADATA) ||
	       !strcmp(name, KHO_SUBTREE_TEST) ||
	       !strcmp(name, KHO_SUBTREE_BATON);
}

/*
 * Sub-FDT size from its header (kho-v1/v2 carry no blob-size). The header
 * is copied out first: the pointer comes from the handover and need not be
 * aligned, and libfdt's accessors expect an aligned header.
 */
static u64 sub_fdt_size(struct handover_access *ha, phys_addr_t pa)
{
	struct handover_access quiet = *ha;
	struct fdt_header hdr;

	quiet.findings = NULL;
	if (!ha_read(&quiet, pa, &hdr, sizeof(hdr), "sub-FDT header") ||
	    fdt_magic(&hdr) != FDT_MAGIC)
		return 0;
	return fdt_totalsize(&hdr);
}

/*
 * Reads one sub-blob node: name (truncated copy for the model), address
 * and size. Reports missing properties unless quiet. False when the node
 * has no usable address.
 */
static bool read_subtree(struct handover_access *ha,
			 const struct handover_model *m, const void *fdt,
			 int node, struct model_subtree *t)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	const char *prop = m->kho == KHO_VERSION_V1 ? KHO_PROP_SUBTREE_FDT :
						     KHO_PROP_PRESERVED_DATA;

	memset(t, 0, sizeof(*t));
	if (!name)
		return false;
	memcpy(t->name, name, strnlen(name, sizeof(t->name) - 1));
	if (!fdt_u64_prop(fdt, node, prop, &t->pa)) {
		ha_report(ha, E_SUBTREE_PROP_MISSING, m->fdt_pa,
			  "sub-blob \"%s\": %s missing or not 8 bytes",
			  t->name, prop);
		return false;
	}
	if (m->kho >= KHO_VERSION_V3) {
		t->has_size = fdt_u64_prop(fdt, node, KHO_PROP_BLOB_SIZE,
					   &t->size);
		if (!t->has_size)
			ha_report(ha, E_SUBTREE_PROP_MISSING, m->fdt_pa,
				  "sub-blob \"%s\": blob-size missing or not 8 bytes",
				  t->name);
	}
	if (!t->has_size) {
		/* then the blob is a sub-FDT, which libfdt reads aligned */
		if (!IS_ALIGNED(t->pa, sizeof(fdt64_t)))
			ha_report(ha, E_POINTER_MISALIGNED, t->pa,
				  "sub-FDT \"%s\" at %#llx not 8-byte aligned",
				  t->name, (unsigned long long)t->pa);
		t->size = sub_fdt_size(ha, t->pa);
	}
	t->known = subtree_known(name);
	return true;
}

/*
 * The model keeps MODEL_SUBTREE_MAX sub-blobs for the report; the known
 * ones (LUO, memblock, ...) always get a place, since the layers above are
 * parsed from them. Unknown ones beyond the room are still validated (here
 * and in check_blobs), only not listed.
 */
static void store_subtree(struct handover_model *m,
			  const struct model_subtree *t)
{
	u32 unknown_room = MODEL_SUBTREE_MAX - MODEL_SUBTREE_KNOWN;
	u32 i, unknown = 0;

	m->subtree_total++;
	if (t->known && model_find_subtree(m, t->name))
		return;			/* a duplicate: the first one counts */
	for (i = 0; i < m->subtree_count; i++)
		unknown += !m->subtrees[i].known;
	if (m->subtree_count < MODEL_SUBTREE_MAX &&
	    (t->known || unknown < unknown_room))
		m->subtrees[m->subtree_count++] = *t;
	else
		m->subtrees_truncated = true;
}

static void parse_subtree(struct handover_access *ha, struct handover_model *m,
			  const void *fdt, int node)
{
	struct model_subtree t;

	if (!read_subtree(ha, m, fdt, node, &t)) {
		m->subtree_total++;
		return;
	}
	if (!t.known)
		ha_report(ha, I_SUBTREE_UNKNOWN, t.pa,
			  "unknown sub-blob \"%s\", %llu bytes", t.name,
			  (unsigned long long)t.size);
	store_subtree(m, &t);
}

static const char *node_name(const void *fdt, int node)
{
	const char *name = fdt_get_name(fdt, node, NULL);

	return name ? name : "";
}

static u32 name_hash32(const char *s)
{
	u32 h = 0x811c9dc5u;

	while (*s)
		h = (h ^ (u8)*s++) * 0x01000193u;
	return h;
}

/*
 * Duplicate sub-blob names, compared in full (names longer than the
 * model's copy differ where the copy stops). Sorted by hash, then equal
 * hashes compared by name, so collisions are never taken for duplicates.
 * The root FDT normally fits a page, whose nodes all fit the key array;
 * beyond that the check cannot be done and says so.
 */
static void check_subtree_names(struct handover_access *ha,
				struct handover_model *m, const void *fdt)
{
	u64 *keys = m->subtree_keys;
	u32 n = 0, i, j, k;
	int node;

	fdt_for_each_subnode(node, fdt, 0) {
		if (n == MODEL_SUBTREE_KEYS) {
			ha_report(ha, E_NOT_VALIDATED, m->fdt_pa,
				  "KHO FDT has more than %u sub-blobs: names not checked for duplicates",
				  MODEL_SUBTREE_KEYS);
			return;
		}
		keys[n++] = (u64)name_hash32(node_name(fdt, node))
				<< 32 | (u32)node;
	}
	u64_heapsort(keys, n);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && keys[j] >> 32 == keys[i] >> 32; j++)
			;
		/* i..j share a hash: report each name seen before in it */
		for (k = i + 1; k < j; k++) {
			const char *name = node_name(fdt, (int)(u32)keys[k]);
			u32 e;

			for (e = i; e < k; e++)
				if (!strcmp(node_name(fdt, (int)(u32)keys[e]),
					    name))
					break;
			if (e < k)
				ha_report(ha, E_SUBTREE_DUPLICATE, m->fdt_pa,
					  "sub-blob \"%.*s\" appears twice",
					  MODEL_NAME_MAX - 1, name);
		}
	}
}

/* Maps the root FDT and returns an 8-byte aligned pointer to it, or NULL. */
static const void *map_root_fdt(struct handover_access *ha,
				struct handover_model *m, u64 *bufsize)
{
	const u8 *hdr, *fdt;
	u64 total;

	if (!ha_check_aligned(ha, m->fdt_pa, 8, E_POINTER_MISALIGNED,
			      "KHO FDT"))
		return NULL;
	hdr = ha_map(ha, m->fdt_pa, sizeof(struct fdt_header),
		     "KHO FDT header");
	if (!hdr)
		return NULL;
	if (fdt_magic(hdr) != FDT_MAGIC) {
		ha_report(ha, E_FDT_INTEGRITY, m->fdt_pa,
			  "KHO FDT bad magic %#x", fdt_magic(hdr));
		return NULL;
	}
	total = fdt_totalsize(hdr);
	m->fdt_totalsize = (u32)total;
	if (total > m->fdt_size)
		ha_report(ha, E_KHO_FDT_SIZE, m->fdt_pa,
			  "FDT totalsize %llu > fdt_size %llu",
			  (unsigned long long)total,
			  (unsigned long long)m->fdt_size);
	if (total > KHO_ROOT_FDT_MAX)
		ha_report(ha, E_FDT_TOO_LARGE, m->fdt_pa,
			  "FDT totalsize %llu > %u",
			  (unsigned long long)total, KHO_ROOT_FDT_MAX);
	if (total < sizeof(struct fdt_header) || total > KHO_FDT_SIZE_MAX) {
		ha_report(ha, E_FDT_INTEGRITY, m->fdt_pa,
			  "FDT totalsize %llu unusable",
			  (unsigned long long)total);
		return NULL;
	}
	fdt = ha_map(ha, m->fdt_pa, total, "KHO FDT");
	if (!fdt)
		return NULL;
	*bufsize = total;
	if (((uintptr_t)fdt & 7) == 0)
		return fdt;
	if (total > sizeof(m->fdt_copy))
		return NULL;
	memcpy(m->fdt_copy, fdt, total);
	return m->fdt_copy;
}

static const void *parse_root_fdt(struct handover_access *ha,
				  struct handover_model *m)
{
	u64 bufsize = 0;
	const void *fdt = map_root_fdt(ha, m, &bufsize);
	int err, node;

	if (!fdt)
		return NULL;
	err = fdt_check_full(fdt, bufsize);
	if (err) {
		ha_report(ha, E_FDT_INTEGRITY, m->fdt_pa,
			  "KHO FDT: %s", fdt_strerror(err));
		return NULL;
	}
	detect_kho_version(ha, m, fdt);
	if (m->kho == KHO_VERSION_UNKNOWN)
		return NULL;
	if (!fdt_u64_prop(fdt, 0, KHO_PROP_MEM_MAP, &m->mem_map) ||
	    (m->mem_map == 0 && m->kho != KHO_VERSION_V1))
		ha_report(ha, E_KHO_MEM_MAP_MISSING, m->fdt_pa,
			  "preserved-memory-map missing, not 8 bytes or 0");
	else
		ha_check_aligned(ha, m->mem_map, PAGE_SIZE,
				 E_MAP_PAGE_MISALIGNED, "preserved-memory-map");
	fdt_for_each_subnode(node, fdt, 0)
		parse_subtree(ha, m, fdt, node);
	check_subtree_names(ha, m, fdt);
	return fdt;
}

/*
 * The walk's runs (one ascending sequence per order) merge in O(runs)
 * through a buffer of preserved_index_merge_room() runs: the index's
 * unused tail, or one from the model's allocator (the smaller side of the
 * largest merge; a few runs for contiguous guest RAM, as many as entries
 * only for a map of scattered pages). Without it the runs are heapsorted.
 */
static void sort_index(struct handover_model *m)
{
	struct preserved_index *idx = &m->preserved;
	u64 room = idx->capacity - idx->run_count;
	u64 need = preserved_index_merge_room(idx);
	struct preserved_run *buf = idx->runs ? idx->runs + idx->run_count :
				     NULL;

	if (need > room && need != UINT64_MAX && m->grow &&
	    need <= UINT64_MAX / sizeof(*buf)) {
		struct preserved_run *more = m->grow(m->grow_ctx, NULL, 0,
						     need * sizeof(*buf));

		if (more) {
			buf = more;
			room = need;
			m->merge_buffer = need;
		}
	}
	preserved_index_sort_buf(idx, buf, room);
}

/* ---- preserved-memory map -------------------------------------------- */

struct map_collect {
	struct handover_model *m;
	const struct kho_map_sink *tee;
};

static void collect_run(void *ctx, phys_addr_t pa, unsigned int order,
			u64 count)
{
	struct map_collect *c = ctx;
	const struct kho_map_sink *tee = c->tee;
	u64 i;

	preserved_index_add_run(&c->m->preserved, pa, order, count);
	if (!tee)
		return;
	if (tee->preserved_run) {
		tee->preserved_run(tee->ctx, pa, order, count);
	} else if (tee->preserved) {
		for (i = 0; i < count; i++)
			tee->preserved(tee->ctx,
				       pa + (i << (PAGE_SHIFT + order)), order);
	}
}

static void collect_map_page(void *ctx, phys_addr_t pa, u64 size)
{
	struct map_collect *c = ctx;
	struct handover_model *m = c->m;

	if (m->map_page_count < m->map_pages_cap)
		m->map_pages[m->map_page_count++] = pa;
	else
		m->map_pages_truncated = true;
	if (c->tee && c->tee->map_page)
		c->tee->map_page(c->tee->ctx, pa, size);
}

static bool ram_lookup(const void *cfg, phys_addr_t pa, u64 len)
{
	return handover_in_ram(cfg, pa, len);
}

static void walk_map(const struct handover_config *cfg,
		     struct handover_access *ha, struct handover_model *m)
{
	struct map_collect c = { .m = m, .tee = cfg->map_sink };
	struct kho_map_sink sink = {
		.ctx = &c,
		.preserved_run = collect_run,
		.map_page = collect_map_page,
	};

	if (m->kho == KHO_VERSION_V1) {
		kho_v1_detect_quiet(ha, m->mem_map, cfg->v1_hint,
				    &m->v1_detection);
		if (m->v1_detection.evidence == KHO_V1_EVIDENCE_ASSUMED)
			kho_v1_detect_by_ram(ha, m->mem_map, &m->map_visit,
					     ram_lookup, cfg,
					     &m->v1_detection);
		kho_v1_report_detection(ha, m->mem_map, &m->v1_detection);
		m->v1_variant = m->v1_detection.variant;
		if (m->mem_map && !cfg->map_root_only)
			kho_v1_walk(ha, m->mem_map, m->v1_variant,
				    &m->map_visit, &sink, &m->map);
	} else if (m->mem_map && !cfg->map_root_only) {
		kho_radix_walk(ha, m->mem_map, &m->map_visit, &sink, &m->map);
	}
	sort_index(m);
	u64_heapsort(m->map_pages, m->map_page_count);
	if (m->preserved.dropped)
		ha_report(ha, W_PRESERVED_INDEX_FULL, 0,
			  "preserved index full: %llu entries not indexed, checks partial (room for %llu runs, up to %llu bytes more needed)",
			  (unsigned long long)m->preserved.dropped,
			  (unsigned long long)m->preserved.capacity,
			  (unsigned long long)(m->preserved.dropped *
					       sizeof(struct preserved_run)));
}

/* R4, R5 for one entry: a run that is not wholly in RAM or is near scratch. */
static void check_entry(const struct handover_config *cfg,
			struct handover_access *ha, struct handover_model *m,
			u64 pa, u64 size)
{
	if (!handover_in_ram(cfg, pa, size))
		ha_report(ha, E_PRESERVED_OUTSIDE_RAM, pa,
			  "preserved [%#llx, +%#llx) not in RAM",
			  (unsigned long long)pa, (unsigned long long)size);
	if (in_scratch(m, pa, size))
		ha_report(ha, E_PRESERVED_IN_SCRATCH, pa,
			  "preserved [%#llx, +%#llx) overlaps scratch",
			  (unsigned long long)pa, (unsigned long long)size);
}

/*
 * R3, R4, R5 over the sorted index, per run: a run wholly in one RAM
 * window and clear of scratch holds no entry that is not. Only a run that
 * fails one of those (or that earlier runs reach into) is looked at entry
 * by entry, with the findings each entry gave.
 */
static void check_preserved(const struct handover_config *cfg,
			    struct handover_access *ha,
			    struct handover_model *m)
{
	const struct preserved_index *idx = &m->preserved;
	u64 i, k, win_start = 0, win_end = 0;	/* last RAM window hit */

	for (i = 0; i < idx->run_count; i++) {
		const struct preserved_run *r = &idx->runs[i];
		u64 pa = preserved_run_pa(r), step = preserved_run_step(r);
		u64 end = preserved_run_end(r), size = end - pa;
		u64 before = i ? idx->runs[i - 1].reach : 0;
		bool in_window;

		/* entries of one run never overlap each other */
		for (k = 0; k < r->count && pa + k * step < before; k++)
			ha_report(ha, E_PRESERVED_DUPLICATE, pa + k * step,
				  "preserved [%#llx, +%#llx) order %u overlaps an earlier range",
				  (unsigned long long)(pa + k * step),
				  (unsigned long long)step,
				  preserved_entry_order(r->start));
		if (pa < win_start || pa >= win_end)
			ram_window_at(cfg, pa, &win_start, &win_end);
		in_window = pa >= win_start && pa < win_end &&
			    size <= win_end - pa;
		if ((in_window || handover_in_ram(cfg, pa, size)) &&
		    !in_scratch(m, pa, size))
			continue;
		for (k = 0; k < r->count; k++)
			check_entry(cfg, ha, m, pa + k * step, step);
	}
}

/*
 * R1 for the pages of the map itself. Sharing (the same page twice) is
 * the walkers' E_MAP_PAGE_SHARED: they enter every page once, so the list
 * holds no duplicates.
 */
static void check_map_pages(struct handover_access *ha,
			    struct handover_model *m)
{
	u64 i;

	for (i = 0; i < m->map_page_count; i++) {
		phys_addr_t pa = m->map_pages[i];

		if (preserved_index_covers(&m->preserved, pa, 1))
			ha_report(ha, E_MAP_PAGE_IN_PRESERVED, pa,
				  "map page %#llx inside a preserved range",
				  (unsigned long long)pa);
		if (in_scratch(m, pa, 1))
			ha_report(ha, E_MAP_PAGE_IN_SCRATCH, pa,
				  "map page %#llx inside scratch",
				  (unsigned long long)pa);
	}
}

/*
 * F6, F7: the FDT page and every sub-blob are preserved, outside scratch.
 * Every node of the FDT is checked, stored in the model or not.
 */
static void check_blobs(struct handover_access *ha, struct handover_model *m,
			const void *fdt)
{
	struct handover_access quiet = *ha;
	int node;

	if (preserved_index_order_at(&m->preserved, m->fdt_pa) != 0) {
		if (!m->preserved.dropped)
			ha_report(ha, E_POINTER_NOT_PRESERVED, m->fdt_pa,
				  "KHO FDT page is not a preserved order-0 range");
	} else
		preserved_index_claim(&m->preserved, m->fdt_pa, PAGE_SIZE);
	if (in_scratch(m, m->fdt_pa, PAGE_SIZE))
		ha_report(ha, E_PRESERVED_IN_SCRATCH, m->fdt_pa,
			  "KHO FDT page inside scratch");
	quiet.findings = NULL;		/* property problems: reported once */
	fdt_for_each_subnode(node, fdt, 0) {
		struct model_subtree t;
		u64 len;

		if (!read_subtree(&quiet, m, fdt, node, &t))
			continue;
		len = t.size ? t.size : 1;
		if (preserved_index_covers(&m->preserved, t.pa, len))
			preserved_index_claim(&m->preserved, t.pa, len);
		else if (!m->preserved.dropped)	/* else unknowable */
			ha_report(ha, E_POINTER_NOT_PRESERVED, t.pa,
				  "sub-blob \"%s\" [%#llx, +%#llx) not preserved",
				  t.name, (unsigned long long)t.pa,
				  (unsigned long long)len);
		if (in_scratch(m, t.pa, len))
			ha_report(ha, E_PRESERVED_IN_SCRATCH, t.pa,
				  "sub-blob \"%s\" inside scratch", t.name);
	}
}

void kho_parse(const struct handover_config *cfg,
	       const struct model_storage *st, struct handover_model *m,
	       struct finding_list *findings)
{
	const struct boot_kho_record *rec = &cfg->kho;
	struct handover_access ha;
	const void *fdt;

	model_init(m, st);
	handover_access_init(&ha, cfg->view, findings);
	if (!rec->present)
		return;
	if (rec->len < sizeof(struct kho_data_ser))
		ha_report(&ha, E_KHO_RECORD_SHORT, rec->setup_data_pa,
			  "SETUP_KEXEC_KHO len %u < %zu", rec->len,
			  sizeof(struct kho_data_ser));
	m->fdt_pa = rec->fdt_addr;
	m->fdt_size = rec->fdt_size;
	if (rec->fdt_size == 0 || rec->fdt_size > KHO_FDT_SIZE_MAX)
		ha_report(&ha, E_KHO_FDT_SIZE, rec->fdt_addr,
			  "fdt_size %llu outside 1..%llu KiB",
			  (unsigned long long)rec->fdt_size,
			  KHO_FDT_SIZE_MAX / SZ_1K);
	parse_scratch(cfg, &ha, m);
	fdt = parse_root_fdt(&ha, m);
	if (!fdt)
		return;
	walk_map(cfg, &ha, m);
	check_preserved(cfg, &ha, m);
	check_map_pages(&ha, m);
	handover_access_for(&ha, cfg, m, findings);
	check_blobs(&ha, m, fdt);
}
