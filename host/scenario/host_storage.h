/* SPDX-License-Identifier: MIT */
/*
 * Hosted only: the parser's model storage (luo/model.h) calloc'd to given
 * capacities, for the hosted scenarios, mkhandover and baton-inspect (the
 * last two with baton's own capacities, boot/flow.h).
 */
#ifndef BATON_HOST_SCENARIO_HOST_STORAGE_H
#define BATON_HOST_SCENARIO_HOST_STORAGE_H

#include <luo/model.h>

struct host_storage_caps {
	u64 sessions;
	u64 files;		/* also memfds and the duplicate-check work */
	u64 folios;
	u64 preserved;		/* the preserved index's runs (grow: at most 1024 first) */
	u64 map_pages;		/* also sizes the map walk's visited set */
	/*
	 * Sessions, files, memfds, folios and the duplicate-check work grow
	 * beyond the capacities above as the parse finds them, like baton's
	 * (model_storage.grow; the capacities are then first sizes only).
	 */
	bool grow;
};

/* False when any array could not be allocated (st is then freeable). */
bool host_storage_alloc(struct model_storage *st,
			const struct host_storage_caps *caps);
void host_storage_free(struct model_storage *st);

#endif
