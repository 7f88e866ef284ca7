/* SPDX-License-Identifier: MIT */
/*
 * Shared body of the luo fuzz targets: decode the input as a fuzz image and
 * parse it with static storage (no allocation per input).
 */
#ifndef BATON_TESTS_FUZZ_COMMON_H
#define BATON_TESTS_FUZZ_COMMON_H

#include <host/fuzz/fuzz_image.h>
#include <luo/memfd_content.h>

static u8 fuzz_buffer[FUZZ_IMAGE_BUFFER] __aligned(4096);
static struct fuzz_image fuzz_img;
static struct handover_model fuzz_model;
static struct model_session fuzz_sessions[64];
static struct model_file fuzz_files[128];
static struct model_memfd fuzz_memfds[64];
static struct model_folio fuzz_folios[1024];
static struct preserved_run fuzz_index[4096];
static u64 fuzz_map_pages[1024];
static struct finding fuzz_items[64];
static u64 fuzz_work[128];
static u64 fuzz_map_visit[2048];	/* visit_set_slots_for(1024 map pages) */
static u64 fuzz_luo_visit[8192];	/* visit_set_slots_for(4096 + 128 + 1024) */

static const struct model_storage fuzz_storage = {
	fuzz_sessions, 64, fuzz_files, 128, fuzz_memfds, 64,
	fuzz_folios, 1024, fuzz_index, 4096, fuzz_map_pages, 1024,
	fuzz_work, 128, fuzz_map_visit, 2048, fuzz_luo_visit, 8192,
};

static void fuzz_prepare(const u8 *data, size_t size,
			 struct handover_config *cfg,
			 struct finding_list *findings)
{
	fuzz_image_decode(&fuzz_img, fuzz_buffer, data, size);
	fuzz_image_config(&fuzz_img, cfg);
	finding_list_init(findings, fuzz_items, 64);
}

#endif
