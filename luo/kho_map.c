// SPDX-License-Identifier: MIT
/*
 * Preserved-memory map decoders. Bitmaps are scanned 64-bit words at a
 * time: 8-word groups of zeros (or of ones inside a run) are skipped with
 * one test, other words are split into runs through their edge masks (run
 * starts, run ends) and ctz, never bit by bit. Adjacent runs of one order
 * are merged, also across bitmaps, before they reach the sink.
 */
#include <luo/kho_map.h>
#include <luo/abi.h>
#include <luo/page_list.h>
#include <string.h>

#define KHO_V1_CHAIN_MAX	(1u << 20)
/* u64 words of a radix leaf bitmap */
#define RADIX_LEAF_WORDS	(KHO_RADIX_LEAF_BITS / ABI_BITMAP_WORD_BITS)

typedef void (*run_fn)(void *ctx, phys_addr_t pa, unsigned int order,
		       u64 count);

struct map_walk {
	struct handover_access *ha;
	const struct kho_map_sink *sink;
	struct kho_map_stats *stats;
	run_fn emit;			/* the sink's run callback or an adapter */
	void *emit_ctx;
	phys_addr_t run_pa;
	u64 run_count;			/* 0: no pending run */
	unsigned int run_order;
	struct visit_set *visited;	/* map pages entered so far */
	bool stopped;			/* visited set full: walk abandoned */
};

/* Sinks without preserved_run: one preserved() call per entry. */
static void expand_run(void *ctx, phys_addr_t pa, unsigned int order,
		       u64 count)
{
	const struct kho_map_sink *sink = ctx;
	u64 i;

	for (i = 0; i < count; i++)
		sink->preserved(sink->ctx, pa + (i << (PAGE_SHIFT + order)),
				order);
}

static void drop_run(void *ctx, phys_addr_t pa, unsigned int order,
		     u64 count)
{
}

/* Resolves the sink once, so the scan loops make one indirect call per run. */
static void walk_init(struct map_walk *w, struct handover_access *ha,
		      struct visit_set *visited,
		      const struct kho_map_sink *sink,
		      struct kho_map_stats *stats)
{
	*w = (struct map_walk){ .ha = ha, .sink = sink, .stats = stats,
				.visited = visited, .emit = drop_run };
	/* each walk starts empty (a fresh set is already clear) */
	if (visited->used || visited->full || visited->has_all_ones)
		visit_set_clear(visited);
	if (sink->preserved_run) {
		w->emit = sink->preserved_run;
		w->emit_ctx = sink->ctx;
	} else if (sink->preserved) {
		w->emit = expand_run;
		w->emit_ctx = (void *)sink;
	}
}

static void emit_run(struct map_walk *w, phys_addr_t pa, unsigned int order,
		     u64 count)
{
	/* entries and bytes are derived from this when the walk ends */
	w->stats->entries_by_order[order] += count;
	w->emit(w->emit_ctx, pa, order, count);
}

static void flush_run(struct map_walk *w)
{
	if (!w->run_count)
		return;
	emit_run(w, w->run_pa, w->run_order, w->run_count);
	w->run_count = 0;
}

/* Flushes the pending run and recomputes the totals from the per-order counts. */
static void finish_walk(struct map_walk *w)
{
	struct kho_map_stats *st = w->stats;
	unsigned int o;

	flush_run(w);
	st->entries = 0;
	st->bytes = 0;
	for (o = 0; o < ARRAY_SIZE(st->entries_by_order); o++) {
		u64 n = st->entries_by_order[o], bytes;

		st->entries += n;
		if (!n)
			continue;
		if (o >= 52 || __builtin_mul_overflow(n, PAGE_SIZE << o, &bytes) ||
		    __builtin_add_overflow(st->bytes, bytes, &st->bytes))
			st->bytes = ~0ULL;
	}
}

/* Appends count entries of one order at pa, merging with the pending run. */
static void add_run(struct map_walk *w, phys_addr_t pa, unsigned int order,
		    u64 count)
{
	u64 shift = PAGE_SHIFT + order;

	if (w->run_count && w->run_order == order &&
	    w->run_pa + (w->run_count << shift) == pa) {
		w->run_count += count;
		return;
	}
	flush_run(w);
	w->run_pa = pa;
	w->run_order = order;
	w->run_count = count;
}

