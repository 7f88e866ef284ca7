// SPDX-License-Identifier: MIT
/*
 * baton-inspect's exit statuses 0-3 are its verdict; a sanitizer report
 * must not look like one (the runtimes exit with 1 by default, which is
 * "warnings"). This binary is built like baton-inspect (CFLAGS_HOST: ASan +
 * UBSan, no recovery) and links the same sanitizer_options.c; each case
 * triggers one sanitizer error in a child and requires the child's exit
 * status to be INSPECT_EXIT_SANITIZER (70) with the runtime's report on
 * its stderr.
 */
#include "check.h"
#include "../../tools/baton-inspect/sanitizer_options.c"
#include <limits.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile uintptr_t offset = 1;
static volatile int one = 1;
static void *volatile leaked;

static void misaligned_load(void)
{
	static u64 buf[2];
	const u32 *p = (const u32 *)((uintptr_t)buf + offset);

	printf("%u\n", *p);
}

static void signed_overflow(void)
{
	int x = INT_MAX;

	printf("%d\n", x + one);
}

static void heap_overflow(void)
{
	char *p = malloc(8);

	/* ASan's interceptor, not UBSan's object-size check; kept alive */
	leaked = memset(p, 0, 8 + one);
	free(leaked);
}

static void leak(void)
{
	leaked = malloc(64);
	leaked = NULL;
}

/* Runs fn in a child; its exit status, and whether stderr holds want. */
static int child_status(void (*fn)(void), const char *want, bool *reported)
{
	FILE *err = tmpfile();
	char text[4096] = "";
	size_t n;
	pid_t pid;
	int st;

	*reported = false;
	if (!err)
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		dup2(fileno(err), 2);
		fn();
		exit(0);	/* LeakSanitizer runs here */
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid) {
		fclose(err);
		return -1;
	}
	rewind(err);
	n = fread(text, 1, sizeof(text) - 1, err);
	text[n] = 0;
	fclose(err);
	*reported = strstr(text, want) != NULL;
	if (!*reported)
		fprintf(stderr, "  child stderr: %s\n", text);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

#define SANITIZER_CASE(name, fn, want)					\
	TEST(name)							\
	{								\
		bool reported;						\
		int rc = child_status(fn, want, &reported);		\
									\
		CHECK_EQ(rc, INSPECT_EXIT_SANITIZER);			\
		CHECK(reported);					\
	}

SANITIZER_CASE(ubsan_misaligned_exits_70, misaligned_load,
	       "runtime error: load of misaligned address")
SANITIZER_CASE(ubsan_overflow_exits_70, signed_overflow,
	       "runtime error: signed integer overflow")
SANITIZER_CASE(asan_heap_overflow_exits_70, heap_overflow,
	       "AddressSanitizer: heap-buffer-overflow")
SANITIZER_CASE(lsan_leak_exits_70, leak, "LeakSanitizer: detected memory leaks")

/* The status is none of the verdicts. */
TEST(sanitizer_status_is_not_a_verdict)
{
	CHECK(INSPECT_EXIT_SANITIZER != INSPECT_EXIT_CLEAN);
	CHECK(INSPECT_EXIT_SANITIZER != INSPECT_EXIT_WARNINGS);
	CHECK(INSPECT_EXIT_SANITIZER != INSPECT_EXIT_ERRORS);
	CHECK(INSPECT_EXIT_SANITIZER != INSPECT_EXIT_UNUSABLE);
	CHECK_STR(__asan_default_options(), "exitcode=70");
}
