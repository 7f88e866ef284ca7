// SPDX-License-Identifier: MIT
/*
 * baton.efi entry: find the capture on the boot volume, replay its memory,
 * boot its payload. Any failure before ExitBootServices is printed, the
 * capture's pages are freed, and the error goes back to the firmware.
 */
#include "efi_launcher.h"

EFI_SYSTEM_TABLE *efi_st;
EFI_BOOT_SERVICES *efi_bs;
EFI_HANDLE efi_image;

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab);

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	static struct efi_replay replay;
	struct efi_source src;

	efi_st = systab;
	efi_bs = systab->BootServices;
	efi_image = image;
	/* The firmware watchdog would reset a slow replay of a big capture. */
	efi_bs->SetWatchdogTimer(0, 0, 0, NULL);
	efi_print("replays a baton-capture 1 handover and boots its payload");
	if (!efi_source_open(&src) || !efi_replay_load(&replay, &src) ||
	    !efi_replay_place(&replay, &src) || !efi_boot_payload(&replay, &src)) {
		efi_replay_release(&replay);
		efi_print("stopped: nothing was booted");
		return EFI_LOAD_ERROR;
	}
	return EFI_SUCCESS;
}
