/*
 * `verify` (new kernel): retrieve the manifest and every preserved memfd,
 * check size, seals, file position and every byte, FINISH the sessions and
 * print one PASS/FAIL line per check plus the handover timeline
 * (timeline.c: TIMELINE lines, always; files with --timeline).
 * --manifest FILE: the manifest comes from FILE instead of the agent's own
 * session (a handover another writer made, e.g. mkhandover
 * --agent-manifest); --bytes also compares every byte of every file with
 * the content generator, not only its CRC32C.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"

struct verify_result {
	unsigned int passed;
	unsigned int failed;
	uint64_t bytes;
	bool compare_bytes;	/* --bytes */
};

static void report(struct verify_result *r, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(struct verify_result *r, bool ok, const char *fmt, ...)
{
	va_list ap;

	if (!ok || !agent_quiet()) {
		printf("%s: agent-", ok ? "PASS" : "FAIL");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
		fflush(stdout);
	}
	if (ok)
		r->passed++;
	else
		r->failed++;
}

uint64_t tsc_khz_measure(void)
{
	struct timespec a, b;
	uint64_t t0, t1, ns;

	clock_gettime(CLOCK_MONOTONIC, &a);
	t0 = read_tsc();
	do {
		clock_gettime(CLOCK_MONOTONIC, &b);
		ns = (uint64_t)(b.tv_sec - a.tv_sec) * 1000000000ull +
		     (uint64_t)b.tv_nsec - (uint64_t)a.tv_nsec;
	} while (ns < 50000000ull);
	t1 = read_tsc();
	return (t1 - t0) * 1000000ull / ns;
}

static void *read_manifest(int lu_fd, int *session_fd, size_t *len)
{
	struct stat st;
	void *buf;
	char err[128];
	int fd;

	*session_fd = lu_retrieve_session(lu_fd, AGENT_SESSION);
	if (*session_fd < 0) {
		printf("FAIL: agent-manifest retrieve session %s: %s\n",
		       AGENT_SESSION, strerror(-*session_fd));
		return NULL;
	}
	fd = lu_retrieve_fd(*session_fd, AGENT_MANIFEST_TOKEN);
	if (fd < 0) {
		printf("FAIL: agent-manifest retrieve token 0: %s\n",
		       strerror(-fd));
		return NULL;
	}
	if (fstat(fd, &st) < 0 ||
	    st.st_size < (off_t)sizeof(struct manifest_header)) {
		printf("FAIL: agent-manifest size %lld too small\n",
		       (long long)st.st_size);
		return NULL;
	}
	*len = (size_t)st.st_size;
	buf = malloc(*len);
	if (!buf || pread(fd, buf, *len, 0) != (ssize_t)*len) {
		printf("FAIL: agent-manifest read: %s\n", strerror(errno));
		return NULL;
	}
	close(fd);
	if (manifest_check(buf, *len, err, sizeof(err))) {
		printf("FAIL: agent-manifest %s\n", err);
		return NULL;
	}
	return buf;
}

/* --manifest FILE: the same checks, read from a file. */
static void *read_manifest_file(const char *path, size_t *len)
{
	struct stat st;
	void *buf;
	char err[128];
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0 ||
	    st.st_size < (off_t)sizeof(struct manifest_header)) {
		printf("FAIL: agent-manifest %s: %s\n", path,
		       fd < 0 ? strerror(errno) : "too small");
		return NULL;
	}
	*len = (size_t)st.st_size;
	buf = malloc(*len);
	if (!buf || pread(fd, buf, *len, 0) != (ssize_t)*len) {
		printf("FAIL: agent-manifest read %s: %s\n", path,
		       strerror(errno));
		return NULL;
	}
	close(fd);
	if (manifest_check(buf, *len, err, sizeof(err))) {
		printf("FAIL: agent-manifest %s: %s\n", path, err);
		return NULL;
	}
	return buf;
}

