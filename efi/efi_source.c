// SPDX-License-Identifier: MIT
/*
 * The capture's files on the boot volume: the directory \capture\ (files
 * read whole into pool memory) or the archive \capture.cpio (read once,
 * entries returned in place).
 */
#include <string.h>
#include <baton/cpio.h>
#include "efi_launcher.h"

#define CAPTURE_DIR		"\\capture\\"
#define CAPTURE_ARCHIVE		"\\capture.cpio"
#define PATH_CHARS	(sizeof(CAPTURE_DIR) + CAPTURE_FILE_NAME_MAX + 1)

static EFI_GUID loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
static EFI_GUID file_system_guid = EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_GUID;
static EFI_GUID file_info_guid = EFI_FILE_INFO_ID;

/* "\capture\" + name, '/' turned into '\'. */
static void wide_path(CHAR16 *out, const char *prefix, struct capture_text name)
{
	size_t n = 0;
	u32 i;

	for (i = 0; prefix[i]; i++)
		out[n++] = (CHAR16)prefix[i];
	for (i = 0; i < name.len; i++)
		out[n++] = name.ptr[i] == '/' ? '\\' : (CHAR16)name.ptr[i];
	out[n] = 0;
}

/* Opens a file and tells its size; quiet when it does not exist. */
static EFI_STATUS open_file(EFI_FILE_HANDLE root, const CHAR16 *path,
			    EFI_FILE_HANDLE *file, u64 *size)
{
	union {
		EFI_FILE_INFO info;
		u8 bytes[sizeof(EFI_FILE_INFO) + 2 * PATH_CHARS + 64];
	} info;
	UINTN info_size = sizeof(info);
	EFI_STATUS status;

	status = root->Open(root, file, (CHAR16 *)path, EFI_FILE_MODE_READ, 0);
	if (EFI_ERROR(status))
		return status;
	status = (*file)->GetInfo(*file, &file_info_guid, &info_size, &info);
	if (EFI_ERROR(status)) {
		(*file)->Close(*file);
		return status;
	}
	*size = info.info.FileSize;
	return EFI_SUCCESS;
}

/* Reads exactly size bytes of an open file into dst, then closes it. */
static EFI_STATUS read_all(EFI_FILE_HANDLE file, void *dst, u64 size)
{
	UINTN len = size;
	EFI_STATUS status;

	status = file->Read(file, &len, dst);
	file->Close(file);
	if (EFI_ERROR(status))
		return status;
	return len == size ? EFI_SUCCESS : EFI_DEVICE_ERROR;
}

/* Reads a whole file into pool memory; quiet when it does not exist. */
static EFI_STATUS read_file(EFI_FILE_HANDLE root, const CHAR16 *path,
			    u8 **data, u64 *size)
{
	EFI_FILE_HANDLE file;
	EFI_STATUS status;
	u8 *buf;

	status = open_file(root, path, &file, size);
	if (EFI_ERROR(status))
		return status;
	buf = efi_alloc(*size ? *size : 1);
	if (!buf) {
		file->Close(file);
		return EFI_OUT_OF_RESOURCES;
	}
	status = read_all(file, buf, *size);
	if (EFI_ERROR(status)) {
		efi_free(buf);
		return status;
	}
	*data = buf;
	return EFI_SUCCESS;
}

static EFI_STATUS root_has_file(EFI_FILE_HANDLE root, const CHAR16 *path)
{
	EFI_FILE_HANDLE file;
	EFI_STATUS status;

	status = root->Open(root, &file, (CHAR16 *)path, EFI_FILE_MODE_READ, 0);
	if (!EFI_ERROR(status))
		file->Close(file);
	return status;
}

