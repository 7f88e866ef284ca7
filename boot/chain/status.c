// SPDX-License-Identifier: MIT
/* chain_status helpers. */
#include <stdarg.h>
#include <baton/printf.h>
#include <boot/chain/status.h>

static const char *const chain_error_names[CHAIN_ERR_COUNT] = {
	[CHAIN_OK] = "ok",
	[CHAIN_ERR_OPTION] = "option",
	[CHAIN_ERR_BUNDLE] = "bundle",
	[CHAIN_ERR_NO_KERNEL] = "no-kernel",
	[CHAIN_ERR_CMDLINE] = "cmdline",
	[CHAIN_ERR_BZIMAGE] = "bzimage",
	[CHAIN_ERR_PLACE] = "place",
	[CHAIN_ERR_PARAMS] = "boot-params",
};

void chain_status_ok(struct chain_status *st)
{
	st->code = CHAIN_OK;
	st->message[0] = '\0';
}

bool chain_fail(struct chain_status *st, enum chain_error code,
		const char *fmt, ...)
{
	va_list ap;

	st->code = code;
	va_start(ap, fmt);
	baton_vsnprintf(st->message, sizeof(st->message), fmt, ap);
	va_end(ap);
	return false;
}

const char *chain_error_name(enum chain_error code)
{
	if ((unsigned int)code >= CHAIN_ERR_COUNT)
		return "unknown";
	return chain_error_names[code];
}
