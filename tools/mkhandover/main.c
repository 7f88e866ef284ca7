// SPDX-License-Identifier: MIT
/*
 * mkhandover: command line, scenario defaults and the standard scenario
 * the corruptions damage; builds, parses, corrupts, checks that the
 * corruption's finding appears, and writes the capture (docs/mkhandover.md).
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mkhandover.h"

#define QEMU_LOWMEM_SPLIT	0xe0000000ULL	/* pc: above this, 3 GiB low */
#define QEMU_LOWMEM		0xc0000000ULL
#define SZ_4G			0x100000000ULL

static struct mkh_scenario scenario;

void mkh_error(const char *fmt, ...)
{
	va_list ap;

	fputs("mkhandover: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void usage(FILE *f)
{
	fputs("usage: mkhandover -o DIR [--cpio FILE] [options]\n"
	      "  --profile 6.16|6.17|6.18|6.19|7.0|7.1|7.2|7.3   (default "
	      MKH_DEFAULT_PROFILE ")\n"
	      "  --mem SIZE            the machine's RAM, QEMU -m (default 1G)\n"
	      "  --arena ADDR[:SIZE]   where preserved memory is allocated\n"
	      "  --scratch ADDR:SIZE   a scratch area, in kho_scratch[] order\n"
	      "  --ram ADDR:SIZE       a manifest ram line\n"
	      "  --session NAME        starts a session\n"
	      "  --sessions N[:FILES]  N sessions with FILES 4 KiB memfds each\n"
	      "  --memfd TOKEN:SIZE[,order=N][,pos=N][,seals=N]\n"
	      "          [,content=builder|agent|zero][,hole=PAGE+PAGES]\n"
	      "  --file TOKEN:COMPATIBLE:DATA   a file that is not a memfd\n"
	      "  --flb NAME:DATA:COUNT\n"
	      "  --reserve-mem NAME:SIZE[:ALIGN_ORDER]\n"
	      "  --liveupdate-num N  --release TEXT  --kexec-count N\n"
	      "  --standard            the standard scenario (corruption base)\n"
	      "  --corrupt NAME        --list-corruptions\n"
	      "  --cmdline TEXT  --payload FILE  --initrd FILE\n"
	      "  --agent-manifest FILE baton-agent's manifest (verify --manifest)\n", f);
}

static void guest_ram(struct mkh_scenario *sc)
{
	u64 low = sc->mem >= QEMU_LOWMEM_SPLIT ? QEMU_LOWMEM : sc->mem;

	sc->guest[0] = (struct mkh_range){ SZ_1M, low - SZ_1M };
	sc->guest_count = 1;
	if (sc->mem > low)
		sc->guest[sc->guest_count++] =
			(struct mkh_range){ SZ_4G, sc->mem - low };
}

static bool add_session(struct mkh_scenario *sc, const char *name)
{
	if (sc->session_count == MKH_SESSIONS_MAX ||
	    strlen(name) >= LUO_SESSION_NAME_LEN) {
		mkh_error("session \"%s\": too many sessions or name too long",
			  name);
		return false;
	}
	strcpy(sc->session_names[sc->session_count++], name);
	return true;
}

static bool add_file(struct mkh_scenario *sc, const char *arg, bool memfd)
{
	struct mkh_file *f;
	char err[160];

	if (!sc->session_count) {
		mkh_error("--memfd/--file before any --session");
		return false;
	}
	if (sc->file_count == MKH_FILES_MAX) {
		mkh_error("more than %d files", MKH_FILES_MAX);
		return false;
	}
	f = &sc->files[sc->file_count];
	if (!(memfd ? mkh_parse_memfd(arg, f, err, sizeof(err)) :
		      mkh_parse_raw_file(arg, f, err, sizeof(err)))) {
		mkh_error("%s", err);
		return false;
	}
	f->session = sc->session_count - 1;
	sc->file_count++;
	return true;
}

static bool add_flb(struct mkh_scenario *sc, const char *arg)
{
	u32 i = sc->flb_count;

	if (i == MKH_FLB_MAX ||
	    !mkh_parse_flb(arg, sc->flb_names[i], sizeof(sc->flb_names[i]),
			   &sc->flbs[i].data, &sc->flbs[i].count)) {
		mkh_error("flb \"%s\": expected NAME:DATA:COUNT (at most %d)",
			  arg, MKH_FLB_MAX);
		return false;
	}
	sc->flbs[i].name = sc->flb_names[i];
	sc->flb_count++;
	return true;
}

static bool add_reserve_mem(struct mkh_scenario *sc, const char *arg)
{
	u32 i = sc->reserve_mem_count;

	if (i == MKH_RESERVE_MEM_MAX ||
	    !mkh_parse_reserve_mem(arg, sc->reserve_mem_names[i],
				   sizeof(sc->reserve_mem_names[i]),
				   &sc->reserve_mem[i].size,
				   &sc->reserve_mem[i].align_order)) {
		mkh_error("reserve-mem \"%s\": expected NAME:SIZE[:ALIGN_ORDER]",
			  arg);
		return false;
	}
	sc->reserve_mem[i].name = sc->reserve_mem_names[i];
	sc->reserve_mem_count++;
	return true;
}

/* "N[:FILES]": N sessions "session-NNNN", each with FILES 4 KiB memfds. */
static bool add_sessions(struct mkh_scenario *sc, const char *arg)
{
	char *end, name[32], file[48];
	unsigned long n = strtoul(arg, &end, 0), files = 0, i, j;

	if (*end == ':')
		files = strtoul(end + 1, &end, 0);
	if (*end || !n) {
		mkh_error("sessions \"%s\": expected N[:FILES]", arg);
		return false;
	}
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "session-%04lu", i);
		if (!add_session(sc, name))
			return false;
		for (j = 0; j < files; j++) {
			snprintf(file, sizeof(file), "0x%lx:4K", i * 1000 + j + 1);
			if (!add_file(sc, file, true))
				return false;
		}
	}
	return true;
}

