// SPDX-License-Identifier: MIT
/*
 * mkbundle: writes baton's chain bundle, an uncompressed cpio newc archive
 * with `kernel`, optionally `initrd` and `cmdline` (docs/chain.md), and
 * checks existing bundles with the same parser the payload uses.
 *
 *   mkbundle -o bundle.cpio --kernel bzImage [--initrd f] [--cmdline "..."]
 *   mkbundle --list bundle.cpio
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <baton/cpio.h>
#include <boot/chain/bundle.h>

static void usage(void)
{
	fprintf(stderr,
		"usage: mkbundle -o OUT --kernel BZIMAGE [--initrd FILE] [--cmdline TEXT]\n"
		"       mkbundle --list BUNDLE\n");
	exit(2);
}

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, len = 0, n;

	if (!f) {
		fprintf(stderr, "mkbundle: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			buf = realloc(buf, cap);
			if (!buf) {
				fprintf(stderr, "mkbundle: out of memory\n");
				exit(1);
			}
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		fprintf(stderr, "mkbundle: %s: read error\n", path);
		exit(1);
	}
	fclose(f);
	*size = len;
	return buf;
}

/* Two passes over the same entries: first sizes the archive, then writes. */
static size_t build(unsigned char *buf, size_t size,
		    const struct cpio_write_file *files, int count)
{
	size_t pos = 0;
	int i;

	for (i = 0; i < count; i++)
		if (!cpio_write_entry(buf, size, &pos, &files[i])) {
			fprintf(stderr, "mkbundle: %s: too large for cpio newc\n",
				files[i].name);
			exit(1);
		}
	if (!cpio_write_trailer(buf, size, &pos))
		exit(1);
	return ALIGN_UP(pos, (size_t)512);
}

static int list_bundle(const char *path)
{
	struct chain_bundle b;
	struct chain_status st;
	size_t size;
	void *buf = read_file(path, &size);

	if (!chain_bundle_parse(buf, size, 0, &b, &st)) {
		fprintf(stderr, "mkbundle: %s: %s\n", path, st.message);
		free(buf);
		return 1;
	}
	printf("kernel  offset %#llx size %llu\n",
	       (unsigned long long)b.kernel.pa,
	       (unsigned long long)b.kernel.size);
	if (b.initrd.present)
		printf("initrd  offset %#llx size %llu\n",
		       (unsigned long long)b.initrd.pa,
		       (unsigned long long)b.initrd.size);
	if (b.cmdline.present)
		printf("cmdline \"%.*s\"\n", (int)b.cmdline_len,
		       b.cmdline_text);
	if (b.ignored_entries)
		printf("ignored %u entries\n", b.ignored_entries);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	const char *out = NULL, *kernel = NULL, *initrd = NULL;
	const char *cmdline = NULL;
	struct cpio_write_file files[3];
	unsigned char *archive;
	size_t size, written;
	int i, count = 0;
	FILE *f;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--list") && i + 1 < argc)
			return list_bundle(argv[i + 1]);
		if (i + 1 >= argc)
			usage();
		if (!strcmp(argv[i], "-o"))
			out = argv[++i];
		else if (!strcmp(argv[i], "--kernel"))
			kernel = argv[++i];
		else if (!strcmp(argv[i], "--initrd"))
			initrd = argv[++i];
		else if (!strcmp(argv[i], "--cmdline"))
			cmdline = argv[++i];
		else
			usage();
	}
	if (!out || !kernel)
		usage();

	memset(files, 0, sizeof(files));
	files[count].name = CHAIN_BUNDLE_KERNEL;
	files[count].data = read_file(kernel, &files[count].data_size);
	count++;
	if (initrd) {
		files[count].name = CHAIN_BUNDLE_INITRD;
		files[count].data = read_file(initrd, &files[count].data_size);
		count++;
	}
	if (cmdline) {
		files[count].name = CHAIN_BUNDLE_CMDLINE;
		files[count].data = cmdline;
		files[count].data_size = strlen(cmdline);
		count++;
	}
	for (i = 0; i < count; i++) {
		files[i].mode = CPIO_MODE_REGULAR | 0644;
		files[i].ino = (u32)i + 1;
	}

	size = build(NULL, 0, files, count);
	archive = calloc(1, size);
	if (!archive) {
		fprintf(stderr, "mkbundle: out of memory\n");
		return 1;
	}
	build(archive, size, files, count);
	f = fopen(out, "wb");
	if (!f) {
		fprintf(stderr, "mkbundle: %s: %s\n", out, strerror(errno));
		return 1;
	}
	written = fwrite(archive, 1, size, f);
	if (written != size || fclose(f) != 0) {
		fprintf(stderr, "mkbundle: %s: write error\n", out);
		return 1;
	}
	for (i = 0; i < count; i++)
		if (strcmp(files[i].name, CHAIN_BUNDLE_CMDLINE) != 0)
			free((void *)files[i].data);
	free(archive);
	return 0;
}
