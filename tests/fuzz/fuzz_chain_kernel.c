// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the next kernel's ABI precheck on arbitrary bytes as
 * the bundle's kernel file (copied, so a read past the end is caught). The
 * first byte picks the handover and baton.chain= mode. Checks what the
 * reader promises: a printable, NUL-terminated version and release, a
 * bounded line, valid JSON, at most one finding.
 */
#include <report/chain.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_text.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void check_printable(const char *s, size_t cap)
{
	size_t n = strnlen(s, cap);

	if (n == cap)
		abort();
	while (n--)
		if (s[n] < 0x20 || s[n] > 0x7e)
			abort();
}

static void set_model(struct handover_model *m, u8 pick)
{
	model_init(m, NULL);
	m->kho = (enum kho_version)(pick % 6);
	m->luo = (enum luo_version)((pick >> 3) % 4);
	m->memfd_seen = (pick >> 5) & 6;
	m->memfd = m->memfd_seen & 4 ? MEMFD_VERSION_V2 :
		   m->memfd_seen ? MEMFD_VERSION_V1 : MEMFD_VERSION_NONE;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct handover_model model;
	static struct finding items[4];
	static struct fuzz_text t;
	struct finding_list findings;
	struct chain_precheck_input in = { 0 };
	struct chain_precheck pc;
	struct json_writer w;
	char line[256];
	u8 *copy;
	int n;

	if (size < 1)
		return 0;
	set_model(&model, data[0]);
	copy = malloc(size - 1 ? size - 1 : 1);
	memcpy(copy, data + 1, size - 1);
	in.kernel = copy;
	in.kernel_size = size - 1;
	in.model = data[0] & 0x80 ? NULL : &model;
	in.mode = (enum chain_mode)(data[0] % 3);
	finding_list_init(&findings, items, 4);
	chain_abi_precheck(&in, &pc, &findings);
	if (findings.count > 1)
		abort();
	check_printable(pc.version, sizeof(pc.version));
	check_printable(pc.release, sizeof(pc.release));
	n = chain_precheck_text(&pc, line, sizeof(line));
	if (n < 0 || (size_t)n != strlen(line))
		abort();
	fuzz_text_begin(&t, &w);
	report_chain_json(&w, &pc);
	json_object_end(&w);
	if (!t.overflow && (!json_finished(&w) || !json_validate(t.buf, t.len)))
		abort();
	free(copy);
	return 0;
}
