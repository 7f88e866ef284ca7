/* SPDX-License-Identifier: MIT */
/*
 * Which capture pattern generator (docs/capture-format.md, "Patterns")
 * made a run of bytes: lets a capture producer describe memfd contents as
 * a pattern line instead of sending them.
 */
#ifndef BATON_CAPTURE_RECOGNISE_H
#define BATON_CAPTURE_RECOGNISE_H

#include <baton/capture.h>

/*
 * True when bytes[0, size) equal one generator's stream from stream offset
 * off (zero, fill, agent or builder, tried in that order; seeds recovered by
 * inverting the generator on the first whole word, then every byte
 * compared). size must be a non-zero multiple of 512 and off a multiple of
 * 8. On success *p has kind, seed, size and offset (0 for zero and fill);
 * addr is left 0 for the caller.
 */
bool capture_pattern_recognise(const u8 *bytes, u64 size, u64 off,
			       struct capture_pattern *p);

#endif