/*
 * Enters one map page: each physical address at most once per walk, so a
 * map whose pages are shared (a DAG or a cycle instead of a tree) costs
 * one visit per distinct page, never one per path. A second reference is
 * E_MAP_PAGE_SHARED (naming the page and who points at it again) and is not
 * descended; when the visited set cannot remember one more page the walk
 * stops with E_NOT_VALIDATED, as whatever lies beyond was not checked.
 */
static const u8 *map_page(struct map_walk *w, phys_addr_t pa, u64 size,
			  const char *what, phys_addr_t ref,
			  const char *ref_what)
{
	const u8 *p;

	if (w->stopped)
		return NULL;
	if (!ha_check_aligned(w->ha, pa, size, E_MAP_PAGE_MISALIGNED, what)) {
		w->stats->errors++;
		return NULL;
	}
	switch (visit_set_add(w->visited, pa)) {
	case VISIT_NEW:
		break;
	case VISIT_SEEN:
		ha_report(w->ha, E_MAP_PAGE_SHARED, pa,
			  "%s %#llx referenced again, by %s %#llx: shared, not walked again",
			  what, (unsigned long long)pa, ref_what,
			  (unsigned long long)ref);
		w->stats->shared++;
		w->stats->errors++;
		return NULL;
	case VISIT_FULL:
		ha_report(w->ha, E_NOT_VALIDATED, pa,
			  "preserved-memory map: walk stopped after %llu map pages, visited set full; the rest not validated",
			  (unsigned long long)w->visited->used);
		w->stopped = true;
		w->stats->incomplete = true;
		w->stats->errors++;
		return NULL;
	}
	p = ha_map(w->ha, pa, size, what);
	if (!p) {
		w->stats->errors++;
		return NULL;
	}
	w->stats->map_pages++;
	w->stats->map_bytes += size;
	if (w->sink->map_page)
		w->sink->map_page(w->sink->ctx, pa, size);
	return p;
}

/*
 * Splits one bitmap word into runs of set bits. Bit b stands for the entry
 * at first_pa + (b << shift); the caller guarantees those do not wrap.
 */
static void scan_word(struct map_walk *w, u64 word, phys_addr_t first_pa,
		      unsigned int order)
{
	unsigned int shift = PAGE_SHIFT + order;

	if (word == ~0ULL) {
		add_run(w, first_pa, order, 64);
		return;
	}
	while (word) {
		unsigned int b = __builtin_ctzll(word);
		u64 rest = ~(word >> b);
		unsigned int ones = rest ? (unsigned int)__builtin_ctzll(rest) : 64 - b;

		add_run(w, first_pa + ((u64)b << shift), order, ones);
		word = b + ones >= 64 ? 0 : word & (~0ULL << (b + ones));
	}
}

/*
 * One bitmap being scanned. Runs are found as edges: a run starts at a set
 * bit whose lower neighbour is clear and ends at the first clear bit above
 * it. Words with few edges (the usual case: folio blocks, scattered pages)
 * buffer them as bit indices, starts[k] pairing with ends[k], and runs are
 * emitted in batches; words with many edges are emitted straight from
 * their masks. Bit indices fit u16 (a bitmap has at most 32768 bits). A run
 * still open has a start and no end yet; `extra` entries precede
 * starts[0] when it continues the walker's pending run from the previous
 * bitmap.
 */
#define EDGE_FLUSH	128			/* emit at this many starts */
#define EDGE_CAP	(EDGE_FLUSH + 8 * 2 + 2)	/* + one 8-word group */

_Static_assert(PAGE_SIZE * 8 <= 65536, "bit indices must fit u16");
_Static_assert(KHO_V1_BITMAP_SMALL % 64 == 0 && PAGE_SIZE % 64 == 0,
	       "bitmaps are whole 8-word groups");

struct bitmap_scan {
	struct map_walk *w;
	run_fn emit;
	void *ctx;
	phys_addr_t base_pa;
	unsigned int order, shift;
	u32 ns, ne;
	u64 carry;			/* bit 63 of the previous word */
	u64 extra;
	u64 emitted;			/* entries handed to the sink */
	u16 starts[EDGE_CAP];
	u16 ends[EDGE_CAP];
};

static inline void emit_bits(struct bitmap_scan *sc, u64 start, u64 end)
{
	sc->emit(sc->ctx, sc->base_pa + (start << sc->shift), sc->order,
		 end - start);
	sc->emitted += end - start;
}

