// SPDX-License-Identifier: MIT
/*
 * Digests every preserved memfd and checks them against baton-agent's
 * manifest (luo/digest_check.h). The manifest is itself a preserved memfd,
 * read through the same checked stream as the files it describes.
 */
#include <baton/crc32c.h>
#include <luo/digest_check.h>
#include <luo/memfd_content.h>
#include <string.h>

static const char *const status_names[DIGEST_STATUS_COUNT] = {
	[DIGEST_NOT_MEMFD] = "not-memfd",
	[DIGEST_UNCHECKED] = "unchecked",
	[DIGEST_OK] = "ok",
	[DIGEST_MISMATCH] = "mismatch",
	[DIGEST_UNLISTED] = "unlisted",
	[DIGEST_UNREADABLE] = "unreadable",
	[DIGEST_MANIFEST] = "manifest",
};

const char *digest_status_name(enum digest_status s)
{
	return (unsigned int)s < DIGEST_STATUS_COUNT ? status_names[s] : "?";
}

const char *digest_manifest_state_name(enum digest_manifest_state s)
{
	switch (s) {
	case DIGEST_MANIFEST_ABSENT:
		return "absent";
	case DIGEST_MANIFEST_FOREIGN:
		return "foreign";
	case DIGEST_MANIFEST_INVALID:
		return "invalid";
	case DIGEST_MANIFEST_VALID:
		return "valid";
	}
	return "?";
}

static u32 stored_sessions(const struct handover_model *m)
{
	return m->sessions ? MIN(m->session_count, m->sessions_cap) : 0;
}

static u32 stored_files(const struct handover_model *m)
{
	return m->files ? MIN(m->file_count, m->files_cap) : 0;
}

static const struct model_memfd *file_memfd(const struct handover_model *m,
					    const struct model_file *f)
{
	if (!m->memfds || f->memfd < 0 ||
	    (u32)f->memfd >= MIN(m->memfd_count, m->memfds_cap))
		return NULL;
	return &m->memfds[f->memfd];
}

/*
 * Model file index of (session name, token), or -1: the lowest such index
 * among the files of the sessions named so. One linear pass, for the one
 * lookup of the manifest itself; its entries use the sorted file_index.
 */
static s32 find_file(const struct handover_model *m, const char *session,
		     u64 token)
{
	u32 i, j, files = stored_files(m);
	s32 found = -1;

	for (i = 0; i < stored_sessions(m); i++) {
		const struct model_session *s = &m->sessions[i];

		if (s->file_first >= files || strcmp(s->name, session))
			continue;
		for (j = 0; j < MIN(s->file_count, files - s->file_first); j++)
			if (m->files[s->file_first + j].token == token) {
				if (found < 0 || s->file_first + j < (u32)found)
					found = (s32)(s->file_first + j);
				break;
			}
	}
	return found;
}

static const struct model_memfd *find_manifest(const struct handover_model *m,
					       s32 *index)
{
	*index = find_file(m, AGENT_MANIFEST_SESSION, AGENT_MANIFEST_FILE_TOKEN);
	return *index < 0 ? NULL : file_memfd(m, &m->files[*index]);
}

u64 digest_manifest_bytes(const struct handover_model *m)
{
	const struct model_memfd *md;
	s32 index;

	md = find_manifest(m, &index);
	return md ? md->size : 0;
}

/*
 * Session name of a model file. The parser stores each session's files
 * after the previous session's, so the candidate is the last session
 * starting at or before the file (a binary search, not a scan per file).
 */
static const char *file_session(const struct handover_model *m, u32 file)
{
	u32 lo = 0, hi = stored_sessions(m), mid;
	const struct model_session *s;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->sessions[mid].file_first <= file)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return "?";
	s = &m->sessions[lo - 1];
	return file - s->file_first < s->file_count ? s->name : "?";
}

/*
 * A memfd the parser accepted streams; one it did not is already an error
 * (unknown folio order, folios out of order) or a truncated model (a
 * warning). Only an unexplained failure earns its own warning.
 */
static bool unreadable_explained(const struct model_memfd *md,
				 const struct finding_list *l)
{
	return md->folios_truncated || l->by_severity[FINDING_ERROR];
}

