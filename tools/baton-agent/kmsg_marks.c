/*
 * The next kernel's own milestones for the timeline: its KHO/LUO init
 * lines and "Run /init" from /dev/kmsg, their printk timestamps mapped to
 * the TSC through an anchor line the agent writes at verify's start.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <host/timeline/handover_timeline.h>

#include "agent.h"

#define KMSG_DEVICE	"/dev/kmsg"
#define KMSG_RECORD_MAX	8192
#define MARK_TEXT_MAX	120

struct kmsg_mark {
	uint64_t us;
	char text[MARK_TEXT_MAX];
};

/*
 * Writes the anchor line; its printk timestamp and the TSC read just
 * before the write are the same instant to within one syscall.
 */
void kmsg_anchor_write(struct kmsg_anchor *a)
{
	int fd = open(KMSG_DEVICE, O_WRONLY | O_CLOEXEC);
	char line[sizeof(a->text) + 1];
	ssize_t n;

	a->written = false;
	if (fd < 0)
		return;
	a->tsc = read_tsc();
	snprintf(line, sizeof(line), "baton-agent: timeline anchor tsc=%#llx",
		 (unsigned long long)a->tsc);
	memcpy(a->text, line, sizeof(a->text));
	/* the newline finalizes the record: readers see it only then */
	strcat(line, "\n");
	n = write(fd, line, strlen(line));
	a->written = n == (ssize_t)strlen(line);
	close(fd);
}

/*
 * One /dev/kmsg record, "PRI,SEQ,TS_US,FLAGS[,...];MESSAGE\n" followed by
 * optional " KEY=VALUE" lines: the timestamp and the message (without
 * its newline). False if the record is not in that form.
 */
bool kmsg_parse_record(const char *rec, size_t len, uint64_t *us,
		       const char **msg, size_t *msg_len)
{
	const char *semi = memchr(rec, ';', len), *p = rec, *nl;
	char *end;
	int commas = 0;

	if (!semi)
		return false;
	while (p < semi && commas < 2)
		if (*p++ == ',')
			commas++;
	if (commas < 2 || p >= semi || *p < '0' || *p > '9')
		return false;
	errno = 0;
	*us = strtoull(p, &end, 10);
	if (errno || end > semi || (*end != ',' && *end != ';'))
		return false;
	*msg = semi + 1;
	nl = memchr(*msg, '\n', len - (size_t)(*msg - rec));
	*msg_len = nl ? (size_t)(nl - *msg) : len - (size_t)(*msg - rec);
	return true;
}

/* The lines that belong in the timeline: KHO/LUO init, the jump to init. */
bool kmsg_is_milestone(const char *msg, size_t len)
{
	static const char *const prefixes[] = {
		"KHO: ", "luo: ", "liveupdate: ", "Run /init as init process",
	};
	size_t i;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t n = strlen(prefixes[i]);

		if (len >= n && !memcmp(msg, prefixes[i], n))
			return true;
	}
	return false;
}

/* A printk time before the anchor's, as a TSC value. */
uint64_t kmsg_us_to_tsc(uint64_t anchor_tsc, uint64_t anchor_us,
			uint64_t line_us, uint64_t tsc_khz)
{
	uint64_t back = anchor_us > line_us ? anchor_us - line_us : 0;
	uint64_t ticks = back / 1000 * tsc_khz + back % 1000 * tsc_khz / 1000;

	return ticks < anchor_tsc ? anchor_tsc - ticks : 0;
}

