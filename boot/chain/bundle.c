// SPDX-License-Identifier: MIT
/* Locates kernel, initrd and cmdline inside the chain bundle. */
#include <string.h>
#include <baton/cpio.h>
#include <boot/chain/bundle.h>

static bool name_is(const struct cpio_entry *e, const char *name)
{
	const char *n = e->name;
	size_t len = e->name_len, want = strlen(name);

	if (len >= 2 && n[0] == '.' && n[1] == '/') {
		n += 2;
		len -= 2;
	}
	return len == want && memcmp(n, name, len) == 0;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\v' || c == '\f';
}

static bool set_cmdline_text(struct chain_bundle *b, struct chain_status *st)
{
	const char *text = (const char *)b->cmdline.data;
	size_t len = b->cmdline.size;
	const char *nul = memchr(text, '\0', len);

	if (nul)
		return chain_fail(st, CHAIN_ERR_BUNDLE,
				  "bundle: cmdline contains a NUL byte at offset %zu",
				  (size_t)(nul - text));
	while (len && is_space(text[0])) {
		text++;
		len--;
	}
	while (len && is_space(text[len - 1]))
		len--;
	b->cmdline_text = text;
	b->cmdline_len = len;
	return true;
}

static struct chain_blob *slot_for(struct chain_bundle *b,
				   const struct cpio_entry *e)
{
	if (name_is(e, CHAIN_BUNDLE_KERNEL))
		return &b->kernel;
	if (name_is(e, CHAIN_BUNDLE_INITRD))
		return &b->initrd;
	if (name_is(e, CHAIN_BUNDLE_CMDLINE))
		return &b->cmdline;
	return NULL;
}

static bool take_entry(struct chain_bundle *b, const struct cpio_entry *e,
		       phys_addr_t pa, struct chain_status *st)
{
	struct chain_blob *slot = slot_for(b, e);

	if (!slot || (e->mode & CPIO_MODE_TYPE_MASK) != CPIO_MODE_REGULAR) {
		b->ignored_entries++;
		return true;
	}
	if (slot->present)
		return chain_fail(st, CHAIN_ERR_BUNDLE,
				  "bundle: duplicate entry '%s' at offset %#zx",
				  e->name, e->header_offset);
	if (e->has_checksum && cpio_data_checksum(e) != e->check)
		return chain_fail(st, CHAIN_ERR_BUNDLE,
				  "bundle: checksum mismatch for '%s' at offset %#zx (header %#x, data %#x)",
				  e->name, e->header_offset, e->check,
				  cpio_data_checksum(e));
	slot->present = true;
	slot->pa = pa + e->data_offset;
	slot->data = e->data;
	slot->size = e->data_size;
	return true;
}

bool chain_bundle_parse(const void *buf, size_t size, phys_addr_t pa,
			struct chain_bundle *bundle, struct chain_status *st)
{
	struct cpio_reader reader;
	struct cpio_entry entry;
	struct cpio_error err;
	enum cpio_next_result res;

	memset(bundle, 0, sizeof(*bundle));
	chain_status_ok(st);
	cpio_reader_init(&reader, buf, size);
	while ((res = cpio_next(&reader, &entry, &err)) == CPIO_NEXT_ENTRY)
		if (!take_entry(bundle, &entry, pa, st))
			return false;
	if (res == CPIO_NEXT_ERROR) {
		char text[CHAIN_MESSAGE_MAX];

		cpio_format_error(&err, text, sizeof(text));
		return chain_fail(st, CHAIN_ERR_BUNDLE, "bundle: %s", text);
	}
	if (!bundle->kernel.present)
		return chain_fail(st, CHAIN_ERR_NO_KERNEL,
				  "bundle: no '" CHAIN_BUNDLE_KERNEL "' entry (%zu-byte archive)",
				  size);
	if (bundle->kernel.size == 0)
		return chain_fail(st, CHAIN_ERR_NO_KERNEL,
				  "bundle: '" CHAIN_BUNDLE_KERNEL "' is empty");
	/* An empty initrd file means "no initrd", as ramdisk_size 0 does. */
	if (bundle->initrd.present && bundle->initrd.size == 0)
		bundle->initrd.present = false;
	if (bundle->cmdline.present && !set_cmdline_text(bundle, st))
		return false;
	return true;
}
