# lib/: freestanding C library pieces and shared services.
CORE_SRCS	+= lib/printf.c lib/findings.c lib/physmem.c lib/tsc.c
# The fault describer the exception handlers of every architecture ask.
PAYLOAD_SRCS	+= lib/fault_describe.c
PAYLOAD_SRCS	+= lib/string.c lib/log.c
UNIT_TESTS	+= test_printf
# The kernel command-line parser, the cpio reader/writer (chain bundle),
# the CRC32C content digest.
CORE_SRCS	+= lib/cmdline.c lib/cpio.c lib/crc32c.c
UNIT_TESTS	+= test_cmdline test_cpio test_crc32c
# Names of <baton/bootinfo.h> constants (boot summary and reports).
CORE_SRCS	+= lib/bootinfo.c
# The serial framing of a capture (baton.capture=serial), pattern
# recognition for its memfd data, and their tests.
CORE_SRCS	+= lib/capture_serial.c lib/capture_recognise.c lib/capture_pattern.c
UNIT_TESTS	+= test_capture_serial test_capture_vectors_serial \
		   test_capture_recognise
