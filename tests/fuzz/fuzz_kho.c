// SPDX-License-Identifier: MIT
/* libFuzzer: KHO layer (record, scratch, root FDT, preserved-memory map). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct handover_config cfg;
	struct finding_list findings;

	fuzz_prepare(data, size, &cfg, &findings);
	kho_parse(&cfg, &fuzz_storage, &fuzz_model, &findings);
	return 0;
}
