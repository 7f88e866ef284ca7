// SPDX-License-Identifier: MIT
/*
 * The LUO layer: luo-v5 (packed luo_ser, kho_block chains; 7.2) and the
 * FDT-era luo-v1 (6.19-7.1, plus the unreleased luo-session-v1 seed);
 * sessions, files and FLBs with the invariants L1-L11.
 */
#include <luo/luo_internal.h>
#include <luo/kho_block.h>
#include <libfdt.h>
#include <string.h>

/* baton's bound on the FLB area (Linux writes 1 page) */
#define LUO_FLB_PGCNT_MAX	1024

bool luo_copy_name(char *dst, const char *field, size_t field_len)
{
	size_t n = strnlen(field, field_len);

	memcpy(dst, field, n);
	dst[n] = 0;
	return n < field_len;
}

/* ---- files ------------------------------------------------------------- */

struct file_scan {
	struct luo_parse_ctx *c;
	struct model_session *s;	/* NULL when not stored */
	u64 seen;
};

static void file_entry(struct file_scan *fs, const u8 *raw, phys_addr_t pa)
{
	struct luo_parse_ctx *c = fs->c;
	struct handover_model *m = c->m;
	struct model_file f = { .memfd = -1 };

	fs->seen++;
	if (!luo_copy_name(f.compatible, (const char *)raw,
			   LUO_FILE_COMPAT_LEN))
		ha_report(&c->ha, E_NAME_UNTERMINATED, pa,
			  "file compatible not NUL-terminated in %u bytes",
			  LUO_FILE_COMPAT_LEN);
	f.data = ABI_LE64(raw, struct luo_file_ser, data);
	f.token = ABI_LE64(raw, struct luo_file_ser, token);
	if (!strcmp(f.compatible, MEMFD_COMPAT_V2))
		f.memfd = memfd_parse(c, f.data, MEMFD_VERSION_V2);
	else if (!strcmp(f.compatible, MEMFD_COMPAT_V1))
		f.memfd = memfd_parse(c, f.data, MEMFD_VERSION_V1);
	else
		ha_report(&c->ha, E_FILE_UNKNOWN_HANDLER, pa,
			  "file handler \"%s\" unknown", f.compatible);
	if (fs->s && !fs->s->files_truncated &&
	    model_room32(m, &m->files, &m->files_cap, m->file_count + 1ULL,
			 sizeof(*m->files), "files")) {
		m->files[m->file_count++] = f;
		fs->s->file_count++;
	} else if (fs->s) {
		fs->s->files_truncated = true;
	}
}

static bool file_block_entry(void *ctx, const u8 *entry, phys_addr_t pa)
{
	struct file_scan *fs = ctx;

	file_entry(fs, entry, pa);
	return !fs->c->stopped;
}

/* A kho_block walk's work, and a full visited set stopping the parse. */
static void count_walk(struct luo_parse_ctx *c,
		       const struct kho_block_result *r)
{
	c->m->luo_work.blocks += r->blocks;
	c->m->luo_work.entries += r->entries;
	if (r->full)
		c->stopped = true;
}

/* ---- sessions ---------------------------------------------------------- */

static struct model_session *add_session(struct luo_parse_ctx *c,
					 const u8 *raw, phys_addr_t pa)
{
	struct handover_model *m = c->m;
	char name[LUO_SESSION_NAME_LEN + 1];
	struct model_session *s;

	if (!luo_copy_name(name, (const char *)raw, LUO_SESSION_NAME_LEN))
		ha_report(&c->ha, E_NAME_UNTERMINATED, pa,
			  "session name not NUL-terminated in %u bytes",
			  LUO_SESSION_NAME_LEN);
	if (!name[0])
		ha_report(&c->ha, E_NAME_EMPTY, pa, "session with empty name");
	if (!model_room32(m, &m->sessions, &m->sessions_cap,
			  m->session_count + 1ULL, sizeof(*m->sessions),
			  "sessions")) {
		m->sessions_truncated = true;
		return NULL;
	}
	s = &m->sessions[m->session_count++];
	memset(s, 0, sizeof(*s));
	memcpy(s->name, name, sizeof(s->name));
	s->file_first = m->file_count;
	return s;
}