/* Hands every complete run to the sink; keeps the open one (if any). */
static void emit_edges(struct bitmap_scan *sc)
{
	u32 k = 0;

	if (!sc->ne)
		return;
	if (sc->w->run_count)		/* an earlier run that does not join */
		flush_run(sc->w);
	if (sc->extra) {
		emit_bits(sc, sc->starts[0] - sc->extra, sc->ends[0]);
		sc->extra = 0;
		k = 1;
	}
	for (; k < sc->ne; k++)
		emit_bits(sc, sc->starts[k], sc->ends[k]);
	if (sc->ns > sc->ne)
		sc->starts[0] = sc->starts[sc->ne];
	sc->ns -= sc->ne;
	sc->ne = 0;
}

/*
 * Appends base + the position of every set bit of mask, at most two (the
 * caller sends denser words to dense_word). Both slots are written
 * unconditionally and n advances only for real bits (bit 63 keeps the
 * empty mask's ctz defined): no data-dependent branch.
 */
static inline u32 push_bits(u16 *buf, u32 n, u64 mask, u32 base)
{
	buf[n] = (u16)(base + __builtin_ctzll(mask | (1ULL << 63)));
	n += mask != 0;
	mask &= mask - 1;
	buf[n] = (u16)(base + __builtin_ctzll(mask | (1ULL << 63)));
	return n + (mask != 0);
}

/* A word with more than two runs: emitted straight from its edge masks. */
static void dense_word(struct bitmap_scan *sc, u64 starts, u64 ends, u32 bit)
{
	unsigned int s;

	if (sc->ns > sc->ne) {		/* the open run ends in this word */
		sc->ends[sc->ne++] = (u16)(bit + __builtin_ctzll(ends));
		ends &= ends - 1;
	}
	emit_edges(sc);
	if (sc->w->run_count)
		flush_run(sc->w);
	for (; starts; starts &= starts - 1) {
		s = __builtin_ctzll(starts);
		if (!ends) {		/* open to the end of the word */
			sc->starts[sc->ns++] = (u16)(bit + s);
			return;
		}
		emit_bits(sc, bit + s, bit + __builtin_ctzll(ends));
		ends &= ends - 1;
	}
}

static inline void word_edges(struct bitmap_scan *sc, u64 word, u64 below,
			      u32 bit)
{
	u64 starts = word & ~below, ends = below & ~word;
	u64 fifth = starts ^ ends;	/* starts and ends alternate */

	fifth &= fifth - 1;
	fifth &= fifth - 1;
	fifth &= fifth - 1;
	if (fifth & (fifth - 1)) {	/* more than 2 starts or 2 ends */
		dense_word(sc, starts, ends, bit);
		return;
	}
	sc->ns = push_bits(sc->starts, sc->ns, starts, bit);
	sc->ne = push_bits(sc->ends, sc->ne, ends, bit);
}

/*
 * The edges of 8 words from bit `bit` on. The words holding any edge are
 * picked out first, so the loop runs once per such word, not per word.
 */
static void group_edges(struct bitmap_scan *sc, const u8 *p, u32 bit)
{
	u64 word[8], below[8], carry = sc->carry;
	unsigned int i, has = 0;

	for (i = 0; i < 8; i++) {
		word[i] = abi_bitmap_word(p, i);
		below[i] = (word[i] << 1) | carry;
		carry = word[i] >> 63;
		has |= (unsigned int)((word[i] ^ below[i]) != 0) << i;
	}
	sc->carry = carry;
	for (; has; has &= has - 1) {
		i = __builtin_ctz(has);
		word_edges(sc, word[i], below[i], bit + 64 * i);
	}
}

/* First 8-word group at or after wi that holds an edge (words if none). */
static u64 skip_groups(const u8 *bm, u64 wi, u64 words, u64 carry)
{
	const u8 *p;

	if (carry) {
		for (; wi + 8 <= words; wi += 8) {
			p = bm + ABI_BITMAP_WORD_BYTES * wi;
			if (~(abi_bitmap_word(p, 0) & abi_bitmap_word(p, 1) &
			      abi_bitmap_word(p, 2) & abi_bitmap_word(p, 3) &
			      abi_bitmap_word(p, 4) & abi_bitmap_word(p, 5) &
			      abi_bitmap_word(p, 6) & abi_bitmap_word(p, 7)))
				return wi;
		}
		return wi;
	}
	for (; wi + 8 <= words; wi += 8) {
		p = bm + ABI_BITMAP_WORD_BYTES * wi;
		if (abi_bitmap_word(p, 0) | abi_bitmap_word(p, 1) |
		    abi_bitmap_word(p, 2) | abi_bitmap_word(p, 3) |
		    abi_bitmap_word(p, 4) | abi_bitmap_word(p, 5) |
		    abi_bitmap_word(p, 6) | abi_bitmap_word(p, 7))
			return wi;
	}
	return wi;
}

