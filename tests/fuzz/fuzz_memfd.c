// SPDX-License-Identifier: MIT
/* libFuzzer: memfd parsing plus content streaming of every parsed memfd. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct handover_config cfg;
	struct finding_list findings;
	u32 i;

	fuzz_prepare(data, size, &cfg, &findings);
	handover_parse(&cfg, &fuzz_storage, &fuzz_model, &findings);
	for (i = 0; i < fuzz_model.memfd_count; i++) {
		struct model_memfd *f = &fuzz_model.memfds[i];

		/* bound the zero-fill work of absurd sizes */
		if (f->size <= 16 * SZ_1M)
			memfd_digest(cfg.view, &fuzz_model, f, NULL);
	}
	return 0;
}