static void check_file_count(struct luo_parse_ctx *c, phys_addr_t pa,
			     const char *name, phys_addr_t files, u64 declared,
			     u64 seen)
{
	if (files == 0 && declared != 0)
		ha_report(&c->ha, E_SESSION_FILE_COUNT, pa,
			  "session \"%s\": no file list but count %llu", name,
			  (unsigned long long)declared);
	else if (files && seen != declared)
		ha_report(&c->ha, E_SESSION_FILE_COUNT, pa,
			  "session \"%s\": %llu files listed, count says %llu",
			  name, (unsigned long long)seen,
			  (unsigned long long)declared);
}

static bool session_v5_entry(void *ctx, const u8 *raw, phys_addr_t pa)
{
	struct luo_parse_ctx *c = ctx;
	struct model_session *s = add_session(c, raw, pa);
	struct file_scan fs = { .c = c, .s = s };
	phys_addr_t files = ABI_LE64(raw, struct luo_session_ser, files);
	u64 count = ABI_LE64(raw, struct luo_session_ser, count);
	struct kho_block_result r;
	char name[LUO_SESSION_NAME_LEN + 1];

	luo_copy_name(name, (const char *)raw, LUO_SESSION_NAME_LEN);
	if (s) {
		s->files_pa = files;
		s->count = count;
	}
	r = kho_block_walk(&c->ha, files,
			   pa + offsetof(struct luo_session_ser, files),
			   sizeof(struct luo_file_ser),
			   "file blocks", &c->m->preserved, &c->m->luo_visit,
			   file_block_entry, &fs);
	count_walk(c, &r);
	if (r.ok)
		check_file_count(c, pa, name, files, count, fs.seen);
	return !c->stopped;
}

/* ---- FLBs ------------------------------------------------------------- */

static void parse_flbs(struct luo_parse_ctx *c, phys_addr_t pa)
{
	struct handover_model *m = c->m;
	const u8 *hdr, *arr;
	phys_addr_t entries;
	u64 pgcnt, count, cap, i, j;

	if (!ha_check_aligned(&c->ha, pa, PAGE_SIZE, E_POINTER_MISALIGNED,
			      "FLB page"))
		return;
	hdr = ha_map_preserved(&c->ha, pa, sizeof(struct luo_flb_header_ser),
			       "FLB header");
	if (!hdr)
		return;
	pgcnt = ABI_LE64(hdr, struct luo_flb_header_ser, pgcnt);
	count = ABI_LE64(hdr, struct luo_flb_header_ser, count);
	if (pgcnt == 0 || pgcnt > LUO_FLB_PGCNT_MAX) {
		ha_report(&c->ha, E_FLB_INVALID, pa, "FLB pgcnt %llu",
			  (unsigned long long)pgcnt);
		return;
	}
	luo_claim(c, pa, pgcnt * PAGE_SIZE);
	cap = (pgcnt * PAGE_SIZE - sizeof(struct luo_flb_header_ser)) /
	      sizeof(struct luo_flb_ser);
	if (count > cap) {
		ha_report(&c->ha, E_COUNT_EXCEEDS_CAPACITY, pa,
			  "FLB count %llu > capacity %llu",
			  (unsigned long long)count, (unsigned long long)cap);
		count = cap;
	}
	if (!count)
		return;
	entries = pa + sizeof(struct luo_flb_header_ser);
	arr = ha_map_preserved(&c->ha, entries,
			       count * sizeof(struct luo_flb_ser),
			       "FLB entries");
	if (!arr)
		return;
	for (i = 0; i < count; i++) {
		struct model_flb f;
		const u8 *e = ABI_ELEM(arr, struct luo_flb_ser, i);
		phys_addr_t e_pa = ABI_ELEM(entries, struct luo_flb_ser, i);

		if (!luo_copy_name(f.name, (const char *)e, LUO_FLB_NAME_LEN))
			ha_report(&c->ha, E_NAME_UNTERMINATED, e_pa,
				  "FLB name not NUL-terminated in %u bytes",
				  LUO_FLB_NAME_LEN);
		f.data = ABI_LE64(e, struct luo_flb_ser, data);
		f.count = ABI_LE64(e, struct luo_flb_ser, count);
		if (f.count == 0)
			ha_report(&c->ha, W_FLB_COUNT_ZERO, e_pa,
				  "FLB \"%s\" with count 0", f.name);
		for (j = 0; j < m->flb_count; j++)
			if (!strcmp(m->flbs[j].name, f.name))
				ha_report(&c->ha, E_FLB_DUPLICATE, e_pa,
					  "FLB \"%s\" appears twice", f.name);
		if (m->flb_count < LUO_FLB_MAX)
			m->flbs[m->flb_count++] = f;
		else
			m->flbs_truncated = true;
	}
}