/* File i's digest is in: its status, and a finding when unexplained. */
static void file_digested(const struct handover_model *m, u32 i, u32 crc,
			  bool ok, struct digest_report *r,
			  struct finding_list *l)
{
	const struct model_file *f = &m->files[i];
	const struct model_memfd *md = file_memfd(m, f);
	struct digest_file *d = &r->files[i];

	d->crc32c = crc;
	if (!ok) {
		d->status = DIGEST_UNREADABLE;
		if (unreadable_explained(md, l))
			return;
		finding_add(l, W_MEMFD_DIGEST_UNREADABLE, md->pa,
			    "session \"%s\" token 0x%llx: folios not readable in order",
			    file_session(m, i), (unsigned long long)f->token);
		return;
	}
	d->status = DIGEST_UNCHECKED;
	r->bytes += md->size;
}

/* File i's slot starts as "not a memfd"; its memfd, if it has one. */
static const struct model_memfd *file_begin(const struct handover_model *m,
					    u32 i, struct digest_report *r)
{
	r->files[i] = (struct digest_file){ .status = DIGEST_NOT_MEMFD };
	return file_memfd(m, &m->files[i]);
}

static void digest_files(const struct phys_view *view,
			 const struct handover_model *m,
			 struct digest_report *r, struct finding_list *l)
{
	u32 i, crc;
	bool ok;

	for (i = 0; i < r->count; i++) {
		const struct model_memfd *md = file_begin(m, i, r);

		if (!md)
			continue;
		crc = memfd_digest_read(view, m, md, &ok, &r->bytes_read);
		file_digested(m, i, crc, ok, r, l);
	}
}

/*
 * The parallel digest's units, joined per file in folio order (units are
 * stored file by file, folio runs ascending): the same results, findings
 * and work counter as digest_files.
 */
static void gather_files(const struct handover_model *m,
			 const struct digest_work *w, struct digest_report *r,
			 struct finding_list *l)
{
	struct memfd_digest_join j;
	u64 u = 0;
	u32 i, crc;
	bool ok;

	for (i = 0; i < r->count; i++) {
		const struct model_memfd *md = file_begin(m, i, r);

		if (!md)
			continue;
		memfd_digest_join_begin(&j, md);
		for (; u < w->unit_count && w->units[u].file == i; u++)
			memfd_digest_join_add(&j, &w->units[u].part);
		crc = memfd_digest_join_end(&j, md, &ok, &r->bytes_read);
		file_digested(m, i, crc, ok, r, l);
	}
}

/* Folios per unit: about unit_bytes of the file's average folio. */
static u64 folios_per_unit(const struct model_memfd *md, u64 unit_bytes)
{
	u64 avg = MAX(md->size / md->folio_count, (u64)PAGE_SIZE);

	return MAX(unit_bytes / avg, 1ULL);
}

/* Units of file i (0: not a memfd, no folios, or cannot stream anyway). */
static u64 file_units(const struct handover_model *m, u32 i, u64 unit_bytes,
		      u64 *per_unit)
{
	const struct model_memfd *md = file_memfd(m, &m->files[i]);

	if (!md || !md->folio_count || md->folios_truncated)
		return 0;
	*per_unit = folios_per_unit(md, unit_bytes);
	return ((u64)md->folio_count + *per_unit - 1) / *per_unit;
}

u64 digest_work_units(const struct handover_model *m, u64 unit_bytes)
{
	u64 n = 0, per;
	u32 i;

	for (i = 0; i < stored_files(m); i++)
		n += file_units(m, i, unit_bytes, &per);
	return n;
}

bool digest_work_init(struct digest_work *w, const struct phys_view *view,
		      const struct handover_model *m, u64 unit_bytes,
		      struct digest_work_unit *storage, u64 units)
{
	u64 n = 0, k, per, count;
	u32 i;

	*w = (struct digest_work){ .view = view, .m = m,
				   .files = stored_files(m), .units = storage };
	if (!unit_bytes || digest_work_units(m, unit_bytes) > units)
		return false;
	for (i = 0; i < w->files; i++) {
		count = file_units(m, i, unit_bytes, &per);
		for (k = 0; k < count; k++, n++)
			storage[n] = (struct digest_work_unit){
				.file = i, .first = k * per,
				.end = (k + 1) * per,
			};
	}
	w->unit_count = n;
	return true;
}