static void verify_file(struct verify_result *r, int session_fd,
			const char *session, const struct manifest_file *f,
			uint32_t version)
{
	char seals_want[96], seals_got[96];
	uint64_t digest = 0;
	int64_t differs = -1;	/* first byte unlike the generator's */
	struct stat st;
	off_t pos;
	int fd, seals;
	bool ok;

	fd = lu_retrieve_fd(session_fd, f->token);
	if (fd < 0) {
		report(r, false, "file session=%s token=%llu retrieve: %s",
		       session, (unsigned long long)f->token, strerror(-fd));
		return;
	}
	if (fstat(fd, &st) < 0)
		st.st_size = -1;
	seals = fcntl(fd, F_GET_SEALS);
	pos = lseek(fd, 0, SEEK_CUR);
	if (st.st_size > 0) {
		void *map = mmap(NULL, (size_t)st.st_size, PROT_READ,
				 MAP_SHARED, fd, 0);

		if (map == MAP_FAILED) {
			report(r, false, "file session=%s token=%llu mmap: %s",
			       session, (unsigned long long)f->token,
			       strerror(errno));
			close(fd);
			return;
		}
		digest = manifest_digest(version, map, (uint64_t)st.st_size);
		if ((digest != f->digest || r->compare_bytes) &&
		    (uint64_t)st.st_size == f->size)
			differs = content_first_mismatch(map, f->size, f->seed,
							 f->fill);
		if (differs >= 0)
			printf("agent: token %llu first differing byte at %lld\n",
			       (unsigned long long)f->token, (long long)differs);
		munmap(map, (size_t)st.st_size);
	} else if (st.st_size == 0) {
		digest = manifest_digest(version, "", 0);
	}
	ok = (uint64_t)st.st_size == f->size && seals >= 0 &&
	     (uint32_t)seals == f->seals && digest == f->digest &&
	     pos == (off_t)f->pos && differs < 0;
	seals_to_string(f->seals, seals_want, sizeof(seals_want));
	seals_to_string(seals < 0 ? 0 : (uint32_t)seals, seals_got,
			sizeof(seals_got));
	report(r, ok, "file session=%s token=%llu size=%lld/%llu seals=%s/%s "
	       "pos=%lld/%llu digest=%08llx/%08llx%s", session,
	       (unsigned long long)f->token, (long long)st.st_size,
	       (unsigned long long)f->size, seals_got, seals_want,
	       (long long)pos, (unsigned long long)f->pos,
	       (unsigned long long)digest, (unsigned long long)f->digest,
	       !r->compare_bytes ? "" : differs < 0 ? " bytes=equal" :
	       " bytes=DIFFER");
	if (ok)
		r->bytes += f->size;
	close(fd);
}

/*
 * by_session[start[s] .. start[s + 1]) are the indices of session s's files
 * in manifest order: one counting pass, so 20,000 sessions with 50,000 files
 * cost O(sessions + files), not their product.
 */
struct session_index {
	uint32_t *start;
	uint32_t *by_session;
};

static int session_index_build(void *manifest, struct session_index *x)
{
	const struct manifest_header *h = manifest;
	const struct manifest_file *files = manifest_files(manifest);
	uint32_t i, s;

	x->start = calloc((size_t)h->session_count + 2, sizeof(uint32_t));
	x->by_session = calloc((size_t)h->file_count + 1, sizeof(uint32_t));
	if (!x->start || !x->by_session)
		return -1;
	for (i = 0; i < h->file_count; i++)
		if (files[i].session < h->session_count)
			x->start[files[i].session + 2]++;
	for (s = 2; s < h->session_count + 2; s++)
		x->start[s] += x->start[s - 1];
	for (i = 0; i < h->file_count; i++)
		if (files[i].session < h->session_count)
			x->by_session[x->start[files[i].session + 1]++] = i;
	return 0;
}

static void verify_session(struct verify_result *r, int lu_fd, void *manifest,
			   const struct session_index *x, uint32_t index)
{
	const struct manifest_session *s = &manifest_sessions(manifest)[index];
	const struct manifest_file *files = manifest_files(manifest);
	char name[LIVEUPDATE_NAME_LEN];
	uint64_t unused_token = 0;
	uint32_t k;
	int fd, rc;

	fd = lu_retrieve_session(lu_fd, s->name);
	if (fd < 0) {
		report(r, false, "session name=%s retrieve: %s", s->name,
		       strerror(-fd));
		return;
	}
	rc = lu_get_name(fd, name);
	report(r, rc == 0 && !strcmp(name, s->name),
	       "session name=%s get-name=%s", s->name, rc ? "?" : name);
	for (k = x->start[index]; k < x->start[index + 1]; k++) {
		const struct manifest_file *f = &files[x->by_session[k]];

		verify_file(r, fd, s->name, f,
			    ((const struct manifest_header *)manifest)->version);
		if (f->token >= unused_token)
			unused_token = f->token + 1;
	}
	rc = lu_retrieve_fd(fd, unused_token);
	report(r, rc == -ENOENT, "session name=%s unknown-token=%llu -> %s",
	       s->name, (unsigned long long)unused_token,
	       rc < 0 ? strerror(-rc) : "fd");
	rc = lu_finish(fd);
	report(r, rc == 0, "session name=%s finish -> %s", s->name,
	       rc ? strerror(-rc) : "ok");
	close(fd);
}

/*
 * baton, when it chain-loads this kernel, hands its report over as the KHO
 * subtree `baton` (docs/chain.md); print every sub-blob whose name starts
 * with "baton": a report blob checked and printed (report_blob.c), other
 * text as lines, anything else as hex, so the host can read it.
 */
