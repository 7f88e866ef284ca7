/* SPDX-License-Identifier: MIT */
/* Host only: the "baton-capture 1" manifest writer (mkhandover). */
#ifndef BATON_HOST_CAPTURE_WRITE_H
#define BATON_HOST_CAPTURE_WRITE_H

#include <baton/capture.h>

/*
 * Writes c as manifest text (what mkhandover emits): format, ram,
 * scratch, scratch-array, kho-fdt, blobs, patterns, payload, initrd,
 * cmdline, expects, one directive a line. Returns the length the full text
 * needs (like snprintf; buf gets a NUL-terminated prefix when size is
 * short), or -1 if a name or text could not be read back (bad byte).
 * capture_parse() of the result gives back the same capture.
 */
long capture_write(const struct capture *c, char *buf, size_t size);

#endif
