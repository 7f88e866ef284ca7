// SPDX-License-Identifier: MIT
/* baton.chain= and the next kernel's command line. */
#include <string.h>
#include <baton/cmdline.h>
#include <boot/chain/options.h>

#define OPT_CHAIN		"baton.chain"
#define OPT_NEXT_CMDLINE	"baton.next.cmdline"
#define BATON_OPTION_PREFIX	"baton."

static const struct {
	const char *text;
	enum chain_mode mode;
} chain_mode_values[] = {
	{ "off", CHAIN_MODE_OFF },
	{ "on", CHAIN_MODE_ON },
	{ "on-clean", CHAIN_MODE_ON_CLEAN },
};

const char *chain_mode_name(enum chain_mode mode)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(chain_mode_values); i++)
		if (chain_mode_values[i].mode == mode)
			return chain_mode_values[i].text;
	return "?";
}

const char *chain_cmdline_source_name(enum chain_cmdline_source source)
{
	switch (source) {
	case CHAIN_CMDLINE_OPTION:
		return OPT_NEXT_CMDLINE;
	case CHAIN_CMDLINE_BUNDLE:
		return "bundle";
	case CHAIN_CMDLINE_INHERITED:
		return "inherited";
	}
	return "?";
}

bool chain_mode_from_cmdline(const char *cmdline, enum chain_mode *mode,
			     struct chain_status *st)
{
	struct cmdline_token tok;
	size_t i;

	chain_status_ok(st);
	*mode = CHAIN_MODE_DEFAULT;
	if (!cmdline_find(cmdline, OPT_CHAIN, &tok))
		return true;
	for (i = 0; i < ARRAY_SIZE(chain_mode_values); i++) {
		const char *text = chain_mode_values[i].text;

		if (tok.value && tok.value_len == strlen(text) &&
		    memcmp(tok.value, text, tok.value_len) == 0) {
			*mode = chain_mode_values[i].mode;
			return true;
		}
	}
	*mode = CHAIN_MODE_OFF;
	return chain_fail(st, CHAIN_ERR_OPTION,
			  OPT_CHAIN "=%.*s: expected off, on or on-clean; not chaining",
			  tok.value ? (int)MIN(tok.value_len, 40) : 0,
			  tok.value ? tok.value : "");
}

enum chain_decision chain_decide(enum chain_mode mode, u32 error_findings)
{
	if (mode == CHAIN_MODE_OFF)
		return CHAIN_STOP_OFF;
	if (mode == CHAIN_MODE_ON_CLEAN && error_findings)
		return CHAIN_STOP_ERRORS;
	return CHAIN_GO;
}

/* Appends text + optional separating space; false if out is too small. */
static bool append(char *out, size_t size, size_t *len, const char *text,
		   size_t text_len)
{
	size_t sep = *len ? 1 : 0;

	if (text_len == 0)
		return true;
	if (sep + text_len >= size - *len)
		return false;
	if (sep)
		out[(*len)++] = ' ';
	memcpy(out + *len, text, text_len);
	*len += text_len;
	out[*len] = '\0';
	return true;
}

static bool inherit_cmdline(const char *cmdline, char *out, size_t size)
{
	const char *cursor = cmdline;
	struct cmdline_token tok;
	size_t len = 0;

	out[0] = '\0';
	while (cmdline_next(&cursor, &tok))
		if (!cmdline_token_key_has_prefix(&tok, BATON_OPTION_PREFIX) &&
		    !append(out, size, &len, tok.start, tok.len))
			return false;
	/* cmdline_next stops at "--": what follows is init's, kept verbatim. */
	if (cursor && *cursor)
		return append(out, size, &len, cursor, strlen(cursor));
	return true;
}

bool chain_next_cmdline(const char *baton_cmdline,
			const struct chain_bundle *bundle, char *out,
			size_t size, enum chain_cmdline_source *source,
			struct chain_status *st)
{
	size_t len = 0;

	chain_status_ok(st);
	if (size == 0)
		return chain_fail(st, CHAIN_ERR_CMDLINE, "no buffer");
	out[0] = '\0';
	if (cmdline_has(baton_cmdline, OPT_NEXT_CMDLINE)) {
		*source = CHAIN_CMDLINE_OPTION;
		if (!cmdline_get_str(baton_cmdline, OPT_NEXT_CMDLINE, out,
				     size))
			return chain_fail(st, CHAIN_ERR_CMDLINE,
					  OPT_NEXT_CMDLINE "= is longer than %zu bytes",
					  size - 1);
		return true;
	}
	if (bundle && bundle->cmdline.present) {
		*source = CHAIN_CMDLINE_BUNDLE;
		if (!append(out, size, &len, bundle->cmdline_text,
			    bundle->cmdline_len))
			return chain_fail(st, CHAIN_ERR_CMDLINE,
					  "bundle cmdline (%zu bytes) is longer than %zu bytes",
					  bundle->cmdline_len, size - 1);
		return true;
	}
	*source = CHAIN_CMDLINE_INHERITED;
	if (!inherit_cmdline(baton_cmdline, out, size)) {
		out[0] = '\0';
		return chain_fail(st, CHAIN_ERR_CMDLINE,
				  "inherited command line is longer than %zu bytes",
				  size - 1);
	}
	return true;
}
