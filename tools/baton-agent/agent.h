/*
 * baton-agent: shared declarations of the guest-side live-update agent
 * (scenario model, manifest layout, content generator, /dev/liveupdate calls).
 */
#ifndef BATON_AGENT_AGENT_H
#define BATON_AGENT_AGENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <luo/agent_manifest.h>

#include "liveupdate_abi.h"

#define AGENT_SESSION		AGENT_MANIFEST_SESSION
#define AGENT_MANIFEST_TOKEN	AGENT_MANIFEST_FILE_TOKEN
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
 * preserved file. Fixed little-endian layout, defined byte by byte in
 * luo/agent_manifest.h (baton reads it from preserved memory with the same
 * parser); tsc_kexec is written last, right before the kexec reboot, and
 * is excluded from the checksum. Version 2: digest and checksum are CRC32C
 * (low 32 bits of their 64-bit fields).
 */
#define MANIFEST_MAGIC		AGENT_MANIFEST_MAGIC
#define MANIFEST_VERSION	AGENT_MANIFEST_VERSION

struct manifest_header {
	char magic[8];
	uint32_t version;
	uint32_t header_size;
	uint32_t session_count;
	uint32_t file_count;
	uint64_t total_bytes;
	uint64_t checksum;	/* CRC32C, this and tsc_kexec read as 0 */
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
	uint64_t digest;	/* CRC32C of the file's bytes */
};

_Static_assert(sizeof(struct manifest_header) == 56, "manifest header");
_Static_assert(sizeof(struct manifest_session) == 72, "manifest session");
_Static_assert(sizeof(struct manifest_file) == 56, "manifest file");
_Static_assert(sizeof(struct manifest_header) == AMF_HEADER_SIZE &&
	       offsetof(struct manifest_header, checksum) == AMF_HDR_CHECKSUM &&
	       offsetof(struct manifest_header, tsc_kexec) == AMF_HDR_TSC_KEXEC,
	       "manifest header matches luo/agent_manifest.h");
_Static_assert(sizeof(struct manifest_session) == AMF_SESSION_SIZE &&
	       offsetof(struct manifest_session, file_count) ==
	       AMF_SES_FILE_COUNT, "manifest session matches");
_Static_assert(sizeof(struct manifest_file) == AMF_FILE_ENTRY_SIZE &&
	       offsetof(struct manifest_file, token) == AMF_FILE_TOKEN &&
	       offsetof(struct manifest_file, digest) == AMF_FILE_DIGEST,
	       "manifest file matches");

#define MANIFEST_TSC_KEXEC_OFFSET offsetof(struct manifest_header, tsc_kexec)

size_t manifest_size(uint32_t session_count, uint32_t file_count);
uint64_t manifest_checksum(const void *manifest, size_t len);
/* Checks version 2 (luo/agent_manifest.c) and, for verify, version 1. */
int manifest_check(const void *manifest, size_t len, char *err, size_t err_len);
void manifest_print(const void *manifest, const char *prefix);

/* data_channel.c: lines the host compares, on ttyS1 as well as the console */
void data_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void data_flush(void);
bool agent_quiet(void);

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

/* Content generation (deterministic) and its digest: CRC32C (lib/crc32c.c). */
bool fill_page_has_data(uint32_t fill, uint64_t page, uint64_t size);
void content_generate(void *map, uint64_t size, uint64_t seed, uint32_t fill);
uint32_t content_digest(const void *map, uint64_t size);
uint64_t content_digest_v1(const void *map, uint64_t size);
/* The digest a manifest of this version records. */
uint64_t manifest_digest(uint32_t version, const void *map, uint64_t size);
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

/*
 * Utilities. read_tsc: the CPU's free-running counter the timeline is
 * measured in, the TSC on x86-64 and the generic timer's virtual count
 * (CNTVCT_EL0, after an isb so it is not read early) on arm64.
 */
static inline uint64_t read_tsc(void)
{
#if defined(__aarch64__)
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
#else
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
#endif
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
int cmd_timeline(int argc, char **argv);

/* kmsg_marks.c: the next kernel's printk milestones, mapped to the TSC. */
struct kmsg_anchor {
	uint64_t tsc;		/* read right before the anchor line's write */
	bool written;
	char text[64];
};
struct handover_timeline;

void kmsg_anchor_write(struct kmsg_anchor *a);
unsigned int kmsg_timeline_marks(const struct kmsg_anchor *a,
				 struct handover_timeline *t);
bool kmsg_parse_record(const char *rec, size_t len, uint64_t *us,
		       const char **msg, size_t *msg_len);
bool kmsg_is_milestone(const char *msg, size_t len);
uint64_t kmsg_us_to_tsc(uint64_t anchor_tsc, uint64_t anchor_us,
			uint64_t line_us, uint64_t tsc_khz);
int kmsg_selftest(void);

/* timeline.c: the T0..T3 timeline verify prints (and writes, if asked). */
struct timeline_stamps {
	uint64_t tsc_prepare;	/* old kernel: prepare done (manifest) */
	uint64_t tsc_kexec;	/* T0 (manifest) */
	uint64_t tsc_verify;	/* T3: verify's first instruction */
	struct kmsg_anchor anchor;
};

int timeline_report(const struct timeline_stamps *s, const char *json_path,
		    const char *svg_path);
int timeline_selftest(void);

/* Print ROOT/REL as KHO-DUMP-BEGIN / KHO-HEX / KHO-DUMP-END lines. */
int kho_dump_file(const char *root, const char *rel);

/* report_blob.c: baton's report blob (KHO subtree `baton`). */
const char *report_blob_problem(const uint8_t *buf, size_t len); /* NULL: valid */
/* The NUL-terminated JSON of a valid blob; NULL with the problem in *why. */
const char *report_blob_json(const uint8_t *buf, size_t len, const char **why);
/* A valid blob of json in buf (selftests); its size, 0 if buf is too small. */
size_t report_blob_make(uint8_t *buf, size_t size, const char *json);
void report_blob_print(const char *name, const uint8_t *buf, size_t len);
unsigned int report_blob_selftest(void);

/* Shared by prepare (one-shot mode) and kexec. */
struct kexec_args {
	const char *kernel;
	const char *initrd;
	const char *cmdline;
};

int kexec_load_and_reboot(const struct kexec_args *args, int manifest_fd);

#endif
