/*
 * `prepare`: build the scenario's sessions and memfds, preserve them, write
 * and preserve the manifest, then keep every fd alive (holder process) or
 * kexec straight away when --kernel is given.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agent.h"

/* Test hook: change one byte of a file after its digest was recorded. */
struct tamper {
	bool enabled;
	uint64_t token;
	uint64_t offset;
};

struct prepare_state {
	struct tamper tamper;
	int lu_fd;
	int *session_fds;
	int manifest_fd;
	void *manifest;
	size_t manifest_len;
};

/*
 * Create, fill and seal one memfd. *seals returns the seals the kernel
 * reports afterwards: adding F_SEAL_EXEC to an executable memfd implies
 * the write seals, and the manifest must describe what really exists.
 */
static int write_memfd(const struct scenario *sc, const struct scenario_file *f,
		       uint64_t *digest, uint32_t *seals)
{
	char name[128];
	void *map = NULL;
	int fd, rc;

	snprintf(name, sizeof(name), "baton-%s-%llu",
		 sc->sessions[f->session].name, (unsigned long long)f->token);
	fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)f->size) < 0)
		goto fail;
	if (f->size) {
		map = mmap(NULL, f->size, PROT_READ | PROT_WRITE, MAP_SHARED,
			   fd, 0);
		if (map == MAP_FAILED)
			goto fail;
		content_generate(map, f->size, f->seed, f->fill);
		*digest = content_digest(map, f->size);
		munmap(map, f->size);
	} else {
		*digest = content_digest("", 0);
	}
	if (lseek(fd, (off_t)f->pos, SEEK_SET) < 0)
		goto fail;
	if (f->seals && fcntl(fd, F_ADD_SEALS, f->seals) < 0)
		goto fail;
	rc = fcntl(fd, F_GET_SEALS);
	if (rc < 0)
		goto fail;
	*seals = (uint32_t)rc;
	return fd;
fail:
	{
		int err = -errno;

		close(fd);
		return err;
	}
}

/* Preserved pages are the live pages: a write now reaches the next kernel. */
static int tamper_file(int fd, const struct scenario_file *f, uint64_t offset)
{
	unsigned char byte;

	if (offset >= f->size || pread(fd, &byte, 1, (off_t)offset) != 1) {
		fprintf(stderr, "baton-agent: tamper offset %llu out of file\n",
			(unsigned long long)offset);
		return -1;
	}
	byte ^= 0x5a;
	if (pwrite(fd, &byte, 1, (off_t)offset) != 1) {
		fprintf(stderr, "baton-agent: tamper write: %s\n",
			strerror(errno));
		return -1;
	}
	printf("TAMPERED token=%llu offset=%llu\n",
	       (unsigned long long)f->token, (unsigned long long)offset);
	return 0;
}

static int parse_tamper(const char *arg, struct tamper *t)
{
	char token[32];
	const char *at = strchr(arg, '@');

	if (!at || (size_t)(at - arg) >= sizeof(token))
		return -1;
	memcpy(token, arg, (size_t)(at - arg));
	token[at - arg] = 0;
	if (parse_size(token, &t->token) || parse_size(at + 1, &t->offset))
		return -1;
	t->enabled = true;
	return 0;
}

static void manifest_fill_header(const struct scenario *sc, void *manifest,
				 uint64_t total)
{
	struct manifest_header *h = manifest;

	memcpy(h->magic, MANIFEST_MAGIC, 8);
	h->version = MANIFEST_VERSION;
	h->header_size = sizeof(*h);
	h->session_count = sc->session_count;
	h->file_count = sc->file_count;
	h->total_bytes = total;
}

/*
 * Every session fd stays open until the kexec (closing one unpreserves its
 * files); memfds are closed right after PRESERVE_FD. A host-scale scenario
 * (20,000 sessions) needs more than init's default 1024 descriptors.
 */
static int raise_fd_limit(uint32_t sessions)
{
	rlim_t need = (rlim_t)sessions + 64;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return -errno;
	if (rl.rlim_cur >= need)
		return 0;
	rl.rlim_cur = need;
	if (rl.rlim_max < need)
		rl.rlim_max = need;
	return setrlimit(RLIMIT_NOFILE, &rl) ? -errno : 0;
}

