// SPDX-License-Identifier: MIT
/*
 * Writes the seed corpus of the luo fuzzers: one small scenario per release
 * profile, built by the real builders and encoded as fuzz images.
 * Usage: seedgen DIR
 */
#include <host/fuzz/fuzz_image.h>
#include <host/scenario/host_scenario.h>
#include <stdio.h>
#include <stdlib.h>

static const struct build_memfd memfd_small = { .size = 10000, .pos = 7,
						.seals = 0x5 };
static const struct build_memfd memfd_empty = { .size = 0 };
static const struct build_file files[] = {
	{ .token = 1, .memfd = &memfd_small },
	{ .token = 2, .memfd = &memfd_empty },
};
static const struct build_session sessions[] = {
	{ "seed", files, 2 },
	{ "idle", NULL, 0 },
};
static const struct build_flb flbs[] = { { "flb-seed", 42, 1 } };
static const struct build_reserve_mem rmem[] = { { "r0", 8192, 0 } };

int main(int argc, char **argv)
{
	enum release_profile p;
	static u8 out[4 * 1024 * 1024];

	if (argc != 2) {
		fprintf(stderr, "usage: seedgen DIR\n");
		return 2;
	}
	for (p = PROFILE_6_16; p < PROFILE_COUNT; p++) {
		struct host_scenario *s = calloc(1, sizeof(*s));
		struct handover_spec spec = {
			.profile = p, .liveupdate_num = 1,
			.sessions = sessions, .session_count = 2,
			.flbs = flbs, .flb_count = 1,
			.reserve_mem = rmem, .reserve_mem_count = 1,
			.previous_release = "7.2.0", .kexec_count = 1,
		};
		char path[512];
		size_t n;
		FILE *f;

		if (!s || !host_scenario_init(s, p, 8 * SZ_1M) ||
		    !host_scenario_build(s, &spec)) {
			fprintf(stderr, "seedgen: cannot build %s\n",
				release_profile_name(p));
			return 1;
		}
		n = fuzz_image_encode(s, out, sizeof(out));
		snprintf(path, sizeof(path), "%s/profile-%d.bin", argv[1], p);
		f = fopen(path, "wb");
		if (!n || !f || fwrite(out, 1, n, f) != n) {
			fprintf(stderr, "seedgen: cannot write %s\n", path);
			return 1;
		}
		fclose(f);
		host_scenario_free(s);
		free(s);
	}
	return 0;
}