/* ---- luo-v5 ----------------------------------------------------------- */

static void parse_luo_v5(struct luo_parse_ctx *c, const struct model_subtree *t)
{
	struct handover_model *m = c->m;
	struct kho_block_result r;
	const u8 *p;

	if (t->has_size && t->size < sizeof(struct luo_ser)) {
		ha_report(&c->ha, E_LUO_BLOB_SIZE, t->pa,
			  "LUO blob-size %llu < %zu",
			  (unsigned long long)t->size, sizeof(struct luo_ser));
		return;
	}
	p = ha_map_preserved(&c->ha, t->pa, sizeof(struct luo_ser), "luo_ser");
	if (!p)
		return;
	if (memcmp(ABI_FIELD(p, struct luo_ser, compatible), LUO_V5_COMPAT,
		   sizeof(LUO_V5_COMPAT))) {
		m->luo = LUO_VERSION_UNKNOWN;
		ha_report(&c->ha, E_LUO_UNKNOWN_VERSION, t->pa,
			  "LUO compatible \"%.*s\" is not " LUO_V5_COMPAT,
			  LUO_COMPAT_FIELD, (const char *)p);
		return;
	}
	m->luo = LUO_VERSION_V5;
	m->session_format = LUO_SESSIONS_BLOCKS;
	m->liveupdate_num = ABI_LE64(p, struct luo_ser, liveupdate_num);
	m->sessions_pa = ABI_LE64(p, struct luo_ser, sessions_pa);
	m->flbs_pa = ABI_LE64(p, struct luo_ser, flbs_pa);
	if (m->liveupdate_num == 0)
		ha_report(&c->ha, W_LUO_NUM_ZERO, t->pa, "liveupdate_num is 0");
	r = kho_block_walk(&c->ha, m->sessions_pa,
			   t->pa + offsetof(struct luo_ser, sessions_pa),
			   sizeof(struct luo_session_ser), "session blocks",
			   &m->preserved, &m->luo_visit, session_v5_entry, c);
	count_walk(c, &r);
	if (m->flbs_pa && !c->stopped)
		parse_flbs(c, m->flbs_pa);
}

/* ---- luo-v1 (FDT) ------------------------------------------------------ */

static bool fdt_node_prop_u64(const void *fdt, int node, const char *name,
			      u64 *out)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len != KHO_FDT_U64_LEN)
		return false;
	*out = abi_le64(p);
	return true;
}

/* Finds node `name` with a compatible among compats; its index or -1. */
static int luo_v1_node(struct luo_parse_ctx *c, const void *fdt,
		       const char *name, const char *const *compats,
		       int ncompat, int *node)
{
	int i;

	*node = fdt_subnode_offset(fdt, 0, name);
	if (*node < 0)
		return -1;
	for (i = 0; i < ncompat; i++)
		if (fdt_node_check_compatible(fdt, *node, compats[i]) == 0)
			return i;
	ha_report(&c->ha, E_LUO_FDT_NODE, c->m->luo_pa,
		  "LUO node \"%s\" has an unknown compatible", name);
	return -2;
}

