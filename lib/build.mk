# lib/: freestanding C library pieces and shared services.
CORE_SRCS	+= lib/printf.c lib/findings.c lib/physmem.c
PAYLOAD_SRCS	+= lib/string.c
UNIT_TESTS	+= test_printf
