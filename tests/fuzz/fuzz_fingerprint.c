// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the next baton's reader of the handover_fingerprint
 * member on arbitrary text (copied, so a read past the end is caught), and
 * a write -> read round trip of what it accepted, which must give the same
 * fingerprint back.
 */
#include <report/fingerprint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_text.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void round_trip(const struct handover_fingerprint *fp)
{
	static struct fuzz_text t;
	struct handover_fingerprint again;
	struct json_writer w;

	fuzz_text_begin(&t, &w);
	report_json_fingerprint(&w, fp);
	json_object_end(&w);
	if (t.overflow)
		return;
	if (report_fingerprint_read(t.buf, t.len, &again) !=
	    FINGERPRINT_READ_OK ||
	    again.kho_fdt != fp->kho_fdt || again.preserved != fp->preserved ||
	    again.luo != fp->luo || again.memfd_count != fp->memfd_count ||
	    again.preserved_entries != fp->preserved_entries)
		abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct handover_fingerprint fp;
	char *copy = malloc(size ? size : 1);

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (report_fingerprint_read(copy, size, &fp) == FINGERPRINT_READ_OK)
		round_trip(&fp);
	free(copy);
	return 0;
}
