// SPDX-License-Identifier: MIT
/*
 * chain_boot() for the DTB entry (arm64): the bundle's kernel as an arm64
 * Image, placed in free scratch at a 2 MiB aligned base + text_offset with
 * image_size bytes (incl. .bss), the initrd, and one segment holding the
 * next DTB (boot/chain/dtb_next.h) followed by a copy of the KHO scratch
 * array that its linux,kho-scratch points at (as the x86 chain copies it
 * into setup_data). Then the jump with x0 = that DTB. Payload only; the
 * x86 chain_boot is boot/chain/chain_boot.c.
 */
#include <baton/arch.h>
#include <baton/log.h>
#include <boot/chain/arm64_image.h>
#include <boot/chain/boot_params_build.h>
#include <boot/chain/chain_boot.h>
#include <boot/chain/dtb_next.h>
#include <boot/chain/jump_dtb.h>
#include <boot/chain/place_mm.h>
#include <string.h>

#define KHO_SCRATCH_MAX		0x10000	/* 4096 16-byte entries */

static struct chain_result result;	/* for before_jump: bundle, cmdline */

struct dtb_plan {
	struct chain_arm64_image k;
	phys_addr_t base, kernel, initrd, dtb, scratch;
	u64 kernel_span, dtb_seg;
	struct arch_map_range written[3];
};

static bool place(const struct place_ops *ops, const char *what, u64 size,
		  u64 align, enum chain_segment_kind kind, phys_addr_t *pa,
		  struct chain_status *st)
{
	size = ALIGN_UP(size, PAGE_SIZE);
	if (!ops->find(ops->ctx, size, align, 0, arch_paging_limit(), pa) ||
	    !ops->claim(ops->ctx, *pa, size, kind))
		return chain_fail(st, CHAIN_ERR_PLACE,
				  "no room in free scratch for the %s (%#llx bytes, alignment %#llx)",
				  what, (unsigned long long)size,
				  (unsigned long long)align);
	return true;
}

static void *map_rw(phys_addr_t pa, u64 size, bool exec)
{
	struct arch_map_range r = {
		.pa = pa, .size = ALIGN_UP(size, PAGE_SIZE),
		.attrs = ARCH_MAP_WRITE | (exec ? ARCH_MAP_EXEC : 0),
	};

	return arch_paging_map(&r) ? NULL : (void *)(uintptr_t)pa;
}

static bool load(const struct chain_boot_args *args, struct dtb_plan *p,
		 struct chain_status *st)
{
	const struct boot_info *bi = args->bi;
	const void *data = phys_map(args->view, bi->initrd_pa,
				    bi->initrd_size);

	if (!data)
		return chain_fail(st, CHAIN_ERR_BUNDLE,
				  "bundle [%#llx, +%#llx) is not readable",
				  (unsigned long long)bi->initrd_pa,
				  (unsigned long long)bi->initrd_size);
	if (!chain_bundle_parse(data, bi->initrd_size, bi->initrd_pa,
				&result.bundle, st) ||
	    !chain_arm64_image_probe(result.bundle.kernel.data,
				     result.bundle.kernel.size, &p->k, st) ||
	    !chain_next_cmdline(bi->cmdline, &result.bundle, result.cmdline,
				sizeof(result.cmdline),
				&result.cmdline_source, st))
		return false;
	if (bi->kho.present && !chain_arm64_image_page_size_ok(&p->k))
		return chain_fail(st, CHAIN_ERR_BZIMAGE,
				  "next Image uses %u KiB pages, the handover %u KiB (KHO needs the same page size)",
				  p->k.page_size / 1024,
				  ARM64_IMAGE_HANDOVER_PAGE / 1024);
	if (bi->kho.present && (bi->kho.scratch_size % 16 ||
				bi->kho.scratch_size > KHO_SCRATCH_MAX))
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "KHO scratch array size %#llx is not a multiple of 16 up to %#x",
				  (unsigned long long)bi->kho.scratch_size,
				  KHO_SCRATCH_MAX);
	return true;
}

static bool place_all(const struct chain_boot_args *args, struct dtb_plan *p,
		      const struct chain_dtb_input *in, struct chain_status *st)
{
	const struct chain_bundle *b = &result.bundle;
	struct place_ops ops;

	chain_place_ops_for_mm(&ops, args->mm);
	p->kernel_span = p->k.text_offset + p->k.image_size;
	p->dtb_seg = ALIGN_UP(chain_dtb_size(in), 16) +
		     (args->bi->kho.present ? args->bi->kho.scratch_size : 0);
	if (!place(&ops, "DTB and KHO scratch array", p->dtb_seg, PAGE_SIZE,
		   CHAIN_SEG_PARAMS, &p->dtb, st) ||
	    !place(&ops, "Image", p->kernel_span, ARM64_IMAGE_BASE_ALIGN,
		   CHAIN_SEG_KERNEL, &p->base, st) ||
	    (b->initrd.present &&
	     !place(&ops, "initrd", b->initrd.size, PAGE_SIZE,
		    CHAIN_SEG_INITRD, &p->initrd, st)))
		return false;
	p->kernel = p->base + p->k.text_offset;
	p->scratch = p->dtb + ALIGN_UP(chain_dtb_size(in), 16);
	return true;
}

