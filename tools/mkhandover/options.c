// SPDX-License-Identifier: MIT
/*
 * mkhandover's option values: sizes with binary units, ranges, profiles,
 * and the memfd / file / FLB / reserve_mem specifications. Pure functions
 * (tests/unit/test_mkhandover_options.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mkhandover.h"

static bool parse_u64(const char *s, const char **end, u64 *out)
{
	char *e;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &e, 0);
	if (errno || e == s)
		return false;
	*out = v;
	*end = e;
	return true;
}

/* A number with an optional K/M/G/T suffix, ending at a stop byte. */
static bool parse_size_until(const char *s, const char *stops,
			     const char **end, u64 *out)
{
	const char *e;
	unsigned int shift = 0;
	u64 v;

	if (!parse_u64(s, &e, &v))
		return false;
	switch (*e) {
	case 'K': shift = 10; e++; break;
	case 'M': shift = 20; e++; break;
	case 'G': shift = 30; e++; break;
	case 'T': shift = 40; e++; break;
	}
	if (*e && !strchr(stops, *e))
		return false;
	if (shift && v > (~0ULL >> shift))
		return false;
	*out = v << shift;
	*end = e;
	return true;
}

bool mkh_parse_size(const char *s, u64 *out)
{
	const char *e;

	return parse_size_until(s, "", &e, out) && !*e;
}

bool mkh_parse_range(const char *s, struct mkh_range *out)
{
	const char *e;

	if (!parse_size_until(s, ":", &e, &out->addr) || *e != ':')
		return false;
	return mkh_parse_size(e + 1, &out->size) && out->size &&
	       out->addr + out->size > out->addr;
}

/*
 * Several releases may write one profile: 6.17 writes what 6.16 writes and
 * 7.3 what 7.2 writes (luo/model.c). Only kexec-metadata's previous_release
 * (mkh_default_release) tells 7.2 and 7.3 apart; 6.16/6.17 write none.
 */
