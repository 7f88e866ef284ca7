/* SPDX-License-Identifier: MIT */
/*
 * Finding codes detected by boot/ (see <baton/findings.h>).
 * X(CODE, SEVERITY, "summary"); each is documented in docs/findings-boot.md.
 * Append only: never reorder or remove a code.
 */
#ifndef BATON_FINDING_CODES_BOOT_H
#define BATON_FINDING_CODES_BOOT_H

#define BOOT_FINDING_CODES(X)						\
	X(W_E820_TRUNCATED, WARNING, "boot_params e820_entries above 128") \
	X(W_E820_OVERFLOW, WARNING, "memory map larger than BOOT_E820_MAX") \
	X(W_E820_EXT_RAGGED, WARNING, "SETUP_E820_EXT length not a multiple of 20") \
	X(W_BOOT_PARAMS_NO_HDRS, WARNING, "boot_params setup header lacks HdrS") \
	X(W_BOOT_PARAMS_SENTINEL, WARNING, "boot_params sentinel set, ext fields ignored") \
	X(E_CMDLINE_OUT_OF_RAM, ERROR, "command line outside RAM")	\
	X(W_CMDLINE_TRUNCATED, WARNING, "command line longer than BOOT_CMDLINE_MAX") \
	X(E_INITRD_OUT_OF_RAM, ERROR, "initrd outside RAM")		\
	X(E_SETUP_DATA_OUT_OF_RAM, ERROR, "setup_data header outside RAM") \
	X(E_SETUP_DATA_PAYLOAD_OUT_OF_RAM, ERROR, "setup_data payload runs outside RAM") \
	X(E_SETUP_DATA_CYCLE, ERROR, "setup_data list revisits an entry") \
	X(E_SETUP_DATA_TOO_LONG, ERROR, "setup_data list longer than BOOT_SETUP_DATA_MAX") \
	X(I_SETUP_INDIRECT, INFO, "SETUP_INDIRECT entry noted, not followed") \
	X(W_SETUP_INDIRECT_SHORT, WARNING, "SETUP_INDIRECT entry shorter than 24 bytes") \
	X(E_KHO_SETUP_DATA_SHORT, ERROR, "SETUP_KEXEC_KHO shorter than struct kho_data") \
	X(E_KHO_SETUP_DATA_DUPLICATE, ERROR, "more than one SETUP_KEXEC_KHO entry") \
	X(E_PVH_BAD_MAGIC, ERROR, "hvm_start_info magic wrong")	\
	X(E_PVH_START_INFO_OUT_OF_RAM, ERROR, "hvm_start_info not readable") \
	X(W_PVH_NO_MEMMAP, WARNING, "hvm_start_info carries no memory map") \
	X(E_PVH_MEMMAP_OUT_OF_RAM, ERROR, "PVH memory map not readable") \
	X(E_PVH_MODLIST_OUT_OF_RAM, ERROR, "PVH module list not readable") \
	X(I_PVH_EXTRA_MODULES, INFO, "PVH modules beyond the first ignored") \
	X(E_BOOT_PARAMS_NULL, ERROR, "boot_params pointer is NULL") \
	X(E_CHAIN_KERNEL_REJECTED, ERROR, "next kernel in the bundle fails the bzImage probe") \
	X(W_CHAIN_ABI_MISMATCH, WARNING, "next kernel does not speak the handover's ABI") \
	X(E_CHAIN_ABI_MISMATCH, ERROR, "next kernel does not speak the handover's ABI (on-clean)") \
	X(W_CHAIN_ABI_UNCHECKED, WARNING, "next kernel's ABI unknown, handover not checked against it") \
	X(W_REPORT_SUBTREE_FAILED, WARNING, "baton subtree not added, handover forwarded unchanged") \
	X(E_REPORT_HANDOVER_CHANGED, ERROR, "amended handover does not keep exactly the old preserved set") \
	X(E_VERIFY_NO_HANDOVER, ERROR, "baton.role=verify without a KHO handover") \
	X(E_VERIFY_REPORT_MISSING, ERROR, "no baton subtree from the previous instance") \
	X(E_VERIFY_REPORT_INVALID, ERROR, "previous baton's report blob fails its checks") \
	X(E_VERIFY_FINGERPRINT_MISSING, ERROR, "previous report has no usable handover fingerprint") \
	X(E_VERIFY_DIGEST_MISMATCH, ERROR, "handover differs from what the previous baton received") \
	X(E_BOOT_DATA_ABOVE_EARLY_MAP, ERROR, "boot structure above what the entry's page tables map") \
	X(W_ACPI_RSDP_BAD, WARNING, "ACPI RSDP unreadable or fails its signature, length or checksum") \
	X(W_ACPI_ROOT_BAD, WARNING, "ACPI XSDT/RSDT unreadable or fails its signature, length or checksum") \
	X(W_ACPI_TABLE_BAD, WARNING, "ACPI table unreadable or fails its length or checksum: ignored") \
	X(W_ACPI_TABLE_DUPLICATE, WARNING, "ACPI root lists a table twice (or itself): visited once") \
	X(W_ACPI_TABLES_TOO_MANY, WARNING, "ACPI root lists more than ACPI_TABLES_MAX tables: the rest ignored") \
	X(W_ACPI_SPCR_UNUSABLE, WARNING, "ACPI SPCR names a console baton cannot drive: not used") \
	X(W_MADT_MALFORMED, WARNING, "ACPI MADT malformed: only the boot CPU is used") \
	X(I_SMP_NO_TRAMPOLINE, INFO, "no free page below 1 MiB for the AP trampoline: one CPU") \
	X(W_SMP_CPU_NO_ANSWER, WARNING, "a CPU did not answer INIT-SIPI-SIPI (arm64: PSCI CPU_ON): its share done by the others") \
	X(E_CHAIN_PAGE_SIZE_MISMATCH, ERROR, "next arm64 Image's page size differs from the handover's") \
	X(E_SMP_CPU_NOT_PARKED, ERROR, "a CPU baton started could not be parked: it would run on under the next kernel")

#endif
