/*
 * Scenario parser: a tiny line language describing which sessions and
 * memfds the agent creates before a live update.
 *
 *   session NAME [count=N]
 *   memfd token=N size=SIZE [seed=N] [fill=full|sparse|zero]
 *         [seals=seal+shrink+grow+write+future_write+exec] [pos=N] [count=N]
 *         [sessions=S]
 *
 * count=N on a session creates NAME-0 ... NAME-<N-1>; on a memfd it creates
 * N memfds with tokens N, N+1, ... (and seeds seed, seed+1, ... if given).
 * sessions=S on a memfd puts those memfds into each of the last S sessions
 * (host-scale scenarios: 20,000 sessions, 50,000 memfds in three lines).
 * Duplicates are found by sorting once at the end, so a scenario of that
 * size parses in O(n log n), also inside a TCG guest.
 *
 * Lines may also be separated by ';'. '#' starts a comment.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agent.h"

#define SCENARIO_MAX_SESSIONS	65536
#define SCENARIO_MAX_FILES	131072

struct seal_name {
	const char *name;
	uint32_t bit;
};

static const struct seal_name seal_names[] = {
	{ "seal", F_SEAL_SEAL },
	{ "shrink", F_SEAL_SHRINK },
	{ "grow", F_SEAL_GROW },
	{ "write", F_SEAL_WRITE },
	{ "future_write", F_SEAL_FUTURE_WRITE },
	{ "exec", F_SEAL_EXEC },
};

int parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	uint64_t mult = 1;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'K': case 'k': mult = 1ull << 10; end++; break;
	case 'M': case 'm': mult = 1ull << 20; end++; break;
	case 'G': case 'g': mult = 1ull << 30; end++; break;
	default: break;
	}
	if (*end)
		return -1;
	if (v > UINT64_MAX / mult)
		return -1;
	*out = v * mult;
	return 0;
}

static int parse_seals(const char *s, uint32_t *out)
{
	char buf[128];
	char *tok, *save;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	*out = 0;
	if (!strcmp(buf, "none"))
		return 0;
	for (tok = strtok_r(buf, "+,", &save); tok;
	     tok = strtok_r(NULL, "+,", &save)) {
		size_t i;

		for (i = 0; i < sizeof(seal_names) / sizeof(seal_names[0]); i++)
			if (!strcmp(tok, seal_names[i].name))
				break;
		if (i == sizeof(seal_names) / sizeof(seal_names[0]))
			return -1;
		*out |= seal_names[i].bit;
	}
	return 0;
}

const char *seals_to_string(uint32_t seals, char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = 0;
	for (i = 0; i < sizeof(seal_names) / sizeof(seal_names[0]); i++) {
		if (!(seals & seal_names[i].bit))
			continue;
		used += snprintf(buf + used, used < len ? len - used : 0, "%s%s",
				 used ? "+" : "", seal_names[i].name);
	}
	if (!used)
		snprintf(buf, len, "none");
	return buf;
}

static int parse_fill(const char *s, uint32_t *out)
{
	if (!strcmp(s, "full"))
		*out = FILL_FULL;
	else if (!strcmp(s, "sparse"))
		*out = FILL_SPARSE;
	else if (!strcmp(s, "zero"))
		*out = FILL_ZERO;
	else
		return -1;
	return 0;
}

static uint64_t default_seed(uint32_t session, uint64_t token)
{
	uint64_t z = ((uint64_t)session << 40) ^ token ^ 0x6261746f6e2d7631ull;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int parse_memfd_option(struct scenario_file *f, char *opt, bool *have,
			      uint64_t *count, uint64_t *spread)
{
	char *eq = strchr(opt, '=');
	const char *val;

	if (!eq)
		return -1;
	*eq = 0;
	val = eq + 1;
	if (!strcmp(opt, "token")) {
		have[0] = true;
		return parse_size(val, &f->token);
	}
	if (!strcmp(opt, "size")) {
		have[1] = true;
		return parse_size(val, &f->size);
	}
	if (!strcmp(opt, "seed")) {
		have[2] = true;
		return parse_size(val, &f->seed);
	}
	if (!strcmp(opt, "pos"))
		return parse_size(val, &f->pos);
	if (!strcmp(opt, "count"))
		return parse_size(val, count);
	if (!strcmp(opt, "sessions"))
		return parse_size(val, spread);
	if (!strcmp(opt, "fill"))
		return parse_fill(val, &f->fill);
	if (!strcmp(opt, "seals"))
		return parse_seals(val, &f->seals);
	return -1;
}

static int add_session(struct scenario *sc, const char *name, char *err,
		       size_t err_len)
{
	if (!*name || strlen(name) >= LIVEUPDATE_NAME_LEN ||
	    strpbrk(name, " \t=")) {
		snprintf(err, err_len, "session name must have 1..63 chars");
		return -1;
	}
	if (!strcmp(name, AGENT_SESSION)) {
		snprintf(err, err_len, "session name %s is reserved", name);
		return -1;
	}
	if (sc->session_count == SCENARIO_MAX_SESSIONS) {
		snprintf(err, err_len, "too many sessions");
		return -1;
	}
	strcpy(sc->sessions[sc->session_count++].name, name);
	return 0;
}

static int add_one_memfd(struct scenario *sc, const struct scenario_file *f,
			 char *err, size_t err_len)
{
	if (sc->file_count == SCENARIO_MAX_FILES) {
		snprintf(err, err_len, "too many files");
		return -1;
	}
	sc->files[sc->file_count++] = *f;
	return 0;
}

static int add_memfd(struct scenario *sc, char *args, char *err,
		     size_t err_len)
{
	struct scenario_file f = { 0 };
	bool have[3] = { false, false, false };
	uint64_t count = 1, spread = 1, i, s;
	char *opt, *save;

	if (!sc->session_count) {
		snprintf(err, err_len, "memfd before any session");
		return -1;
	}
	for (opt = strtok_r(args, " \t", &save); opt;
	     opt = strtok_r(NULL, " \t", &save)) {
		if (parse_memfd_option(&f, opt, have, &count, &spread)) {
			snprintf(err, err_len, "bad memfd option '%s'", opt);
			return -1;
		}
	}
	if (!have[0] || !have[1]) {
		snprintf(err, err_len, "memfd needs token= and size=");
		return -1;
	}
	if (f.pos > f.size) {
		snprintf(err, err_len, "pos beyond size");
		return -1;
	}
	if (count == 0 || count > SCENARIO_MAX_FILES ||
	    f.token + (count - 1) < f.token) {
		snprintf(err, err_len, "bad count");
		return -1;
	}
	if (spread == 0 || spread > sc->session_count) {
		snprintf(err, err_len, "bad sessions");
		return -1;
	}
	for (s = sc->session_count - spread; s < sc->session_count; s++) {
		for (i = 0; i < count; i++) {
			struct scenario_file one = f;

			one.session = (uint32_t)s;
			one.token = f.token + i;
			one.seed = have[2] ? f.seed + i
					   : default_seed(one.session, one.token);
			if (add_one_memfd(sc, &one, err, err_len))
				return -1;
		}
	}
	return 0;
}

static int add_sessions(struct scenario *sc, char *args, char *err,
			size_t err_len)
{
	char *name = strtok(args, " \t");
	char *opt = strtok(NULL, " \t");
	uint64_t count, i;

	if (!name)
		return add_session(sc, "", err, err_len);
	if (!opt)
		return add_session(sc, name, err, err_len);
	if (strncmp(opt, "count=", 6) || parse_size(opt + 6, &count) ||
	    count == 0 || count > SCENARIO_MAX_SESSIONS || strtok(NULL, " \t")) {
		snprintf(err, err_len, "bad session option '%s'", opt);
		return -1;
	}
	for (i = 0; i < count; i++) {
		char one[LIVEUPDATE_NAME_LEN + 32];

		snprintf(one, sizeof(one), "%s-%llu", name,
			 (unsigned long long)i);
		if (add_session(sc, one, err, err_len))
			return -1;
	}
	return 0;
}

static int cmp_session_name(const void *a, const void *b)
{
	return strcmp(((const struct scenario_session *)a)->name,
		      ((const struct scenario_session *)b)->name);
}

static int cmp_file_key(const void *a, const void *b)
{
	const struct scenario_file *x = a, *y = b;

	if (x->session != y->session)
		return x->session < y->session ? -1 : 1;
	return x->token < y->token ? -1 : x->token > y->token;
}

/* Duplicate session names and (session, token) pairs, on sorted copies. */
static int check_duplicates(const struct scenario *sc, char *err,
			    size_t err_len)
{
	struct scenario_session *names;
	struct scenario_file *keys;
	uint32_t i;
	int rc = 0;

	names = malloc(((size_t)sc->session_count + 1) * sizeof(*names));
	keys = malloc(((size_t)sc->file_count + 1) * sizeof(*keys));
	if (!names || !keys) {
		snprintf(err, err_len, "out of memory");
		rc = -1;
		goto out;
	}
	memcpy(names, sc->sessions, sc->session_count * sizeof(*names));
	qsort(names, sc->session_count, sizeof(*names), cmp_session_name);
	for (i = 1; i < sc->session_count && !rc; i++) {
		if (!strcmp(names[i - 1].name, names[i].name)) {
			snprintf(err, err_len, "duplicate session %s",
				 names[i].name);
			rc = -1;
		}
	}
	memcpy(keys, sc->files, sc->file_count * sizeof(*keys));
	qsort(keys, sc->file_count, sizeof(*keys), cmp_file_key);
	for (i = 1; i < sc->file_count && !rc; i++) {
		if (!cmp_file_key(&keys[i - 1], &keys[i])) {
			snprintf(err, err_len, "duplicate token %llu in %s",
				 (unsigned long long)keys[i].token,
				 sc->sessions[keys[i].session].name);
			rc = -1;
		}
	}
out:
	free(names);
	free(keys);
	return rc;
}