u64 digest_work_run(struct digest_work *w)
{
	struct digest_work_unit *unit;
	u64 u, n = 0;

	for (;;) {
		u = __atomic_fetch_add(&w->next, 1, __ATOMIC_RELAXED);
		if (u >= w->unit_count)
			return n;
		unit = &w->units[u];
		memfd_digest_part(w->view, w->m,
				  file_memfd(w->m, &w->m->files[unit->file]),
				  unit->first, unit->end, &unit->part);
		__atomic_store_n(&unit->done, 1, __ATOMIC_RELEASE);
		__atomic_fetch_add(&w->finished, 1, __ATOMIC_RELEASE);
		n++;
	}
}

u64 digest_work_redo(struct digest_work *w)
{
	struct digest_work_unit *unit;
	u64 u, n = 0;

	for (u = 0; u < w->unit_count; u++) {
		unit = &w->units[u];
		if (__atomic_load_n(&unit->done, __ATOMIC_ACQUIRE))
			continue;
		memfd_digest_part(w->view, w->m,
				  file_memfd(w->m, &w->m->files[unit->file]),
				  unit->first, unit->end, &unit->part);
		__atomic_store_n(&unit->done, 1, __ATOMIC_RELEASE);
		__atomic_fetch_add(&w->finished, 1, __ATOMIC_RELEASE);
		n++;
	}
	return n;
}

bool digest_work_complete(const struct digest_work *w)
{
	return __atomic_load_n(&w->finished, __ATOMIC_ACQUIRE) ==
	       w->unit_count;
}

/* Copies the manifest memfd out and parses it; false if not usable. */
static bool load_manifest(const struct phys_view *view,
			  const struct handover_model *m, void *buf, u64 cap,
			  struct digest_report *r, struct agent_manifest *am,
			  struct finding_list *l)
{
	const struct model_memfd *md = find_manifest(m, &r->manifest_file);
	enum agent_manifest_error e;
	u32 where;

	if (!md) {
		r->manifest_file = -1;
		finding_add(l, I_AGENT_MANIFEST_ABSENT, 0,
			    "no memfd token 0 in session \"%s\": memfd digests not checked",
			    AGENT_MANIFEST_SESSION);
		return false;
	}
	r->manifest = DIGEST_MANIFEST_INVALID;
	if (md->size > cap || md->size > AGENT_MANIFEST_MAX_BYTES) {
		finding_add(l, E_AGENT_MANIFEST_INVALID, md->pa,
			    "manifest memfd of 0x%llx bytes too large to read",
			    (unsigned long long)md->size);
		return false;
	}
	if (!memfd_read(view, m, md, buf, md->size)) {
		finding_add(l, E_AGENT_MANIFEST_INVALID, md->pa,
			    "manifest memfd contents not readable");
		return false;
	}
	e = agent_manifest_parse(buf, md->size, am, &where);
	r->manifest_error = e;
	if (agent_manifest_error_is_foreign(e)) {
		r->manifest = DIGEST_MANIFEST_FOREIGN;
		finding_add(l, I_AGENT_MANIFEST_FOREIGN, md->pa,
			    "manifest: %s: memfd digests not checked",
			    agent_manifest_error_text(e));
		return false;
	}
	if (e != AGENT_MANIFEST_OK) {
		finding_add(l, E_AGENT_MANIFEST_INVALID, md->pa,
			    "manifest: %s (entry %u)",
			    agent_manifest_error_text(e), where);
		return false;
	}
	r->manifest = DIGEST_MANIFEST_VALID;
	r->manifest_version = am->version;
	r->manifest_files = am->file_count;
	r->manifest_checksum = am->checksum;
	return true;
}

/*
 * The model's files sorted for the manifest's lookups: every stored
 * (session, file) pair once, as session << 32 | file, in the model's work
 * storage (free once luo_parse is done), ordered by session name, token and
 * file index. Sorting is O(n log n) and each of the manifest's k entries a
 * binary search, so a manifest of any shape costs O((n + k) log n)
 * comparisons; a scan per entry was O(n k) (issue 18).
 */
struct file_index {
	const struct handover_model *m;
	u64 *e;
	u64 n;
	u64 *compares;		/* digest_report.lookup_compares */
};

