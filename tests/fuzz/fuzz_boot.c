// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for the boot side: what baton reads before it trusts
 * anything (the zero page, the setup_data list, hvm_start_info, the command
 * line) and what the chain reads and writes (the cpio bundle, the next
 * kernel's bzImage header, the next kernel's boot_params).
 *
 * The first byte picks the reader (FB_* below). "RAM" is two windows of a
 * fake physical address space, each its own heap block of exactly its size,
 * so a read past a window is an ASan report, not a silent success; the
 * input's bytes fill them. Beyond "does not crash", every reader's promises
 * are checked and a broken one aborts:
 *   - the setup_data walk visits each record at most once, follows `next`
 *     exactly, records only headers inside RAM, never more than
 *     BOOT_SETUP_DATA_MAX, and a walk that stopped early left an error
 *     finding (fail closed);
 *   - the command-line copy equals the bytes in RAM and is NUL-terminated;
 *   - the e820 and RAM windows stay bounded, sorted and disjoint;
 *   - the tokenizer's tokens lie inside the string, in order, and the
 *     typed lookups agree with a reference;
 *   - cpio entries lie inside the archive in increasing order, the writer
 *     round-trips exactly, the bundle's blobs point inside the archive;
 *   - an accepted bzImage has consistent sizes;
 *   - a built boot_params segment, read back by baton's own readers,
 *     gives exactly the e820, command line and setup_data list the layout
 *     promised, with no error finding.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <baton/cmdline.h>
#include <baton/cpio.h>
#include <boot/boot_params.h>
#include <boot/bootinfo_print.h>
#include <boot/pvh.h>
#include <boot/chain/boot_params_build.h>
#include <boot/chain/bundle.h>
#include <boot/chain/bzimage.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define RAM_PA		0x100000ULL
#define RAM0_SIZE	0x8000ULL		/* [RAM_PA, +32 KiB) */
#define RAM1_GAP	0x1000ULL		/* a hole between the windows */
#define RAM1_SIZE	0x7000ULL
#define RAM1_PA		(RAM_PA + RAM0_SIZE + RAM1_GAP)
#define FINDINGS_MAX	512

enum fuzz_boot_reader {
	FB_BOOT_PARAMS,		/* zero page + command line + setup_data */
	FB_PVH,			/* hvm_start_info + command line */
	FB_CMDLINE,		/* tokenizer and typed lookups */
	FB_CPIO,		/* cpio reader, writer round trip, bundle */
	FB_BZIMAGE,		/* next kernel's setup header */
	FB_PARAMS,		/* next kernel's boot_params, read back */
	FB_COUNT,
};

#define ASSERT(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "fuzz_boot: %s:%d: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

static struct boot_info bi, bi2;
static struct finding finding_items[FINDINGS_MAX];
static struct finding_list findings;
static struct phys_window windows[2];
static struct phys_view view;
static struct phys_window ram_windows[BOOT_E820_MAX];

/* The fake RAM: windows[i].host are exact-size heap blocks. */
static void ram_fill(const u8 *data, size_t size)
{
	static u8 *ram0, *ram1;
	size_t n0 = MIN(size, (size_t)RAM0_SIZE);
	size_t n1 = size > n0 ? MIN(size - n0, (size_t)RAM1_SIZE) : 0;

	if (!ram0) {
		ram0 = malloc(RAM0_SIZE);
		ram1 = malloc(RAM1_SIZE);
	}
	memset(ram0, 0, RAM0_SIZE);
	memset(ram1, 0, RAM1_SIZE);
	memcpy(ram0, data, n0);
	memcpy(ram1, data + n0, n1);
	windows[0] = (struct phys_window){ RAM_PA, RAM0_SIZE, ram0 };
	windows[1] = (struct phys_window){ RAM1_PA, RAM1_SIZE, ram1 };
	ASSERT(phys_view_init(&view, windows, 2));
}

static bool has_code(enum finding_code code)
{
	return finding_list_has(&findings, code);
}

static void print_sink(void *ctx, const char *text)
{
	ASSERT(strlen(text) < 1024);
}

