# efi/: the capture manifest (CORE, shared with mkhandover and
# baton-inspect) and build/baton.efi, the UEFI launcher that replays a
# capture and enters a bzImage payload (docs/uefi.md).
CORE_SRCS	+= lib/capture_manifest.c
UNIT_TESTS	+= test_capture_manifest