/*
 * Scans `words` bitmap words (a multiple of 8); bit b of word wi is the
 * entry at base_pa + ((wi * 64 + b) << shift), which the caller guarantees
 * does not wrap. Groups of 8 words that are all zero outside a run, or all ones
 * inside one, hold no edge and are skipped with one test (dense and sparse
 * maps scan at memory speed). A run reaching the end of the bitmap stays
 * pending in the walker, so it can merge with the next bitmap.
 */
static void scan_bitmap(struct map_walk *w, const u8 *bm, u64 words,
			phys_addr_t base_pa, unsigned int order)
{
	struct bitmap_scan sc;		/* edge buffers: written before read */
	u64 wi;

	sc.w = w;
	sc.emit = w->emit;
	sc.ctx = w->emit_ctx;
	sc.base_pa = base_pa;
	sc.order = order;
	sc.shift = PAGE_SHIFT + order;
	sc.ns = sc.ne = 0;
	sc.carry = sc.extra = sc.emitted = 0;

	if (w->run_count && w->run_order == order &&
	    w->run_pa + (w->run_count << sc.shift) == base_pa) {
		sc.starts[sc.ns++] = 0;
		sc.extra = w->run_count;
		sc.carry = 1;
		w->run_count = 0;
	}
	for (wi = 0; wi < words; wi += 8) {
		wi = skip_groups(bm, wi, words, sc.carry);
		if (wi >= words)
			break;
		group_edges(&sc, bm + 8 * wi, wi * 64);
		if (sc.ns >= EDGE_FLUSH)
			emit_edges(&sc);
	}
	emit_edges(&sc);
	w->stats->entries_by_order[order] += sc.emitted;
	if (!sc.ns)
		return;
	/* open to the end: it becomes (or stays) the walker's pending run */
	if (w->run_count)
		flush_run(w);
	w->run_pa = base_pa + ((sc.starts[0] - sc.extra) << sc.shift);
	w->run_count = words * 64 - sc.starts[0] + sc.extra;
	w->run_order = order;
}

/* ---- radix tree ------------------------------------------------------ */

/*
 * The highest key of each order decodes to [2^64 - size, 2^64): no RAM
 * lies there, and its end is not representable. Rejected here, as the
 * kho-v1 walk rejects spans that wrap, so that every consumer (the
 * preserved index, mm) sees the same entries.
 */
static void report_top_entry(struct map_walk *w, phys_addr_t leaf,
			     unsigned int order)
{
	ha_report(w->ha, E_PRESERVED_OUTSIDE_RAM, leaf,
		  "radix entry [%#llx, 2^64) order %u ends at 2^64: beyond any RAM, dropped",
		  (unsigned long long)(0ULL - (PAGE_SIZE << order)), order);
	w->stats->errors++;
}

static void radix_key_entry(struct map_walk *w, u64 key, phys_addr_t leaf)
{
	unsigned int msb, order;

	if (key < 2) {
		ha_report(w->ha, E_RADIX_ORDER_INVALID, leaf,
			  "radix leaf bit %llu decodes to order >= 52",
			  (unsigned long long)key);
		w->stats->errors++;
		return;
	}
	msb = 63 - __builtin_clzll(key);
	order = KHO_RADIX_ORDER0_LOG2 - msb;
	if (!(key & (key + 1))) {	/* all ones: ends exactly at 2^64 */
		report_top_entry(w, leaf, order);
		return;
	}
	add_run(w, (key & ~(1ULL << msb)) << (PAGE_SHIFT + order), order, 1);
}

