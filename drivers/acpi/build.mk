# drivers/acpi/: ACPI tables (RSDP, XSDT/RSDT, checked tables) and the SPCR
# console they name. Plain data through a phys_view: also hosted.
CORE_SRCS	+= drivers/acpi/acpi_tables.c drivers/acpi/spcr.c
UNIT_TESTS	+= test_acpi_tables
