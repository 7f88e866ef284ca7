/*
 * `plan`: expand a scenario without touching /dev/liveupdate (runs on the
 * host too), so tests know the expected sessions and files independently
 * of what the guest reports.
 */
#include <stdio.h>
#include <stdlib.h>

#include "agent.h"

int cmd_plan(int argc, char **argv)
{
	struct scenario sc;
	uint32_t *per_session;
	uint64_t total = 0;
	uint32_t i;

	if (argc != 2) {
		fprintf(stderr, "usage: baton-agent plan FILE|SPEC\n");
		return 2;
	}
	if (scenario_load(argv[1], &sc))
		return 2;
	per_session = calloc(sc.session_count, sizeof(*per_session));
	if (!per_session)
		return 1;
	for (i = 0; i < sc.file_count; i++) {
		per_session[sc.files[i].session]++;
		total += sc.files[i].size;
	}
	printf("PLAN sessions=%u files=%u bytes=%llu\n", sc.session_count,
	       sc.file_count, (unsigned long long)total);
	for (i = 0; i < sc.session_count; i++)
		printf("PLAN session name=%s files=%u\n", sc.sessions[i].name,
		       per_session[i]);
	for (i = 0; i < sc.file_count; i++)
		printf("PLAN file session=%s token=%llu size=%llu\n",
		       sc.sessions[sc.files[i].session].name,
		       (unsigned long long)sc.files[i].token,
		       (unsigned long long)sc.files[i].size);
	free(per_session);
	scenario_free(&sc);
	return 0;
}
