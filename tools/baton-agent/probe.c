/*
 * `probe` (old kernel): check the /dev/liveupdate error semantics the ABI
 * reference describes (docs/handover-abi.md §5) against the running
 * kernel. Works in throw-away sessions that are closed again, so nothing
 * of it reaches the next kernel. One PASS/FAIL line per expectation.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "agent.h"

static unsigned int probe_passed, probe_failed;

static void expect_errno(const char *name, int got, int want)
{
	bool ok = want ? got == -want : got >= 0;

	printf("%s: agent-probe-%s -> %s (want %s)\n", ok ? "PASS" : "FAIL",
	       name, got < 0 ? strerrorname_np(-got) : "ok",
	       want ? strerrorname_np(want) : "ok");
	if (ok)
		probe_passed++;
	else
		probe_failed++;
}

static int ioctl_result(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) < 0 ? -errno : 0;
}

/* CREATE_SESSION with a caller-chosen size field and trailing bytes. */
static int create_raw(int lu_fd, uint32_t size, const char *name,
		      unsigned char tail, int *fd_out)
{
	unsigned char buf[96];
	struct lu_session_request *req = (struct lu_session_request *)buf;
	int rc;

	memset(buf, 0, sizeof(buf));
	req->size = size;
	req->fd = -1;
	memcpy(req->name, name, strnlen(name, LIVEUPDATE_NAME_LEN));
	if (size > sizeof(*req))
		buf[size - 1] = tail;
	rc = ioctl_result(lu_fd, LIVEUPDATE_IOCTL_CREATE_SESSION, buf);
	if (!rc && fd_out)
		*fd_out = req->fd;
	else if (!rc)
		close(req->fd);
	return rc;
}

static int small_memfd(void)
{
	int fd = memfd_create("baton-probe", MFD_CLOEXEC);

	if (fd >= 0 && ftruncate(fd, 8192) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void probe_sessions(int lu_fd)
{
	char name64[LIVEUPDATE_NAME_LEN];
	int fd = -1, dup_fd;

	memset(name64, 'n', sizeof(name64));
	expect_errno("create-empty-name", create_raw(lu_fd, 72, "", 0, NULL),
		     EINVAL);
	expect_errno("create-unterminated-name",
		     create_raw(lu_fd, 72, name64, 0, NULL), EINVAL);
	expect_errno("create-size-below-min",
		     create_raw(lu_fd, 71, "probe-small", 0, NULL), EINVAL);
	expect_errno("create-larger-struct-nonzero-tail",
		     create_raw(lu_fd, 80, "probe-tail", 1, NULL), E2BIG);
	expect_errno("create-larger-struct-zero-tail",
		     create_raw(lu_fd, 80, "probe-zero-tail", 0, NULL), 0);
	expect_errno("create", create_raw(lu_fd, 72, "probe", 0, &fd), 0);
	dup_fd = lu_create_session(lu_fd, "probe");
	expect_errno("create-duplicate-name", dup_fd < 0 ? dup_fd : 0, EEXIST);
	if (dup_fd >= 0)
		close(dup_fd);
	expect_errno("retrieve-unknown-incoming",
		     lu_retrieve_session(lu_fd, "probe"), ENOENT);
	if (fd >= 0)
		close(fd);
	/* closing removed the outgoing session: the name is free again */
	fd = lu_create_session(lu_fd, "probe");
	expect_errno("create-after-close", fd < 0 ? fd : 0, 0);
	if (fd >= 0)
		close(fd);
}

static void probe_files(int lu_fd)
{
	int session = lu_create_session(lu_fd, "probe-files");
	int memfd = small_memfd(), other = small_memfd();
	int pipefd[2] = { -1, -1 };
	char c = 'x';

	if (session < 0 || memfd < 0 || other < 0 || pipe(pipefd) < 0) {
		expect_errno("setup", session < 0 ? session : -errno, 0);
		return;
	}
	expect_errno("preserve", lu_preserve_fd(session, memfd, 1), 0);
	expect_errno("preserve-same-file-again",
		     lu_preserve_fd(session, memfd, 2), EBUSY);
	expect_errno("preserve-token-in-use", lu_preserve_fd(session, other, 1),
		     EEXIST);
	expect_errno("preserve-pipe", lu_preserve_fd(session, pipefd[0], 3),
		     ENOENT);
	expect_errno("preserve-bad-fd", lu_preserve_fd(session, 1000, 4),
		     EBADF);
	expect_errno("retrieve-fd-on-outgoing", lu_retrieve_fd(session, 1),
		     EINVAL);
	expect_errno("finish-outgoing", lu_finish(session), EINVAL);
	expect_errno("frozen-truncate",
		     ftruncate(memfd, 4096) < 0 ? -errno : 0, EPERM);
	expect_errno("frozen-write-beyond-eof",
		     pwrite(memfd, &c, 1, 8192) < 0 ? -errno : 0, EPERM);
	expect_errno("write-inside-file",
		     pwrite(memfd, &c, 1, 100) == 1 ? 0 : -errno, 0);
	close(session);
	/* closing the outgoing session unpreserved the file */
	expect_errno("truncate-after-close",
		     ftruncate(memfd, 4096) < 0 ? -errno : 0, 0);
	close(memfd);
	close(other);
	close(pipefd[0]);
	close(pipefd[1]);
}

int cmd_probe(int argc, char **argv)
{
	int lu_fd, second;

	if (argc != 1) {
		fprintf(stderr, "usage: baton-agent probe\n");
		return 2;
	}
	lu_fd = lu_open();
	if (lu_fd < 0) {
		printf("FAIL: agent-probe-open -> %s\n", strerrorname_np(-lu_fd));
		return 1;
	}
	second = lu_open();
	expect_errno("second-open", second < 0 ? second : 0, EBUSY);
	if (second >= 0)
		close(second);
	probe_sessions(lu_fd);
	probe_files(lu_fd);
	close(lu_fd);
	data_printf("AGENT-PROBE %s passed=%u failed=%u\n",
		    probe_failed ? "FAIL" : "PASS", probe_passed, probe_failed);
	data_flush();
	return probe_failed ? 1 : 0;
}