static void radix_scan_leaf(struct map_walk *w, const u8 *leaf,
			    phys_addr_t leaf_pa, u64 prefix)
{
	unsigned int wi, msb, order;
	u8 tail[64];			/* one 8-word group */
	u64 base_pa;

	w->stats->bitmap_bytes += PAGE_SIZE;
	if (prefix == 0) {
		/* orders >= 38: the order bit lies inside this leaf */
		for (wi = 0; wi < RADIX_LEAF_WORDS; wi++) {
			u64 word = abi_bitmap_word(leaf, wi);

			while (word) {
				u64 bit = (u64)wi * ABI_BITMAP_WORD_BITS +
					  (unsigned int)__builtin_ctzll(word);

				radix_key_entry(w, bit, leaf_pa);
				word &= word - 1;
			}
		}
		return;
	}
	msb = 63 - __builtin_clzll(prefix);
	order = KHO_RADIX_ORDER0_LOG2 - msb;
	base_pa = (prefix & ~(1ULL << msb)) << (PAGE_SHIFT + order);
	if (base_pa + ((u64)KHO_RADIX_LEAF_BITS << (PAGE_SHIFT + order)) != 0) {
		scan_bitmap(w, leaf, RADIX_LEAF_WORDS, base_pa, order);
		return;
	}
	/* the top leaf of its order: its last bit would end at 2^64 */
	memcpy(tail, leaf + PAGE_SIZE - sizeof(tail), sizeof(tail));
	if (tail[sizeof(tail) - 1] & 0x80) {
		tail[sizeof(tail) - 1] &= 0x7f;
		report_top_entry(w, leaf_pa, order);
	}
	scan_bitmap(w, leaf, (PAGE_SIZE - sizeof(tail)) / ABI_BITMAP_WORD_BYTES,
		    base_pa, order);
	scan_bitmap(w, tail, sizeof(tail) / ABI_BITMAP_WORD_BYTES,
		    base_pa + ((PAGE_SIZE - sizeof(tail)) * 8ULL <<
			       (PAGE_SHIFT + order)), order);
}

static void radix_walk_table(struct map_walk *w, phys_addr_t table,
			     unsigned int level, u64 prefix, phys_addr_t ref)
{
	const u8 *t = map_page(w, table, PAGE_SIZE, "radix table", ref,
			       ref ? "radix table" : "the KHO FDT");
	unsigned int i;

	if (!t)
		return;
	for (i = 0; i < KHO_RADIX_TABLE_ENTRIES && !w->stopped; i++) {
		phys_addr_t child = kho_radix_child(t, i);
		u64 key;

		if (!child)
			continue;
		if (level == KHO_RADIX_DEPTH - 1 && i > 3) {
			ha_report(w->ha, E_RADIX_INDEX_INVALID, table,
				  "radix root index %u implies key bit >= 53",
				  i);
			w->stats->errors++;
			continue;
		}
		key = prefix | ((u64)i << kho_radix_level_shift(level));
		if (level == 1) {
			const u8 *leaf = map_page(w, child, PAGE_SIZE,
						  "radix leaf", table,
						  "radix table");

			if (leaf)
				radix_scan_leaf(w, leaf, child, key);
		} else {
			radix_walk_table(w, child, level - 1, key, table);
		}
	}
}

void kho_radix_walk(struct handover_access *ha, phys_addr_t root,
		    struct visit_set *visited,
		    const struct kho_map_sink *sink,
		    struct kho_map_stats *stats)
{
	struct map_walk w;

	if (!root) {
		ha_report(ha, E_KHO_MEM_MAP_MISSING, 0, "radix root is 0");
		return;
	}
	walk_init(&w, ha, visited, sink, stats);
	radix_walk_table(&w, root, KHO_RADIX_DEPTH - 1, 0, 0);
	finish_walk(&w);
}

/* ---- kho-v1 chunk lists ------------------------------------------------ */

const char *kho_v1_variant_name(enum kho_v1_variant v)
{
	switch (v) {
	case KHO_V1_BITMAP_512:
		return "512-byte bitmaps (6.16/6.17)";
	case KHO_V1_BITMAP_4096:
		return "4096-byte bitmaps (6.18+)";
	default:
		return "unknown";
	}
}

const char *kho_v1_evidence_name(enum kho_v1_evidence e)
{
	static const char *const names[] = {
		"empty map", "hint", "bitmap alignment", "phys_start alignment",
		"assumed", "decoding inside RAM",
	};

	return (unsigned int)e < ARRAY_SIZE(names) ? names[e] : "?";
}

static u64 v1_bitmap_bytes(enum kho_v1_variant v)
{
	return v == KHO_V1_BITMAP_512 ? KHO_V1_BITMAP_SMALL : KHO_V1_BITMAP_PAGE;
}