bool efi_source_open(struct efi_source *src)
{
	static const struct capture_text manifest = {
		CAPTURE_MANIFEST_NAME, sizeof(CAPTURE_MANIFEST_NAME) - 1 };
	static const struct capture_text none = { "", 0 };
	EFI_LOADED_IMAGE *image;
	EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs;
	CHAR16 path[PATH_CHARS];
	EFI_STATUS status;
	u8 *data;
	u64 size;

	memset(src, 0, sizeof(*src));
	status = efi_bs->HandleProtocol(efi_image, &loaded_image_guid,
					(void **)&image);
	if (!EFI_ERROR(status))
		status = efi_bs->HandleProtocol(image->DeviceHandle,
						&file_system_guid,
						(void **)&fs);
	if (!EFI_ERROR(status))
		status = fs->OpenVolume(fs, &src->root);
	if (EFI_ERROR(status)) {
		efi_print("cannot open the boot volume: %s",
			  efi_status_name(status));
		return false;
	}
	wide_path(path, CAPTURE_DIR, manifest);
	status = root_has_file(src->root, path);
	if (!EFI_ERROR(status)) {
		src->where = CAPTURE_DIR;
		return true;
	}
	wide_path(path, CAPTURE_ARCHIVE, none);
	status = read_file(src->root, path, &data, &size);
	if (EFI_ERROR(status)) {
		efi_print("no capture: neither %s%s nor %s on the boot volume (%s)",
			  CAPTURE_DIR, CAPTURE_MANIFEST_NAME, CAPTURE_ARCHIVE,
			  efi_status_name(status));
		return false;
	}
	src->archive = data;
	src->archive_size = size;
	src->where = CAPTURE_ARCHIVE;
	return true;
}

static bool archive_find(struct efi_source *src, struct capture_text name,
			 const u8 **data, u64 *size)
{
	struct cpio_reader reader;
	struct cpio_entry entry;
	struct cpio_error err;
	char text[160];

	cpio_reader_init(&reader, src->archive, src->archive_size);
	for (;;) {
		enum cpio_next_result r = cpio_next(&reader, &entry, &err);
		const char *n;
		size_t len;

		if (r == CPIO_NEXT_END)
			break;
		if (r == CPIO_NEXT_ERROR) {
			cpio_format_error(&err, text, sizeof(text));
			efi_print("%s: %s", src->where, text);
			return false;
		}
		n = entry.name;
		len = entry.name_len;
		if (len >= 2 && n[0] == '.' && n[1] == '/') {
			n += 2;
			len -= 2;
		}
		if ((entry.mode & CPIO_MODE_TYPE_MASK) != CPIO_MODE_REGULAR ||
		    len != name.len || memcmp(n, name.ptr, len) != 0)
			continue;
		*data = entry.data;
		*size = entry.data_size;
		return true;
	}
	efi_print("%s has no file \"%.*s\"", src->where, (int)name.len,
		  name.ptr);
	return false;
}

bool efi_source_read(struct efi_source *src, struct capture_text name,
		     const u8 **data, u64 *size)
{
	CHAR16 path[PATH_CHARS];
	EFI_STATUS status;
	u8 *buf;

	if (src->archive)
		return archive_find(src, name, data, size);
	wide_path(path, CAPTURE_DIR, name);
	status = read_file(src->root, path, &buf, size);
	if (EFI_ERROR(status)) {
		efi_print("cannot read %s%.*s: %s", CAPTURE_DIR, (int)name.len,
			  name.ptr, efi_status_name(status));
		return false;
	}
	*data = buf;
	return true;
}

static void read_error(struct capture_text name, EFI_STATUS status)
{
	efi_print("cannot read %s%.*s: %s", CAPTURE_DIR, (int)name.len,
		  name.ptr, efi_status_name(status));
}

bool efi_source_size(struct efi_source *src, struct capture_text name,
		     u64 *size)
{
	CHAR16 path[PATH_CHARS];
	EFI_FILE_HANDLE file;
	EFI_STATUS status;
	const u8 *data;

	if (src->archive)
		return archive_find(src, name, &data, size);
	wide_path(path, CAPTURE_DIR, name);
	status = open_file(src->root, path, &file, size);
	if (EFI_ERROR(status)) {
		read_error(name, status);
		return false;
	}
	file->Close(file);
	return true;
}

bool efi_source_read_into(struct efi_source *src, struct capture_text name,
			  void *dst, u64 size)
{
	CHAR16 path[PATH_CHARS];
	EFI_FILE_HANDLE file;
	EFI_STATUS status;
	const u8 *data;
	u64 now;

	if (src->archive) {
		if (!archive_find(src, name, &data, &now))
			return false;
		status = now == size ? EFI_SUCCESS : EFI_VOLUME_CORRUPTED;
		if (!EFI_ERROR(status))
			memcpy(dst, data, size);
	} else {
		wide_path(path, CAPTURE_DIR, name);
		status = open_file(src->root, path, &file, &now);
		if (!EFI_ERROR(status) && now != size) {
			file->Close(file);
			status = EFI_VOLUME_CORRUPTED;
		}
		if (!EFI_ERROR(status))
			status = read_all(file, dst, size);
	}
	if (EFI_ERROR(status))
		read_error(name, status);
	return !EFI_ERROR(status);
}
