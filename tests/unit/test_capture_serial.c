// SPDX-License-Identifier: MIT
/*
 * The serial framing of captures: the exact text for three files (one
 * line, three lines of which the last is short, empty), written in pieces
 * that straddle line boundaries; base64 padding. The expected text was
 * produced independently by tools/capture-decode.py's CRC32C and Python's
 * base64, so the encoder and the decoder agree on the format.
 */
#include <baton/capture_serial.h>
#include <string.h>
#include "text_sink.h"

static struct text_sink captured;

TEST(capture_serial_exact_text)
{
	static const char want[] =
		"BATON-CAPTURE-BEGIN format=1\n"
		"BATON-CAPTURE-FILE name=a.bin\n"
		"BC MTIzNDU2Nzg5\n"
		"BATON-CAPTURE-FILE-END name=a.bin size=0x9 crc32c=0xe3069283\n"
		"BATON-CAPTURE-FILE name=b.bin\n"
		"BC AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4\n"
		"BC OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3Bx\n"
		"BC cnN0dXZ3\n"
		"BATON-CAPTURE-FILE-END name=b.bin size=0x78 crc32c=0xb722663a\n"
		"BATON-CAPTURE-FILE name=e\n"
		"BATON-CAPTURE-FILE-END name=e size=0x0 crc32c=0x00000000\n"
		"BATON-CAPTURE-END files=3 crc32c=0x7358fb05\n";
	struct capture_serial cs;
	u8 b[120];
	int i;

	for (i = 0; i < 120; i++)
		b[i] = (u8)i;
	memset(&captured, 0, sizeof(captured));
	capture_serial_begin(&cs, text_sink, &captured);
	capture_serial_file_begin(&cs, "a.bin");
	capture_serial_file_data(&cs, "1234", 4);
	capture_serial_file_data(&cs, "56789", 5);
	capture_serial_file_end(&cs, "a.bin");
	capture_serial_file_begin(&cs, "b.bin");
	capture_serial_file_data(&cs, b, 50);	/* pieces across lines */
	capture_serial_file_data(&cs, b + 50, 60);
	capture_serial_file_data(&cs, b + 110, 10);
	capture_serial_file_end(&cs, "b.bin");
	capture_serial_file_begin(&cs, "e");
	capture_serial_file_end(&cs, "e");
	capture_serial_end(&cs);
	CHECK_STR(captured.text, want);
	CHECK_EQ(cs.files, 3);
}

TEST(capture_serial_base64_padding)
{
	char out[80];

	CHECK_EQ(capture_serial_base64((const u8 *)"", 0, out), 0);
	CHECK_STR(out, "");
	CHECK_EQ(capture_serial_base64((const u8 *)"f", 1, out), 4);
	CHECK_STR(out, "Zg==");
	CHECK_EQ(capture_serial_base64((const u8 *)"fo", 2, out), 4);
	CHECK_STR(out, "Zm8=");
	CHECK_EQ(capture_serial_base64((const u8 *)"foo", 3, out), 4);
	CHECK_STR(out, "Zm9v");
	CHECK_EQ(capture_serial_base64((const u8 *)"\xff\xfe\xfd\xfc", 4, out), 8);
	CHECK_STR(out, "//79/A==");
}