/* True when phys_start is a multiple of bits << (order + 12). */
static bool v1_start_fits(u64 phys_start, u64 bitmap_bytes, unsigned int order)
{
	unsigned int log2 = __builtin_ctzll(bitmap_bytes * 8) + PAGE_SHIFT +
			    order;

	if (log2 >= 64)
		return phys_start == 0;
	return IS_ALIGNED(phys_start, 1ULL << log2);
}

enum kho_v1_variant kho_v1_detect_quiet(struct handover_access *ha,
					phys_addr_t head,
					enum kho_v1_variant hint,
					struct kho_v1_detection *out)
{
	struct kho_v1_detection d = { 0 };
	bool small_by_alignment = false;
	u64 n, c, i;
	phys_addr_t p = head;

	page_list_measure(ha->view, head, 0, KHO_V1_CHAIN_MAX, &n);
	for (c = 0; c < n && p; c++) {
		const u8 *chunk = phys_map(ha->view, p, PAGE_SIZE);
		u32 order, num;

		if (!chunk)
			break;
		d.chunks++;
		order = ABI_LE32(chunk, struct khoser_mem_chunk, order);
		num = MIN(ABI_LE32(chunk, struct khoser_mem_chunk, num_elms),
			  (u32)KHO_V1_CHUNK_ENTRIES);
		for (i = 0; order <= KHO_RADIX_MAX_ORDER && i < num; i++) {
			const u8 *e = kho_v1_chunk_entry(chunk, i);
			u64 ps = ABI_LE64(e, struct khoser_mem_bitmap_ptr,
					  phys_start);
			u64 bm = ABI_LE64(e, struct khoser_mem_bitmap_ptr,
					  bitmap);
			bool small_ok = v1_start_fits(ps, KHO_V1_BITMAP_SMALL,
						      order);
			bool large_ok = v1_start_fits(ps, KHO_V1_BITMAP_PAGE,
						      order);

			d.bitmaps++;
			if (!IS_ALIGNED(bm, KHO_V1_BITMAP_PAGE) &&
			    IS_ALIGNED(bm, KHO_V1_BITMAP_SMALL)) {
				small_by_alignment = true;
				d.small_only++;
			} else if (small_ok && !large_ok) {
				d.small_only++;
			}
		}
		p = ABI_LE64(chunk, struct khoser_mem_chunk, next);
	}

	if (d.small_only) {
		d.variant = KHO_V1_BITMAP_512;
		d.evidence = small_by_alignment ? KHO_V1_EVIDENCE_ALIGNMENT :
						  KHO_V1_EVIDENCE_PHYS_START;
		if (hint == KHO_V1_BITMAP_4096)
			ha_report(ha, E_KHO_V1_VARIANT_CONFLICT, head,
				  "hint says 4096-byte bitmaps, %llu entries fit only 512",
				  (unsigned long long)d.small_only);
	} else if (d.bitmaps == 0) {
		d.variant = hint ? hint : KHO_V1_BITMAP_4096;
		d.evidence = KHO_V1_EVIDENCE_NONE;
	} else if (hint != KHO_V1_VARIANT_UNKNOWN) {
		d.variant = hint;
		d.evidence = KHO_V1_EVIDENCE_HINT;
	} else {
		d.variant = KHO_V1_BITMAP_4096;
		d.evidence = KHO_V1_EVIDENCE_ASSUMED;
	}
	if (out)
		*out = d;
	return d.variant;
}

void kho_v1_report_detection(struct handover_access *ha, phys_addr_t head,
			     const struct kho_v1_detection *d)
{
	if (d->evidence == KHO_V1_EVIDENCE_ASSUMED)
		ha_report(ha, W_KHO_V1_VARIANT_ASSUMED, head,
			  "kho-v1 map fits both bitmap sizes; assuming 4096");
	ha_report(ha, I_KHO_V1_VARIANT, head, "kho-v1 %s, by %s",
		  kho_v1_variant_name(d->variant),
		  kho_v1_evidence_name(d->evidence));
}

enum kho_v1_variant kho_v1_detect(struct handover_access *ha, phys_addr_t head,
				  enum kho_v1_variant hint,
				  struct kho_v1_detection *out)
{
	struct kho_v1_detection d;

