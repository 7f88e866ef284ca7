/*
 * User-space ABI of /dev/liveupdate in Linux 7.2 (LUO), declared here with
 * exact sizes so the agent builds without kernel headers that have it.
 */
#ifndef BATON_AGENT_LIVEUPDATE_ABI_H
#define BATON_AGENT_LIVEUPDATE_ABI_H

#include <stdint.h>

#define LIVEUPDATE_DEVICE		"/dev/liveupdate"
#define LIVEUPDATE_NAME_LEN		64

/* _IO(0xBA, nr): no size or direction bits, the size travels in the struct. */
#define LIVEUPDATE_IOC(nr)		((0xBAu << 8) | (nr))
#define LIVEUPDATE_IOCTL_CREATE_SESSION		LIVEUPDATE_IOC(0x00)
#define LIVEUPDATE_IOCTL_RETRIEVE_SESSION	LIVEUPDATE_IOC(0x01)
#define LIVEUPDATE_SESSION_PRESERVE_FD		LIVEUPDATE_IOC(0x40)
#define LIVEUPDATE_SESSION_RETRIEVE_FD		LIVEUPDATE_IOC(0x41)
#define LIVEUPDATE_SESSION_FINISH		LIVEUPDATE_IOC(0x42)
#define LIVEUPDATE_SESSION_GET_NAME		LIVEUPDATE_IOC(0x43)

/* CREATE_SESSION and RETRIEVE_SESSION share this layout. */
struct lu_session_request {
	uint32_t size;
	int32_t fd;
	char name[LIVEUPDATE_NAME_LEN];
};

/* PRESERVE_FD (fd in) and RETRIEVE_FD (fd out) share this layout. */
struct lu_fd_request {
	uint32_t size;
	int32_t fd;
	uint64_t token;
};

struct lu_finish_request {
	uint32_t size;
	uint32_t reserved;
};

struct lu_get_name_request {
	uint32_t size;
	uint32_t reserved;
	char name[LIVEUPDATE_NAME_LEN];
};

_Static_assert(sizeof(struct lu_session_request) == 72, "session request");
_Static_assert(sizeof(struct lu_fd_request) == 16, "fd request");
_Static_assert(sizeof(struct lu_finish_request) == 8, "finish request");
_Static_assert(sizeof(struct lu_get_name_request) == 72, "get-name request");

/* Older libc headers lack the exec seal (Linux 6.3+). */
#ifndef F_SEAL_EXEC
#define F_SEAL_EXEC			0x0020
#endif

/* memfd seals LUO carries across (F_SEAL_SEAL ... F_SEAL_EXEC). */
#define LIVEUPDATE_MEMFD_SEALS		0x3fu

#endif
