/* SPDX-License-Identifier: MIT */
/*
 * The next kernel's version string from its bzImage setup header
 * (kernel_version at 0x20e points, less 0x200, into the setup sectors) and
 * its "X.Y[.Z]" release number. Reads are bounds-checked against the file.
 */
#ifndef BATON_CHAIN_KERNEL_VERSION_H
#define BATON_CHAIN_KERNEL_VERSION_H

#include <baton/types.h>

#define BZIMAGE_KERNEL_VERSION_FIELD	0x20e
#define KERNEL_VERSION_MAX	128	/* kept, incl. the NUL */
#define KERNEL_RELEASE_MAX	64	/* its first word, with NUL */

enum kernel_version_read {
	KERNEL_VERSION_OK,
	KERNEL_VERSION_NO_HEADER,	/* file too short or no "HdrS" */
	KERNEL_VERSION_NO_FIELD,	/* kernel_version is 0 */
	KERNEL_VERSION_OUT_OF_SETUP,	/* points past the setup sectors */
	KERNEL_VERSION_UNTERMINATED,	/* no NUL before the setup ends */
	KERNEL_VERSION_EMPTY,		/* the string is "" */
};

struct kernel_release {
	u32 major, minor, patch;
	bool has_patch;
};

/*
 * Copies the version string of image (size bytes) into out (at most
 * KERNEL_VERSION_MAX - 1 bytes kept, bytes outside 0x20..0x7e as '?') and
 * its first word into release. *offset gets the field's value.
 */
enum kernel_version_read kernel_version_read(const void *image, size_t size,
					     char out[KERNEL_VERSION_MAX],
					     char release[KERNEL_RELEASE_MAX],
					     u16 *offset);
const char *kernel_version_read_name(enum kernel_version_read r);

/*
 * Parses "X.Y[.Z]" at the start of s, each part 1..5 digits, followed by
 * the end or a byte that is neither a digit nor a '.'. ("6.1.0-27-amd64",
 * "7.2", "7.2-rc1", "6.19.3+" parse; "v6.1", "6", "6.x", "6.1." do not.)
 */
bool kernel_release_parse(const char *s, struct kernel_release *out);

#endif