static void parse_v1_files(struct luo_parse_ctx *c, struct model_session *s,
			   const char *name, phys_addr_t files, u64 count,
			   phys_addr_t entry_pa)
{
	struct file_scan fs = { .c = c, .s = s };
	const u8 *arr;
	u64 i;

	if (!files) {
		check_file_count(c, entry_pa, name, files, count, 0);
		return;
	}
	if (count > LUO_V1_FILE_MAX) {
		ha_report(&c->ha, E_COUNT_EXCEEDS_CAPACITY, files,
			  "session \"%s\": %llu files > %u", name,
			  (unsigned long long)count, LUO_V1_FILE_MAX);
		count = LUO_V1_FILE_MAX;
	}
	switch (luo_visit(c, files, "luo-v1 file array")) {
	case VISIT_NEW:
		break;
	case VISIT_SEEN:
		ha_report(&c->ha, E_BLOCK_SHARED, files,
			  "session \"%s\": luo-v1 file array %#llx entered before, referenced again from %#llx",
			  name, (unsigned long long)files,
			  (unsigned long long)entry_pa +
			  offsetof(struct luo_session_ser, files));
		return;
	case VISIT_FULL:
		return;
	}
	arr = ha_map_preserved(&c->ha, files, LUO_V1_FILE_AREA,
			       "luo-v1 file array");
	if (!arr)
		return;
	luo_claim(c, files, LUO_V1_FILE_AREA);
	c->m->luo_work.blocks++;
	for (i = 0; i < count && !c->stopped; i++) {
		c->m->luo_work.entries++;
		file_entry(&fs, ABI_ELEM(arr, struct luo_file_ser, i),
			   ABI_ELEM(files, struct luo_file_ser, i));
	}
}

static void parse_v1_sessions(struct luo_parse_ctx *c, phys_addr_t area,
			      bool with_files)
{
	u64 entry = with_files ? sizeof(struct luo_session_ser) :
				 sizeof(struct luo_session_v1_ser);
	u64 hdr = sizeof(struct luo_v1_session_area_ser);
	u64 max = (LUO_V1_SESSION_AREA - hdr) / entry, count, i;
	const u8 *p;

	if (!ha_check_aligned(&c->ha, area, PAGE_SIZE, E_POINTER_MISALIGNED,
			      "luo-v1 session area"))
		return;
	p = ha_map_preserved(&c->ha, area, LUO_V1_SESSION_AREA,
			     "luo-v1 session area");
	if (!p)
		return;
	luo_claim(c, area, LUO_V1_SESSION_AREA);
	count = ABI_LE64(p, struct luo_v1_session_area_ser, count);
	if (count > max) {
		ha_report(&c->ha, E_COUNT_EXCEEDS_CAPACITY, area,
			  "luo-v1 session count %llu > %llu",
			  (unsigned long long)count, (unsigned long long)max);
		count = max;
	}
	for (i = 0; i < count && !c->stopped; i++) {
		const u8 *raw = p + hdr + entry * i;
		phys_addr_t pa = area + hdr + entry * i;
		struct model_session *s = add_session(c, raw, pa);
		char name[LUO_SESSION_NAME_LEN + 1];
		u64 files, files_count;

		if (!with_files)
			continue;
		luo_copy_name(name, (const char *)raw, LUO_SESSION_NAME_LEN);
		files = ABI_LE64(raw, struct luo_session_ser, files);
		files_count = ABI_LE64(raw, struct luo_session_ser, count);
		if (s) {
			s->files_pa = files;
			s->count = files_count;
		}
		parse_v1_files(c, s, name, files, files_count, pa);
	}
}

