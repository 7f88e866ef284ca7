// SPDX-License-Identifier: MIT
/*
 * `baton-inspect capture`: a baton-capture 1 directory or cpio archive put
 * into host memory at the manifest's addresses (blobs, patterns, the
 * scratch array), then the shared report step.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <baton/capture.h>
#include <baton/cpio.h>
#include <luo/abi.h>
#include "inspect.h"

#define CAPTURE_LINES_MAX	4096

/* Where the files come from: a directory, or an archive read whole. */
struct capture_source {
	const char *dir;		/* NULL: archive */
	u8 *archive;
	size_t archive_size;
};

static u8 *read_whole(const char *path, size_t *size)
{
	struct stat st;
	u8 *buf;
	size_t done = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	buf = malloc(st.st_size ? st.st_size : 1);
	while (buf && done < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + done, st.st_size - done);

		if (n <= 0) {
			free(buf);
			buf = NULL;
			break;
		}
		done += n;
	}
	close(fd);
	*size = done;
	return buf;
}

static bool archive_find(const struct capture_source *src, const char *name,
			 const u8 **data, size_t *size)
{
	struct cpio_reader r;
	struct cpio_entry e;
	struct cpio_error err;
	char text[160];

	cpio_reader_init(&r, src->archive, src->archive_size);
	for (;;) {
		enum cpio_next_result res = cpio_next(&r, &e, &err);
		const char *n;

		if (res == CPIO_NEXT_END)
			return false;
		if (res == CPIO_NEXT_ERROR) {
			cpio_format_error(&err, text, sizeof(text));
			inspect_error("archive: %s", text);
			return false;
		}
		n = e.name;
		if (!strncmp(n, "./", 2))
			n += 2;
		if ((e.mode & CPIO_MODE_TYPE_MASK) == CPIO_MODE_REGULAR &&
		    !strcmp(n, name)) {
			*data = e.data;
			*size = e.data_size;
			return true;
		}
	}
}

/* The bytes of a named file; *owned tells whether to free them. */
static const u8 *source_file(const struct capture_source *src,
			     const char *name, size_t *size, bool *owned)
{
	char path[4096];
	const u8 *data;
	u8 *buf;

	*owned = false;
	if (!src->dir)
		return archive_find(src, name, &data, size) ? data : NULL;
	snprintf(path, sizeof(path), "%s/%s", src->dir, name);
	buf = read_whole(path, size);
	*owned = buf != NULL;
	return buf;
}

static bool load_blob(struct inspect_input *in, const struct capture_source *src,
		      struct capture_blob *blob)
{
	char name[CAPTURE_FILE_NAME_MAX + 1];
	struct capture_error err;
	size_t size;
	bool owned;
	const u8 *data;
	u8 *mem;

	capture_text_copy(blob->file, name, sizeof(name));
	data = source_file(src, name, &size, &owned);
	if (!data) {
		inspect_error("line %u: blob file %s: cannot read it", blob->line,
			      name);
		return false;
	}
	if (!capture_blob_resolve(blob, size, &err)) {
		inspect_error("%s", err.message);
		return false;
	}
	mem = calloc(1, capture_blob_extent(blob));
	if (mem)
		memcpy(mem, data, size);
	if (owned)
		free((void *)data);
	if (!mem) {
		inspect_error("line %u: out of memory for blob %s", blob->line,
			      name);
		return false;
	}
	return inspect_add_window(in, blob->addr, mem,
				  capture_blob_extent(blob));
}

static bool load_pattern(struct inspect_input *in,
			 const struct capture_pattern *p)
{
	u64 size = p->size;
	u8 *mem;

	if (size > INSPECT_PATTERN_CAP) {
		size = INSPECT_PATTERN_CAP;
		in->patterns_capped++;
	}
	mem = malloc(size);
	if (!mem) {
		inspect_error("line %u: out of memory for a pattern", p->line);
		return false;
	}
	capture_pattern_fill(p, 0, mem, size);
	return inspect_add_window(in, p->addr, mem, size);
}

