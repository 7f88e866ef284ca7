# report/: the human report, the JSON report and the report blob (CORE).
CORE_SRCS	+= report/json_writer.c report/json_validate.c \
		   report/text.c report/verdict.c report/timeline.c \
		   report/human.c report/json.c report/blob.c \
		   report/sink_buffer.c report/memory_mm.c
PAYLOAD_SRCS	+= report/console.c
UNIT_TESTS	+= test_report_json test_report test_report_mm \
		   test_report_vectors test_report_golden
# The handover fingerprint member (writer and the next baton's reader).
CORE_SRCS	+= report/fingerprint.c
UNIT_TESTS	+= test_report_fingerprint
# The next kernel's ABI precheck as the "chain" section.
CORE_SRCS	+= report/chain.c
UNIT_TESTS	+= test_report_chain
# What baton.bridge=on wrote, as the "bridge" section (docs/bridge.md).
CORE_SRCS	+= report/bridge.c
UNIT_TESTS	+= test_report_bridge
# libFuzzer target for the fingerprint reader, and a short smoke run of it.
FUZZ_TARGETS	+= fuzz_fingerprint
.PHONY: test-fuzz-fingerprint
test-fuzz-fingerprint: $(BUILD)/tests/fuzz/fuzz_fingerprint
	$(Q)rc=0; $(call fuzz_smoke,fuzz_fingerprint,10,2048,tests/fuzz/seeds-fingerprint) exit $$rc
# The jump stamp rewritten into a written blob (report/blob_patch.h).
CORE_SRCS	+= report/blob_patch.c
UNIT_TESTS	+= test_blob_patch
