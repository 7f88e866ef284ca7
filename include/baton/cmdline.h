/* SPDX-License-Identifier: MIT */
/*
 * Kernel command-line parsing, Linux style: options separated by whitespace,
 * each `key` or `key=value`, double quotes group spaces. Read-only: nothing
 * here writes to the command line, so it may live in the handover's memory.
 *
 * Rules (tests/unit/test_cmdline.c pins each one):
 *  - whitespace is space, \t, \n, \r, \v, \f; a double quote toggles
 *    "inside quotes", where whitespace does not end the option;
 *  - the key ends at the first '='; keys compare exactly (no '-'/'_'
 *    folding), so `baton.exit` never matches `baton.exitx`;
 *  - a value starting with '"' loses that quote and, if the option ends
 *    with '"', that one too (`k="a b"` -> `a b`); an option wholly quoted
 *    (`"k=a b"`) loses its outer quotes the same way;
 *  - a lone `--` ends the options (what follows belongs to init);
 *  - the last occurrence of a key wins; a bare `key` reads as `key=`.
 */
#ifndef BATON_CMDLINE_H
#define BATON_CMDLINE_H

#include <baton/types.h>

struct cmdline_token {
	const char *key;	/* into the command line, not terminated */
	size_t key_len;
	const char *value;	/* NULL for a bare `key` */
	size_t value_len;
	const char *start;	/* the option as written, quotes included */
	size_t len;
};

/*
 * Iterates the options: start with *cursor = cmdline; each call fills tok
 * and advances *cursor, returning false at the end (or at `--`).
 * A NULL command line has no options.
 */
bool cmdline_next(const char **cursor, struct cmdline_token *tok);

bool cmdline_token_key_is(const struct cmdline_token *tok, const char *key);
bool cmdline_token_key_has_prefix(const struct cmdline_token *tok,
				  const char *prefix);

/* The last occurrence of key, with or without a value; false if absent. */
bool cmdline_find(const char *cmdline, const char *key,
		  struct cmdline_token *tok);

bool cmdline_has(const char *cmdline, const char *key);

/*
 * Copies the value (NUL-terminated) of the last occurrence of key; a bare
 * `key` yields "". False when absent or when value + NUL exceed size; on
 * false, out is "" if size > 0.
 */
bool cmdline_get_str(const char *cmdline, const char *key, char *out,
		     size_t size);

/*
 * Parses a number: decimal, or hex with 0x/0X, optionally followed by one
 * of K M G T P E (either case, binary multiples, like the kernel's
 * memparse). Unlike memparse a leading 0 is still decimal. False (out
 * untouched) on an empty value, trailing garbage or overflow.
 */
bool cmdline_parse_u64(const char *text, size_t len, u64 *out);
bool cmdline_get_u64(const char *cmdline, const char *key, u64 *out);

/*
 * Booleans, any case: 1 y yes on true -> true; 0 n no off false -> false;
 * a bare `key` -> true. False (out untouched) when absent or unrecognised
 * (stricter than kstrtobool, which only looks at the first character).
 */
bool cmdline_parse_bool(const char *text, size_t len, bool *out);
bool cmdline_get_bool(const char *cmdline, const char *key, bool *out);

#endif