static bool load_scratch_array(struct inspect_input *in,
			       const struct capture *c)
{
	u64 size = capture_scratch_array_size(c);
	struct kho_scratch_ser *arr = calloc(1, ALIGN_UP(size, PAGE_SIZE));
	u32 i;

	if (!arr)
		return false;
	for (i = 0; i < c->scratch_count; i++) {
		arr[i].addr = c->scratch[i].addr;
		arr[i].size = c->scratch[i].size;
	}
	in->kho = (struct boot_kho_record){
		.present = true,
		.len = sizeof(struct kho_data_ser),
		.fdt_addr = c->kho_fdt_addr,
		.fdt_size = c->kho_fdt_size,
		.scratch_addr = c->scratch_array_addr,
		.scratch_size = size,
	};
	return inspect_add_window(in, c->scratch_array_addr, arr,
				  ALIGN_UP(size, PAGE_SIZE));
}

static int ram_cmp(const void *a, const void *b)
{
	const struct phys_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * The manifest may list its ram lines in any order, but the parser looks
 * RAM up by binary search (handover_config.ram is sorted by start), so
 * they are sorted here. Overlapping lines never get this far:
 * capture_check_layout refuses them (status 3).
 */
static bool load_ram(struct inspect_input *in, const struct capture *c)
{
	u32 i;

	if (!c->ram_count)
		return true;
	in->ram = calloc(c->ram_count, sizeof(*in->ram));
	if (!in->ram) {
		inspect_error("out of memory for the ram lines");
		return false;
	}
	for (i = 0; i < c->ram_count; i++)
		in->ram[i] = (struct phys_range){ c->ram[i].addr,
						  c->ram[i].size };
	qsort(in->ram, c->ram_count, sizeof(*in->ram), ram_cmp);
	in->ram_count = c->ram_count;
	return true;
}

static bool load_capture(struct inspect_input *in,
			 const struct capture_source *src,
			 const u8 *text, size_t text_size)
{
	static struct capture_range ram[CAPTURE_LINES_MAX];
	static struct capture_range scratch[CAPTURE_LINES_MAX];
	static struct capture_blob blobs[CAPTURE_LINES_MAX];
	static struct capture_pattern patterns[CAPTURE_LINES_MAX];
	static struct capture_expect expects[CAPTURE_LINES_MAX];
	struct capture_storage st = {
		ram, CAPTURE_LINES_MAX, scratch, CAPTURE_LINES_MAX,
		blobs, CAPTURE_LINES_MAX, patterns, CAPTURE_LINES_MAX,
		expects, CAPTURE_LINES_MAX,
	};
	struct capture c;
	struct capture_error err;
	u32 i;

	if (!capture_parse((const char *)text, text_size, &st, &c, &err)) {
		inspect_error("manifest: %s", err.message);
		return false;
	}
	for (i = 0; i < c.blob_count; i++)
		if (!load_blob(in, src, &c.blobs[i]))
			return false;
	if (!capture_check_layout(&c, &err)) {
		inspect_error("manifest: %s", err.message);
		return false;
	}
	for (i = 0; i < c.pattern_count; i++)
		if (!load_pattern(in, &c.patterns[i]))
			return false;
	if (c.has_kho_fdt && !load_scratch_array(in, &c))
		return false;
	if (!load_ram(in, &c))
		return false;
	if (in->patterns_capped)
		fprintf(stderr,
			"baton-inspect: note: %u pattern(s) larger than 0x%llx bytes generated only up to that size; the rest is unbacked\n",
			in->patterns_capped,
			(unsigned long long)INSPECT_PATTERN_CAP);
	return inspect_finish_view(in);
}

int inspect_capture(const char *path, const struct inspect_options *opt)
{
	struct capture_source src = { 0 };
	struct inspect_input *in = inspect_input_new();
	struct stat st;
	const u8 *text;
	size_t text_size;
	bool owned;

	if (!in)
		return INSPECT_EXIT_UNUSABLE;
	if (stat(path, &st)) {
		inspect_error("%s: %s", path, strerror(errno));
		return INSPECT_EXIT_UNUSABLE;
	}
	if (S_ISDIR(st.st_mode)) {
		src.dir = path;
	} else {
		src.archive = read_whole(path, &src.archive_size);
		if (!src.archive) {
			inspect_error("%s: cannot read it", path);
			return INSPECT_EXIT_UNUSABLE;
		}
		in->keep[1] = src.archive;
	}
	text = source_file(&src, CAPTURE_MANIFEST_NAME, &text_size, &owned);
	if (!text) {
		inspect_error("%s: no readable manifest", path);
		return INSPECT_EXIT_UNUSABLE;
	}
	if (owned)
		in->keep[0] = text;
	if (!load_capture(in, &src, text, text_size))
		return INSPECT_EXIT_UNUSABLE;
	return inspect_report(in, opt);
}