/* Reads every record; keeps the milestones and the anchor's timestamp. */
static unsigned int read_kmsg(const struct kmsg_anchor *a,
			      struct kmsg_mark *marks, unsigned int max,
			      uint64_t *anchor_us, bool *anchor_found)
{
	static char rec[KMSG_RECORD_MAX];
	unsigned int n = 0, records = 0;
	int fd = open(KMSG_DEVICE, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	*anchor_found = false;
	if (fd < 0) {
		printf("TIMELINE kmsg %s: %s\n", KMSG_DEVICE, strerror(errno));
		return 0;
	}
	for (;;) {
		ssize_t len = read(fd, rec, sizeof(rec));
		const char *msg;
		size_t msg_len;
		uint64_t us;

		if (len < 0 && errno == EPIPE)	/* overwritten: skip it */
			continue;
		if (len <= 0) {
			printf("TIMELINE kmsg %u records, then %s\n", records,
			       len ? strerror(errno) : "end");
			break;
		}
		records++;
		if (!kmsg_parse_record(rec, (size_t)len, &us, &msg, &msg_len))
			continue;
		if (msg_len == strlen(a->text) &&
		    !memcmp(msg, a->text, msg_len)) {
			*anchor_us = us;
			*anchor_found = true;
			break;
		}
		if (n >= max || !kmsg_is_milestone(msg, msg_len))
			continue;
		marks[n].us = us;
		snprintf(marks[n].text, sizeof(marks[n].text), "%.*s",
			 (int)msg_len, msg);
		n++;
	}
	close(fd);
	return n;
}

/*
 * Adds the milestones before the anchor to t (T2..T3 of the timeline)
 * and prints one TIMELINE mark line each; returns how many were added.
 */
unsigned int kmsg_timeline_marks(const struct kmsg_anchor *a,
				 struct handover_timeline *t)
{
	static struct kmsg_mark marks[HANDOVER_MARK_MAX + 1];
	unsigned int n, i, added = 0;
	uint64_t anchor_us = 0;
	bool found;

	if (!a->written) {
		printf("TIMELINE kernel-marks none (cannot write %s)\n",
		       KMSG_DEVICE);
		return 0;
	}
	n = read_kmsg(a, marks, HANDOVER_MARK_MAX + 1, &anchor_us, &found);
	if (!found || !t->tsc_khz) {
		printf("TIMELINE kernel-marks none (%s)\n", found ?
		       "no TSC frequency" : "anchor line not found");
		return 0;
	}
	printf("TIMELINE anchor printk-us=%llu tsc=%#llx\n",
	       (unsigned long long)anchor_us, (unsigned long long)a->tsc);
	for (i = 0; i < n; i++) {
		uint64_t tsc = kmsg_us_to_tsc(a->tsc, anchor_us, marks[i].us,
					      t->tsc_khz);

		if (!handover_timeline_add_mark(t, marks[i].text, tsc))
			break;
		added++;
		printf("TIMELINE mark printk-us=%llu tsc=%#llx name=%s\n",
		       (unsigned long long)marks[i].us,
		       (unsigned long long)tsc, marks[i].text);
	}
	printf("TIMELINE kernel-marks count=%u dropped=%u\n", added, n - added);
	return added;
}

/* Host-side checks of the record parser, the filter and the conversion. */
int kmsg_selftest(void)
{
	static const char rec[] =
		"6,412,279598,-,caller=T1;luo: Retrieved live update data, "
		"liveupdate number: 1\n SUBSYSTEM=none\n";
	const char *msg;
	size_t len;
	uint64_t us;
	int failures = 0;
	bool ok;

	ok = kmsg_parse_record(rec, sizeof(rec) - 1, &us, &msg, &len) &&
	     us == 279598 && len == 53 && !memcmp(msg, "luo: Retrieved", 14) &&
	     kmsg_is_milestone(msg, len);
	printf("%s: baton-agent-kmsg-record\n", ok ? "PASS" : "FAIL");
	failures += !ok;

	ok = !kmsg_parse_record("6,1;x", 5, &us, &msg, &len) &&
	     !kmsg_parse_record("6,1,12a,-;x", 11, &us, &msg, &len) &&
	     !kmsg_parse_record("no separator", 12, &us, &msg, &len) &&
	     kmsg_parse_record("4,7,0,-;KHO: found kexec handover data.", 39,
			       &us, &msg, &len) && us == 0 && len == 31;
	printf("%s: baton-agent-kmsg-malformed\n", ok ? "PASS" : "FAIL");
	failures += !ok;

	ok = kmsg_is_milestone("Run /init as init process", 25) &&
	     !kmsg_is_milestone("clocksource: tsc-early", 22) &&
	     !kmsg_is_milestone("KHO:", 4);
	printf("%s: baton-agent-kmsg-milestones\n", ok ? "PASS" : "FAIL");
	failures += !ok;

	/* 2.5 GHz: 1.5 s before the anchor is 3.75e9 ticks earlier */
	ok = kmsg_us_to_tsc(10000000000ull, 2000000, 500000, 2500000) ==
	     6250000000ull &&
	     kmsg_us_to_tsc(10000000000ull, 2000000, 1999999, 2500000) ==
	     9999997500ull &&
	     kmsg_us_to_tsc(10000000000ull, 5, 9, 2500000) == 10000000000ull &&
	     kmsg_us_to_tsc(1000, 2000000, 0, 2500000) == 0;
	printf("%s: baton-agent-kmsg-to-tsc\n", ok ? "PASS" : "FAIL");
	failures += !ok;
	return failures;
}
