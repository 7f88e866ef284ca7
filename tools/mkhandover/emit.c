// SPDX-License-Identifier: MIT
/*
 * Writing the capture: blob files for every allocated page that is not
 * memfd contents (trailing zeros trimmed, SIZE keeps the extent), pattern
 * lines for the contents, the manifest through capture_write() and
 * re-parsed with the launcher's checks, optionally one cpio newc archive
 * (fixed order, inode numbers and mtime 0: byte-identical on every run),
 * and expected.json with the report baton should print.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <boot/flow.h>
#include <baton/capture.h>
#include <host/capture/capture_write.h>
#include <baton/cpio.h>
#include <report/report.h>
#include "mkhandover.h"

#define OUT_FILES_MAX	1100

struct out_file {
	char name[CAPTURE_FILE_NAME_MAX + 1];
	const u8 *data;
	u64 size;
};

struct emitter {
	struct mkh_state *s;
	const char *dir;
	struct out_file files[OUT_FILES_MAX];
	u32 file_count;
	struct capture_blob blobs[OUT_FILES_MAX];
	u32 blob_count;
	struct capture_pattern *patterns;
	u32 pattern_count;
	u32 pattern_cap;
	struct capture_range scratch[MKH_SCRATCH_MAX];
	struct capture_range ram[MKH_RAM_MAX];
};

static struct emitter em;

static bool add_file(const char *name, const u8 *data, u64 size)
{
	struct out_file *f;

	if (em.file_count == OUT_FILES_MAX) {
		mkh_error("more than %d files in the capture", OUT_FILES_MAX);
		return false;
	}
	f = &em.files[em.file_count++];
	snprintf(f->name, sizeof(f->name), "%s", name);
	f->data = data;
	f->size = size;
	return true;
}

static bool add_pattern(u64 pa, u64 size, enum capture_pattern_kind kind,
			u64 seed, u64 offset)
{
	if (em.pattern_count == em.pattern_cap) {
		u32 cap = em.pattern_cap ? 2 * em.pattern_cap : 256;
		void *n = realloc(em.patterns, cap * sizeof(*em.patterns));

		if (!n)
			return false;
		em.patterns = n;
		em.pattern_cap = cap;
	}
	em.patterns[em.pattern_count++] = (struct capture_pattern){
		.addr = pa, .size = size, .seed = seed, .offset = offset,
		.kind = kind,
	};
	return true;
}

/* A blob for [pa, pa + size) of the arena: trailing zeros trimmed. */
static bool add_blob(u64 pa, u64 size)
{
	const u8 *p = host_arena_host(&em.s->arena, pa);
	u64 len = size;
	char name[64];
	struct capture_blob *b;

	while (len && !p[len - 1])
		len--;
	if (!len)
		return add_pattern(pa, size, CAPTURE_PATTERN_ZERO, 0, 0);
	snprintf(name, sizeof(name), "mem-%09llx.bin", (unsigned long long)pa);
	if (!add_file(name, p, len))
		return false;
	b = &em.blobs[em.blob_count++];
	*b = (struct capture_blob){
		.file = { em.files[em.file_count - 1].name, (u32)strlen(name) },
		.addr = pa, .size = size, .size_given = true,
		.size_resolved = true,
	};
	return true;
}

/* Allocated pages minus content runs, adjacent pieces merged. */
static bool blobs_from_log(void)
{
	const struct host_arena *a = &em.s->arena;
	const struct mkh_state *s = em.s;
	u64 i, r = 0, start = 0, end = 0;

	for (i = 0; i < a->log_count; i++) {
		u64 pa = a->log[i].pa, lim = pa + a->log[i].size;

		while (pa < lim) {
			u64 piece_end = lim;

			while (r < s->run_count &&
			       s->runs[r].pa + s->runs[r].size <= pa)
				r++;
			if (r < s->run_count && s->runs[r].pa <= pa) {
				pa = MIN(lim, s->runs[r].pa + s->runs[r].size);
				continue;
			}
			if (r < s->run_count && s->runs[r].pa < lim)
				piece_end = s->runs[r].pa;
			if (end == pa) {
				end = piece_end;
			} else {
				if (end > start && !add_blob(start, end - start))
					return false;
				start = pa;
				end = piece_end;
			}
			pa = piece_end;
		}
	}
	return end <= start || add_blob(start, end - start);
}

static bool patterns_from_runs(void)
{
	u64 i;

	for (i = 0; i < em.s->run_count; i++) {
		const struct mkh_content_run *r = &em.s->runs[i];
		enum capture_pattern_kind k =
			r->kind == MKH_CONTENT_AGENT ? CAPTURE_PATTERN_AGENT :
			r->kind == MKH_CONTENT_ZERO ? CAPTURE_PATTERN_ZERO :
			r->kind == MKH_CONTENT_ABSENT ? CAPTURE_PATTERN_ABSENT :
						      CAPTURE_PATTERN_BUILDER;

		if (!add_pattern(r->pa, r->size, k, r->seed, r->offset))
			return false;
	}
	return true;
}

