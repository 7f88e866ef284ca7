/*
 * Thin wrappers around the /dev/liveupdate and session-fd ioctls. Each
 * request is zeroed and carries its own size, as the ABI requires.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "agent.h"

int lu_open(void)
{
	int fd = open(LIVEUPDATE_DEVICE, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

static int session_request(int lu_fd, unsigned long cmd, const char *name)
{
	struct lu_session_request req;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.fd = -1;
	if (strlen(name) >= sizeof(req.name))
		return -ENAMETOOLONG;
	strcpy(req.name, name);
	if (ioctl(lu_fd, cmd, &req) < 0)
		return -errno;
	return req.fd;
}

int lu_create_session(int lu_fd, const char *name)
{
	return session_request(lu_fd, LIVEUPDATE_IOCTL_CREATE_SESSION, name);
}

int lu_retrieve_session(int lu_fd, const char *name)
{
	return session_request(lu_fd, LIVEUPDATE_IOCTL_RETRIEVE_SESSION, name);
}

int lu_preserve_fd(int session_fd, int fd, uint64_t token)
{
	struct lu_fd_request req;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.fd = fd;
	req.token = token;
	if (ioctl(session_fd, LIVEUPDATE_SESSION_PRESERVE_FD, &req) < 0)
		return -errno;
	return 0;
}

int lu_retrieve_fd(int session_fd, uint64_t token)
{
	struct lu_fd_request req;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.fd = -1;
	req.token = token;
	if (ioctl(session_fd, LIVEUPDATE_SESSION_RETRIEVE_FD, &req) < 0)
		return -errno;
	return req.fd;
}

int lu_finish(int session_fd)
{
	struct lu_finish_request req;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	if (ioctl(session_fd, LIVEUPDATE_SESSION_FINISH, &req) < 0)
		return -errno;
	return 0;
}

int lu_get_name(int session_fd, char name[LIVEUPDATE_NAME_LEN])
{
	struct lu_get_name_request req;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	if (ioctl(session_fd, LIVEUPDATE_SESSION_GET_NAME, &req) < 0)
		return -errno;
	memcpy(name, req.name, LIVEUPDATE_NAME_LEN);
	name[LIVEUPDATE_NAME_LEN - 1] = 0;
	return 0;
}