/* Sorted, disjoint, never page 0, only RAM-typed e820 memory. */
static void check_ram_windows(const struct boot_info *b)
{
	u32 n = bootinfo_ram_windows(b, ram_windows, BOOT_E820_MAX);
	u32 i, j;

	ASSERT(n <= BOOT_E820_MAX);
	for (i = 0; i < n; i++) {
		const struct phys_window *w = &ram_windows[i];
		bool inside = false;
		u64 end;

		ASSERT(w->size && w->pa >= PAGE_SIZE);
		ASSERT(range_end(w->pa, w->size, &end));
		ASSERT(w->host == (const u8 *)(uintptr_t)w->pa);
		if (i + 1 < n)
			ASSERT(end < ram_windows[i + 1].pa);
		/* Its first byte lies in some RAM-typed entry. */
		for (j = 0; j < b->e820_count && !inside; j++) {
			const struct boot_e820_entry *e = &b->e820[j];

			inside = bootinfo_e820_type_is_ram(e->type) &&
				 w->pa >= e->addr && w->pa - e->addr < e->size;
		}
		ASSERT(inside);
	}
}

/* What boot/setup_data.c promises about the command line copy. */
static void check_cmdline_copy(const struct boot_info *b)
{
	char c;

	ASSERT(b->cmdline_len < BOOT_CMDLINE_MAX);
	ASSERT(strlen(b->cmdline) == b->cmdline_len);
	if (b->cmdline_len) {
		static char mem[BOOT_CMDLINE_MAX];

		ASSERT(phys_read(&view, b->cmdline_pa, mem, b->cmdline_len));
		ASSERT(memcmp(mem, b->cmdline, b->cmdline_len) == 0);
	}
	if (!b->cmdline_pa || has_code(E_CMDLINE_OUT_OF_RAM) ||
	    b->cmdline_truncated)
		return;
	ASSERT(phys_read(&view, b->cmdline_pa + b->cmdline_len, &c, 1));
	ASSERT(c == '\0');
}

/* The setup_data walk: each record once, `next` followed exactly. */
static void check_walk(const struct boot_info *b)
{
	struct linux_setup_data hdr;
	u32 i, j, kho = 0;

	ASSERT(b->setup_data_count <= BOOT_SETUP_DATA_MAX);
	if (!b->setup_data_head) {
		ASSERT(b->setup_data_count == 0 && !b->setup_data_truncated);
		return;
	}
	for (i = 0; i < b->setup_data_count; i++) {
		const struct boot_setup_data *sd = &b->setup_data[i];
		bool last = i + 1 == b->setup_data_count;

		for (j = 0; j < i; j++)
			ASSERT(b->setup_data[j].pa != sd->pa);
		ASSERT(phys_read(&view, sd->pa, &hdr, sizeof(hdr)));
		ASSERT(hdr.type == sd->type && hdr.len == sd->len);
		if (i == 0)
			ASSERT(sd->pa == b->setup_data_head);
		if (!last)
			ASSERT(hdr.next == b->setup_data[i + 1].pa);
		else if (!b->setup_data_truncated)
			ASSERT(hdr.next == 0);
		/* Every payload is in RAM, but a truncating last one's. */
		if (!last || !b->setup_data_truncated)
			ASSERT(!sd->len ||
			       phys_backed(&view, sd->pa + sizeof(hdr),
					   sd->len));
		if (sd->type == SETUP_KEXEC_KHO)
			kho++;
	}
	ASSERT(b->kho_record_count <= kho);
	if (b->setup_data_truncated)
		ASSERT(has_code(E_SETUP_DATA_CYCLE) ||
		       has_code(E_SETUP_DATA_TOO_LONG) ||
		       has_code(E_SETUP_DATA_OUT_OF_RAM) ||
		       has_code(E_SETUP_DATA_PAYLOAD_OUT_OF_RAM));
	if (b->setup_data_count == 0)
		ASSERT(b->setup_data_truncated);
	if (b->kho.present) {
		struct linux_kho_data k;

		ASSERT(b->kho.len >= sizeof(k));
		ASSERT(phys_read(&view, b->kho.setup_data_pa + 16, &k,
				 sizeof(k)));
		ASSERT(k.fdt_addr == b->kho.fdt_addr &&
		       k.fdt_size == b->kho.fdt_size &&
		       k.scratch_addr == b->kho.scratch_addr &&
		       k.scratch_size == b->kho.scratch_size);
		for (i = 0; i < b->setup_data_count; i++)
			if (b->setup_data[i].type == SETUP_KEXEC_KHO)
				break;
		ASSERT(i < b->setup_data_count &&
		       b->setup_data[i].pa == b->kho.setup_data_pa);
	}
}