static int preserve_files(const struct scenario *sc, struct prepare_state *st)
{
	struct manifest_session *ms = manifest_sessions(st->manifest);
	struct manifest_file *mf;
	uint64_t total = 0;
	uint32_t i;

	manifest_fill_header(sc, st->manifest, 0);
	mf = manifest_files(st->manifest);
	for (i = 0; i < sc->session_count; i++) {
		int fd = lu_create_session(st->lu_fd, sc->sessions[i].name);

		if (fd < 0) {
			fprintf(stderr, "baton-agent: create session %s: %s\n",
				sc->sessions[i].name, strerror(-fd));
			return -1;
		}
		st->session_fds[i] = fd;
		strcpy(ms[i].name, sc->sessions[i].name);
	}
	for (i = 0; i < sc->file_count; i++) {
		const struct scenario_file *f = &sc->files[i];
		uint64_t digest = 0;
		uint32_t seals = 0;
		int fd = write_memfd(sc, f, &digest, &seals);
		int rc;

		if (fd < 0) {
			fprintf(stderr, "baton-agent: memfd token %llu: %s\n",
				(unsigned long long)f->token, strerror(-fd));
			return -1;
		}
		rc = lu_preserve_fd(st->session_fds[f->session], fd, f->token);
		if (rc) {
			fprintf(stderr,
				"baton-agent: preserve token %llu in %s: %s\n",
				(unsigned long long)f->token,
				sc->sessions[f->session].name, strerror(-rc));
			return -1;
		}
		if (st->tamper.enabled && st->tamper.token == f->token &&
		    tamper_file(fd, f, st->tamper.offset))
			return -1;
		/* LUO holds its own reference; the session fd keeps it. */
		close(fd);
		mf[i] = (struct manifest_file){
			.session = f->session, .seals = seals,
			.fill = f->fill, .token = f->token, .size = f->size,
			.seed = f->seed, .pos = f->pos, .digest = digest,
		};
		ms[f->session].file_count++;
		total += f->size;
	}
	((struct manifest_header *)st->manifest)->total_bytes = total;
	return 0;
}

static int preserve_manifest(struct prepare_state *st)
{
	struct manifest_header *h = st->manifest;
	int session_fd, fd, rc;

	h->tsc_prepare = read_tsc();
	h->checksum = manifest_checksum(st->manifest, st->manifest_len);
	fd = memfd_create("baton-agent-manifest", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (pwrite(fd, st->manifest, st->manifest_len, 0) !=
	    (ssize_t)st->manifest_len)
		return -EIO;
	session_fd = lu_create_session(st->lu_fd, AGENT_SESSION);
	if (session_fd < 0)
		return session_fd;
	rc = lu_preserve_fd(session_fd, fd, AGENT_MANIFEST_TOKEN);
	if (rc)
		return rc;
	st->manifest_fd = fd;
	return 0;
}

/* Child keeps the fds (and thereby the preservation) until the kexec. */
static int spawn_holder(const struct prepare_state *st)
{
	FILE *state;
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		setsid();
		for (;;)
			pause();
	}
	state = fopen(AGENT_STATE_FILE, "w");
	if (!state)
		return -errno;
	fprintf(state, "%d %d\n", (int)pid, st->manifest_fd);
	fclose(state);
	printf("HOLDER pid=%d manifest-fd=%d\n", (int)pid, st->manifest_fd);
	return 0;
}

static void prepare_usage(void)
{
	fprintf(stderr,
		"usage: baton-agent prepare --scenario FILE|SPEC\n"
		"           [--kernel BZIMAGE [--initrd FILE] [--cmdline STR]]\n"
		"           [--tamper TOKEN@OFFSET]\n");
}

int cmd_prepare(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "scenario", required_argument, NULL, 's' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "initrd", required_argument, NULL, 'i' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "tamper", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	struct kexec_args kargs = { NULL, NULL, "" };
	struct prepare_state st = { .manifest_fd = -1 };
	struct scenario sc;
	const char *spec = NULL;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 's': spec = optarg; break;
		case 'k': kargs.kernel = optarg; break;
		case 'i': kargs.initrd = optarg; break;
		case 'c': kargs.cmdline = optarg; break;
		case 't':
			if (parse_tamper(optarg, &st.tamper)) {
				prepare_usage();
				return 2;
			}
			break;
		default: prepare_usage(); return 2;
		}
	}
	if (!spec || optind != argc) {
		prepare_usage();
		return 2;
	}
	if (scenario_load(spec, &sc))
		return 2;
	st.lu_fd = lu_open();
	if (st.lu_fd < 0) {
		fprintf(stderr, "baton-agent: open %s: %s\n", LIVEUPDATE_DEVICE,
			strerror(-st.lu_fd));
		return 1;
	}
	st.manifest_len = manifest_size(sc.session_count, sc.file_count);
	st.manifest = calloc(1, st.manifest_len);
	st.session_fds = calloc(sc.session_count, sizeof(int));
	if (!st.manifest || !st.session_fds)
		return 1;
	rc = raise_fd_limit(sc.session_count);
	if (rc) {
		fprintf(stderr, "baton-agent: RLIMIT_NOFILE for %u sessions: %s\n",
			sc.session_count, strerror(-rc));
		return 1;
	}
	if (preserve_files(&sc, &st))
		return 1;
	rc = preserve_manifest(&st);
	if (rc) {
		fprintf(stderr, "baton-agent: manifest: %s\n", strerror(-rc));
		return 1;
	}
	manifest_print(st.manifest, "MANIFEST");
	data_printf("MANIFEST-SIZE %zu\n", st.manifest_len);
	data_printf("PREPARED sessions=%u files=%u\n", sc.session_count,
		    sc.file_count);
	data_flush();
	if (kargs.kernel)
		return kexec_load_and_reboot(&kargs, st.manifest_fd);
	rc = spawn_holder(&st);
	if (rc) {
		fprintf(stderr, "baton-agent: holder: %s\n", strerror(-rc));
		return 1;
	}
	return 0;
}
