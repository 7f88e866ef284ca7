// SPDX-License-Identifier: MIT
/*
 * `dump --extract DIR`: the memory a handover consists of (every preserved
 * range and map page the parser's map walk reports, plus the root FDT),
 * copied out of the dump as blobs of a baton-capture 1 directory that
 * baton.efi can replay, with the dump's RAM and scratch areas. The
 * manifest is read back through capture_parse/capture_check_layout.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <baton/capture.h>
#include <luo/abi.h>
#include "inspect.h"

struct extract_ranges {
	struct phys_range *items;
	u64 count;
	u64 max;
	bool failed;
};

static struct extract_ranges ranges;

static void add_range(phys_addr_t pa, u64 size)
{
	if (ranges.count == ranges.max) {
		u64 max = ranges.max ? 2 * ranges.max : 256;
		void *p = realloc(ranges.items, max * sizeof(*ranges.items));

		if (!p) {
			ranges.failed = true;
			return;
		}
		ranges.items = p;
		ranges.max = max;
	}
	ranges.items[ranges.count++] = (struct phys_range){ pa, size };
}

static void sink_run(void *ctx, phys_addr_t pa, unsigned int order, u64 count)
{
	if (order < 52 && count <= (~0ULL >> (PAGE_SHIFT + order)))
		add_range(pa, count << (PAGE_SHIFT + order));
}

static void sink_one(void *ctx, phys_addr_t pa, unsigned int order)
{
	sink_run(ctx, pa, order, 1);
}

static void sink_map_page(void *ctx, phys_addr_t pa, u64 size)
{
	add_range(pa, size);
}

static const struct kho_map_sink extract_sink = {
	NULL, sink_one, sink_run, sink_map_page,
};

void inspect_extract_prepare(struct inspect_input *in)
{
	in->map_sink = &extract_sink;
}

static int range_cmp(const void *a, const void *b)
{
	const struct phys_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Sorted, page-rounded, overlapping and adjacent ranges merged. */
static void merge_ranges(void)
{
	u64 i, n = 0;

	for (i = 0; i < ranges.count; i++) {
		struct phys_range *r = &ranges.items[i];
		u64 end = ALIGN_UP(r->start + r->size, PAGE_SIZE);

		r->start &= ~(u64)(PAGE_SIZE - 1);
		r->size = end - r->start;
	}
	qsort(ranges.items, ranges.count, sizeof(*ranges.items), range_cmp);
	for (i = 0; i < ranges.count; i++) {
		struct phys_range *last = n ? &ranges.items[n - 1] : NULL;
		struct phys_range r = ranges.items[i];

		if (last && r.start <= last->start + last->size) {
			u64 end = MAX(last->start + last->size, r.start + r.size);

			last->size = end - last->start;
		} else {
			ranges.items[n++] = r;
		}
	}
	ranges.count = n;
}

static bool write_file(const char *path, const void *data, u64 size)
{
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(data, 1, size, f) == size;

	if (f && fclose(f))
		ok = false;
	if (!ok)
		inspect_error("%s: %s", path, strerror(errno));
	return ok;
}

static void write_scratch(FILE *m, const struct inspect_input *in,
			  u64 *array_pa)
{
	struct kho_scratch_ser arr[64];	/* copied: the dump is unaligned */
	u64 i, n = MIN(in->kho.scratch_size / sizeof(arr[0]), 64ULL);

	*array_pa = 0;
	if (!phys_read(&in->view, in->kho.scratch_addr, arr, n * sizeof(arr[0])))
		n = 0;
	for (i = 0; i < n; i++) {
		if (!arr[i].size || (arr[i].addr | arr[i].size) & (PAGE_SIZE - 1)) {
			fprintf(stderr, "baton-inspect: note: extract: scratch[%llu] 0x%llx+0x%llx left out (empty or not page aligned)\n",
				(unsigned long long)i,
				(unsigned long long)arr[i].addr,
				(unsigned long long)arr[i].size);
			continue;
		}
		fprintf(m, "scratch 0x%llx 0x%llx\n",
			(unsigned long long)arr[i].addr,
			(unsigned long long)arr[i].size);
		if (in->kho.scratch_addr >= arr[i].addr &&
		    in->kho.scratch_addr + PAGE_SIZE <= arr[i].addr + arr[i].size)
			*array_pa = in->kho.scratch_addr & ~(u64)(PAGE_SIZE - 1);
		else if (!*array_pa)
			*array_pa = arr[i].addr + arr[i].size - PAGE_SIZE;
	}
}

