/* SPDX-License-Identifier: MIT */
/*
 * Private to the manifest reader (efi/capture_parse.c, capture_layout.c):
 * the error helper both fill struct capture_error with.
 */
#ifndef BATON_EFI_CAPTURE_INTERNAL_H
#define BATON_EFI_CAPTURE_INTERNAL_H

#include <baton/capture.h>
#include <baton/printf.h>

/* Fills *err ("line N: " + message when line != 0); returns false. */
bool capture_fail(struct capture_error *err, enum capture_error_code code,
		  u32 line, const char *fmt, ...) __printf(4, 5);

static inline unsigned long long ull(u64 v)
{
	return v;
}

#endif