/* The scenario the corruptions expect (tests/unit/test_luo_util.h's). */
static bool standard(struct mkh_scenario *sc)
{
	return add_session(sc, "alpha") &&
	       add_file(sc, "0x1001:10000,pos=4096,seals=0xc", true) &&
	       add_file(sc, "0x1002:0x30007b,order=9", true) &&
	       add_file(sc, "0x1003:0", true) &&
	       add_session(sc, "beta") &&
	       add_flb(sc, "liveupdate-test-flb-v0:0xfeedf00dcafebee0:1") &&
	       add_flb(sc, "liveupdate-test-flb-v1:0xfeedf00dcafebee1:2") &&
	       add_reserve_mem(sc, "trace:1M");
}

static u64 memfd_bytes(const struct mkh_scenario *sc)
{
	u64 total = 0;
	u32 i;

	for (i = 0; i < sc->file_count; i++)
		if (sc->files[i].is_memfd)
			total += ALIGN_UP(sc->files[i].memfd.size,
					  PAGE_SIZE << sc->files[i].memfd.folio_order);
	return total;
}

static void defaults(struct mkh_scenario *sc, bool arena_size_given)
{
	if (!sc->scratch_count) {
		sc->scratch[0] = (struct mkh_range){ 0x2000000, 0x3000000 };
		sc->scratch[1] = (struct mkh_range){ 0x5000000, 0x1000000 };
		sc->scratch_count = 2;
	}
	if (!arena_size_given)
		sc->arena_size = ALIGN_UP(memfd_bytes(sc) + memfd_bytes(sc) / 8,
					  SZ_2M) + 64 * SZ_1M;
	if (!sc->cmdline)
		sc->cmdline = "console=ttyS0 baton.exit=qemu";
	guest_ram(sc);
}

enum { O_PROFILE = 256, O_MEM, O_ARENA, O_SCRATCH, O_RAM, O_SESSION,
       O_SESSIONS, O_MEMFD, O_FILE, O_FLB, O_RESERVE, O_NUM, O_RELEASE, O_KEXEC,
       O_STANDARD, O_CORRUPT, O_LIST, O_CMDLINE, O_PAYLOAD, O_INITRD,
       O_CPIO, O_AGENT_MANIFEST };

