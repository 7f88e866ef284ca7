// SPDX-License-Identifier: MIT
/*
 * Structural JSON check for report consumers (the report blob verifier):
 * one value, ASCII-only strings with valid escapes, integers only (the
 * report never writes fractions or exponents), bounded nesting. Iterative,
 * so hostile input cannot exhaust the stack.
 */
#include <report/json_writer.h>

struct cursor {
	const char *p;
	const char *end;
};

static void skip_space(struct cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\n' ||
				 *c->p == '\r' || *c->p == '\t'))
		c->p++;
}

static bool is_hex_digit(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
	       (ch >= 'A' && ch <= 'F');
}

static bool parse_escape(struct cursor *c)
{
	int i;

	if (c->p == c->end)
		return false;
	switch (*c->p++) {
	case '"': case '\\': case '/': case 'b': case 'f': case 'n':
	case 'r': case 't':
		return true;
	case 'u':
		for (i = 0; i < 4; i++, c->p++)
			if (c->p == c->end || !is_hex_digit(*c->p))
				return false;
		return true;
	default:
		return false;
	}
}

static bool parse_string(struct cursor *c)
{
	if (c->p == c->end || *c->p != '"')
		return false;
	c->p++;
	while (c->p < c->end) {
		unsigned char ch = (unsigned char)*c->p++;

		if (ch == '"')
			return true;
		if (ch < 0x20 || ch > 0x7e)
			return false;
		if (ch == '\\' && !parse_escape(c))
			return false;
	}
	return false;
}

static bool parse_integer(struct cursor *c)
{
	const char *start;

	if (c->p < c->end && *c->p == '-')
		c->p++;
	start = c->p;
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
		c->p++;
	if (c->p == start)
		return false;
	return !(*start == '0' && c->p - start > 1);
}

static bool parse_literal(struct cursor *c, const char *word)
{
	while (*word) {
		if (c->p == c->end || *c->p != *word)
			return false;
		c->p++;
		word++;
	}
	return true;
}

static bool parse_scalar(struct cursor *c)
{
	switch (*c->p) {
	case '"':
		return parse_string(c);
	case 't':
		return parse_literal(c, "true");
	case 'f':
		return parse_literal(c, "false");
	case 'n':
		return parse_literal(c, "null");
	default:
		return parse_integer(c);
	}
}

static bool parse_key(struct cursor *c)
{
	skip_space(c);
	if (!parse_string(c))
		return false;
	skip_space(c);
	if (c->p == c->end || *c->p != ':')
		return false;
	c->p++;
	return true;
}

/*
 * After a complete value: consumes separators and closing brackets.
 * Returns 1 when another value follows, 0 at a valid end, -1 on error.
 */
static int after_value(struct cursor *c, u32 *depth, u64 objects)
{
	for (;;) {
		bool object = objects & (1ULL << *depth);

		skip_space(c);
		if (*depth == 0)
			return c->p == c->end ? 0 : -1;
		if (c->p == c->end)
			return -1;
		if (*c->p == ',') {
			c->p++;
			if (object && !parse_key(c))
				return -1;
			return 1;
		}
		if (*c->p != (object ? '}' : ']'))
			return -1;
		c->p++;
		(*depth)--;
	}
}

bool json_validate(const char *text, size_t len)
{
	struct cursor c = { text, text + len };
	u64 objects = 0;
	u32 depth = 0;

	for (;;) {
		char ch;
		int next;

		skip_space(&c);
		if (c.p == c.end)
			return false;
		ch = *c.p;
		if (ch == '{' || ch == '[') {
			if (depth + 1 >= JSON_MAX_DEPTH)
				return false;
			c.p++;
			depth++;
			if (ch == '{')
				objects |= 1ULL << depth;
			else
				objects &= ~(1ULL << depth);
			skip_space(&c);
			if (c.p < c.end && *c.p == (ch == '{' ? '}' : ']')) {
				c.p++;
				depth--;
			} else {
				if (ch == '{' && !parse_key(&c))
					return false;
				continue;
			}
		} else if (!parse_scalar(&c)) {
			return false;
		}
		next = after_value(&c, &depth, objects);
		if (next <= 0)
			return next == 0;
	}
}
