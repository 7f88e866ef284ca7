// SPDX-License-Identifier: MIT
/*
 * The step every source ends in: the physical view, handover_parse with
 * baton's session and file capacities, baton's report (human or
 * JSON) and the exit status from its verdict.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <boot/flow.h>
#include <host/scenario/host_storage.h>
#include <report/report.h>
#include "inspect.h"

#define WINDOWS_INITIAL	64

/* Reachable until exit, so LeakSanitizer does not count the input. */
static struct inspect_input *volatile current_input;
static struct handover_model *current_model;
static struct model_storage current_storage;
static struct finding handover_items[INSPECT_FINDINGS_MAX];

struct inspect_input *inspect_input_new(void)
{
	struct inspect_input *in = calloc(1, sizeof(*in));

	if (!in)
		return NULL;
	finding_list_init(&in->boot_findings, in->boot_items,
			  INSPECT_FINDINGS_MAX);
	current_input = in;
	return in;
}

bool inspect_add_window(struct inspect_input *in, phys_addr_t pa,
			const void *host, u64 size)
{
	if (in->window_count == in->window_max) {
		u32 max = in->window_max ? 2 * in->window_max : WINDOWS_INITIAL;
		void *w = realloc(in->windows, max * sizeof(*in->windows));

		if (!w) {
			inspect_error("out of memory for windows");
			return false;
		}
		in->windows = w;
		in->window_max = max;
	}
	in->windows[in->window_count++] = (struct phys_window){ pa, size,
								host };
	return true;
}

static int window_cmp(const void *a, const void *b)
{
	const struct phys_window *x = a, *y = b;

	return x->pa < y->pa ? -1 : x->pa > y->pa;
}

bool inspect_finish_view(struct inspect_input *in)
{
	u32 i;

	if (!in->window_count) {
		inspect_error("no memory to inspect");
		return false;
	}
	qsort(in->windows, in->window_count, sizeof(*in->windows),
	      window_cmp);
	for (i = 1; i < in->window_count; i++) {
		const struct phys_window *p = &in->windows[i - 1];

		if (p->pa + p->size > in->windows[i].pa) {
			inspect_error("memory at 0x%llx overlaps memory at 0x%llx",
				      (unsigned long long)in->windows[i].pa,
				      (unsigned long long)p->pa);
			return false;
		}
	}
	if (!phys_view_init(&in->view, in->windows, in->window_count)) {
		inspect_error("memory windows are not sorted and disjoint");
		return false;
	}
	return true;
}

/*
 * Sessions, files, memfds and folios grow like baton's (boot/flow.h), so
 * that large handovers give the same report; the index sized generously,
 * as no memory phase counted the map's entries beforehand.
 */
static const struct host_storage_caps storage_caps = {
	.sessions = 64,
	.files = 64,
	.folios = 1u << 20,
	.preserved = 1u << 21,
	.map_pages = 1u << 16,
	.grow = true,
};

static void print_line(void *ctx, const char *text)
{
	puts(text);
}

static void print_sink(void *ctx, const char *s, size_t len)
{
	fwrite(s, 1, len, stdout);
}

int inspect_report(struct inspect_input *in, const struct inspect_options *opt)
{
	struct finding_list findings;
	struct report_verdict v;
	struct report_input rin = {
		.baton_version = BATON_VERSION,
		.boot = in->boot,
		.findings = { &in->boot_findings, &findings },
	};
	struct handover_config cfg = {
		.view = &in->view,
		.kho = in->kho,
		.ram = in->ram,
		.ram_count = in->ram_count,
		.map_sink = in->map_sink,
	};

	finding_list_init(&findings, handover_items, INSPECT_FINDINGS_MAX);
	if (in->kho.present) {
		current_model = calloc(1, sizeof(*current_model));
		if (!current_model ||
		    !host_storage_alloc(&current_storage, &storage_caps)) {
			inspect_error("out of memory for the model");
			return INSPECT_EXIT_UNUSABLE;
		}
		handover_parse(&cfg, &current_storage, current_model,
			       &findings);
		rin.model = current_model;
	}
	if (opt->json) {
		report_json(&rin, print_sink, NULL, opt->pretty);
		putchar('\n');
	} else {
		report_human(&rin, print_line, NULL);
	}
	fflush(stdout);
	report_verdict(&rin, &v);
	if (v.errors)
		return INSPECT_EXIT_ERRORS;
	return v.warnings ? INSPECT_EXIT_WARNINGS : INSPECT_EXIT_CLEAN;
}
