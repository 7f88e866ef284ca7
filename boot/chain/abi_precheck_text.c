// SPDX-License-Identifier: MIT
/*
 * The ABI precheck as one line (report, log and finding message): what the
 * next kernel speaks, then how that compares with the handover.
 */
#include <stdarg.h>
#include <baton/printf.h>
#include <boot/chain/abi_precheck.h>

struct text {
	char *buf;
	size_t size, len;
};

static void add(struct text *t, const char *fmt, ...) __printf(2, 3);

static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->len >= t->size)
		return;
	va_start(ap, fmt);
	n = baton_vsnprintf(t->buf + t->len, t->size - t->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len = MIN(t->len + (size_t)n, t->size - 1);
}

static void add_memfds(struct text *t, u32 seen)
{
	bool any = false;
	u32 v;

	for (v = MEMFD_VERSION_V1; v <= MEMFD_VERSION_V2; v++) {
		if (!(seen & (1U << v)))
			continue;
		add(t, "%s%s", any ? "+" : " ", memfd_version_name(v));
		any = true;
	}
}

/* "kho-v4 luo-v5 memfd-v2", "kho-v1 (no LUO, no memfd)". */
static void add_abi(struct text *t, const struct chain_abi *abi,
		    u32 memfd_seen)
{
	add(t, "%s", kho_version_name(abi->kho));
	if (abi->luo != LUO_VERSION_NONE)
		add(t, " %s", luo_version_name(abi->luo));
	if (memfd_seen)
		add_memfds(t, memfd_seen);
	if (abi->luo == LUO_VERSION_NONE && !memfd_seen)
		add(t, " (no LUO, no memfd)");
	else if (abi->luo == LUO_VERSION_NONE)
		add(t, " (no LUO)");
	else if (!memfd_seen)
		add(t, " (no memfd)");
}

static u32 memfd_bit(enum memfd_version v)
{
	return v == MEMFD_VERSION_NONE ? 0 : 1U << v;
}

static void add_kernel(struct text *t, const struct chain_precheck *pc)
{
	if (pc->read != KERNEL_VERSION_OK) {
		add(t, "next kernel version unreadable (%s)",
		    kernel_version_read_name(pc->read));
		return;
	}
	if (pc->next_is_baton) {
		add(t, "next kernel is baton (reads kho-v1..v4, luo-v1/v5, memfd-v1/v2)");
		return;
	}
	if (!pc->release_parsed) {
		add(t, "next kernel \"%s\" is not an X.Y[.Z] release",
		    pc->release);
		return;
	}
	add(t, "next kernel %s", pc->release);
	switch (pc->matrix) {
	case CHAIN_ABI_RELEASE_PRE_KHO:
		add(t, " speaks no KHO (before 6.16)");
		break;
	case CHAIN_ABI_RELEASE_TOO_NEW:
		add(t, " is newer than the ABI matrix (%u.%u)",
		    CHAIN_ABI_NEWEST_MAJOR, CHAIN_ABI_NEWEST_MINOR);
		break;
	default:
		add(t, " speaks ");
		add_abi(t, &pc->kernel, memfd_bit(pc->kernel.memfd));
	}
}

static void add_handover(struct text *t, const struct chain_precheck *pc)
{
	add(t, "handover ");
	add_abi(t, &pc->handover, pc->handover_memfd_seen);
}

int chain_precheck_text(const struct chain_precheck *pc, char *buf,
			size_t size)
{
	struct text t = { buf, size, 0 };

	if (!size)
		return 0;
	buf[0] = '\0';
	switch (pc->result) {
	case CHAIN_ABI_NOT_RUN:
		add(&t, "next kernel not checked");
		return (int)t.len;
	case CHAIN_ABI_REJECTED:
		add(&t, pc->arm64_image ?
			"next kernel rejected by the arm64 Image probe" :
			"next kernel rejected by the bzImage probe");
		return (int)t.len;
	default:
		break;
	}
	add_kernel(&t, pc);
	switch (pc->result) {
	case CHAIN_ABI_NO_HANDOVER:
		add(&t, ": no handover to check");
		break;
	case CHAIN_ABI_MATCH:
		add(&t, ": matches handover");
		break;
	case CHAIN_ABI_MISMATCH:
		add(&t, ": MISMATCH with ");
		add_handover(&t, pc);
		if (pc->refused)
			add(&t, ", refused (on-clean)");
		break;
	default:
		add(&t, ": not checked against ");
		add_handover(&t, pc);
		break;
	}
	return (int)t.len;
}
