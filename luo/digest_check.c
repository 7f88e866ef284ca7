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

/* Model file index of (session name, token), or -1. *hint caches a session. */
static s32 find_file(const struct handover_model *m, const char *session,
		     u64 token, u32 *hint)
{
	u32 i, n = stored_sessions(m), files = stored_files(m);
	const struct model_session *s = NULL;

	if (*hint < n && !strcmp(m->sessions[*hint].name, session)) {
		s = &m->sessions[*hint];
	} else {
		for (i = 0; i < n && !s; i++)
			if (!strcmp(m->sessions[i].name, session))
				s = &m->sessions[*hint = i];
	}
	if (!s || s->file_first >= files)
		return -1;
	for (i = 0; i < MIN(s->file_count, files - s->file_first); i++)
		if (m->files[s->file_first + i].token == token)
			return (s32)(s->file_first + i);
	return -1;
}

static const struct model_memfd *find_manifest(const struct handover_model *m,
					       s32 *index)
{
	u32 hint = 0;

	*index = find_file(m, AGENT_MANIFEST_SESSION,
			   AGENT_MANIFEST_FILE_TOKEN, &hint);
	return *index < 0 ? NULL : file_memfd(m, &m->files[*index]);
}

u64 digest_manifest_bytes(const struct handover_model *m)
{
	const struct model_memfd *md;
	s32 index;

	md = find_manifest(m, &index);
	return md ? md->size : 0;
}

/* Session name of a model file (files are grouped by session). */
static const char *file_session(const struct handover_model *m, u32 file)
{
	u32 i;

	for (i = 0; i < stored_sessions(m); i++) {
		const struct model_session *s = &m->sessions[i];

		if (file >= s->file_first &&
		    file - s->file_first < s->file_count)
			return s->name;
	}
	return "?";
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

static void digest_files(const struct phys_view *view,
			 const struct handover_model *m,
			 struct digest_report *r, struct finding_list *l)
{
	u32 i;

	for (i = 0; i < r->count; i++) {
		const struct model_file *f = &m->files[i];
		const struct model_memfd *md = file_memfd(m, f);
		struct digest_file *d = &r->files[i];
		bool ok;

		*d = (struct digest_file){ .status = DIGEST_NOT_MEMFD };
		if (!md)
			continue;
		d->crc32c = memfd_digest_read(view, m, md, &ok, &r->bytes_read);
		if (!ok) {
			d->status = DIGEST_UNREADABLE;
			if (unreadable_explained(md, l))
				continue;
			finding_add(l, W_MEMFD_DIGEST_UNREADABLE, md->pa,
				    "session \"%s\" token 0x%llx: folios not readable in order",
				    file_session(m, i),
				    (unsigned long long)f->token);
			continue;
		}
		d->status = DIGEST_UNCHECKED;
		r->bytes += md->size;
	}
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

static void compare_file(const struct handover_model *m,
			 const struct agent_manifest *am, u32 index,
			 struct digest_report *r, u32 *hint,
			 struct finding_list *l)
{
	const char *session;
	struct agent_manifest_file mf;
	const struct model_memfd *md;
	struct digest_file *d;
	s32 file;

	agent_manifest_file(am, index, &mf);
	session = agent_manifest_session_name(am, mf.session);
	file = find_file(m, session, mf.token, hint);
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
	u32 i, hint = 0;

	for (i = 0; i < r->count; i++)
		if (r->files[i].status == DIGEST_UNCHECKED)
			r->files[i].status = DIGEST_UNLISTED;
	if (r->manifest_file >= 0 && (u32)r->manifest_file < r->count &&
	    r->files[r->manifest_file].status == DIGEST_UNLISTED)
		r->files[r->manifest_file].status = DIGEST_MANIFEST;
	for (i = 0; i < am->file_count; i++)
		compare_file(m, am, i, r, &hint, l);
}

void digest_check(const struct phys_view *view,
		  const struct handover_model *m, void *manifest_buf, u64 cap,
		  struct digest_report *r, struct finding_list *findings)
{
	struct digest_file *files = r->files;
	u32 files_cap = r->files_cap, i, stored = stored_files(m);
	struct agent_manifest am;

	*r = (struct digest_report){
		.enabled = true, .hw = crc32c_hw_available(),
		.manifest_file = -1, .files = files, .files_cap = files_cap,
		.count = files ? MIN(stored, files_cap) : 0,
	};
	r->truncated = r->count < stored;
	digest_files(view, m, r, findings);
	if (load_manifest(view, m, manifest_buf, manifest_buf ? cap : 0, r,
			  &am, findings))
		compare_manifest(m, &am, r, findings);
	else if (r->manifest_file >= 0 && (u32)r->manifest_file < r->count &&
		 r->files[r->manifest_file].status == DIGEST_UNCHECKED)
		r->files[r->manifest_file].status = DIGEST_MANIFEST;
	for (i = 0; i < r->count; i++)
		r->by_status[r->files[i].status]++;
}
