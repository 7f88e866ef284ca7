// SPDX-License-Identifier: MIT
/*
 * Console lines through the firmware's ConOut (OVMF mirrors it on the
 * serial port), status names, and pool allocation helpers.
 */
#include <stdarg.h>
#include <baton/printf.h>
#include "efi_launcher.h"

#define LINE_BYTES	320

void efi_print(const char *fmt, ...)
{
	static const char prefix[] = EFI_LAUNCHER_NAME ": ";
	char text[LINE_BYTES];
	CHAR16 wide[sizeof(prefix) + LINE_BYTES + 2];
	va_list ap;
	size_t n = 0, i;

	va_start(ap, fmt);
	baton_vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	for (i = 0; prefix[i]; i++)
		wide[n++] = (CHAR16)prefix[i];
	for (i = 0; text[i]; i++) {
		char c = text[i];

		wide[n++] = (c >= 0x20 && c < 0x7f) ? (CHAR16)c : '?';
	}
	wide[n++] = '\r';
	wide[n++] = '\n';
	wide[n] = 0;
	if (efi_st && efi_st->ConOut)
		efi_st->ConOut->OutputString(efi_st->ConOut, wide);
}

const char *efi_status_name(EFI_STATUS status)
{
	switch (status) {
	case EFI_SUCCESS:		return "success";
	case EFI_LOAD_ERROR:		return "load error";
	case EFI_INVALID_PARAMETER:	return "invalid parameter";
	case EFI_UNSUPPORTED:		return "unsupported";
	case EFI_BUFFER_TOO_SMALL:	return "buffer too small";
	case EFI_DEVICE_ERROR:		return "device error";
	case EFI_OUT_OF_RESOURCES:	return "out of resources";
	case EFI_VOLUME_CORRUPTED:	return "volume corrupted";
	case EFI_NOT_FOUND:		return "not found";
	case EFI_ACCESS_DENIED:		return "access denied";
	}
	return "error";
}

void *efi_alloc(size_t size)
{
	void *p = NULL;
	EFI_STATUS status;

	status = efi_bs->AllocatePool(EfiLoaderData, size, &p);
	if (EFI_ERROR(status)) {
		efi_print("cannot allocate 0x%llx bytes of pool: %s",
			  (unsigned long long)size, efi_status_name(status));
		return NULL;
	}
	return p;
}

void efi_free(void *p)
{
	if (p)
		efi_bs->FreePool(p);
}
