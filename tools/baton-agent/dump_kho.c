/*
 * `dump-kho`: copy KHO debugfs blobs (root FDT, sub-blobs) out over the
 * console as hex, so the host can store real handover bytes as vectors.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agent.h"

#define DUMP_MAX_BYTES	(1u << 20)
#define DUMP_LINE_BYTES	32

int kho_dump_file(const char *root, const char *rel)
{
	static unsigned char buf[DUMP_MAX_BYTES];
	char path[1024];
	ssize_t n, total = 0;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		printf("KHO-DUMP-ERROR path=%s errno=%d\n", rel, errno);
		return -1;
	}
	while ((n = read(fd, buf + total, sizeof(buf) - total)) > 0)
		total += n;
	close(fd);
	printf("KHO-DUMP-BEGIN path=%s size=%zd\n", rel, total);
	for (ssize_t off = 0; off < total; off += DUMP_LINE_BYTES) {
		printf("KHO-HEX ");
		for (ssize_t i = off; i < total && i < off + DUMP_LINE_BYTES; i++)
			printf("%02x", buf[i]);
		printf("\n");
	}
	printf("KHO-DUMP-END path=%s crc32c=%08x\n", rel,
	       content_digest(buf, (uint64_t)total));
	return 0;
}

static int name_compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int dump_dir(const char *root, const char *rel)
{
	char path[512], *names[256];
	size_t count = 0, i;
	struct dirent *de;
	DIR *dir;
	int rc = 0;

	snprintf(path, sizeof(path), "%s%s%s", root, *rel ? "/" : "", rel);
	dir = opendir(path);
	if (!dir) {
		printf("KHO-DUMP-ERROR path=%s errno=%d\n", rel, errno);
		return -1;
	}
	while ((de = readdir(dir)) && count < 256) {
		if (de->d_name[0] == '.')
			continue;
		names[count++] = strdup(de->d_name);
	}
	closedir(dir);
	qsort(names, count, sizeof(names[0]), name_compare);
	for (i = 0; i < count; i++) {
		char child[512], full[1024];
		struct stat st;

		if (snprintf(child, sizeof(child), "%s%s%s", rel,
			     *rel ? "/" : "", names[i]) >= (int)sizeof(child) ||
		    snprintf(full, sizeof(full), "%s/%s", root, child) >=
			    (int)sizeof(full)) {
			free(names[i]);
			continue;
		}
		if (stat(full, &st) == 0 && S_ISDIR(st.st_mode))
			rc |= dump_dir(root, child);
		else
			rc |= kho_dump_file(root, child);
		free(names[i]);
	}
	return rc;
}

int cmd_dump_kho(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : "/sys/kernel/debug/kho/in";
	int rc;

	printf("KHO-DUMP-ROOT %s\n", root);
	rc = dump_dir(root, "");
	fflush(stdout);
	return rc ? 1 : 0;
}
