# lib/: freestanding C library pieces and shared services.
CORE_SRCS	+= lib/printf.c lib/findings.c lib/physmem.c lib/tsc.c
PAYLOAD_SRCS	+= lib/string.c
UNIT_TESTS	+= test_printf
# Names of <baton/bootinfo.h> constants (boot summary and reports).
CORE_SRCS	+= lib/bootinfo.c
# The serial framing of a capture (baton.capture=serial), pattern
# recognition for its memfd data, and their tests.
CORE_SRCS	+= lib/capture_serial.c lib/capture_recognise.c lib/capture_pattern.c
UNIT_TESTS	+= test_capture_serial test_capture_vectors_serial \
		   test_capture_recognise
