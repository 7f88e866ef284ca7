// SPDX-License-Identifier: MIT
/*
 * e820 sanitising by sweeping the sorted set of entry boundaries: between two
 * consecutive boundaries every entry either covers the whole interval or none
 * of it, so the interval's type is the largest type among the entries that
 * cover its start. Maps hold a few hundred entries at most, so the quadratic
 * sweep costs well under a millisecond and needs no sort buffer.
 */
#include <mm/e820.h>

static bool entry_valid(const struct boot_e820_entry *e)
{
	u64 end;

	return e->size && range_end(e->addr, e->size, &end);
}

static bool type_mergeable(u32 type)
{
	return type != E820_TYPE_PRAM && type != E820_TYPE_SOFT_RESERVED;
}

static void report_input(const struct boot_e820_entry *raw, u32 count,
			 struct finding_list *findings)
{
	bool unsorted_reported = false;
	u64 end;
	u32 i, j;

	for (i = 0; i < count; i++) {
		const struct boot_e820_entry *e = &raw[i];

		if (!e->size)
			finding_add(findings, I_E820_ZERO_SIZE, e->addr,
				    "e820 #%u at 0x%llx has size 0, dropped", i,
				    (unsigned long long)e->addr);
		else if (!range_end(e->addr, e->size, &end))
			finding_add(findings, W_E820_WRAPS, e->addr,
				    "e820 #%u [0x%llx +0x%llx) wraps past 2^64, dropped",
				    i, (unsigned long long)e->addr,
				    (unsigned long long)e->size);
		if (i && !unsorted_reported && e->addr < raw[i - 1].addr) {
			unsorted_reported = true;
			finding_add(findings, I_E820_UNSORTED, e->addr,
				    "e820 #%u at 0x%llx comes after #%u at 0x%llx",
				    i, (unsigned long long)e->addr, i - 1,
				    (unsigned long long)raw[i - 1].addr);
		}
	}
	for (i = 0; i < count; i++) {
		const struct boot_e820_entry *a = &raw[i];

		if (!entry_valid(a))
			continue;
		for (j = i + 1; j < count; j++) {
			const struct boot_e820_entry *b = &raw[j];

			if (!entry_valid(b) || b->addr >= a->addr + a->size ||
			    a->addr >= b->addr + b->size)
				continue;
			finding_add(findings, W_E820_OVERLAP,
				    MAX(a->addr, b->addr),
				    "e820 #%u [0x%llx-0x%llx) type %u overlaps #%u [0x%llx-0x%llx) type %u",
				    i, (unsigned long long)a->addr,
				    (unsigned long long)(a->addr + a->size),
				    a->type, j, (unsigned long long)b->addr,
				    (unsigned long long)(b->addr + b->size),
				    b->type);
		}
	}
}

/* Smallest boundary (start or end of a valid entry) above `after`. */
static bool next_boundary(const struct boot_e820_entry *raw, u32 count,
			  u64 after, bool inclusive, u64 *out)
{
	bool found = false;
	u32 i;

	for (i = 0; i < count; i++) {
		u64 points[2] = { raw[i].addr, raw[i].addr + raw[i].size };
		int k;

		if (!entry_valid(&raw[i]))
			continue;
		for (k = 0; k < 2; k++) {
			u64 p = points[k];

			if (p < after || (p == after && !inclusive))
				continue;
			if (!found || p < *out)
				*out = p;
			found = true;
		}
	}
	return found;
}

static u32 type_at(const struct boot_e820_entry *raw, u32 count, u64 addr)
{
	u32 i, type = 0;

	for (i = 0; i < count; i++)
		if (entry_valid(&raw[i]) && raw[i].addr <= addr &&
		    addr - raw[i].addr < raw[i].size)
			type = MAX(type, raw[i].type);
	return type;
}

u32 e820_sanitize(const struct boot_e820_entry *raw, u32 raw_count,
		  struct boot_e820_entry *out, u32 out_capacity,
		  struct finding_list *findings)
{
	u64 cur, next;
	u32 n = 0;

	report_input(raw, raw_count, findings);
	if (!next_boundary(raw, raw_count, 0, true, &cur))
		return 0;
	while (next_boundary(raw, raw_count, cur, false, &next)) {
		u32 type = type_at(raw, raw_count, cur);
		struct boot_e820_entry *last = n ? &out[n - 1] : NULL;

		if (type && last && last->type == type &&
		    last->addr + last->size == cur && type_mergeable(type)) {
			last->size += next - cur;
		} else if (type) {
			if (n == out_capacity) {
				finding_add(findings, W_E820_SANITIZED_FULL,
					    cur,
					    "sanitised e820 needs more than %u entries, rest dropped",
					    out_capacity);
				break;
			}
			out[n++] = (struct boot_e820_entry){
				.addr = cur, .size = next - cur, .type = type };
		}
		cur = next;
	}
	return n;
}
