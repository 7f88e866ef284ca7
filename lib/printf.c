// SPDX-License-Identifier: MIT
/*
 * Formatted output for the payload and the host tools. One engine writes
 * through a sink; snprintf is a sink that fills a bounded buffer.
 */
#include <baton/printf.h>

struct format_spec {
	bool left;
	bool zero;
	bool plus;
	bool space;
	bool alt;
	int width;
	int precision;		/* -1: none */
	int length;		/* 0, 'H' (hh), 'h', 'l', 'L' (ll), 'z', 't', 'j' */
};

struct print_state {
	print_sink_fn sink;
	void *ctx;
	int total;
};

static void emit(struct print_state *st, const char *s, size_t len)
{
	if (len == 0)
		return;
	st->sink(st->ctx, s, len);
	st->total += (int)len;
}

static void emit_repeat(struct print_state *st, char c, int count)
{
	char buf[16];
	int i;

	for (i = 0; i < (int)sizeof(buf); i++)
		buf[i] = c;
	while (count > 0) {
		int n = count > (int)sizeof(buf) ? (int)sizeof(buf) : count;

		emit(st, buf, (size_t)n);
		count -= n;
	}
}

static size_t bounded_strlen(const char *s, int max)
{
	size_t n = 0;

	while ((max < 0 || n < (size_t)max) && s[n])
		n++;
	return n;
}

static void emit_padded(struct print_state *st, const struct format_spec *fs,
			const char *s, size_t len)
{
	int pad = fs->width > (int)len ? fs->width - (int)len : 0;

	if (!fs->left)
		emit_repeat(st, ' ', pad);
	emit(st, s, len);
	if (fs->left)
		emit_repeat(st, ' ', pad);
}

static void emit_number(struct print_state *st, const struct format_spec *fs,
			u64 value, bool negative, unsigned int base,
			bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	const char *prefix = "";
	int n = 0, zeros = 0, pad, prefix_len;

	while (value) {
		buf[sizeof(buf) - 1 - n++] = digits[value % base];
		value /= base;
	}
	if (fs->precision < 0 && n == 0)
		buf[sizeof(buf) - 1 - n++] = '0';
	if (fs->precision > n)
		zeros = fs->precision - n;

	if (negative)
		prefix = "-";
	else if (fs->plus && base == 10)
		prefix = "+";
	else if (fs->space && base == 10)
		prefix = " ";
	else if (fs->alt && base == 16)
		prefix = upper ? "0X" : "0x";
	else if (fs->alt && base == 8 && zeros == 0)
		prefix = "0";
	prefix_len = (int)bounded_strlen(prefix, -1);

	pad = fs->width - (n + zeros + prefix_len);
	if (pad < 0)
		pad = 0;
	if (fs->zero && !fs->left && fs->precision < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!fs->left)
		emit_repeat(st, ' ', pad);
	emit(st, prefix, (size_t)prefix_len);
	emit_repeat(st, '0', zeros);
	emit(st, buf + sizeof(buf) - n, (size_t)n);
	if (fs->left)
		emit_repeat(st, ' ', pad);
}

static const char *parse_int(const char *p, int *out)
{
	int v = 0;

	while (*p >= '0' && *p <= '9') {
		if (v < 100000)
			v = v * 10 + (*p - '0');
		p++;
	}
	*out = v;
	return p;
}

static const char *parse_spec(const char *p, struct format_spec *fs,
			      va_list *ap)
{
	*fs = (struct format_spec){ .precision = -1 };
	for (;; p++) {
		if (*p == '-')
			fs->left = true;
		else if (*p == '0')
			fs->zero = true;
		else if (*p == '+')
			fs->plus = true;
		else if (*p == ' ')
			fs->space = true;
		else if (*p == '#')
			fs->alt = true;
		else
			break;
	}
	if (*p == '*') {
		fs->width = va_arg(*ap, int);
		if (fs->width < 0) {
			fs->left = true;
			fs->width = -fs->width;
		}
		p++;
	} else {
		p = parse_int(p, &fs->width);
	}
	if (*p == '.') {
		p++;
		if (*p == '*') {
			fs->precision = va_arg(*ap, int);
			if (fs->precision < 0)
				fs->precision = -1;
			p++;
		} else {
			p = parse_int(p, &fs->precision);
		}
	}
	if (p[0] == 'h' && p[1] == 'h') {
		fs->length = 'H';
		p += 2;
	} else if (p[0] == 'l' && p[1] == 'l') {
		fs->length = 'L';
		p += 2;
	} else if (*p == 'h' || *p == 'l' || *p == 'z' || *p == 't' ||
		   *p == 'j') {
		fs->length = *p++;
	}
	return p;
}