/* RAM lines: the dump's windows, adjacent ones merged. */
static void write_ram(FILE *m, const struct inspect_input *in)
{
	u32 i = 0;

	while (i < in->view.count) {
		u64 start = in->view.windows[i].pa;
		u64 end = start + in->view.windows[i].size;

		for (i++; i < in->view.count && in->view.windows[i].pa == end; i++)
			end += in->view.windows[i].size;
		end &= ~(u64)(PAGE_SIZE - 1);
		if (end > start)
			fprintf(m, "ram 0x%llx 0x%llx\n",
				(unsigned long long)start,
				(unsigned long long)(end - start));
	}
}

static bool write_blobs(FILE *m, const struct inspect_input *in,
			const char *dir)
{
	char path[4096];
	u64 i;

	for (i = 0; i < ranges.count; i++) {
		const struct phys_range *r = &ranges.items[i];
		const void *bytes = phys_map(&in->view, r->start, r->size);

		if (!bytes) {
			fprintf(stderr, "baton-inspect: note: extract: 0x%llx+0x%llx not (wholly) in the dump, left out\n",
				(unsigned long long)r->start,
				(unsigned long long)r->size);
			continue;
		}
		snprintf(path, sizeof(path), "%s/mem-%llx.bin", dir,
			 (unsigned long long)r->start);
		if (!write_file(path, bytes, r->size))
			return false;
		fprintf(m, "blob mem-%llx.bin 0x%llx\n",
			(unsigned long long)r->start,
			(unsigned long long)r->start);
	}
	return true;
}

/* Reads the manifest back with the format's own parser and layout check. */
static bool verify_manifest(const char *dir)
{
	static struct capture_range ram[4096], scratch[64];
	static struct capture_blob blobs[65536];
	struct capture_storage st = { ram, 4096, scratch, 64, blobs, 65536,
				      NULL, 0, NULL, 0 };
	struct capture c;
	struct capture_error err = { .message = "blob file missing" };
	char path[4096];
	FILE *f;
	char *text;
	long len;
	u32 i;
	bool ok;

	snprintf(path, sizeof(path), "%s/manifest", dir);
	f = fopen(path, "rb");
	if (!f)
		return false;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	text = malloc(len + 1);
	ok = text && fread(text, 1, len, f) == (size_t)len;
	fclose(f);
	ok = ok && capture_parse(text, len, &st, &c, &err);
	for (i = 0; ok && i < c.blob_count; i++) {
		char name[CAPTURE_FILE_NAME_MAX + 1];
		struct stat sb;

		capture_text_copy(c.blobs[i].file, name, sizeof(name));
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		ok = !stat(path, &sb) &&
		     capture_blob_resolve(&c.blobs[i], sb.st_size, &err);
	}
	ok = ok && capture_check_layout(&c, &err);
	if (!ok)
		inspect_error("extract: the written manifest does not check: %s",
			      err.message);
	free(text);
	return ok;
}

int inspect_extract(struct inspect_input *in, const char *dir)
{
	char path[4096];
	u64 array_pa;
	FILE *m;

	if (!in->kho.present || ranges.failed) {
		inspect_error("extract: no handover to extract");
		return INSPECT_EXIT_UNUSABLE;
	}
	add_range(in->kho.fdt_addr, in->kho.fdt_size);
	merge_ranges();
	if (mkdir(dir, 0755) && errno != EEXIST) {
		inspect_error("%s: %s", dir, strerror(errno));
		return INSPECT_EXIT_UNUSABLE;
	}
	snprintf(path, sizeof(path), "%s/manifest", dir);
	m = fopen(path, "w");
	if (!m) {
		inspect_error("%s: %s", path, strerror(errno));
		return INSPECT_EXIT_UNUSABLE;
	}
	fprintf(m, "# extracted by baton-inspect dump --extract\n");
	fprintf(m, "format baton-capture 1\n");
	write_ram(m, in);
	write_scratch(m, in, &array_pa);
	fprintf(m, "scratch-array 0x%llx\n", (unsigned long long)array_pa);
	fprintf(m, "kho-fdt 0x%llx 0x%llx\n",
		(unsigned long long)in->kho.fdt_addr,
		(unsigned long long)in->kho.fdt_size);
	if (!write_blobs(m, in, dir)) {
		fclose(m);
		return INSPECT_EXIT_UNUSABLE;
	}
	if (fclose(m) || !verify_manifest(dir))
		return INSPECT_EXIT_UNUSABLE;
	fprintf(stderr, "baton-inspect: note: extract: %s: %llu blobs (payload baton.bzImage to be added)\n",
		dir, (unsigned long long)ranges.count);
	return INSPECT_EXIT_CLEAN;
}
