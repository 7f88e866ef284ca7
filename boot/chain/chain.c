// SPDX-License-Identifier: MIT
/* The chain-load steps in order, each failing with its own status. */
#include <string.h>
#include <boot/chain/chain.h>

static bool load_bundle(const struct chain_request *req,
			struct chain_result *res, struct chain_status *st)
{
	const struct boot_info *bi = req->bi;
	const void *bundle;

	if (bi->initrd_size == 0)
		return chain_fail(st, CHAIN_ERR_BUNDLE,
				  "no bundle: baton was started without an initrd");
	bundle = phys_map(req->view, bi->initrd_pa, bi->initrd_size);
	if (!bundle)
		return chain_fail(st, CHAIN_ERR_BUNDLE,
				  "bundle [%#llx, +%#llx) is not readable",
				  (unsigned long long)bi->initrd_pa,
				  (unsigned long long)bi->initrd_size);
	return chain_bundle_parse(bundle, bi->initrd_size, bi->initrd_pa,
				  &res->bundle, st);
}

static void params_input(const struct chain_request *req,
			 const struct chain_result *res,
			 struct chain_params_input *in)
{
	const struct chain_segment *initrd = &res->plan.seg[CHAIN_SEG_INITRD];

	memset(in, 0, sizeof(*in));
	in->bi = req->bi;
	in->incoming_boot_params = req->incoming_boot_params;
	in->view = req->view;
	in->kernel_image = res->bundle.kernel.data;
	in->kernel = &res->kernel;
	in->cmdline = res->cmdline;
	in->initrd_pa = initrd->present ? initrd->pa : 0;
	in->initrd_size = initrd->present ? res->bundle.initrd.size : 0;
	in->rng_seed = req->rng_seed;
	in->extra = req->extra;
	in->kho_fdt_pa = req->kho_fdt_pa;
}

static bool overlaps_bundle(const struct boot_info *bi,
			    const struct chain_segment *seg)
{
	return seg->pa < bi->initrd_pa + bi->initrd_size &&
	       bi->initrd_pa < seg->pa + seg->memsz;
}

/* Copies len source bytes to the segment and zeroes the rest of memsz. */
static bool fill_segment(const struct chain_request *req,
			 const struct chain_memory_ops *mem,
			 const struct chain_plan *plan,
			 enum chain_segment_kind kind, const u8 *src, u64 len,
			 struct chain_status *st)
{
	const struct chain_segment *seg = &plan->seg[kind];
	u8 *dst;

	if (overlaps_bundle(req->bi, seg))
		return chain_fail(st, CHAIN_ERR_PLACE,
				  "%s segment [%#llx, +%#llx) overlaps the bundle it is copied from",
				  chain_segment_name(kind),
				  (unsigned long long)seg->pa,
				  (unsigned long long)seg->memsz);
	dst = mem->map_write(mem->ctx, seg->pa, seg->memsz, kind);
	if (!dst)
		return chain_fail(st, CHAIN_ERR_PLACE,
				  "%s segment [%#llx, +%#llx) cannot be mapped for writing",
				  chain_segment_name(kind),
				  (unsigned long long)seg->pa,
				  (unsigned long long)seg->memsz);
	if (len)
		memcpy(dst, src, len);
	memset(dst + len, 0, seg->memsz - len);
	return true;
}

static bool build_params(const struct chain_request *req,
			 const struct chain_memory_ops *mem,
			 struct chain_result *res, struct chain_status *st)
{
	const struct chain_segment *seg = &res->plan.seg[CHAIN_SEG_PARAMS];
	struct chain_params_input in;
	u8 *dst;

	if (!fill_segment(req, mem, &res->plan, CHAIN_SEG_PARAMS, NULL, 0, st))
		return false;
	dst = mem->map_write(mem->ctx, seg->pa, seg->memsz, CHAIN_SEG_PARAMS);
	params_input(req, res, &in);
	return chain_params_build(&in, &res->layout, seg->pa, dst, seg->memsz,
				  st);
}

static bool place_segments(const struct chain_request *req,
			   const struct place_ops *place,
			   struct chain_result *res, struct chain_status *st)
{
	struct chain_place_request preq = {
		.kernel = &res->kernel,
		.params_size = res->layout.total_size,
		.initrd_size = res->bundle.initrd.present ?
			       res->bundle.initrd.size : 0,
		.trampoline_size = req->trampoline_size,
	};

	return chain_place(&preq, place, &res->plan, st);
}

bool chain_prepare(const struct chain_request *req,
		   const struct place_ops *place,
		   const struct chain_memory_ops *mem,
		   struct chain_result *res, struct chain_status *st)
{
	const struct chain_bundle *b = &res->bundle;
	struct chain_params_input in;

	memset(res, 0, sizeof(*res));
	chain_status_ok(st);
	if (!load_bundle(req, res, st) ||
	    !chain_bzimage_probe(b->kernel.data, b->kernel.size,
				 req->la57_active, &res->kernel, st) ||
	    !chain_next_cmdline(req->bi->cmdline, b, res->cmdline,
				sizeof(res->cmdline), &res->cmdline_source,
				st))
		return false;
	params_input(req, res, &in);
	if (!chain_params_layout(&in, &res->layout, st) ||
	    !place_segments(req, place, res, st))
		return false;
	if (!fill_segment(req, mem, &res->plan, CHAIN_SEG_KERNEL,
			  b->kernel.data + res->kernel.payload_offset,
			  res->kernel.payload_size, st))
		return false;
	if (b->initrd.present &&
	    !fill_segment(req, mem, &res->plan, CHAIN_SEG_INITRD,
			  b->initrd.data, b->initrd.size, st))
		return false;
	if (!build_params(req, mem, res, st))
		return false;
	res->entry = res->plan.seg[CHAIN_SEG_KERNEL].pa +
		     BZIMAGE_ENTRY64_OFFSET;
	res->boot_params = res->plan.seg[CHAIN_SEG_PARAMS].pa;
	return true;
}