/* Entry e against the key (name, token, file): <0, 0, >0. */
static int entry_cmp(const struct file_index *x, u64 e, const char *name,
		     u64 token, u32 file)
{
	u64 t = x->m->files[(u32)e].token;
	int c;

	(*x->compares)++;
	c = strcmp(x->m->sessions[e >> 32].name, name);
	if (c)
		return c;
	(*x->compares)++;
	if (t != token)
		return t < token ? -1 : 1;
	(*x->compares)++;
	return (u32)e < file ? -1 : (u32)e > file;
}

static int index_cmp(const struct file_index *x, u64 a, u64 b)
{
	return entry_cmp(x, a, x->m->sessions[b >> 32].name,
			 x->m->files[(u32)b].token, (u32)b);
}

static void index_sift_down(const struct file_index *x, u64 root, u64 n)
{
	u64 *a = x->e, child, t;

	for (;;) {
		child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n && index_cmp(x, a[child], a[child + 1]) < 0)
			child++;
		if (index_cmp(x, a[root], a[child]) >= 0)
			return;
		t = a[root];
		a[root] = a[child];
		a[child] = t;
		root = child;
	}
}

/* Heapsort: in place, O(n log n) comparisons whatever the input order. */
static void index_sort(const struct file_index *x)
{
	u64 i, t;

	for (i = x->n / 2; i-- > 0;)
		index_sift_down(x, i, x->n);
	for (i = x->n; i-- > 1;) {
		t = x->e[0];
		x->e[0] = x->e[i];
		x->e[i] = t;
		index_sift_down(x, 0, i);
	}
}

/* One index entry per stored file of every stored session. */
static u64 lookup_entries(const struct handover_model *m)
{
	u32 i, files = stored_files(m);
	u64 n = 0;

	for (i = 0; i < stored_sessions(m); i++) {
		const struct model_session *s = &m->sessions[i];

		if (s->file_first < files)
			n += MIN(s->file_count, files - s->file_first);
	}
	return n;
}

/*
 * Fills and sorts the index; false when the work storage cannot hold it
 * (*needed says how many entries it would take). No fallback to a scan
 * per entry: that is the quadratic cost the index exists to avoid.
 */
static bool index_build(struct file_index *x, const struct handover_model *m,
			u64 *compares, u64 *needed)
{
	u32 i, j, files = stored_files(m);
	u64 n = lookup_entries(m);

	*x = (struct file_index){ .m = m, .e = m->work,
				  .compares = compares };
	*needed = n;
	if (!m->work || n > m->work_cap)
		return false;
	for (i = 0; i < stored_sessions(m); i++) {
		const struct model_session *s = &m->sessions[i];

		if (s->file_first >= files)
			continue;
		for (j = 0; j < MIN(s->file_count, files - s->file_first); j++)
			m->work[x->n++] = (u64)i << 32 | (s->file_first + j);
	}
	index_sort(x);
	return true;
}

/* Lowest model file index of (session name, token), or -1. */
static s32 index_find(const struct file_index *x, const char *session,
		      u64 token)
{
	u64 lo = 0, hi = x->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (entry_cmp(x, x->e[mid], session, token, 0) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == x->n)
		return -1;
	if (strcmp(x->m->sessions[x->e[lo] >> 32].name, session) ||
	    x->m->files[(u32)x->e[lo]].token != token)
		return -1;
	return (s32)(u32)x->e[lo];
}

static void compare_file(const struct handover_model *m,
			 const struct agent_manifest *am, u32 index,
			 struct digest_report *r, const struct file_index *x,
			 struct finding_list *l)
{
	const char *session;
	struct agent_manifest_file mf;
	const struct model_memfd *md;
	struct digest_file *d;
	s32 file;