static int parse_line(struct scenario *sc, char *line, char *err,
		      size_t err_len)
{
	char *hash = strchr(line, '#');
	char *word;

	if (hash)
		*hash = 0;
	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line)
		return 0;
	word = line;
	line += strcspn(line, " \t");
	if (*line)
		*line++ = 0;
	while (*line == ' ' || *line == '\t')
		line++;
	if (!strcmp(word, "session"))
		return add_sessions(sc, line, err, err_len);
	if (!strcmp(word, "memfd"))
		return add_memfd(sc, line, err, err_len);
	snprintf(err, err_len, "unknown directive '%s'", word);
	return -1;
}

int scenario_parse(const char *text, struct scenario *sc, char *err,
		   size_t err_len)
{
	char *copy = strdup(text);
	char *line, *save;
	unsigned int lineno = 0;
	int rc = 0;

	memset(sc, 0, sizeof(*sc));
	sc->sessions = calloc(SCENARIO_MAX_SESSIONS, sizeof(*sc->sessions));
	sc->files = calloc(SCENARIO_MAX_FILES, sizeof(*sc->files));
	if (!copy || !sc->sessions || !sc->files) {
		snprintf(err, err_len, "out of memory");
		free(copy);
		return -1;
	}
	for (line = strtok_r(copy, "\n;", &save); line;
	     line = strtok_r(NULL, "\n;", &save)) {
		char msg[160];

		lineno++;
		if (parse_line(sc, line, msg, sizeof(msg))) {
			snprintf(err, err_len, "scenario item %u: %s", lineno,
				 msg);
			rc = -1;
			break;
		}
	}
	if (!rc && !sc->session_count) {
		snprintf(err, err_len, "scenario has no session");
		rc = -1;
	}
	if (!rc)
		rc = check_duplicates(sc, err, err_len);
	free(copy);
	return rc;
}

