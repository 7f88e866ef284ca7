// SPDX-License-Identifier: MIT
/*
 * Command-line tokenizer and typed lookups (rules in <baton/cmdline.h>).
 * Everything works on (pointer, length) slices of the caller's string, so
 * the command line is never modified and no option length is limited.
 */
#include <baton/cmdline.h>
#include <string.h>

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Length of the option at s: up to whitespace outside double quotes. */
static size_t option_length(const char *s)
{
	bool in_quote = false;
	size_t i;

	for (i = 0; s[i]; i++) {
		if (s[i] == '"')
			in_quote = !in_quote;
		else if (!in_quote && is_space(s[i]))
			break;
	}
	return i;
}

static bool ends_with_quote(const char *s, size_t len)
{
	return len && s[len - 1] == '"';
}

static void split_value(struct cmdline_token *tok, const char *value,
			size_t len, bool outer_quoted)
{
	if (len && value[0] == '"') {
		value++;
		len--;
		outer_quoted = true;
	}
	if (outer_quoted && ends_with_quote(value, len))
		len--;
	tok->value = value;
	tok->value_len = len;
}

static void split_option(struct cmdline_token *tok, const char *s, size_t len)
{
	bool outer_quoted = len && s[0] == '"';
	const char *body = outer_quoted ? s + 1 : s;
	size_t body_len = outer_quoted ? len - 1 : len;
	const char *equals = memchr(body, '=', body_len);

	tok->start = s;
	tok->len = len;
	tok->key = body;
	if (!equals) {
		tok->key_len = body_len;
		if (outer_quoted && ends_with_quote(body, body_len))
			tok->key_len--;
		tok->value = NULL;
		tok->value_len = 0;
		return;
	}
	tok->key_len = (size_t)(equals - body);
	split_value(tok, equals + 1, body_len - tok->key_len - 1,
		    outer_quoted);
}

bool cmdline_next(const char **cursor, struct cmdline_token *tok)
{
	const char *p = *cursor;
	size_t len;

	if (!p)
		return false;
	while (*p && is_space(*p))
		p++;
	*cursor = p;
	if (!*p)
		return false;
	len = option_length(p);
	if (len == 2 && p[0] == '-' && p[1] == '-')
		return false;
	split_option(tok, p, len);
	*cursor = p + len;
	return true;
}

bool cmdline_token_key_is(const struct cmdline_token *tok, const char *key)
{
	size_t len = strlen(key);

	return len && tok->key_len == len && memcmp(tok->key, key, len) == 0;
}

bool cmdline_token_key_has_prefix(const struct cmdline_token *tok,
				  const char *prefix)
{
	size_t len = strlen(prefix);

	return tok->key_len >= len && memcmp(tok->key, prefix, len) == 0;
}

bool cmdline_find(const char *cmdline, const char *key,
		  struct cmdline_token *tok)
{
	const char *cursor = cmdline;
	struct cmdline_token cur;
	bool found = false;

	while (cmdline_next(&cursor, &cur)) {
		if (!cmdline_token_key_is(&cur, key))
			continue;
		*tok = cur;
		found = true;
	}
	return found;
}

bool cmdline_has(const char *cmdline, const char *key)
{
	struct cmdline_token tok;

	return cmdline_find(cmdline, key, &tok);
}

bool cmdline_get_str(const char *cmdline, const char *key, char *out,
		     size_t size)
{
	struct cmdline_token tok;

	if (size)
		out[0] = '\0';
	if (!cmdline_find(cmdline, key, &tok) || tok.value_len >= size)
		return false;
	if (tok.value_len)
		memcpy(out, tok.value, tok.value_len);
	out[tok.value_len] = '\0';
	return true;
}

static char to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Binary shift of a memparse size suffix, 0 when c is not one. */
static unsigned int suffix_shift(char c)
{
	switch (to_lower(c)) {
	case 'k': return 10;
	case 'm': return 20;
	case 'g': return 30;
	case 't': return 40;
	case 'p': return 50;
	case 'e': return 60;
	default: return 0;
	}
}

static bool has_hex_prefix(const char *s, size_t len)
{
	return len > 2 && s[0] == '0' && to_lower(s[1]) == 'x';
}

bool cmdline_parse_u64(const char *text, size_t len, u64 *out)
{
	unsigned int base = has_hex_prefix(text, len) ? 16 : 10;
	size_t i = base == 16 ? 2 : 0, first = i;
	unsigned int shift;
	u64 value = 0;

	for (; i < len; i++) {
		int digit = digit_value(text[i]);

		if (digit < 0 || (unsigned int)digit >= base)
			break;
		if (__builtin_mul_overflow(value, base, &value) ||
		    __builtin_add_overflow(value, (u64)digit, &value))
			return false;
	}
	if (i == first)
		return false;
	if (i < len) {
		shift = suffix_shift(text[i++]);
		if (!shift || i != len || value > (UINT64_MAX >> shift))
			return false;
		value <<= shift;
	}
	*out = value;
	return true;
}

bool cmdline_get_u64(const char *cmdline, const char *key, u64 *out)
{
	struct cmdline_token tok;

	if (!cmdline_find(cmdline, key, &tok) || !tok.value)
		return false;
	return cmdline_parse_u64(tok.value, tok.value_len, out);
}

/* Case-insensitive compare of text[0, len) with a lower-case word. */
static bool word_is(const char *text, size_t len, const char *word)
{
	size_t i;

	if (strlen(word) != len)
		return false;
	for (i = 0; i < len; i++)
		if (to_lower(text[i]) != word[i])
			return false;
	return true;
}

static bool word_in(const char *text, size_t len, const char *const *words)
{
	for (; *words; words++)
		if (word_is(text, len, *words))
			return true;
	return false;
}

bool cmdline_parse_bool(const char *text, size_t len, bool *out)
{
	static const char *const yes[] = {
		"1", "y", "yes", "on", "true", NULL
	};
	static const char *const no[] = {
		"0", "n", "no", "off", "false", NULL
	};

	if (word_in(text, len, yes)) {
		*out = true;
		return true;
	}
	if (word_in(text, len, no)) {
		*out = false;
		return true;
	}
	return false;
}

bool cmdline_get_bool(const char *cmdline, const char *key, bool *out)
{
	struct cmdline_token tok;

	if (!cmdline_find(cmdline, key, &tok))
		return false;
	if (!tok.value) {
		*out = true;
		return true;
	}
	return cmdline_parse_bool(tok.value, tok.value_len, out);
}
