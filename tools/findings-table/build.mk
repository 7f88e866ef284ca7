# tools/findings-table/: prints the finding-code table of docs/findings.md;
# test-docs checks the document and every module's findings doc against it.
FINDINGS_TABLE	:= $(BUILD)/tools/findings-table
ALL_TARGETS	+= $(FINDINGS_TABLE)

$(FINDINGS_TABLE): tools/findings-table/findings_table.c $(BUILD)/host/libbaton.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(CFLAGS_HOST) -MMD -MP $< -o $@ $(LDFLAGS_HOST) $(BUILD)/host/libbaton.a $(LDLIBS_HOST)

.PHONY: test-docs findings-doc
test-docs: $(FINDINGS_TABLE)
	$(Q)tools/findings-table/check-docs.sh $(FINDINGS_TABLE)
findings-doc: $(FINDINGS_TABLE)
	$(Q)tools/findings-table/check-docs.sh $(FINDINGS_TABLE) --update
