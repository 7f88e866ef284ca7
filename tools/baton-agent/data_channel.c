/*
 * The agent's data channel: the guest's second UART (ttyS1), which the
 * real-Linux tests wire to a file of its own. The kernel prints to ttyS0
 * whenever it likes, and a printk in the middle of a user-space line splits
 * it; lines the host compares or greps for (the manifest, the summary
 * lines) also go here, where only the agent writes. Only in the test tier's
 * guests (baton.test= on the kernel command line): on a real machine ttyS1
 * may be a real port with something else on it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "agent.h"

/*
 * QEMU virt has one PL011 for Linux (ttyAMA0, the console): on arm64 the
 * channel is a virtio console (hvc0) instead of a second UART.
 */
#if defined(__aarch64__)
#define DATA_CHANNEL_TTY "/dev/hvc0"
#else
#define DATA_CHANNEL_TTY "/dev/ttyS1"
#endif

static FILE *data_channel;
static int data_channel_tried;
static int quiet;

static int in_test_guest(void)
{
	char cmdline[4096];
	size_t n;
	FILE *f = fopen("/proc/cmdline", "r");

	if (!f)
		return 0;
	n = fread(cmdline, 1, sizeof(cmdline) - 1, f);
	fclose(f);
	cmdline[n] = 0;
	quiet = strstr(cmdline, "baton.agent.quiet=1") != NULL;
	return strstr(cmdline, "baton.test=") != NULL;
}

/*
 * baton.agent.quiet=1 (host-scale trips: 70,000 manifest lines and 90,000
 * checks): the bulk lines go to the data channel only and passing checks
 * are counted, not printed; a serial console at that volume takes minutes.
 */
static FILE *data_channel_get(void);

bool agent_quiet(void)
{
	data_channel_get();
	return quiet && data_channel;
}

/*
 * Open ttyS1 without waiting for a carrier and switch it to raw output, so
 * the file on the host gets exactly the bytes written. No second UART (open
 * or tcgetattr fails): the channel stays closed and only the console copy
 * exists.
 */
static FILE *data_channel_get(void)
{
	struct termios t;
	int fd;

	if (data_channel_tried)
		return data_channel;
	data_channel_tried = 1;
	if (!in_test_guest())
		return NULL;
	fd = open(DATA_CHANNEL_TTY, O_WRONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return NULL;
	if (tcgetattr(fd, &t) != 0) {
		close(fd);
		return NULL;
	}
	cfmakeraw(&t);
	t.c_cflag |= CLOCAL;
	if (tcsetattr(fd, TCSANOW, &t) != 0 ||
	    fcntl(fd, F_SETFL, 0) != 0) {
		close(fd);
		return NULL;
	}
	data_channel = fdopen(fd, "w");
	if (!data_channel)
		close(fd);
	return data_channel;
}

/* printf to the console and, when present, to the data channel. */
void data_printf(const char *fmt, ...)
{
	FILE *data = data_channel_get();
	va_list ap;

	if (!quiet || !data) {
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	if (data) {
		va_start(ap, fmt);
		vfprintf(data, fmt, ap);
		va_end(ap);
	}
}

/* Both copies out before the caller goes on (e.g. to kexec). */
void data_flush(void)
{
	fflush(stdout);
	if (data_channel) {
		fflush(data_channel);
		tcdrain(fileno(data_channel));
	}
}
