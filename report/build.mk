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
# libFuzzer target for the fingerprint reader, and a short smoke run of it.
FUZZ_TARGETS	+= fuzz_fingerprint
.PHONY: test-fuzz-fingerprint
test-fuzz-fingerprint: $(BUILD)/tests/fuzz/fuzz_fingerprint
	$(Q)mkdir -p $(BUILD)/fuzz-corpus/fuzz_fingerprint
	$(Q)if $(BUILD)/tests/fuzz/fuzz_fingerprint -max_total_time=10 -max_len=2048 -print_final_stats=1 \
		-artifact_prefix=$(BUILD)/fuzz-corpus/fuzz_fingerprint- \
		$(BUILD)/fuzz-corpus/fuzz_fingerprint tests/fuzz/seeds-fingerprint \
		>$(BUILD)/fuzz-corpus/fuzz_fingerprint.log 2>&1; then \
		echo "PASS: fuzz/fuzz_fingerprint (10 s, $$(grep -o 'stat::number_of_executed_units: *[0-9]*' $(BUILD)/fuzz-corpus/fuzz_fingerprint.log | grep -o '[0-9]*$$') runs)"; \
	else echo "FAIL: fuzz/fuzz_fingerprint (see $(BUILD)/fuzz-corpus/fuzz_fingerprint.log)"; exit 1; fi
TEST_STEPS	+= test-fuzz-fingerprint
# The jump stamp rewritten into a written blob (report/blob_patch.h).
CORE_SRCS	+= report/blob_patch.c
UNIT_TESTS	+= test_blob_patch
