/*
 * `kexec`: load the next image with kexec_file_load (the only loader that
 * passes the KHO state on), stamp the manifest with the TSC and reboot.
 * `kexec --stamp-only` just stamps it, for a guest where kexec-tools
 * reboots (baton-load, tests/linux/kexec-t0.sh).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/reboot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "agent.h"

#define KEXEC_FILE_NO_INITRAMFS	0x4ul

static int open_manifest_from_holder(void)
{
	char path[64];
	FILE *state = fopen(AGENT_STATE_FILE, "r");
	int pid, fd, manifest_fd;

	if (!state) {
		fprintf(stderr, "baton-agent: %s: %s (run prepare first)\n",
			AGENT_STATE_FILE, strerror(errno));
		return -1;
	}
	if (fscanf(state, "%d %d", &pid, &fd) != 2) {
		fclose(state);
		fprintf(stderr, "baton-agent: malformed %s\n", AGENT_STATE_FILE);
		return -1;
	}
	fclose(state);
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, fd);
	manifest_fd = open(path, O_RDWR | O_CLOEXEC);
	if (manifest_fd < 0)
		fprintf(stderr, "baton-agent: open %s: %s\n", path,
			strerror(errno));
	return manifest_fd;
}

/* T0: the TSC right before the reboot, outside the manifest's checksum. */
static int stamp_manifest(int manifest_fd)
{
	uint64_t tsc = read_tsc();

	if (pwrite(manifest_fd, &tsc, sizeof(tsc), MANIFEST_TSC_KEXEC_OFFSET) !=
	    sizeof(tsc)) {
		fprintf(stderr, "baton-agent: stamp manifest: %s\n",
			strerror(errno));
		return 1;
	}
	return 0;
}

int kexec_load_and_reboot(const struct kexec_args *args, int manifest_fd)
{
	unsigned long flags = 0;
	int kernel_fd, initrd_fd = -1;
	long rc;

	kernel_fd = open(args->kernel, O_RDONLY | O_CLOEXEC);
	if (kernel_fd < 0) {
		fprintf(stderr, "baton-agent: open %s: %s\n", args->kernel,
			strerror(errno));
		return 1;
	}
	if (args->initrd) {
		initrd_fd = open(args->initrd, O_RDONLY | O_CLOEXEC);
		if (initrd_fd < 0) {
			fprintf(stderr, "baton-agent: open %s: %s\n",
				args->initrd, strerror(errno));
			return 1;
		}
	} else {
		flags |= KEXEC_FILE_NO_INITRAMFS;
	}
	rc = syscall(SYS_kexec_file_load, kernel_fd, initrd_fd,
		     strlen(args->cmdline) + 1, args->cmdline, flags);
	if (rc) {
		printf("KEXEC-LOAD FAIL kernel=%s errno=%d (%s)\n", args->kernel,
		       errno, strerror(errno));
		return 1;
	}
	printf("KEXEC-LOAD OK kernel=%s initrd=%s cmdline=\"%s\"\n",
	       args->kernel, args->initrd ? args->initrd : "-", args->cmdline);
	fflush(stdout);
	if (manifest_fd >= 0 && stamp_manifest(manifest_fd))
		return 1;
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		LINUX_REBOOT_CMD_KEXEC, NULL);
	printf("KEXEC-REBOOT FAIL errno=%d (%s)\n", errno, strerror(errno));
	return 1;
}

int cmd_kexec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "initrd", required_argument, NULL, 'i' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "no-manifest", no_argument, NULL, 'n' },
		{ "stamp-only", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct kexec_args kargs = { NULL, NULL, "" };
	bool stamp = true, stamp_only = false;
	int opt, manifest_fd = -1;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'k': kargs.kernel = optarg; break;
		case 'i': kargs.initrd = optarg; break;
		case 'c': kargs.cmdline = optarg; break;
		/* someone else's sessions (kselftests): no manifest to stamp */
		case 'n': stamp = false; break;
		case 's': stamp_only = true; break;
		default: goto usage;
		}
	}
	if (stamp_only) {
		if (!stamp || kargs.kernel || optind != argc)
			goto usage;
		manifest_fd = open_manifest_from_holder();
		return manifest_fd < 0 ? 1 : stamp_manifest(manifest_fd);
	}
	if (!kargs.kernel || optind != argc)
		goto usage;
	if (stamp) {
		manifest_fd = open_manifest_from_holder();
		if (manifest_fd < 0)
			return 1;
	}
	return kexec_load_and_reboot(&kargs, manifest_fd);
usage:
	fprintf(stderr, "usage: baton-agent kexec --kernel BZIMAGE "
			"[--initrd FILE] [--cmdline STR] [--no-manifest]\n"
			"       baton-agent kexec --stamp-only\n");
	return 2;
}