	kho_v1_detect_quiet(ha, head, hint, &d);
	kho_v1_report_detection(ha, head, &d);
	if (out)
		*out = d;
	return d.variant;
}

struct ram_count {
	bool (*in_ram)(const void *ctx, phys_addr_t pa, u64 len);
	const void *ctx;
	u64 outside;
};

static void count_outside(void *ctx, phys_addr_t pa, unsigned int order,
			  u64 count)
{
	struct ram_count *rc = ctx;
	u64 len;

	if (__builtin_mul_overflow(count, PAGE_SIZE << order, &len) ||
	    !rc->in_ram(rc->ctx, pa, len))
		rc->outside += count;
}

bool kho_v1_detect_by_ram(struct handover_access *ha, phys_addr_t head,
			  struct visit_set *visited,
			  bool (*in_ram)(const void *ctx, phys_addr_t pa,
					 u64 len),
			  const void *ctx, struct kho_v1_detection *d)
{
	struct handover_access quiet = *ha;
	struct ram_count small = { in_ram, ctx, 0 }, large = { in_ram, ctx, 0 };
	struct kho_map_sink sink = { .preserved_run = count_outside };
	struct kho_map_stats st;

	quiet.findings = NULL;
	sink.ctx = &small;
	memset(&st, 0, sizeof(st));
	kho_v1_walk(&quiet, head, KHO_V1_BITMAP_512, visited, &sink, &st);
	if (st.incomplete)		/* not every bitmap seen: undecided */
		return false;
	sink.ctx = &large;
	memset(&st, 0, sizeof(st));
	kho_v1_walk(&quiet, head, KHO_V1_BITMAP_4096, visited, &sink, &st);
	if (st.incomplete || (small.outside == 0) == (large.outside == 0))
		return false;
	d->variant = small.outside == 0 ? KHO_V1_BITMAP_512 :
					  KHO_V1_BITMAP_4096;
	d->evidence = KHO_V1_EVIDENCE_RAM;
	return true;
}

static void v1_scan_bitmap(struct map_walk *w, const u8 *bm, u64 bytes,
			   phys_addr_t phys_start, unsigned int order,
			   phys_addr_t bm_pa)
{
	u64 unit = 1ULL << (PAGE_SHIFT + order), all;
	u64 wi, words = bytes / ABI_BITMAP_WORD_BYTES;

	w->stats->bitmap_bytes += bytes;
	/* common case: the whole bitmap's span fits below 2^64 */
	if (!__builtin_mul_overflow(words * ABI_BITMAP_WORD_BITS, unit, &all) &&
	    !__builtin_add_overflow(phys_start, all, &all)) {
		scan_bitmap(w, bm, words, phys_start, order);
		return;
	}
	for (wi = 0; wi < words; wi++) {
		u64 word = abi_bitmap_word(bm, wi), off, first, span, end;
		unsigned int top;

		if (!word)
			continue;
		top = 63 - __builtin_clzll(word);
		if (__builtin_mul_overflow(wi * 64, unit, &off) ||
		    __builtin_add_overflow(phys_start, off, &first) ||
		    __builtin_mul_overflow((u64)top + 1, unit, &span) ||
		    __builtin_add_overflow(first, span, &end)) {
			ha_report(w->ha, E_PRESERVED_OUTSIDE_RAM, bm_pa,
				  "kho-v1 bitmap word %llu wraps the address space",
				  (unsigned long long)wi);
			w->stats->errors++;
			continue;
		}
		scan_word(w, word, first, order);
	}
}