static void print_baton_reports(void)
{
	static const char dir_path[] = "/sys/kernel/debug/kho/in/sub_fdts";
	/* baton's report at host scale (50,000 memfds) is several MiB */
	static char buf[64u << 20];
	struct dirent *de;
	DIR *dir = opendir(dir_path);
	int found = 0;

	if (!dir) {
		printf("BATON-REPORT none (%s: %s)\n", dir_path, strerror(errno));
		return;
	}
	while ((de = readdir(dir))) {
		char path[512];
		ssize_t len;
		bool text = true;
		int fd;

		if (strncmp(de->d_name, "baton", 5))
			continue;
		snprintf(path, sizeof(path), "%s/%.255s", dir_path, de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len < 0)
			continue;
		found++;
		if (len >= 8 && !memcmp(buf, "BATONRPT", 8)) {
			report_blob_print(de->d_name, (const uint8_t *)buf,
					  (size_t)len);
			continue;
		}
		for (ssize_t i = 0; i < len; i++)
			if (!buf[i] || ((unsigned char)buf[i] < 0x20 &&
					buf[i] != '\n' && buf[i] != '\t'))
				text = false;
		printf("BATON-REPORT name=%s size=%zd %s\n", de->d_name, len,
		       text ? "text" : "binary");
		if (text) {
			buf[len] = 0;
			for (char *line = strtok(buf, "\n"); line;
			     line = strtok(NULL, "\n"))
				printf("BATON-REPORT| %s\n", line);
		} else {
			kho_dump_file(dir_path, de->d_name);
		}
	}
	closedir(dir);
	if (!found)
		printf("BATON-REPORT none\n");
	fflush(stdout);
}

int cmd_verify(int argc, char **argv)
{
	struct timeline_stamps stamps = { .tsc_verify = read_tsc() };
	struct verify_result r = { .passed = 0 };
	struct session_index index = { NULL, NULL };
	const char *timeline_json = NULL, *timeline_svg = NULL;
	const char *manifest_path = NULL;
	const struct manifest_header *h;
	void *manifest;
	size_t len;
	uint32_t i;
	int lu_fd, agent_fd = -1, rc;

	for (i = 1; i < (uint32_t)argc; i += 2) {
		if (!strcmp(argv[i], "--bytes")) {
			r.compare_bytes = true;
			i--;
		} else if (i + 1 == (uint32_t)argc) {
			break;
		} else if (!strcmp(argv[i], "--timeline")) {
			timeline_json = argv[i + 1];
		} else if (!strcmp(argv[i], "--svg")) {
			timeline_svg = argv[i + 1];
		} else if (!strcmp(argv[i], "--manifest")) {
			manifest_path = argv[i + 1];
		} else {
			break;
		}
	}
	if (i != (uint32_t)argc || (timeline_svg && !timeline_json) ||
	    (manifest_path && timeline_json)) {
		fprintf(stderr, "usage: baton-agent verify [--bytes] "
			"[--timeline FILE.json [--svg FILE.svg] | "
			"--manifest FILE]\n");
		return 2;
	}
	kmsg_anchor_write(&stamps.anchor);
	lu_fd = lu_open();
	if (lu_fd < 0) {
		printf("FAIL: agent-open %s: %s\n", LIVEUPDATE_DEVICE,
		       strerror(-lu_fd));
		return 1;
	}
	manifest = manifest_path ? read_manifest_file(manifest_path, &len) :
				   read_manifest(lu_fd, &agent_fd, &len);
	if (!manifest)
		return 1;
	h = manifest;
	manifest_print(manifest, "MANIFEST-IN");
	/* no agent session, no kexec stamp: another writer's handover */
	if (!manifest_path)
		report(&r, h->tsc_kexec != 0, "manifest-stamped tsc-kexec=%llu",
		       (unsigned long long)h->tsc_kexec);
	rc = lu_retrieve_session(lu_fd, "baton-no-such-session");
	report(&r, rc == -ENOENT, "unknown-session -> %s",
	       rc < 0 ? strerror(-rc) : "fd");
	if (!manifest_path) {
		rc = lu_retrieve_session(lu_fd, AGENT_SESSION);
		report(&r, rc == -EINVAL, "second-retrieve -> %s",
		       rc < 0 ? strerror(-rc) : "fd");
	}
	if (session_index_build(manifest, &index)) {
		printf("FAIL: agent-verify out of memory\n");
		return 1;
	}
	for (i = 0; i < h->session_count; i++)
		verify_session(&r, lu_fd, manifest, &index, i);
	free(index.start);
	free(index.by_session);
	if (!manifest_path) {
		rc = lu_finish(agent_fd);
		report(&r, rc == 0, "session name=%s finish -> %s",
		       AGENT_SESSION, rc ? strerror(-rc) : "ok");
	}
	stamps.tsc_prepare = h->tsc_prepare;
	stamps.tsc_kexec = h->tsc_kexec;
	rc = timeline_report(&stamps, timeline_json, timeline_svg);
	if (timeline_json)
		report(&r, rc == 0, "timeline-files json=%s svg=%s",
		       timeline_json, timeline_svg ? timeline_svg : "-");
	print_baton_reports();
	data_printf("AGENT-VERIFY %s passed=%u failed=%u bytes=%llu\n",
		    r.failed ? "FAIL" : "PASS", r.passed, r.failed,
		    (unsigned long long)r.bytes);
	data_flush();
	return r.failed ? 1 : 0;
}