	agent_manifest_file(am, index, &mf);
	session = agent_manifest_session_name(am, mf.session);
	file = index_find(x, session, mf.token);
	if (file >= 0 && (u32)file >= r->count)
		return;		/* present, but beyond the results storage */
	md = file < 0 ? NULL : file_memfd(m, &m->files[file]);
	if (!md) {
		r->missing++;
		finding_add(l, E_AGENT_FILE_MISSING, 0,
			    "session \"%s\" token 0x%llx size 0x%llx: no such memfd in the handover",
			    session, (unsigned long long)mf.token,
			    (unsigned long long)mf.size);
		return;
	}
	d = &r->files[file];
	if (d->status != DIGEST_UNLISTED)	/* unreadable, or listed twice */
		return;
	d->expected = mf.digest;
	d->expected_size = mf.size;
	if (d->crc32c == mf.digest && md->size == mf.size) {
		d->status = DIGEST_OK;
		return;
	}
	d->status = DIGEST_MISMATCH;
	finding_add(l, E_MEMFD_DIGEST_MISMATCH, md->pa,
		    "session \"%s\" token 0x%llx: crc32c 0x%08x, manifest 0x%08x (size 0x%llx/0x%llx)",
		    session, (unsigned long long)mf.token, d->crc32c,
		    mf.digest, (unsigned long long)md->size,
		    (unsigned long long)mf.size);
}

static void compare_manifest(const struct handover_model *m,
			     const struct agent_manifest *am,
			     struct digest_report *r, struct finding_list *l)
{
	const struct model_memfd *md = file_memfd(m, &m->files[r->manifest_file]);
	struct file_index x;
	u64 needed;
	u32 i;

	if ((u32)r->manifest_file < r->count &&
	    r->files[r->manifest_file].status == DIGEST_UNCHECKED)
		r->files[r->manifest_file].status = DIGEST_MANIFEST;
	if (!index_build(&x, m, &r->lookup_compares, &needed)) {
		finding_add(l, E_NOT_VALIDATED, md->pa,
			    "agent manifest: %u files not checked (lookup needs %llu work entries, has %llu)",
			    am->file_count, (unsigned long long)needed,
			    (unsigned long long)(m->work ? m->work_cap : 0));
		return;
	}
	for (i = 0; i < r->count; i++)
		if (r->files[i].status == DIGEST_UNCHECKED)
			r->files[i].status = DIGEST_UNLISTED;
	for (i = 0; i < am->file_count; i++)
		compare_file(m, am, i, r, &x, l);
}

/* Resets r for m (the caller's files storage kept). */
static void digest_begin(const struct handover_model *m,
			 struct digest_report *r)
{
	struct digest_file *files = r->files;
	u32 files_cap = r->files_cap, stored = stored_files(m);

	*r = (struct digest_report){
		.enabled = true, .hw = crc32c_hw_available(),
		.manifest_file = -1, .files = files, .files_cap = files_cap,
		.count = files ? MIN(stored, files_cap) : 0,
	};
	r->truncated = r->count < stored;
}

bool digest_lookup_room(struct handover_model *m)
{
	return model_room64(m, &m->work, &m->work_cap, lookup_entries(m),
			    sizeof(*m->work), "manifest lookup work");
}

/* The manifest, its comparison and the status counts. */
static void digest_end(const struct phys_view *view,
		       const struct handover_model *m, void *manifest_buf,
		       u64 cap, struct digest_report *r,
		       struct finding_list *findings)
{
	struct agent_manifest am;
	u32 i;

	if (load_manifest(view, m, manifest_buf, manifest_buf ? cap : 0, r,
			  &am, findings))
		compare_manifest(m, &am, r, findings);
	else if (r->manifest_file >= 0 && (u32)r->manifest_file < r->count &&
		 r->files[r->manifest_file].status == DIGEST_UNCHECKED)
		r->files[r->manifest_file].status = DIGEST_MANIFEST;
	for (i = 0; i < r->count; i++)
		r->by_status[r->files[i].status]++;
}

void digest_check(const struct phys_view *view,
		  const struct handover_model *m, void *manifest_buf, u64 cap,
		  struct digest_report *r, struct finding_list *findings)
{
	digest_begin(m, r);
	digest_files(view, m, r, findings);
	digest_end(view, m, manifest_buf, cap, r, findings);
}

void digest_check_work(const struct phys_view *view,
		       const struct handover_model *m, void *manifest_buf,
		       u64 cap, struct digest_report *r,
		       struct finding_list *findings,
		       const struct digest_work *w)
{
	digest_begin(m, r);
	gather_files(m, w, r, findings);
	digest_end(view, m, manifest_buf, cap, r, findings);
}
