# boot/: baton's report handed to the next kernel as the KHO subtree
# `baton`, handover fingerprints and baton.role=verify (docs/chain.md).
CORE_SRCS	+= boot/report_options.c
UNIT_TESTS	+= test_report_options
PAYLOAD_SRCS	+= boot/phase_fingerprint.c boot/phase_amend.c