static char *read_text_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int c;

	if (!f)
		return NULL;
	while ((c = fgetc(f)) != EOF) {
		if (len + 2 > cap) {
			char *grown;

			cap = cap ? cap * 2 : 4096;
			grown = realloc(buf, cap);
			if (!grown) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = grown;
		}
		buf[len++] = (char)c;
	}
	fclose(f);
	if (!buf)
		return strdup("");
	buf[len] = 0;
	return buf;
}

/* A readable file is a scenario file; anything else is an inline spec. */
int scenario_load(const char *spec_or_path, struct scenario *out)
{
	struct stat st;
	char err[256];
	char *text;
	int rc;

	if (stat(spec_or_path, &st) == 0 && S_ISREG(st.st_mode)) {
		text = read_text_file(spec_or_path);
		if (!text) {
			fprintf(stderr, "baton-agent: cannot read %s: %s\n",
				spec_or_path, strerror(errno));
			return -1;
		}
	} else {
		text = strdup(spec_or_path);
	}
	rc = scenario_parse(text, out, err, sizeof(err));
	if (rc)
		fprintf(stderr, "baton-agent: %s\n", err);
	free(text);
	return rc;
}

void scenario_free(struct scenario *scenario)
{
	free(scenario->sessions);
	free(scenario->files);
	memset(scenario, 0, sizeof(*scenario));
}