static const struct option options[] = {
	{ "profile", 1, NULL, O_PROFILE }, { "mem", 1, NULL, O_MEM },
	{ "arena", 1, NULL, O_ARENA }, { "scratch", 1, NULL, O_SCRATCH },
	{ "ram", 1, NULL, O_RAM }, { "session", 1, NULL, O_SESSION },
	{ "sessions", 1, NULL, O_SESSIONS }, { "memfd", 1, NULL, O_MEMFD }, { "file", 1, NULL, O_FILE },
	{ "flb", 1, NULL, O_FLB }, { "reserve-mem", 1, NULL, O_RESERVE },
	{ "liveupdate-num", 1, NULL, O_NUM }, { "release", 1, NULL, O_RELEASE },
	{ "kexec-count", 1, NULL, O_KEXEC }, { "standard", 0, NULL, O_STANDARD },
	{ "corrupt", 1, NULL, O_CORRUPT },
	{ "list-corruptions", 0, NULL, O_LIST },
	{ "cmdline", 1, NULL, O_CMDLINE }, { "payload", 1, NULL, O_PAYLOAD },
	{ "initrd", 1, NULL, O_INITRD }, { "cpio", 1, NULL, O_CPIO },
	{ "agent-manifest", 1, NULL, O_AGENT_MANIFEST },
	{ "output", 1, NULL, 'o' }, { "help", 0, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct cli {
	const char *dir;
	const char *cpio;
	const char *agent_manifest;	/* --agent-manifest FILE */
	bool arena_size_given;
	bool standard;
	bool profile_given;
	const char *profile;		/* the --profile name */
	bool release_given;
};

static bool range_option(const char *arg, struct mkh_range *arr, u32 *count,
			 const char *what)
{
	if (*count == MKH_RAM_MAX || !mkh_parse_range(arg, &arr[*count])) {
		mkh_error("%s \"%s\": expected ADDR:SIZE (at most %d)", what,
			  arg, MKH_RAM_MAX);
		return false;
	}
	(*count)++;
	return true;
}

static bool arena_option(struct mkh_scenario *sc, struct cli *cli,
			 const char *arg)
{
	struct mkh_range r;

	if (mkh_parse_range(arg, &r)) {
		sc->arena = r.addr;
		sc->arena_size = r.size;
		cli->arena_size_given = true;
		return true;
	}
	if (mkh_parse_size(arg, &sc->arena))
		return true;
	mkh_error("arena \"%s\": expected ADDR[:SIZE]", arg);
	return false;
}

static bool number(const char *arg, u64 *out, const char *what)
{
	if (mkh_parse_size(arg, out))
		return true;
	mkh_error("%s \"%s\": not a number", what, arg);
	return false;
}

static int option(struct mkh_scenario *sc, struct cli *cli, int c,
		  const char *arg)
{
	u64 v;

	switch (c) {
	case 'o': cli->dir = arg; return 1;
	case O_CPIO: cli->cpio = arg; return 1;
	case O_AGENT_MANIFEST: cli->agent_manifest = arg; return 1;
	case O_PROFILE:
		cli->profile_given = true;
		cli->profile = arg;
		if (mkh_parse_profile(arg, &sc->profile))
			return 1;
		mkh_error("unknown profile \"%s\"", arg);
		return 0;
	case O_MEM: return number(arg, &sc->mem, "mem");
	case O_ARENA: return arena_option(sc, cli, arg);
	case O_SCRATCH:
		return range_option(arg, sc->scratch, &sc->scratch_count,
				    "scratch");
	case O_RAM: return range_option(arg, sc->ram, &sc->ram_count, "ram");
	case O_SESSION: return add_session(sc, arg);
	case O_SESSIONS: return add_sessions(sc, arg);
	case O_MEMFD: return add_file(sc, arg, true);
	case O_FILE: return add_file(sc, arg, false);
	case O_FLB: return add_flb(sc, arg);
	case O_RESERVE: return add_reserve_mem(sc, arg);
	case O_NUM: return number(arg, &sc->liveupdate_num, "liveupdate-num");
	case O_RELEASE:
		cli->release_given = true;
		snprintf(sc->release, sizeof(sc->release), "%s", arg);
		return 1;
	case O_KEXEC:
		if (!number(arg, &v, "kexec-count"))
			return 0;
		sc->kexec_count = (u32)v;
		return 1;
	case O_STANDARD: cli->standard = true; return 1;
	case O_CORRUPT:
		sc->corrupt = mkh_corruption_find(arg);
		if (sc->corrupt)
			return 1;
		mkh_error("unknown corruption \"%s\" (--list-corruptions)", arg);
		return 0;
	case O_LIST: mkh_corruptions_list(); exit(0);
	case O_CMDLINE: sc->cmdline = arg; return 1;
	case O_PAYLOAD: sc->payload = arg; return 1;
	case O_INITRD: sc->initrd = arg; return 1;
	case 'h': usage(stdout); exit(0);
	}
	usage(stderr);
	return 0;
}

static bool has_code(const struct finding_list *l, enum finding_code code)
{
	return finding_list_has(l, code);
}

static bool run(struct mkh_scenario *sc, const struct cli *cli)
{
	static struct mkh_state s;
	const struct mkh_corruption *c = sc->corrupt;

	if (!mkh_build(sc, &s) || !mkh_parse(&s) || !mkh_collect_contents(&s))
		return false;
	if (c && c->post) {
		c->post(&s.damage);
		if (!mkh_parse(&s))
			return false;
	}
	if (c && !has_code(&s.findings, c->code)) {
		mkh_error("corruption %s did not produce %s on this scenario",
			  c->name, finding_code_name(c->code));
		return false;
	}
	if (!mkh_emit(&s, cli->dir, cli->cpio))
		return false;
	return !cli->agent_manifest ||
	       mkh_write_agent_manifest(&s, cli->agent_manifest);
}

int main(int argc, char **argv)
{
	struct mkh_scenario *sc = &scenario;
	struct cli cli = { .profile = MKH_DEFAULT_PROFILE };
	int c;

	mkh_parse_profile(MKH_DEFAULT_PROFILE, &sc->profile);
	sc->mem = SZ_1G;
	sc->arena = 0x8000000;
	sc->liveupdate_num = 1;
	sc->kexec_count = 1;
	while ((c = getopt_long(argc, argv, "o:h", options, NULL)) != -1)
		if (!option(sc, &cli, c, optarg))
			return 2;
	if (optind != argc || !cli.dir) {
		usage(stderr);
		return 2;
	}
	if (sc->corrupt && sc->corrupt->profile != PROFILE_UNKNOWN &&
	    !cli.profile_given)
		sc->profile = sc->corrupt->profile;
	if (!cli.release_given)
		mkh_default_release(cli.profile, sc->release,
				    sizeof(sc->release));
	if ((cli.standard || (sc->corrupt && !sc->session_count)) &&
	    !standard(sc))
		return 2;
	defaults(sc, cli.arena_size_given);
	return run(sc, &cli) ? 0 : 1;
}
