// SPDX-License-Identifier: MIT
/*
 * libFuzzer: baton-inspect's ELF64 core reader (tools/baton-inspect/
 * elf_core.c). Any input must end in success or a message; on success
 * every segment lies inside the input, is page aligned, and the list is
 * sorted and disjoint.
 */
#include <stdlib.h>
#include <string.h>
#include "tools/baton-inspect/elf_core.h"

#define FUZZ_SEGMENTS 16

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static void check_segments(const struct elf_core *core, size_t size)
{
	u32 i;

	if (!core->count || core->count > FUZZ_SEGMENTS)
		abort();
	for (i = 0; i < core->count; i++) {
		const struct elf_core_segment *s = &core->segments[i];

		if (!s->size || s->offset > size || s->size > size - s->offset ||
		    s->size > s->memsz || (s->paddr & 0xfff))
			abort();
		if (i && core->segments[i - 1].paddr +
			 core->segments[i - 1].size > s->paddr)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct elf_core_segment segments[FUZZ_SEGMENTS];
	struct elf_core core;
	char msg[ELF_CORE_MESSAGE_MAX];
	u8 *copy = malloc(size ? size : 1);

	/* an exact-size heap copy, so ASan sees any read past the end */
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	msg[0] = 0;
	if (elf_core_parse(copy, size, segments, FUZZ_SEGMENTS, &core, msg,
			   sizeof(msg)))
		check_segments(&core, size);
	else if (!msg[0])
		abort();
	free(copy);
	return 0;
}
