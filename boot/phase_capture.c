// SPDX-License-Identifier: MIT
/*
 * The capture phase: under baton.capture=serial, the handover baton
 * received goes out on the serial line as a baton-capture 1 directory
 * (docs/capture-format.md); the serializer is boot/capture_send.c.
 */
#include <string.h>
#include <baton/cmdline.h>
#include <baton/log.h>
#include <boot/capture_send.h>
#include <boot/flow.h>

static void *plan_alloc(void *ctx, u64 bytes)
{
	return flow_alloc(ctx, bytes);
}

static bool capture_selected(const char *cmdline)
{
	char mode[16];

	if (!cmdline_get_str(cmdline, "baton.capture", mode, sizeof(mode)))
		return false;
	if (!strcmp(mode, "serial"))
		return true;
	pr_warn("capture: baton.capture=%s unknown (only \"serial\"): no capture\n",
		mode);
	return false;
}

void phase_capture(struct flow *f)
{
	struct capture_source src = {
		.m = f->model,
		.view = f->ram_view,
		.scratch_array = f->bi->kho.scratch_addr,
		.version = BATON_VERSION,
		.alloc = plan_alloc,
		.ctx = f,
	};
	struct capture_totals t = { 0 };

	if (!capture_selected(f->bi->cmdline))
		return;
	if (!f->model || !f->mm_ready || !capture_send_plan(&src, &t)) {
		pr_warn("capture: %s: no capture\n",
			!f->model ? "no handover" : "no memory for the plan");
		return;
	}
	pr_info("capture: serial, %llu metadata entries, %llu data folios\n",
		(unsigned long long)t.meta_entries,
		(unsigned long long)t.data_folios);
	capture_send(&t);
	pr_info("capture: %u files, %u pattern lines, %llu bytes of unrecognised memfd data sent, %llu left out\n",
		t.files, t.pattern_lines, (unsigned long long)t.raw_bytes,
		(unsigned long long)t.left_out_bytes);
	flow_mark(f, "capture");
}