static u64 fetch_unsigned(const struct format_spec *fs, va_list *ap)
{
	switch (fs->length) {
	case 'H':
		return (unsigned char)va_arg(*ap, unsigned int);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned int);
	case 'l':
		return va_arg(*ap, unsigned long);
	case 'L':
		return va_arg(*ap, unsigned long long);
	case 'z':
		return va_arg(*ap, size_t);
	case 't':
		return (u64)va_arg(*ap, ptrdiff_t);
	case 'j':
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static s64 fetch_signed(const struct format_spec *fs, va_list *ap)
{
	switch (fs->length) {
	case 'H':
		return (signed char)va_arg(*ap, int);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'l':
		return va_arg(*ap, long);
	case 'L':
		return va_arg(*ap, long long);
	case 'z':
		return (s64)va_arg(*ap, size_t);
	case 't':
		return va_arg(*ap, ptrdiff_t);
	case 'j':
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static void format_one(struct print_state *st, const struct format_spec *fs,
		       char conv, va_list *ap)
{
	struct format_spec pfs;
	const char *s;
	char c;
	s64 v;

	switch (conv) {
	case 'd':
	case 'i':
		v = fetch_signed(fs, ap);
		emit_number(st, fs, v < 0 ? -(u64)v : (u64)v, v < 0, 10,
			    false);
		break;
	case 'u':
		emit_number(st, fs, fetch_unsigned(fs, ap), false, 10, false);
		break;
	case 'x':
	case 'X':
		emit_number(st, fs, fetch_unsigned(fs, ap), false, 16,
			    conv == 'X');
		break;
	case 'o':
		emit_number(st, fs, fetch_unsigned(fs, ap), false, 8, false);
		break;
	case 'p':
		pfs = *fs;
		pfs.alt = true;
		emit_number(st, &pfs, (u64)(uintptr_t)va_arg(*ap, void *),
			    false, 16, false);
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		emit_padded(st, fs, &c, 1);
		break;
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		emit_padded(st, fs, s, bounded_strlen(s, fs->precision));
		break;
	case '%':
		emit(st, "%", 1);
		break;
	default:
		/* Unknown conversion: print it literally so the bug shows. */
		emit(st, "%", 1);
		emit(st, &conv, 1);
		break;
	}
}

int baton_vprintf_sink(print_sink_fn sink, void *ctx, const char *fmt,
		       va_list ap)
{
	struct print_state st = { sink, ctx, 0 };
	struct format_spec fs;
	va_list args;
	const char *run;

	va_copy(args, ap);
	while (*fmt) {
		run = fmt;
		while (*fmt && *fmt != '%')
			fmt++;
		emit(&st, run, (size_t)(fmt - run));
		if (!*fmt)
			break;
		fmt = parse_spec(fmt + 1, &fs, &args);
		if (!*fmt)
			break;
		format_one(&st, &fs, *fmt++, &args);
	}
	va_end(args);
	return st.total;
}

struct buffer_sink {
	char *buf;
	size_t size;
	size_t used;
};

static void buffer_sink_write(void *ctx, const char *s, size_t len)
{
	struct buffer_sink *b = ctx;
	size_t room;

	if (b->used + 1 < b->size) {
		room = b->size - 1 - b->used;
		if (len > room)
			len = room;
		for (size_t i = 0; i < len; i++)
			b->buf[b->used + i] = s[i];
		b->used += len;
	}
}

int baton_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buffer_sink b = { buf, size, 0 };
	int n = baton_vprintf_sink(buffer_sink_write, &b, fmt, ap);

	if (size)
		buf[b.used] = '\0';
	return n;
}

int baton_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = baton_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
