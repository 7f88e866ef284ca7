// SPDX-License-Identifier: MIT
/*
 * baton.selftest=write-preserved: once mm's mapping is active, a write to
 * the first preserved page must fault, and the fault report must name the
 * preserved range through mm's fault-description hook.
 */
#include <string.h>
#include <baton/cmdline.h>
#include <baton/log.h>
#include <boot/flow.h>

#define SELFTEST_NAME	"write-preserved"

bool selftest_preserved_selected(const char *cmdline)
{
	char name[24];

	return cmdline_get_str(cmdline, "baton.selftest", name, sizeof(name)) &&
	       !strcmp(name, SELFTEST_NAME);
}

static int first_preserved(void *ctx, const struct range_entry *e)
{
	phys_addr_t *pa = ctx;

	if (e->kind != MM_KIND_PRESERVED)
		return 0;
	*pa = e->start;
	return 1;
}

/* noinline: the backtrace shows this frame above the fault. */
static void __attribute__((noinline)) write_to(volatile u64 *p)
{
	*p = 0x5a5a5a5a5a5a5a5aULL;
}

void selftest_write_preserved(struct flow *f)
{
	phys_addr_t pa = 0;

	pr_info("selftest: %s\n", SELFTEST_NAME);
	if (!f->paging_ready || !f->mm_ready)
		pr_err("selftest: %s: preserved memory is not mapped read-only\n",
		       SELFTEST_NAME);
	else if (!range_set_for_each(&f->mm->occupied, first_preserved, &pa))
		pr_err("selftest: %s: no preserved memory (needs a KHO handover)\n",
		       SELFTEST_NAME);
	else {
		pr_info("selftest: %s: writing to 0x%llx\n", SELFTEST_NAME,
			(unsigned long long)pa);
		write_to((volatile u64 *)(uintptr_t)pa);
		pr_err("selftest: %s did not stop baton\n", SELFTEST_NAME);
	}
	arch_exit(BATON_EXIT_FAILURE);
}
