// SPDX-License-Identifier: MIT
/*
 * Finding and checking the ACPI tables. Bounded: the RSDP, the root and at
 * most ACPI_TABLES_MAX listed tables are each checksummed once; a table
 * listed twice (or the root listing itself) is not visited again.
 */
#include <string.h>
#include <drivers/acpi/acpi_tables.h>

static const struct acpi_tables *system_tables;

/* A signature as printable text for messages (firmware bytes may not be). */
struct sig_text {
	char s[5];
};

static struct sig_text sig_text(const char *sig)
{
	struct sig_text t;
	int i;

	for (i = 0; i < 4; i++)
		t.s[i] = sig[i] >= 0x20 && sig[i] < 0x7f ? sig[i] : '?';
	t.s[4] = 0;
	return t;
}

u8 acpi_checksum(const void *p, u64 len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

static bool rsdp_v1_ok(const struct acpi_rsdp *r)
{
	return !memcmp(r->signature, "RSD PTR ", 8) &&
	       !acpi_checksum(r, ACPI_RSDP_V1_SIZE);
}

phys_addr_t acpi_rsdp_scan(const struct phys_view *view, phys_addr_t start,
			   u64 size)
{
	phys_addr_t pa = (start + 15) & ~(phys_addr_t)15;
	u64 end;

	if (!range_end(start, size, &end))
		return 0;
	for (; pa + ACPI_RSDP_V1_SIZE <= end; pa += 16) {
		const struct acpi_rsdp *r = phys_map(view, pa,
						     ACPI_RSDP_V1_SIZE);

		if (r && rsdp_v1_ok(r))
			return pa;
	}
	return 0;
}

/* The root's address from a checked RSDP; 0 (with a finding) if none. */
static phys_addr_t read_rsdp(struct acpi_tables *t, phys_addr_t pa,
			     struct finding_list *findings)
{
	const struct acpi_rsdp *r = phys_map(t->view, pa, ACPI_RSDP_V1_SIZE);

	if (!r) {
		finding_add(findings, W_ACPI_RSDP_BAD, pa,
			    "ACPI RSDP at 0x%llx is not in readable memory",
			    (unsigned long long)pa);
		return 0;
	}
	if (memcmp(r->signature, "RSD PTR ", 8)) {
		finding_add(findings, W_ACPI_RSDP_BAD, pa,
			    "ACPI RSDP signature is not \"RSD PTR \"");
		return 0;
	}
	if (acpi_checksum(r, ACPI_RSDP_V1_SIZE)) {
		finding_add(findings, W_ACPI_RSDP_BAD, pa,
			    "ACPI RSDP checksum wrong (bytes sum to 0x%02x)",
			    acpi_checksum(r, ACPI_RSDP_V1_SIZE));
		return 0;
	}
	t->rsdp_revision = r->revision;
	if (r->revision < 2)
		return r->rsdt_address;
	r = phys_map(t->view, pa, sizeof(*r));
	if (!r || r->length < sizeof(*r) || r->length > 4096 ||
	    !phys_map(t->view, pa, r->length)) {
		finding_add(findings, W_ACPI_RSDP_BAD, pa,
			    "ACPI 2.0 RSDP length %u unreadable or out of range",
			    r ? r->length : 0);
		return 0;
	}
	if (acpi_checksum(r, r->length)) {
		finding_add(findings, W_ACPI_RSDP_BAD, pa,
			    "ACPI 2.0 RSDP extended checksum wrong (sum 0x%02x)",
			    acpi_checksum(r, r->length));
		return 0;
	}
	if (r->xsdt_address) {
		t->root_is_xsdt = true;
		return r->xsdt_address;
	}
	return r->rsdt_address;
}

/*
 * A table's header and bytes: readable, at least a header long, within
 * ACPI_TABLE_MAX_LEN, summing to 0. NULL with a finding of `code` if not.
 */
static const struct acpi_sdt_header *check_table(const struct acpi_tables *t,
						 phys_addr_t pa,
						 enum finding_code code,
						 struct finding_list *findings)
{
	const struct acpi_sdt_header *h;
	u8 sum;

	h = pa ? phys_map(t->view, pa, sizeof(*h)) : NULL;
	if (!h) {
		finding_add(findings, code, pa,
			    "ACPI table header at 0x%llx is not in readable memory",
			    (unsigned long long)pa);
		return NULL;
	}
	if (h->length < sizeof(*h) || h->length > ACPI_TABLE_MAX_LEN) {
		finding_add(findings, code, pa,
			    "ACPI %s length %u is out of range (%u-%u)",
			    sig_text(h->signature).s, h->length, (u32)sizeof(*h),
			    ACPI_TABLE_MAX_LEN);
		return NULL;
	}
	if (!phys_map(t->view, pa, h->length)) {
		finding_add(findings, code, pa,
			    "ACPI %s runs past readable memory (length %u)",
			    sig_text(h->signature).s, h->length);
		return NULL;
	}
	sum = acpi_checksum(h, h->length);
	if (sum) {
		finding_add(findings, code, pa,
			    "ACPI %s checksum wrong (bytes sum to 0x%02x)",
			    sig_text(h->signature).s, sum);
		return NULL;
	}
	return h;
}

static bool seen(const struct acpi_tables *t, phys_addr_t pa)
{
	u32 i;

	if (pa == t->root_pa || pa == t->rsdp_pa)
		return true;
	for (i = 0; i < t->count; i++)
		if (t->tables[i].pa == pa)
			return true;
	return false;
}

/*
 * Entry i of the root. Entries are read by bytes: an XSDT's 64-bit
 * entries are only 4-byte aligned.
 */
static phys_addr_t root_entry(const struct acpi_tables *t,
			      const struct acpi_sdt_header *root, u32 i)
{
	const u8 *e = (const u8 *)(root + 1) + i * (t->root_is_xsdt ? 8 : 4);
	u64 v = 0;
	int b;

	for (b = t->root_is_xsdt ? 7 : 3; b >= 0; b--)
		v = v << 8 | e[b];
	return v;
}

static void add_listed(struct acpi_tables *t, phys_addr_t pa,
		       struct finding_list *findings)
{
	const struct acpi_sdt_header *h;
	struct acpi_table_ref *ref;

	if (pa && seen(t, pa)) {
		finding_add(findings, W_ACPI_TABLE_DUPLICATE, pa,
			    "ACPI %s lists 0x%llx again: visited once",
			    t->root_is_xsdt ? "XSDT" : "RSDT",
			    (unsigned long long)pa);
		return;
	}
	h = check_table(t, pa, W_ACPI_TABLE_BAD, findings);
	if (!h)
		return;
	ref = &t->tables[t->count++];
	ref->pa = pa;
	ref->length = h->length;
	memcpy(ref->signature, h->signature, 4);
}

bool acpi_tables_init(struct acpi_tables *t, const struct phys_view *view,
		      phys_addr_t rsdp_pa, struct finding_list *findings)
{
	const struct acpi_sdt_header *root;
	const char *want;
	u32 i, esize;

	memset(t, 0, sizeof(*t));
	t->view = view;
	t->rsdp_pa = rsdp_pa;
	t->root_pa = read_rsdp(t, rsdp_pa, findings);
	if (!t->root_pa)
		return false;
	want = t->root_is_xsdt ? "XSDT" : "RSDT";
	esize = t->root_is_xsdt ? 8 : 4;
	root = check_table(t, t->root_pa, W_ACPI_ROOT_BAD, findings);
	if (!root)
		return false;
	if (memcmp(root->signature, want, 4) ||
	    (root->length - sizeof(*root)) % esize) {
		finding_add(findings, W_ACPI_ROOT_BAD, t->root_pa,
			    "ACPI root is \"%s\" of length %u, expected a %s of 36 + n * %u bytes",
			    sig_text(root->signature).s, root->length, want, esize);
		return false;
	}
	t->listed = (u32)(root->length - sizeof(*root)) / esize;
	for (i = 0; i < t->listed; i++) {
		if (t->count == ACPI_TABLES_MAX) {
			finding_add(findings, W_ACPI_TABLES_TOO_MANY, t->root_pa,
				    "ACPI %s lists %u tables, the first %u checked",
				    want, t->listed, ACPI_TABLES_MAX);
			break;
		}
		add_listed(t, root_entry(t, root, i), findings);
	}
	return true;
}

bool acpi_find_table_nth(const struct acpi_tables *t, const char *sig, u32 n,
			 const void **table, u32 *len)
{
	u32 i;

	if (!t)
		return false;
	for (i = 0; i < t->count; i++) {
		const struct acpi_table_ref *ref = &t->tables[i];
		const void *p;

		if (memcmp(ref->signature, sig, 4) || n--)
			continue;
		p = phys_map(t->view, ref->pa, ref->length);
		if (!p)
			return false;
		*table = p;
		*len = ref->length;
		return true;
	}
	return false;
}

void acpi_system_set(const struct acpi_tables *t)
{
	system_tables = t;
}

const struct acpi_tables *acpi_system(void)
{
	return system_tables;
}
