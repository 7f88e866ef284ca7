/* SPDX-License-Identifier: MIT */
/*
 * Minimal <stdlib.h> for freestanding builds: only what libfdt references.
 */
#ifndef BATON_FREESTANDING_STDLIB_H
#define BATON_FREESTANDING_STDLIB_H

#include <stddef.h>

unsigned long strtoul(const char *s, char **end, int base);

#endif