static void v1_walk_chunk(struct map_walk *w, const u8 *chunk, phys_addr_t pa,
			  u64 bitmap_bytes)
{
	u32 order = ABI_LE32(chunk, struct khoser_mem_chunk, order);
	u32 num = ABI_LE32(chunk, struct khoser_mem_chunk, num_elms), i;

	if (num > KHO_V1_CHUNK_ENTRIES) {
		ha_report(w->ha, E_COUNT_EXCEEDS_CAPACITY, pa,
			  "kho-v1 chunk num_elms %u > %u", num,
			  KHO_V1_CHUNK_ENTRIES);
		num = KHO_V1_CHUNK_ENTRIES;
	}
	if (order > KHO_RADIX_MAX_ORDER) {
		ha_report(w->ha, E_V1_CHUNK_ORDER, pa,
			  "kho-v1 chunk order %u", order);
		w->stats->errors++;
		return;
	}
	for (i = 0; i < num && !w->stopped; i++) {
		const u8 *e = kho_v1_chunk_entry(chunk, i);
		u64 ps = ABI_LE64(e, struct khoser_mem_bitmap_ptr, phys_start);
		phys_addr_t bm_pa = ABI_LE64(e, struct khoser_mem_bitmap_ptr,
					     bitmap);
		const u8 *bm;

		if (!IS_ALIGNED(bm_pa, bitmap_bytes)) {
			ha_report(w->ha, E_V1_BITMAP_MISALIGNED, bm_pa,
				  "kho-v1 bitmap %u of chunk %#llx not %llu-aligned",
				  i, (unsigned long long)pa,
				  (unsigned long long)bitmap_bytes);
			w->stats->errors++;
			continue;
		}
		if (!IS_ALIGNED(ps, PAGE_SIZE << order)) {
			ha_report(w->ha, E_PRESERVED_MISALIGNED, pa,
				  "kho-v1 phys_start %#llx not aligned for order %u",
				  (unsigned long long)ps, order);
			w->stats->errors++;
			continue;
		}
		/* odd but decodable: Linux reserves these, so do we */
		if (!v1_start_fits(ps, bitmap_bytes, order))
			ha_report(w->ha, E_V1_PHYS_START_MISALIGNED, pa,
				  "kho-v1 phys_start %#llx not a multiple of the bitmap span (order %u)",
				  (unsigned long long)ps, order);
		bm = map_page(w, bm_pa, bitmap_bytes, "kho-v1 bitmap", pa,
			      "kho-v1 chunk");
		if (bm)
			v1_scan_bitmap(w, bm, bitmap_bytes, ps, order, bm_pa);
	}
}

void kho_v1_walk(struct handover_access *ha, phys_addr_t head,
		 enum kho_v1_variant variant, struct visit_set *visited,
		 const struct kho_map_sink *sink, struct kho_map_stats *stats)
{
	struct map_walk w;
	u64 bitmap_bytes = v1_bitmap_bytes(variant), n, c;
	phys_addr_t p = head, prev = 0;
	enum page_list_status status;

	walk_init(&w, ha, visited, sink, stats);
	n = page_list_check(ha, head, 0, KHO_V1_CHAIN_MAX,
			    "kho-v1 chunk list", &status);
	for (c = 0; c < n && p; c++) {
		const u8 *chunk;

		/* back at a chunk of the cycle E_LIST_CYCLE named: done */
		if (status == PAGE_LIST_CYCLE && visit_set_has(visited, p))
			break;
		chunk = map_page(&w, p, PAGE_SIZE, "kho-v1 chunk", prev,
				 prev ? "kho-v1 chunk" : "the KHO FDT");
		if (!chunk)
			break;
		v1_walk_chunk(&w, chunk, p, bitmap_bytes);
		prev = p;
		p = ABI_LE64(chunk, struct khoser_mem_chunk, next);
	}
	finish_walk(&w);
}

/* ---- coalescing adapter ---------------------------------------------- */

void kho_coalescer_init(struct kho_range_coalescer *c,
			void (*range)(void *ctx, phys_addr_t start, u64 size),
			void *ctx)
{
	*c = (struct kho_range_coalescer){ .range = range, .ctx = ctx };
}

void kho_coalescer_flush(struct kho_range_coalescer *c)
{
	if (!c->size)
		return;
	c->range(c->ctx, c->start, c->size);
	c->ranges++;
	c->size = 0;
}

static void coalesce_run(void *ctx, phys_addr_t pa, unsigned int order,
			 u64 count)
{
	struct kho_range_coalescer *c = ctx;
	u64 size = count << (PAGE_SHIFT + order);

	if (c->size && c->start + c->size == pa) {
		c->size += size;
		return;
	}
	kho_coalescer_flush(c);
	c->start = pa;
	c->size = size;
}

static void coalesce_map_page(void *ctx, phys_addr_t pa, u64 size)
{
	struct kho_range_coalescer *c = ctx;

	if (c->inner && c->inner->map_page)
		c->inner->map_page(c->inner->ctx, pa, size);
}

void kho_coalescer_sink(struct kho_range_coalescer *c,
			struct kho_map_sink *sink)
{
	*sink = (struct kho_map_sink){
		.ctx = c,
		.preserved_run = coalesce_run,
		.map_page = coalesce_map_page,
	};
}