bool mkh_parse_profile(const char *s, enum release_profile *out)
{
	static const struct { const char *name; enum release_profile p; } t[] = {
		{ "6.16", PROFILE_6_16 }, { "6.17", PROFILE_6_16 },
		{ "6.18", PROFILE_6_18 }, { "6.19", PROFILE_6_19 },
		{ "7.0", PROFILE_7_0 }, { "7.1", PROFILE_7_1 },
		{ "7.2", PROFILE_7_2 }, { "7.3", PROFILE_7_2 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		if (!strcmp(s, t[i].name)) {
			*out = t[i].p;
			return true;
		}
	}
	return false;
}

/*
 * The kernel a scenario of profile NAME claims wrote it (kexec-metadata's
 * previous_release, profiles 7.1+): "7.3" gives "7.3.0-mkhandover", which
 * baton reports as "kho: written by 7.3.0-mkhandover (kexec-metadata)".
 */
void mkh_default_release(const char *profile, char *buf, size_t size)
{
	snprintf(buf, size, "%s.0-mkhandover", profile);
}

/* Copies the field up to sep (or the end) into buf; returns the rest. */
static const char *field(const char *s, char sep, char *buf, size_t size,
			 bool *ok)
{
	const char *e = strchr(s, sep);
	size_t n = e ? (size_t)(e - s) : strlen(s);

	*ok = n < size;
	if (*ok) {
		memcpy(buf, s, n);
		buf[n] = 0;
	}
	return e ? e + 1 : NULL;
}

static bool memfd_option(const char *opt, struct mkh_file *f, char *err,
			 size_t err_size)
{
	const char *v = strchr(opt, '=');
	const char *e;
	u64 n, m;

	if (!v) {
		snprintf(err, err_size, "\"%s\" is not KEY=VALUE", opt);
		return false;
	}
	v++;
	if (!strncmp(opt, "order=", 6)) {
		if (!mkh_parse_size(v, &n) || n > 18)
			goto bad;
		f->memfd.folio_order = (unsigned int)n;
	} else if (!strncmp(opt, "pos=", 4)) {
		if (!mkh_parse_size(v, &f->memfd.pos))
			goto bad;
	} else if (!strncmp(opt, "seals=", 6)) {
		if (!mkh_parse_size(v, &n) || n > 0xffffffffULL)
			goto bad;
		f->memfd.seals = (u32)n;
	} else if (!strncmp(opt, "content=", 8)) {
		if (!strcmp(v, "builder"))
			f->content = MKH_CONTENT_BUILDER;
		else if (!strcmp(v, "agent"))
			f->content = MKH_CONTENT_AGENT;
		else if (!strcmp(v, "zero"))
			f->content = MKH_CONTENT_ZERO;
		else if (!strcmp(v, "absent"))
			f->content = MKH_CONTENT_ABSENT;
		else
			goto bad;
	} else if (!strncmp(opt, "hole=", 5)) {
		if (f->hole_count == MKH_HOLES_MAX) {
			snprintf(err, err_size, "more than %d holes",
				 MKH_HOLES_MAX);
			return false;
		}
		if (!parse_size_until(v, "+", &e, &n) || *e != '+' ||
		    !mkh_parse_size(e + 1, &m) || !m || n + m < n)
			goto bad;
		f->holes[f->hole_count++] = (struct mkh_hole){ n, m };
	} else {
		snprintf(err, err_size, "unknown memfd option \"%s\"", opt);
		return false;
	}
	return true;
bad:
	snprintf(err, err_size, "bad value in \"%s\"", opt);
	return false;
}

bool mkh_parse_memfd(const char *s, struct mkh_file *f, char *err,
		     size_t err_size)
{
	char buf[128];
	const char *rest;
	bool ok;

	memset(f, 0, sizeof(*f));
	f->is_memfd = true;
	f->memfd.no_content = true;
	rest = field(s, ':', buf, sizeof(buf), &ok);
	if (!ok || !rest || !mkh_parse_size(buf, &f->token)) {
		snprintf(err, err_size, "memfd \"%s\": expected TOKEN:SIZE[,...]",
			 s);
		return false;
	}
	rest = field(rest, ',', buf, sizeof(buf), &ok);
	if (!ok || !mkh_parse_size(buf, &f->memfd.size)) {
		snprintf(err, err_size, "memfd \"%s\": bad SIZE", s);
		return false;
	}
	while (rest) {
		rest = field(rest, ',', buf, sizeof(buf), &ok);
		if (!ok) {
			snprintf(err, err_size, "memfd \"%s\": option too long",
				 s);
			return false;
		}
		if (!memfd_option(buf, f, err, err_size))
			return false;
	}
	return true;
}

bool mkh_parse_raw_file(const char *s, struct mkh_file *f, char *err,
			size_t err_size)
{
	char buf[128];
	const char *rest;
	bool ok;

	memset(f, 0, sizeof(*f));
	rest = field(s, ':', buf, sizeof(buf), &ok);
	if (ok && rest && mkh_parse_size(buf, &f->token)) {
		rest = field(rest, ':', f->compatible, sizeof(f->compatible),
			     &ok);
		if (ok && rest && f->compatible[0] &&
		    mkh_parse_size(rest, &f->raw_data))
			return true;
	}
	snprintf(err, err_size, "file \"%s\": expected TOKEN:COMPATIBLE:DATA", s);
	return false;
}

bool mkh_parse_flb(const char *s, char *name, size_t name_size, u64 *data,
		   u64 *count)
{
	char buf[64];
	const char *rest;
	bool ok;

	rest = field(s, ':', name, name_size, &ok);
	if (!ok || !rest || !name[0])
		return false;
	rest = field(rest, ':', buf, sizeof(buf), &ok);
	return ok && rest && mkh_parse_size(buf, data) &&
	       mkh_parse_size(rest, count);
}

bool mkh_parse_reserve_mem(const char *s, char *name, size_t name_size,
			   u64 *size, unsigned int *align_order)
{
	char buf[64];
	const char *rest;
	bool ok;
	u64 order = 0;

	rest = field(s, ':', name, name_size, &ok);
	if (!ok || !rest || !name[0])
		return false;
	rest = field(rest, ':', buf, sizeof(buf), &ok);
	if (!ok || !mkh_parse_size(buf, size) || !*size)
		return false;
	if (rest && (!mkh_parse_size(rest, &order) || order > 18))
		return false;
	*align_order = (unsigned int)order;
	return true;
}
