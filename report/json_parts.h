/* SPDX-License-Identifier: MIT */
/*
 * Members of the JSON report (report/json.c) that other writers of the
 * same schema reuse, so that they stay identical: baton-inspect live's
 * report, written without a parsed model.
 */
#ifndef BATON_REPORT_JSON_PARTS_H
#define BATON_REPORT_JSON_PARTS_H

#include <luo/model.h>
#include <report/json_writer.h>
#include <report/report.h>

/* The stored findings of l as elements of the open "findings" array. */
void report_json_finding_list(struct json_writer *w,
			      const struct finding_list *l);
/* "memblock" (reserve_mem) and "metadata" (NULL or absent: null). */
void report_json_blobs(struct json_writer *w,
		       const struct model_reserve_mem *rm, u32 count,
		       const struct model_metadata *md);
/* "verdict" with its text (docs/report-format.md). */
void report_json_verdict(struct json_writer *w,
			 const struct report_verdict *v);

#endif
