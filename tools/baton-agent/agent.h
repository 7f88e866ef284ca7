/*
 * baton-agent: shared declarations of the guest-side live-update agent
 * (scenario model, manifest layout, content generator, /dev/liveupdate calls).
 */
#ifndef BATON_AGENT_AGENT_H
#define BATON_AGENT_AGENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "liveupdate_abi.h"

#define AGENT_SESSION		"baton-agent"
#define AGENT_MANIFEST_TOKEN	0
#define AGENT_STATE_FILE	"/run/baton-agent.state"

enum fill_kind {
	FILL_FULL,	/* every byte generated from the seed */
	FILL_SPARSE,	/* every 16th page and the last one; holes between */
	FILL_ZERO,	/* never written: one big hole */
};

struct scenario_file {
	uint32_t session;	/* index into scenario.sessions */
	uint32_t seals;		/* F_SEAL_* mask applied after writing */
	uint32_t fill;		/* enum fill_kind */
	uint64_t token;
	uint64_t size;
	uint64_t seed;
	uint64_t pos;		/* file offset left behind at kexec time */
};

struct scenario_session {
	char name[LIVEUPDATE_NAME_LEN];
};

struct scenario {
	uint32_t session_count;
	uint32_t file_count;
	struct scenario_session *sessions;
	struct scenario_file *files;
};

int scenario_parse(const char *text, struct scenario *out, char *err,
		   size_t err_len);
int scenario_load(const char *spec_or_path, struct scenario *out);
void scenario_free(struct scenario *scenario);

/*
 * Manifest: a small memfd (session "baton-agent", token 0) describing every
 * preserved file. Fixed little-endian layout; tsc_kexec is written last,
 * right before the kexec reboot, and is excluded from the checksum.
 */
#define MANIFEST_MAGIC		"BATONMF1"
#define MANIFEST_VERSION	1

struct manifest_header {
	char magic[8];
	uint32_t version;
	uint32_t header_size;
	uint32_t session_count;
	uint32_t file_count;
	uint64_t total_bytes;
	uint64_t checksum;	/* manifest digest, this and tsc_kexec as 0 */
	uint64_t tsc_prepare;	/* TSC when prepare finished preserving */
	uint64_t tsc_kexec;	/* TSC right before reboot(KEXEC) */
};

struct manifest_session {
	char name[LIVEUPDATE_NAME_LEN];
	uint32_t file_count;
	uint32_t reserved;
};

struct manifest_file {
	uint32_t session;
	uint32_t seals;
	uint32_t fill;
	uint32_t reserved;
	uint64_t token;
	uint64_t size;
	uint64_t seed;
	uint64_t pos;
	uint64_t digest;
};

_Static_assert(sizeof(struct manifest_header) == 56, "manifest header");
_Static_assert(sizeof(struct manifest_session) == 72, "manifest session");
_Static_assert(sizeof(struct manifest_file) == 56, "manifest file");

#define MANIFEST_TSC_KEXEC_OFFSET offsetof(struct manifest_header, tsc_kexec)

size_t manifest_size(uint32_t session_count, uint32_t file_count);
uint64_t manifest_checksum(const void *manifest, size_t len);
int manifest_check(const void *manifest, size_t len, char *err, size_t err_len);
void manifest_print(const void *manifest, const char *prefix);

static inline struct manifest_session *
manifest_sessions(void *manifest)
{
	return (struct manifest_session *)((char *)manifest +
					   sizeof(struct manifest_header));
}

static inline struct manifest_file *manifest_files(void *manifest)
{
	const struct manifest_header *h = manifest;

	return (struct manifest_file *)(manifest_sessions(manifest) +
					h->session_count);
}

/* Content generation and digest (64-bit, word-wise, deterministic). */
bool fill_page_has_data(uint32_t fill, uint64_t page, uint64_t size);
void content_generate(void *map, uint64_t size, uint64_t seed, uint32_t fill);
uint64_t content_digest(const void *map, uint64_t size);
int64_t content_first_mismatch(const void *map, uint64_t size, uint64_t seed,
			       uint32_t fill);

/* /dev/liveupdate wrappers: return fd or 0 on success, -errno on failure. */
int lu_open(void);
int lu_create_session(int lu_fd, const char *name);
int lu_retrieve_session(int lu_fd, const char *name);
int lu_preserve_fd(int session_fd, int fd, uint64_t token);
int lu_retrieve_fd(int session_fd, uint64_t token);
int lu_finish(int session_fd);
int lu_get_name(int session_fd, char name[LIVEUPDATE_NAME_LEN]);

/* Utilities. */
static inline uint64_t read_tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

uint64_t tsc_khz_measure(void);
int parse_size(const char *s, uint64_t *out);
const char *seals_to_string(uint32_t seals, char *buf, size_t len);

/* Subcommands. */
int cmd_prepare(int argc, char **argv);
int cmd_kexec(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_dump_kho(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_selftest(int argc, char **argv);

/* timeline.c: `verify --timeline` files and their host-side check. */
int timeline_write_files(uint64_t tsc_kexec, uint64_t tsc_verify,
			 const char *json_path, const char *svg_path);
int timeline_selftest(void);

/* Print ROOT/REL as KHO-DUMP-BEGIN / KHO-HEX / KHO-DUMP-END lines. */
int kho_dump_file(const char *root, const char *rel);

/* Shared by prepare (one-shot mode) and kexec. */
struct kexec_args {
	const char *kernel;
	const char *initrd;
	const char *cmdline;
};

int kexec_load_and_reboot(const struct kexec_args *args, int manifest_fd);

#endif
