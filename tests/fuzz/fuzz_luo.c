// SPDX-License-Identifier: MIT
/* libFuzzer: the whole handover (KHO, LUO sessions/files, FLBs, blobs). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct handover_config cfg;
	struct finding_list findings;

	fuzz_prepare(data, size, &cfg, &findings);
	handover_parse(&cfg, &fuzz_storage, &fuzz_model, &findings);
	return 0;
}
