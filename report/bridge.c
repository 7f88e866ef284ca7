// SPDX-License-Identifier: MIT
/* The "bridge" report section (docs/report-schema.md, docs/bridge.md). */
#include <baton/printf.h>
#include <report/bridge.h>

int report_bridge_text(const struct bridge_result *b, char *buf, size_t size)
{
	return baton_snprintf(buf, size,
			      "%s (%s %s %s) -> kho-v4 luo-v5 memfd-v2: %llu descriptor pages written (%u session blocks, %u file blocks, %u memfd-v2 descriptors, kexec-metadata %s), %llu map pages; %llu old descriptors dropped, %llu bytes freed",
			      release_profile_name(b->from),
			      kho_version_name(b->from_kho),
			      luo_version_name(b->from_luo),
			      memfd_version_name(b->from_memfd),
			      (unsigned long long)b->pages_written,
			      b->session_blocks, b->file_blocks,
			      b->memfds_rewritten,
			      b->metadata_synthesized ? "written" : "kept",
			      (unsigned long long)b->map_pages,
			      (unsigned long long)b->entries_dropped,
			      (unsigned long long)b->bytes_freed);
}

static void versions(struct json_writer *w, const char *key,
		     enum kho_version kho, enum luo_version luo,
		     enum memfd_version memfd)
{
	json_object_begin_inline(w, key);
	json_string(w, "kho", kho_version_name(kho));
	json_string(w, "luo", luo_version_name(luo));
	json_string(w, "memfd", memfd_version_name(memfd));
	json_object_end(w);
}

void report_bridge_json(struct json_writer *w, const struct bridge_result *b)
{
	json_object_begin(w, "bridge");
	json_string(w, "from_profile", release_profile_name(b->from));
	versions(w, "from", b->from_kho, b->from_luo, b->from_memfd);
	versions(w, "to", KHO_VERSION_V4, LUO_VERSION_V5, MEMFD_VERSION_V2);
	json_hex(w, "kho_fdt", b->fdt_pa);
	json_hex(w, "map_root", b->map_root);
	json_object_begin_inline(w, "written");
	json_u64(w, "descriptor_pages", b->pages_written);
	json_u64(w, "session_blocks", b->session_blocks);
	json_u64(w, "file_blocks", b->file_blocks);
	json_u64(w, "memfd_descriptors", b->memfds_rewritten);
	json_bool(w, "metadata", b->metadata_synthesized);
	json_u64(w, "map_pages", b->map_pages);
	json_object_end(w);
	json_object_begin_inline(w, "freed");
	json_u64(w, "entries", b->entries_dropped);
	json_u64(w, "bytes", b->bytes_freed);
	json_u64(w, "old_map_pages", b->old_map_pages);
	json_object_end(w);
	json_object_end(w);
}