static u32 be32_bytes(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static const void *map_sub_fdt(struct luo_parse_ctx *c, phys_addr_t pa,
			       const char *what)
{
	const u8 *hdr, *fdt;
	u32 total;
	int err;

	if (!ha_check_aligned(&c->ha, pa, 8, E_POINTER_MISALIGNED, what))
		return NULL;
	hdr = ha_map_preserved(&c->ha, pa, sizeof(struct fdt_header), what);
	if (!hdr)
		return NULL;
	/* byte loads: the host copy need not be aligned like pa */
	total = be32_bytes(hdr + offsetof(struct fdt_header, magic)) ==
		FDT_MAGIC ?
		be32_bytes(hdr + offsetof(struct fdt_header, totalsize)) : 0;
	if (total < sizeof(struct fdt_header) || total > PAGE_SIZE) {
		ha_report(&c->ha, E_FDT_INTEGRITY, pa,
			  "%s: bad magic or totalsize %u", what, total);
		return NULL;
	}
	fdt = ha_map_preserved(&c->ha, pa, total, what);
	fdt = fdt ? luo_aligned_fdt(c, fdt, total) : NULL;
	if (!fdt)
		return NULL;
	err = fdt_check_full(fdt, total);
	if (err) {
		ha_report(&c->ha, E_FDT_INTEGRITY, pa, "%s: %s", what,
			  fdt_strerror(err));
		return NULL;
	}
	luo_claim(c, pa, total);
	return fdt;
}

static void parse_luo_v1(struct luo_parse_ctx *c, const struct model_subtree *t)
{
	static const char *const session_compats[] = {
		LUO_V1_SESSION_COMPAT_V2, LUO_V1_SESSION_COMPAT_V1,
	};
	static const char *const flb_compats[] = { LUO_V1_FLB_COMPAT };
	static const char *const subsys_compats[] = { LUO_V1_SUBSYS_COMPAT };
	struct handover_model *m = c->m;
	const void *fdt = map_sub_fdt(c, t->pa, "LUO FDT");
	int node, which, prop;
	u64 pa;

	if (!fdt)
		return;
	if (fdt_node_check_compatible(fdt, 0, LUO_V1_COMPAT)) {
		m->luo = LUO_VERSION_UNKNOWN;
		ha_report(&c->ha, E_LUO_UNKNOWN_VERSION, t->pa,
			  "LUO FDT root is not luo-v1");
		return;
	}
	m->luo = LUO_VERSION_V1;
	if (!fdt_node_prop_u64(fdt, 0, LUO_V1_PROP_NUM, &m->liveupdate_num))
		ha_report(&c->ha, E_LUO_FDT_NODE, t->pa,
			  "LUO FDT: liveupdate-number missing or not 8 bytes");
	else if (m->liveupdate_num == 0)
		ha_report(&c->ha, W_LUO_NUM_ZERO, t->pa, "liveupdate_num is 0");

	which = luo_v1_node(c, fdt, LUO_V1_SESSION_NODE, session_compats, 2,
			    &node);
	if (which == -1)
		ha_report(&c->ha, E_LUO_FDT_NODE, t->pa,
			  "LUO FDT: no luo-session node");
	if (which >= 0) {
		m->session_format = which == 0 ? LUO_SESSIONS_V2 :
						 LUO_SESSIONS_V1;
		if (!fdt_node_prop_u64(fdt, node, LUO_V1_SESSION_PROP, &pa))
			ha_report(&c->ha, E_LUO_FDT_NODE, t->pa,
				  "luo-session: luo-session-header missing");
		else
			m->sessions_pa = pa;
		if (m->sessions_pa)
			parse_v1_sessions(c, m->sessions_pa, which == 0);
	}

	which = luo_v1_node(c, fdt, LUO_V1_FLB_NODE, flb_compats, 1, &node);
	if (which == 0) {
		m->luo_has_flb_node = true;
		if (!fdt_node_prop_u64(fdt, node, LUO_V1_FLB_PROP, &pa))
			ha_report(&c->ha, E_LUO_FDT_NODE, t->pa,
				  "luo-flb: luo-flb-header missing");
		else
			m->flbs_pa = pa;
		if (m->flbs_pa)
			parse_flbs(c, m->flbs_pa);
	}

	which = luo_v1_node(c, fdt, LUO_V1_SUBSYS_NODE, subsys_compats, 1,
			    &node);
	if (which == 0) {
		fdt_for_each_property_offset(prop, fdt, node) {
			const char *name;
			int len;

			if (!fdt_getprop_by_offset(fdt, prop, &name, &len))
				continue;
			if (strcmp(name, "compatible"))
				m->luo_subsystems++;
		}
	}
}

/* ---- duplicates (L4 names, L6 tokens) ----------------------------------- */

static int session_cmp(const struct handover_model *m, u64 a, u64 b)
{
	return strncmp(m->sessions[a].name, m->sessions[b].name,
		       sizeof(m->sessions[a].name));
}

static void sift_down(const struct handover_model *m, u64 *a, u64 root,
		      u64 n)
{
	for (;;) {
		u64 child = 2 * root + 1, t;

		if (child >= n)
			return;
		if (child + 1 < n && session_cmp(m, a[child], a[child + 1]) < 0)
			child++;
		if (session_cmp(m, a[root], a[child]) >= 0)
			return;
		t = a[root];
		a[root] = a[child];
		a[child] = t;
		root = child;
	}
}

/* Heapsort of session indices by name: O(n log n) compares, in place. */
static void sort_by_name(const struct handover_model *m, u64 *a, u64 n)
{
	u64 i, t;

	for (i = n / 2; i-- > 0;)
		sift_down(m, a, i, n);
	for (i = n; i-- > 1;) {
		t = a[0];
		a[0] = a[i];
		a[i] = t;
		sift_down(m, a, 0, i);
	}
}

/*
 * Names sorted in the work storage and compared whole (a hash alone would
 * call two names that collide duplicates); pairwise without the storage.
 */
static void check_session_names(struct luo_parse_ctx *c)
{
	struct handover_model *m = c->m;
	u32 i, j, n = m->session_count;

	if (model_room64(m, &m->work, &m->work_cap, n, sizeof(*m->work),
			 "duplicate-check work")) {
		for (i = 0; i < n; i++)
			m->work[i] = i;
		sort_by_name(m, m->work, n);
		for (i = 1; i < n; i++)
			if (!session_cmp(m, m->work[i], m->work[i - 1]))
				ha_report(&c->ha, E_SESSION_DUPLICATE,
					  m->sessions_pa,
					  "session \"%s\" appears twice",
					  m->sessions[m->work[i]].name);
		return;
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (!strcmp(m->sessions[i].name, m->sessions[j].name))
				ha_report(&c->ha, E_SESSION_DUPLICATE,
					  m->sessions_pa,
					  "session \"%s\" appears twice",
					  m->sessions[i].name);
}

static void check_tokens(struct luo_parse_ctx *c,
			 const struct model_session *s)
{
	struct handover_model *m = c->m;
	const struct model_file *f = &m->files[s->file_first];
	u32 i, j, n = s->file_count;

	if (model_room64(m, &m->work, &m->work_cap, n, sizeof(*m->work),
			 "duplicate-check work")) {
		for (i = 0; i < n; i++)
			m->work[i] = f[i].token;
		u64_heapsort(m->work, n);
		for (i = 1; i < n; i++)
			if (m->work[i] == m->work[i - 1])
				ha_report(&c->ha, E_TOKEN_DUPLICATE, s->files_pa,
					  "session \"%s\": token %#llx used twice",
					  s->name,
					  (unsigned long long)m->work[i]);
		return;
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (f[i].token == f[j].token)
				ha_report(&c->ha, E_TOKEN_DUPLICATE, s->files_pa,
					  "session \"%s\": token %#llx used twice",
					  s->name, (unsigned long long)f[i].token);
}

static void check_duplicates(struct luo_parse_ctx *c)
{
	u32 i;

	check_session_names(c);
	for (i = 0; i < c->m->session_count; i++)
		check_tokens(c, &c->m->sessions[i]);
}

void luo_parse(const struct handover_config *cfg, struct handover_model *m,
	       struct finding_list *findings)
{
	struct luo_parse_ctx c = { .cfg = cfg, .m = m };
	const struct model_subtree *t;
	const u8 *head;

	handover_access_for(&c.ha, cfg, m, findings);
	/* valid folios are distinct preserved entries: more is duplication */
	m->folio_budget = m->preserved.count + m->preserved.dropped + 1;
	/* two preserved entries share bytes (E_PRESERVED_DUPLICATE) */
	c.preserved_overlap = m->preserved.overlaps;
	t = model_find_subtree(m, KHO_SUBTREE_LUO);
	if (t) {
		m->luo_pa = t->pa;
		/* luo_ser and the LUO FDT are 8-byte structures (a page) */
		head = ha_check_aligned(&c.ha, t->pa, 8, E_POINTER_MISALIGNED,
					"LUO blob") ?
		       ha_map(&c.ha, t->pa, 4, "LUO blob") : NULL;
		if (head && be32_bytes(head) == FDT_MAGIC)
			parse_luo_v1(&c, t);
		else if (head)
			parse_luo_v5(&c, t);
		check_duplicates(&c);
	}
	memblock_parse(&c);
	metadata_parse(&c);
}
