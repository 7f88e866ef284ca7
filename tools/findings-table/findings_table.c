// SPDX-License-Identifier: MIT
/*
 * findings-table: prints every finding code as a Markdown table row (code,
 * severity, summary, the module that raises it), in code order. The rows
 * between the markers of docs/findings.md are this tool's output, and
 * `make test-docs` checks they still agree with the code.
 */
#include <stdio.h>
#include <string.h>
#include <baton/findings.h>

struct module_range {
	const char *module;
	const char *doc;
	enum finding_code first;
	enum finding_code last;
};

static const char *const boot_codes[] = {
#define NAME(code, sev, text) #code,
	BOOT_FINDING_CODES(NAME)
};
static const char *const mm_codes[] = { MM_FINDING_CODES(NAME) };
static const char *const luo_codes[] = { LUO_FINDING_CODES(NAME) };
#undef NAME

static const char *module_of(const char *name, const char **doc)
{
	size_t i;

	for (i = 0; i < sizeof(boot_codes) / sizeof(boot_codes[0]); i++)
		if (!strcmp(boot_codes[i], name))
			return *doc = "findings-boot.md", "boot";
	for (i = 0; i < sizeof(mm_codes) / sizeof(mm_codes[0]); i++)
		if (!strcmp(mm_codes[i], name))
			return *doc = "findings-mm.md", "mm";
	for (i = 0; i < sizeof(luo_codes) / sizeof(luo_codes[0]); i++)
		if (!strcmp(luo_codes[i], name))
			return *doc = "findings-luo.md", "luo";
	return *doc = "", "?";
}

int main(void)
{
	int code;

	printf("| Code | Severity | Summary | Raised by |\n");
	printf("|---|---|---|---|\n");
	for (code = 1; code < FINDING_CODE_COUNT; code++) {
		const char *name = finding_code_name(code);
		const char *doc;
		const char *module = module_of(name, &doc);

		printf("| `%s` | %s | %s | [%s/](%s) |\n", name,
		       finding_severity_name(finding_code_severity(code)),
		       finding_code_summary(code), module, doc);
	}
	return 0;
}