static int pattern_cmp(const void *a, const void *b)
{
	const struct capture_pattern *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static u8 *read_file(const char *path, u64 *size)
{
	FILE *f = fopen(path, "rb");
	u8 *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 &&
	    !fseek(f, 0, SEEK_SET)) {
		buf = malloc(n ? n : 1);
		if (buf && fread(buf, 1, n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*size = n;
	}
	fclose(f);
	return buf;
}

static bool add_copy(const char *path, const char *name)
{
	u64 size;
	u8 *data = read_file(path, &size);

	if (!data) {
		mkh_error("%s: %s", path, strerror(errno ? errno : EIO));
		return false;
	}
	return add_file(name, data, size);
}

static void text(struct capture_text *t, const char *s)
{
	t->ptr = s;
	t->len = (u32)strlen(s);
}

static void fill_capture(struct capture *c)
{
	const struct mkh_scenario *sc = em.s->sc;
	u32 i;

	memset(c, 0, sizeof(*c));
	c->version = CAPTURE_FORMAT_VERSION;
	for (i = 0; i < sc->ram_count; i++)
		em.ram[i] = (struct capture_range){ .addr = sc->ram[i].addr,
						    .size = sc->ram[i].size };
	for (i = 0; i < sc->scratch_count; i++)
		em.scratch[i] = (struct capture_range){ .addr = sc->scratch[i].addr,
							.size = sc->scratch[i].size };
	c->ram = em.ram;
	c->ram_count = sc->ram_count;
	c->scratch = em.scratch;
	c->scratch_count = sc->scratch_count;
	c->blobs = em.blobs;
	c->blob_count = em.blob_count;
	c->patterns = em.patterns;
	c->pattern_count = em.pattern_count;
	c->has_kho_fdt = true;
	c->kho_fdt_addr = em.s->rec.fdt_addr;
	c->kho_fdt_size = em.s->rec.fdt_size;
	c->has_scratch_array = true;
	c->scratch_array_addr = em.s->rec.scratch_addr;
	c->has_cmdline = true;
	text(&c->cmdline, sc->cmdline);
	text(&c->payload, CAPTURE_DEFAULT_PAYLOAD);
	c->payload_given = true;
	c->has_initrd = sc->initrd != NULL;
	text(&c->initrd, "initrd");
}

/* The launcher's own checks on the manifest we are about to write. */
static bool check_manifest(const char *buf, size_t len)
{
	static struct capture_range ram[64], scratch[64];
	static struct capture_blob blobs[OUT_FILES_MAX];
	static struct capture_expect expects[4];
	struct capture_pattern *pats = calloc(em.pattern_count + 1,
					      sizeof(*pats));
	struct capture_storage st = { ram, 64, scratch, 64, blobs,
				      OUT_FILES_MAX, pats,
				      em.pattern_count + 1, expects, 4 };
	struct capture c;
	struct capture_error err;
	bool ok = pats && capture_parse(buf, len, &st, &c, &err) &&
		  capture_check_layout(&c, &err);

	if (!ok)
		mkh_error("the capture would be refused: %s",
			  pats ? err.message : "out of memory");
	if (ok && c.pattern_count > 16384) {
		mkh_error("%u patterns: baton.efi reads at most 16384",
			  c.pattern_count);
		ok = false;
	}
	free(pats);
	return ok;
}

static bool write_all(const char *path, const void *data, u64 size)
{
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(data, 1, size, f) == size;

	if (f && fclose(f))
		ok = false;
	if (!ok)
		mkh_error("cannot write %s: %s", path, strerror(errno));
	return ok;
}

static bool write_dir(void)
{
	char path[4096];
	u32 i;

	if (mkdir(em.dir, 0755) && errno != EEXIST) {
		mkh_error("cannot create %s: %s", em.dir, strerror(errno));
		return false;
	}
	for (i = 0; i < em.file_count; i++) {
		snprintf(path, sizeof(path), "%s/%s", em.dir, em.files[i].name);
		if (!write_all(path, em.files[i].data, em.files[i].size))
			return false;
	}
	return true;
}

static bool write_cpio(const char *path)
{
	size_t size = 512, pos = 0;
	u8 *buf;
	u32 i;
	bool ok = true;

	for (i = 0; i < em.file_count; i++)
		size += 110 + strlen(em.files[i].name) + 8 + em.files[i].size + 4;
	buf = calloc(1, size);
	if (!buf)
		return false;
	for (i = 0; i < em.file_count && ok; i++) {
		struct cpio_write_file f = {
			.name = em.files[i].name, .mode = 0100644,
			.ino = i + 1, .mtime = 0, .data = em.files[i].data,
			.data_size = em.files[i].size,
		};

		ok = cpio_write_entry(buf, size, &pos, &f);
	}
	ok = ok && cpio_write_trailer(buf, size, &pos);
	ok = ok ? write_all(path, buf, pos) :
		  (mkh_error("cpio: a file does not fit the newc format"), false);
	free(buf);
	return ok;
}

static void file_sink(void *ctx, const char *s, size_t len)
{
	fwrite(s, 1, len, ctx);
}

/* A JSON string with baton's escaping rules (docs/report-schema.md). */
static void json_text(FILE *f, const char *t)
{
	fputc('"', f);
	for (; *t; t++) {
		u8 c = (u8)*t;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c > 0x7e)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void json_codes(FILE *f, const struct mkh_corruption *c)
{
	u32 i;

	fputs("\"extra\":[", f);
	for (i = 0; c && i < c->extra_count; i++)
		fprintf(f, "%s\"%s\"", i ? "," : "",
			finding_code_name(c->extra[i]));
	fputs("]", f);
}

/* memfds in model order: {session, token, size, crc32c or null}. */
static void json_digests(FILE *f, const struct mkh_state *s)
{
	const struct handover_model *m = s->m;
	u32 i, j, n = 0, crc;

	fputs("\"digests\":[", f);
	for (i = 0; i < m->session_count; i++) {
		const struct model_session *ms = &m->sessions[i];

		for (j = 0; j < ms->file_count; j++) {
			const struct model_file *mf = &m->files[ms->file_first + j];
			const struct model_memfd *md;

			if (mf->memfd < 0)
				continue;
			md = &m->memfds[mf->memfd];
			fprintf(f, "%s{\"session\":", n++ ? "," : "");
			json_text(f, ms->name);
			fprintf(f, ",\"token\":\"0x%llx\",\"size\":%llu,\"crc32c\":",
				(unsigned long long)mf->token,
				(unsigned long long)md->size);
			if (mkh_digest((struct mkh_state *)s, md, &crc))
				fprintf(f, "\"0x%x\"}", crc);
			else
				fputs("null}", f);
		}
	}
	fputs("]", f);
}

static bool write_expected(void)
{
	const struct mkh_state *s = em.s;
	const struct mkh_corruption *c = s->sc->corrupt;
	/* baton always has the record: a broken FDT is still a handover */
	static struct boot_info boot;
	struct report_input rin = {
		.baton_version = BATON_VERSION,
		.boot = &boot,
		.model = s->m,
		.findings = { &s->findings },
	};
	char path[4096];
	FILE *f;

	boot.kho = s->rec;
	snprintf(path, sizeof(path), "%s/expected.json", em.dir);
	f = fopen(path, "w");
	if (!f) {
		mkh_error("cannot write %s: %s", path, strerror(errno));
		return false;
	}
	fprintf(f, "{\"mkhandover\":{\"format\":1,\"profile\":\"%s\",\"mem\":%llu,",
		release_profile_name(s->sc->profile),
		(unsigned long long)s->sc->mem);
	if (c)
		fprintf(f, "\"corruption\":\"%s\",\"code\":\"%s\",", c->name,
			finding_code_name(c->code));
	else
		fputs("\"corruption\":null,\"code\":null,", f);
	json_codes(f, c);
	fputs("},", f);
	json_digests(f, s);
	fputs(",\"report\":", f);
	report_json(&rin, file_sink, f, false);
	fputs("}\n", f);
	return !fclose(f);
}

bool mkh_emit(struct mkh_state *s, const char *dir, const char *cpio_path)
{
	struct capture c;
	char *manifest;
	long len;

	memset(&em, 0, sizeof(em));
	em.s = s;
	em.dir = dir;
	if (!add_file(CAPTURE_MANIFEST_NAME, NULL, 0) ||
	    !blobs_from_log() || !patterns_from_runs())
		return false;
	if (em.pattern_count)
		qsort(em.patterns, em.pattern_count, sizeof(*em.patterns),
		      pattern_cmp);
	if ((s->sc->payload && !add_copy(s->sc->payload,
					 CAPTURE_DEFAULT_PAYLOAD)) ||
	    (s->sc->initrd && !add_copy(s->sc->initrd, "initrd")))
		return false;
	fill_capture(&c);
	len = capture_write(&c, NULL, 0);
	manifest = len > 0 ? malloc(len + 1) : NULL;
	if (!manifest || capture_write(&c, manifest, len + 1) != len) {
		mkh_error("cannot write the manifest (bad name or text)");
		return false;
	}
	if (!check_manifest(manifest, len))
		return false;
	em.files[0].data = (const u8 *)manifest;
	em.files[0].size = len;
	if (!write_dir() || !write_expected())
		return false;
	return !cpio_path || write_cpio(cpio_path);
}
