// SPDX-License-Identifier: MIT
/*
 * --agent-manifest FILE: baton-agent's own manifest (luo/agent_manifest.h,
 * version 2) for the handover mkhandover wrote, so that `baton-agent verify
 * --manifest FILE` in the next kernel retrieves every session and memfd
 * through /dev/liveupdate and checks each one against what this side wrote:
 * size, seals, position, the CRC32C of every byte and, with the agent's own
 * content generator (content=agent, seed = token), every byte itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <luo/agent_manifest.h>
#include <luo/bridge/bridge.h>
#include "mkhandover.h"

/* baton-agent's fill kinds (tools/baton-agent/agent.h, enum fill_kind) */
#define AGENT_FILL_FULL	0
#define AGENT_FILL_ZERO	2

static void put32(u8 *p, u32 v)
{
	u32 i;

	for (i = 0; i < 4; i++)
		p[i] = (u8)(v >> (8 * i));
}

static void put64(u8 *p, u64 v)
{
	put32(p, (u32)v);
	put32(p + 4, (u32)(v >> 32));
}

/* Index of session i's first file in the scenario (files are grouped). */
static u32 scenario_first_file(const struct mkh_scenario *sc, u32 session)
{
	u32 k = 0;

	while (k < sc->file_count && sc->files[k].session < session)
		k++;
	return k;
}

/*
 * The seals the next kernel gives the retrieved file: memfd-v1 carried
 * none, and its successor (like the bridge, docs/bridge.md) gives
 * F_SEAL_SEAL; memfd-v2 carries them.
 */
static u32 expected_seals(const struct model_memfd *md)
{
	return md->version == MEMFD_VERSION_V1 ? BRIDGE_MEMFD_V1_SEALS :
						 md->seals;
}

/*
 * The agent regenerates a file from (seed, fill) to name the first
 * differing byte and, with verify --bytes, to compare every byte: only
 * content it can regenerate goes into its manifest.
 */
static bool file_fill(const struct mkh_file *f, u32 *fill)
{
	if (f->memfd.size && f->hole_count)
		return false;
	if (f->content == MKH_CONTENT_AGENT) {
		*fill = AGENT_FILL_FULL;
		return true;
	}
	if (f->content == MKH_CONTENT_ZERO || !f->memfd.size) {
		*fill = f->memfd.size ? AGENT_FILL_ZERO : AGENT_FILL_FULL;
		return true;
	}
	return false;
}

static bool write_file_entry(struct mkh_state *s, u8 *e, u32 session,
			     const struct mkh_file *f,
			     const struct model_memfd *md, u64 *total)
{
	u32 crc, fill;

	if (!file_fill(f, &fill)) {
		mkh_error("--agent-manifest: memfd token %llu: the agent "
			  "regenerates only content=agent or content=zero "
			  "without holes", (unsigned long long)f->token);
		return false;
	}
	if (!mkh_digest(s, md, &crc)) {
		mkh_error("--agent-manifest: memfd token %llu: no digest",
			  (unsigned long long)f->token);
		return false;
	}
	put32(e + AMF_FILE_SESSION, session);
	put32(e + AMF_FILE_SEALS, expected_seals(md));
	put32(e + AMF_FILE_FILL, fill);
	put64(e + AMF_FILE_TOKEN, f->token);
	put64(e + AMF_FILE_SIZE, md->size);
	put64(e + AMF_FILE_SEED, f->token);
	put64(e + AMF_FILE_POS, md->pos);
	put64(e + AMF_FILE_DIGEST, crc);
	*total += md->size;
	return true;
}

/* Fills buf (sized for the model's counts); false with a message. */
static bool fill_manifest(struct mkh_state *s, u8 *buf, u32 *file_count)
{
	const struct handover_model *m = s->m;
	const struct mkh_scenario *sc = s->sc;
	u8 *files = buf + AMF_HEADER_SIZE +
		    (u64)m->session_count * AMF_SESSION_SIZE;
	u64 total = 0;
	u32 i, j, n = 0;

	for (i = 0; i < m->session_count; i++) {
		const struct model_session *ms = &m->sessions[i];
		u8 *se = buf + AMF_HEADER_SIZE + (u64)i * AMF_SESSION_SIZE;
		u32 k = scenario_first_file(sc, i);

		if (strlen(ms->name) >= AGENT_MANIFEST_NAME_LEN) {
			mkh_error("--agent-manifest: session name \"%s\" "
				  "longer than the agent's %d bytes", ms->name,
				  AGENT_MANIFEST_NAME_LEN - 1);
			return false;
		}
		memcpy(se + AMF_SES_NAME, ms->name, strlen(ms->name));
		put32(se + AMF_SES_FILE_COUNT, ms->file_count);
		for (j = 0; j < ms->file_count; j++, k++) {
			const struct model_file *mf =
				&m->files[ms->file_first + j];

			if (k >= sc->file_count || sc->files[k].session != i ||
			    sc->files[k].token != mf->token || mf->memfd < 0) {
				mkh_error("--agent-manifest: session \"%s\" "
					  "file %u: not a memfd the scenario "
					  "wrote (the agent checks memfds)",
					  ms->name, j);
				return false;
			}
			if (!write_file_entry(s, files + (u64)n * AMF_FILE_ENTRY_SIZE,
					      i, &sc->files[k],
					      &m->memfds[mf->memfd], &total))
				return false;
			n++;
		}
	}
	memcpy(buf + AMF_HDR_MAGIC, AGENT_MANIFEST_MAGIC, 8);
	put32(buf + AMF_HDR_VERSION, AGENT_MANIFEST_VERSION);
	put32(buf + AMF_HDR_HEADER_SIZE, AMF_HEADER_SIZE);
	put32(buf + AMF_HDR_SESSION_COUNT, m->session_count);
	put32(buf + AMF_HDR_FILE_COUNT, n);
	put64(buf + AMF_HDR_TOTAL_BYTES, total);
	*file_count = n;
	return true;
}

bool mkh_write_agent_manifest(struct mkh_state *s, const char *path)
{
	const struct handover_model *m = s->m;
	struct agent_manifest parsed;
	u64 files = 0, len;
	u32 i, n;
	u8 *buf;
	FILE *f;
	bool ok;

	if (s->sc->corrupt) {
		mkh_error("--agent-manifest describes a handover the next "
			  "kernel takes: not with --corrupt");
		return false;
	}
	for (i = 0; i < m->session_count; i++)
		files += m->sessions[i].file_count;
	len = agent_manifest_size(m->session_count, (u32)files);
	buf = calloc(1, len);
	if (!buf) {
		mkh_error("--agent-manifest: out of memory");
		return false;
	}
	ok = fill_manifest(s, buf, &n);
	if (ok) {
		put64(buf + AMF_HDR_CHECKSUM, agent_manifest_checksum(buf, len));
		/* what the agent will check, checked here first */
		ok = agent_manifest_parse(buf, len, &parsed, NULL) ==
		     AGENT_MANIFEST_OK && parsed.file_count == n;
		if (!ok)
			mkh_error("--agent-manifest: the written manifest does "
				  "not parse back");
	}
	f = ok ? fopen(path, "wb") : NULL;
	if (ok && (!f || fwrite(buf, 1, len, f) != len)) {
		mkh_error("--agent-manifest: cannot write %s", path);
		ok = false;
	}
	if (f && fclose(f))
		ok = false;
	free(buf);
	return ok;
}