/* FUZZ_BOOT_DEBUG=1: one line per input, to see how deep a seed goes. */
static void debug(const char *fmt, ...) __printf(1, 2);
static void debug(const char *fmt, ...)
{
	static int on = -1;
	va_list ap;

	if (on < 0)
		on = getenv("FUZZ_BOOT_DEBUG") != NULL;
	if (!on)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static void check_boot_info(const struct boot_info *b)
{
	debug("boot_info: e820 %u, cmdline %u bytes, setup_data %u%s, kho %d, findings %u\n",
	      b->e820_count, b->cmdline_len, b->setup_data_count,
	      b->setup_data_truncated ? " (truncated)" : "", b->kho.present,
	      findings.count);
	ASSERT(b->e820_count <= BOOT_E820_MAX);
	check_cmdline_copy(b);
	check_walk(b);
	check_ram_windows(b);
	bootinfo_print(b, print_sink, NULL);
}

/* The zero page is the first page of RAM; everything else points around. */
static void read_boot_params(const u8 *data, size_t size)
{
	u32 count;

	ram_fill(data, size);
	finding_list_init(&findings, finding_items, FINDINGS_MAX);
	bootinfo_read_boot_params(&bi, windows[0].host, RAM_PA, &findings);
	ASSERT(bi.e820_count <= BOOT_PARAMS_E820_MAX);
	count = bi.e820_count;
	bootinfo_read_handover(&bi, &view, &findings);
	ASSERT(bi.e820_count >= count);
}

static void fuzz_boot_params(const u8 *data, size_t size)
{
	read_boot_params(data, size);
	check_boot_info(&bi);
}

static void fuzz_pvh(const u8 *data, size_t size)
{
	phys_addr_t start_info;
	u32 i;

	if (size < 2)
		return;
	start_info = RAM_PA + (u64)data[0] * 8 + (data[1] & 0x80 ? RAM0_SIZE - 0x400 : 0);
	ram_fill(data + 2, size - 2);
	finding_list_init(&findings, finding_items, FINDINGS_MAX);
	bootinfo_from_pvh(&bi, &view, start_info, &findings);
	ASSERT(bi.protocol == BOOT_PROTOCOL_PVH);
	ASSERT(bi.setup_data_head == 0);
	for (i = 0; i < bi.e820_count; i++) {
		struct pvh_memmap_entry e;
		struct pvh_start_info si;

		ASSERT(phys_read(&view, start_info, &si, sizeof(si)));
		ASSERT(phys_read(&view, si.memmap_paddr + (u64)i * sizeof(e),
				 &e, sizeof(e)));
		ASSERT(e.addr == bi.e820[i].addr && e.size == bi.e820[i].size &&
		       e.type == bi.e820[i].type);
	}
	if (data[1] & 1) {
		/*
		 * As before baton's own tables: only [.., RAM1_PA) readable
		 * (the second window stands for RAM above 4 GiB). Nothing
		 * above may be read, and the reason is a finding.
		 */
		struct phys_window early[2] = { windows[0], windows[1] };
		struct phys_view early_view;
		u32 n = bootinfo_clip_windows(early, 2, RAM1_PA);

		ASSERT(n == 1 && early[0].size == RAM0_SIZE);
		ASSERT(phys_view_init(&early_view, early, n));
		bootinfo_check_early_map(&bi, RAM1_PA, &findings);
		bootinfo_read_handover_split(&bi, &early_view, &view,
					     &findings);
		if (bi.cmdline_pa >= RAM1_PA)
			ASSERT(has_code(E_BOOT_DATA_ABOVE_EARLY_MAP) &&
			       bi.cmdline_len == 0);
		if (bi.cmdline_len)
			ASSERT(bi.cmdline_pa + bi.cmdline_len <= RAM_PA + RAM0_SIZE);
	} else {
		bootinfo_read_handover(&bi, &view, &findings);
	}
	check_boot_info(&bi);
}

/* Reference for plain decimal: what cmdline_parse_u64 must agree with. */
static bool all_decimal(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return len > 0 && len <= 19;
}

static void fuzz_cmdline(const u8 *data, size_t size)
{
	static const char *const keys[] = {
		"console", "baton.chain", "baton.next.cmdline", "a", "",
	};
	char *s = malloc(size + 1), *prev_end;
	struct cmdline_token tok, last[ARRAY_SIZE(keys)];
	bool found[ARRAY_SIZE(keys)] = { 0 };
	const char *cursor;
	char out[16];
	size_t tokens = 0, k;
	u64 v;
	bool b;

	memcpy(s, data, size);
	s[size] = '\0';
	cursor = s;
	prev_end = s;
	while (cmdline_next(&cursor, &tok)) {
		const char *end = tok.start + tok.len;

		ASSERT(tok.start >= prev_end && end <= s + strlen(s));
		ASSERT(tok.len > 0 && cursor == end);
		ASSERT(tok.key >= tok.start && tok.key + tok.key_len <= end);
		if (tok.value)
			ASSERT(tok.value >= tok.key + tok.key_len &&
			       tok.value + tok.value_len <= end);
		ASSERT(++tokens <= size);
		prev_end = (char *)end;
		for (k = 0; k < ARRAY_SIZE(keys); k++)
			if (cmdline_token_key_is(&tok, keys[k])) {
				last[k] = tok;
				found[k] = true;
			}
		if (tok.value && cmdline_parse_u64(tok.value, tok.value_len,
						   &v) &&
		    all_decimal(tok.value, tok.value_len)) {
			char num[24];

			memcpy(num, tok.value, tok.value_len);
			num[tok.value_len] = '\0';
			ASSERT(v == strtoull(num, NULL, 10));
		}
		if (tok.value)
			cmdline_parse_bool(tok.value, tok.value_len, &b);
	}
	for (k = 0; k < ARRAY_SIZE(keys); k++) {
		ASSERT(cmdline_find(s, keys[k], &tok) == found[k]);
		if (!found[k])
			continue;
		ASSERT(tok.start == last[k].start && tok.len == last[k].len);
		if (cmdline_get_str(s, keys[k], out, sizeof(out))) {
			ASSERT(strlen(out) == tok.value_len);
			ASSERT(!tok.value_len ||
			       memcmp(out, tok.value, tok.value_len) == 0);
		} else {
			ASSERT(out[0] == '\0');
		}
		cmdline_get_u64(s, keys[k], &v);
		cmdline_get_bool(s, keys[k], &b);
	}
	free(s);
}

/* The reader over arbitrary bytes. */
static void read_cpio(const u8 *buf, size_t size)
{
	struct cpio_reader r;
	struct cpio_entry e;
	struct cpio_error err, err2;
	enum cpio_next_result res;
	size_t prev = 0, entries = 0;
	bool first = true;
	char text[256];

	cpio_reader_init(&r, buf, size);
	while ((res = cpio_next(&r, &e, &err)) == CPIO_NEXT_ENTRY) {
		ASSERT(first || e.header_offset > prev);
		first = false;
		prev = e.header_offset;
		ASSERT(e.header_offset + CPIO_HEADER_SIZE + e.name_len + 1 <=
		       e.data_offset);
		ASSERT(e.data_offset <= size && e.data_size <= size - e.data_offset);
		ASSERT(e.name == (const char *)buf + e.header_offset +
				 CPIO_HEADER_SIZE);
		ASSERT(e.name[e.name_len] == '\0' &&
		       strlen(e.name) == e.name_len);
		ASSERT(e.data == buf + e.data_offset);
		ASSERT(++entries <= size / CPIO_HEADER_SIZE);
	}
	ASSERT(res == CPIO_NEXT_END || res == CPIO_NEXT_ERROR);
	if (res == CPIO_NEXT_ERROR) {
		ASSERT(err.code != CPIO_OK && err.offset <= size);
		ASSERT(cpio_format_error(&err, text, sizeof(text)) > 0);
	}
	/* Sticky. */
	ASSERT(cpio_next(&r, &e, &err2) == res);
	ASSERT(err2.code == err.code);
}

/* Splits the input into files, writes an archive, reads it back exactly. */
static void cpio_round_trip(const u8 *data, size_t size)
{
	struct cpio_write_file files[4];
	char names[4][32];
	u32 n = 0, i;
	size_t pos = 0, len, total = 0;
	struct cpio_reader r;
	struct cpio_entry e;
	struct cpio_error err;
	u8 *buf;

	while (n < 4 && size >= 2) {
		size_t name_len = MIN((size_t)(data[0] % 31), size - 2) + 1;

		for (i = 0; i < name_len; i++)
			names[n][i] = (char)(data[1 + i] ? data[1 + i] : 'x');
		names[n][name_len] = '\0';
		data += 1 + name_len;
		size -= 1 + name_len;
		len = size ? MIN((size_t)data[0] * 7, size - 1) : 0;
		files[n] = (struct cpio_write_file){
			.name = names[n], .mode = CPIO_MODE_REGULAR | 0644,
			.ino = n + 1, .data = size ? data + 1 : NULL,
			.data_size = len,
		};
		if (!strcmp(names[n], CPIO_TRAILER_NAME))
			names[n][0] = 'T' ^ 0x20;
		if (size) {
			data += 1 + len;
			size -= 1 + len;
		}
		n++;
	}
	for (i = 0; i < n; i++)
		ASSERT(cpio_write_entry(NULL, 0, &total, &files[i]));
	ASSERT(cpio_write_trailer(NULL, 0, &total));
	buf = malloc(total);
	for (i = 0; i < n; i++)
		ASSERT(cpio_write_entry(buf, total, &pos, &files[i]));
	ASSERT(cpio_write_trailer(buf, total, &pos));
	ASSERT(pos == total);
	cpio_reader_init(&r, buf, total);
	for (i = 0; i < n; i++) {
		ASSERT(cpio_next(&r, &e, &err) == CPIO_NEXT_ENTRY);
		ASSERT(!strcmp(e.name, files[i].name));
		ASSERT(e.data_size == files[i].data_size);
		ASSERT(!e.data_size ||
		       !memcmp(e.data, files[i].data, e.data_size));
		ASSERT(e.mode == files[i].mode && e.ino == files[i].ino);
	}
	ASSERT(cpio_next(&r, &e, &err) == CPIO_NEXT_END);
	free(buf);
}

static void check_blob(const struct chain_blob *blob, const u8 *buf,
		       size_t size, phys_addr_t pa)
{
	if (!blob->present)
		return;
	ASSERT(blob->data >= buf && blob->size <= size &&
	       (size_t)(blob->data - buf) <= size - blob->size);
	ASSERT(blob->pa == pa + (u64)(blob->data - buf));
}

static void fuzz_cpio(const u8 *data, size_t size)
{
	const phys_addr_t pa = 0x7f000000;
	struct chain_bundle bundle;
	struct chain_status st;
	u8 *buf = malloc(size ? size : 1);
	size_t i;

	memcpy(buf, data, size);
	read_cpio(buf, size);
	if (chain_bundle_parse(buf, size, pa, &bundle, &st)) {
		debug("cpio: bundle kernel %llu bytes, cmdline %zu\n",
		      (unsigned long long)bundle.kernel.size,
		      bundle.cmdline_len);
		ASSERT(st.code == CHAIN_OK);
		ASSERT(bundle.kernel.present && bundle.kernel.size);
		check_blob(&bundle.kernel, buf, size, pa);
		check_blob(&bundle.initrd, buf, size, pa);
		check_blob(&bundle.cmdline, buf, size, pa);
		ASSERT(!bundle.initrd.present || bundle.initrd.size);
		if (bundle.cmdline.present) {
			const char *t = bundle.cmdline_text;
			const char *c = (const char *)bundle.cmdline.data;

			ASSERT(t >= c && bundle.cmdline_len <= bundle.cmdline.size &&
			       (size_t)(t - c) <= bundle.cmdline.size -
						  bundle.cmdline_len);
			for (i = 0; i < bundle.cmdline_len; i++)
				ASSERT(t[i] != '\0');
		}
	} else {
		ASSERT(st.code != CHAIN_OK && st.message[0]);
		ASSERT(strnlen(st.message, sizeof(st.message)) <
		       sizeof(st.message));
	}
	free(buf);
	cpio_round_trip(data, size);
}

static void fuzz_bzimage(const u8 *data, size_t size)
{
	struct chain_bzimage k;
	struct chain_status st;
	u8 *image;

	if (size < 1)
		return;
	image = malloc(size - 1 ? size - 1 : 1);
	memcpy(image, data + 1, size - 1);
	if (chain_bzimage_probe(image, size - 1, data[0] & 1, &k, &st)) {
		debug("bzimage: accepted, payload %llu\n",
		      (unsigned long long)k.payload_size);
		ASSERT(k.payload_offset < size - 1);
		ASSERT(k.payload_offset + k.payload_size == size - 1);
		ASSERT(k.init_size >= k.payload_size && k.memsz >= k.init_size);
		ASSERT(k.memsz % PAGE_SIZE == 0);
		ASSERT(k.kernel_alignment >= PAGE_SIZE &&
		       !(k.kernel_alignment & (k.kernel_alignment - 1)));
		ASSERT(k.setup_header_len >= BZIMAGE_SETUP_HEADER_MIN_END -
					      BZIMAGE_SETUP_HEADER_OFFSET &&
		       k.setup_header_len <= BZIMAGE_SETUP_HEADER_MAX_END -
					     BZIMAGE_SETUP_HEADER_OFFSET);
		ASSERT(k.relocatable_kernel);
		ASSERT(chain_bzimage_cmdline_fits(&k, k.cmdline_size, &st));
		ASSERT(k.cmdline_size == UINT32_MAX ||
		       !chain_bzimage_cmdline_fits(&k, (size_t)k.cmdline_size + 1,
						   &st));
	} else {
		debug("bzimage: %s\n", st.message);
		ASSERT(st.code == CHAIN_ERR_BZIMAGE && st.message[0]);
	}
	free(image);
}

/* A minimal acceptable bzImage whose cmdline_size the input picks. */
static void make_kernel(u8 *image, size_t size, u32 cmdline_size)
{
	struct linux_setup_header h = { 0 };

	memset(image, 0, size);
	h.setup_sects = 1;
	h.boot_flag = 0xaa55;
	h.jump = 0x66eb;	/* jump byte 0x66: header ends at 0x268 */
	memcpy(&h.header, "HdrS", 4);
	h.version = 0x020f;
	h.loadflags = BZ_LOADED_HIGH;
	h.kernel_alignment = 0x200000;
	h.relocatable_kernel = 1;
	h.xloadflags = BZ_XLF_KERNEL_64 | BZ_XLF_CAN_BE_LOADED_ABOVE_4G;
	h.cmdline_size = cmdline_size;
	h.init_size = 0x100000;
	memcpy(image + BZIMAGE_SETUP_HEADER_OFFSET, &h, sizeof(h));
}

/* Reads the built segment back with baton's readers: exact round trip. */
static void check_params_read_back(const struct chain_params_input *in,
				   const struct chain_params_layout *l,
				   phys_addr_t params_pa, const u8 *seg)
{
	static struct finding items2[FINDINGS_MAX];
	struct finding_list f2;
	struct phys_window w = { params_pa, l->total_size, seg };
	struct phys_view v;
	u32 i;

	ASSERT(phys_view_init(&v, &w, 1));
	finding_list_init(&f2, items2, FINDINGS_MAX);
	bi2.image_start = bi2.image_end = 0;
	bootinfo_read_boot_params(&bi2, seg, params_pa, &f2);
	bootinfo_read_handover(&bi2, &v, &f2);
	for (i = 0; i < f2.count; i++)
		ASSERT(f2.items[i].severity != FINDING_ERROR ||
		       f2.items[i].code == E_INITRD_OUT_OF_RAM);
	ASSERT(f2.dropped == 0);
	ASSERT(!bi2.setup_data_truncated);
	ASSERT(bi2.setup_data_count == l->entry_count);
	for (i = 0; i < l->entry_count; i++) {
		ASSERT(bi2.setup_data[i].pa == params_pa + l->entries[i].offset);
		ASSERT(bi2.setup_data[i].type == l->entries[i].type);
		ASSERT(bi2.setup_data[i].len == l->entries[i].len);
	}
	ASSERT(bi2.cmdline_len == l->cmdline_len);
	ASSERT(!strcmp(bi2.cmdline, in->cmdline));
	ASSERT(bi2.e820_count == in->bi->e820_count);
	for (i = 0; i < bi2.e820_count; i++)
		ASSERT(bi2.e820[i].addr == in->bi->e820[i].addr &&
		       bi2.e820[i].size == in->bi->e820[i].size &&
		       bi2.e820[i].type == in->bi->e820[i].type);
	ASSERT(bi2.initrd_size == in->initrd_size);
	if (in->initrd_size)
		ASSERT(bi2.initrd_pa == in->initrd_pa);
	ASSERT(bi2.kho.present == in->bi->kho.present);
	if (bi2.kho.present) {
		static u8 a[CHAIN_KHO_SCRATCH_MAX], b[CHAIN_KHO_SCRATCH_MAX];

		ASSERT(bi2.kho.scratch_size == in->bi->kho.scratch_size);
		ASSERT(phys_read(&v, bi2.kho.scratch_addr, a,
				 bi2.kho.scratch_size));
		ASSERT(phys_read(in->view, in->bi->kho.scratch_addr, b,
				 bi2.kho.scratch_size));
		ASSERT(!memcmp(a, b, bi2.kho.scratch_size));
	}
}

static void fuzz_params(const u8 *data, size_t size)
{
	static u8 image[0x1000];
	static const u8 seed[CHAIN_RNG_SEED_SIZE] = "fuzz-seed-fuzz-seed-fuzz-seed!!";
	static const char extra_bytes[] = "baton report";
	const struct chain_extra_setup_data extra = {
		SETUP_NONE, extra_bytes, sizeof(extra_bytes),
	};
	struct chain_params_layout *l = malloc(sizeof(*l));
	struct chain_params_input in = { 0 };
	struct chain_bzimage k;
	struct chain_status st;
	phys_addr_t params_pa;
	u32 cmdline_size;
	u64 pick;
	u8 *seg;

	if (size < 12) {
		free(l);
		return;
	}
	memcpy(&pick, data, 8);
	memcpy(&cmdline_size, data + 8, 4);
	data += 12;
	size -= 12;
	read_boot_params(data, size);
	make_kernel(image, sizeof(image), cmdline_size);
	ASSERT(chain_bzimage_probe(image, sizeof(image), false, &k, &st));
	in.bi = &bi;
	in.incoming_boot_params = windows[0].host;
	in.view = &view;
	in.kernel_image = image;
	in.kernel = &k;
	in.cmdline = bi.cmdline;
	in.initrd_pa = pick & 4 ? (pick >> 8) & ~0xfffULL : 0;
	in.initrd_size = pick & 4 ? (pick >> 40) : 0;
	in.rng_seed = pick & 1 ? seed : NULL;
	in.extra = pick & 2 ? &extra : NULL;
	in.kho_fdt_pa = pick & 8 ? 0x7c000000 : 0;
	if (!chain_params_layout(&in, l, &st)) {
		debug("params: layout refused: %s\n", st.message);
		ASSERT(st.code != CHAIN_OK && st.message[0]);
		free(l);
		return;
	}
	ASSERT(l->entry_count <= CHAIN_PARAMS_ENTRIES_MAX);
	ASSERT(l->e820_zeropage + l->e820_ext == bi.e820_count);
	for (u32 i = 0; i < l->entry_count; i++) {
		const struct chain_params_entry *e = &l->entries[i];

		ASSERT(e->offset % CHAIN_SETUP_DATA_ALIGN == 0);
		ASSERT(e->offset >= CHAIN_CMDLINE_OFFSET + l->cmdline_len + 1);
		ASSERT(!i || e->offset >= l->entries[i - 1].offset + 16 +
					 l->entries[i - 1].len);
		ASSERT(e->offset + 16 + e->len <= l->total_size);
	}
	params_pa = 0x200000000ULL + ((pick >> 16) & 0xff) * PAGE_SIZE;
	seg = malloc(l->total_size);
	ASSERT(!chain_params_build(&in, l, params_pa, seg, l->total_size - 1,
				   &st) || l->total_size == 0);
	if (chain_params_build(&in, l, params_pa, seg, l->total_size, &st)) {
		check_params_read_back(&in, l, params_pa, seg);
		debug("params: %u entries, %llu bytes, read back\n",
		      l->entry_count, (unsigned long long)l->total_size);
	} else
		ASSERT(st.code == CHAIN_ERR_PARAMS && st.message[0]);
	free(seg);
	free(l);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size < 1)
		return 0;
	switch (data[0] % FB_COUNT) {
	case FB_BOOT_PARAMS:
		fuzz_boot_params(data + 1, size - 1);
		break;
	case FB_PVH:
		fuzz_pvh(data + 1, size - 1);
		break;
	case FB_CMDLINE:
		fuzz_cmdline(data + 1, size - 1);
		break;
	case FB_CPIO:
		fuzz_cpio(data + 1, size - 1);
		break;
	case FB_BZIMAGE:
		fuzz_bzimage(data + 1, size - 1);
		break;
	case FB_PARAMS:
		fuzz_params(data + 1, size - 1);
		break;
	}
	return 0;
}