static bool write_all(const struct chain_boot_args *args, struct dtb_plan *p,
		      struct chain_dtb_input *in, struct chain_status *st)
{
	const struct chain_bundle *b = &result.bundle;
	const struct boot_info *bi = args->bi;
	u8 *kernel = map_rw(p->kernel, p->k.image_size, true);
	u8 *dtb = map_rw(p->dtb, p->dtb_seg, false);
	u8 *initrd = b->initrd.present ?
		     map_rw(p->initrd, b->initrd.size, false) : NULL;

	if (!kernel || !dtb || (b->initrd.present && !initrd))
		return chain_fail(st, CHAIN_ERR_PLACE,
				  "a segment cannot be mapped for writing");
	memcpy(kernel, b->kernel.data, b->kernel.size);
	memset(kernel + b->kernel.size, 0, p->k.image_size - b->kernel.size);
	if (initrd)
		memcpy(initrd, b->initrd.data, b->initrd.size);
	if (bi->kho.present &&
	    !phys_read(args->view, bi->kho.scratch_addr, dtb + (p->scratch -
		       p->dtb), bi->kho.scratch_size))
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "KHO scratch array at %#llx is not readable",
				  (unsigned long long)bi->kho.scratch_addr);
	in->initrd_pa = initrd ? p->initrd : 0;
	in->initrd_size = initrd ? b->initrd.size : 0;
	in->kho_scratch_pa = p->scratch;
	if (!chain_dtb_build(in, dtb, p->scratch - p->dtb, st))
		return false;
	p->written[0] = (struct arch_map_range){ .pa = p->kernel,
						 .size = p->k.image_size };
	p->written[1] = (struct arch_map_range){ .pa = p->dtb,
						 .size = p->dtb_seg };
	p->written[2] = (struct arch_map_range){ .pa = p->initrd,
						 .size = in->initrd_size };
	return true;
}

static void log_plan(const struct dtb_plan *p, const struct chain_dtb_input *in)
{
	pr_info("chain: next kernel: arm64 Image, text_offset %#llx, image_size %#llx, %u KiB pages, %s\n",
		(unsigned long long)p->k.text_offset,
		(unsigned long long)p->k.image_size, p->k.page_size / 1024,
		p->k.anywhere ? "anywhere" : "near the start of RAM");
	pr_info("chain: command line (%s): %s\n",
		chain_cmdline_source_name(result.cmdline_source),
		result.cmdline);
	pr_info("chain: segment %-11s [%#llx-%#llx)\n", "image",
		(unsigned long long)p->kernel,
		(unsigned long long)(p->kernel + p->k.image_size));
	if (in->initrd_size)
		pr_info("chain: segment %-11s [%#llx-%#llx)\n", "initrd",
			(unsigned long long)p->initrd,
			(unsigned long long)(p->initrd + in->initrd_size));
	pr_info("chain: segment %-11s [%#llx-%#llx)\n", "dtb",
		(unsigned long long)p->dtb,
		(unsigned long long)(p->dtb + p->dtb_seg));
	if (in->kho_fdt_pa)
		pr_info("chain: dtb /chosen linux,kho-fdt %#llx+%#llx, linux,kho-scratch %#llx+%#llx\n",
			(unsigned long long)in->kho_fdt_pa,
			(unsigned long long)in->kho_fdt_size,
			(unsigned long long)in->kho_scratch_pa,
			(unsigned long long)in->kho_scratch_size);
}

static bool prepare(const struct chain_boot_args *args, struct dtb_plan *p,
		    struct chain_dtb_input *in, struct chain_status *st)
{
	const struct boot_info *bi = args->bi;

	memset(&result, 0, sizeof(result));
	memset(p, 0, sizeof(*p));
	if (!load(args, p, st))
		return false;
	*in = (struct chain_dtb_input){
		.fdt = (const void *)(uintptr_t)bi->dtb_pa,
		.cmdline = result.cmdline,
		.rng_seed = args->rng_seed,
		.rng_seed_len = args->rng_seed ? CHAIN_RNG_SEED_SIZE : 0,
	};
	if (bi->kho.present) {
		in->kho_fdt_pa = args->kho_fdt_pa ? args->kho_fdt_pa :
				 bi->kho.fdt_addr;
		in->kho_fdt_size = args->kho_fdt_pa ? CHAIN_KHO_FDT_SIZE :
				   bi->kho.fdt_size;
		in->kho_scratch_size = bi->kho.scratch_size;
	}
	if (!bi->dtb_pa || !chain_dtb_size(in))
		return chain_fail(st, CHAIN_ERR_PARAMS,
				  "no valid incoming DTB to build the next one from");
	return place_all(args, p, in, st) && write_all(args, p, in, st);
}

enum chain_decision chain_boot(const struct chain_boot_args *args,
			       struct chain_status *st)
{
	static struct dtb_plan plan;
	struct chain_dtb_input in;
	enum chain_decision decision;

	decision = chain_boot_gate(args, st);
	if (decision != CHAIN_GO)
		return decision;
	if (!prepare(args, &plan, &in, st)) {
		pr_err("chain: failed (%s): %s\n", chain_error_name(st->code),
		       st->message);
		return decision;
	}
	log_plan(&plan, &in);
	pr_info("chain: jumping to %#llx, dtb %#llx\n",
		(unsigned long long)plan.kernel, (unsigned long long)plan.dtb);
	if (args->before_jump)
		args->before_jump(args->before_jump_ctx, &result);
	chain_jump_dtb(plan.kernel, plan.dtb, plan.written,
		       ARRAY_SIZE(plan.written));
}
