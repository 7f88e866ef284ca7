/* SPDX-License-Identifier: MIT */
/*
 * The unit-test harness: TEST() cases registered in a table, CHECK macros
 * that record the first failing comparison, one "PASS:/FAIL: name" line per
 * case so tests/summarize.sh can count them. Include once per test binary.
 * Usage: BIN (every case), BIN NAME (that case alone), BIN --list (names).
 */
#ifndef BATON_TESTS_CHECK_H
#define BATON_TESTS_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct test_case {
	const char *name;
	void (*fn)(void);
};

static int check_failed;
static const char *check_binary = "unit";

#define TEST(name)							\
	static void name(void);						\
	static const struct test_case test_case_##name			\
		__attribute__((used, section("test_cases"), aligned(8))) = \
		{ #name, name };					\
	static void name(void)

#define CHECK_FAIL(fmt, ...)						\
	do {								\
		fprintf(stderr, "  %s:%d: " fmt "\n", __FILE__, __LINE__, \
			##__VA_ARGS__);					\
		check_failed = 1;					\
	} while (0)

#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			CHECK_FAIL("CHECK(%s) failed", #cond);		\
	} while (0)

#define CHECK_EQ(a, b)							\
	do {								\
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);	\
		if (a_ != b_)						\
			CHECK_FAIL("%s == %s: 0x%" PRIx64 " != 0x%" PRIx64, \
				   #a, #b, a_, b_);			\
	} while (0)

#define CHECK_STR(a, b)							\
	do {								\
		const char *a_ = (a), *b_ = (b);			\
		if (!a_ || !b_ || strcmp(a_, b_) != 0)			\
			CHECK_FAIL("%s == %s:\n    got      \"%s\"\n    expected \"%s\"", \
				   #a, #b, a_ ? a_ : "(null)",		\
				   b_ ? b_ : "(null)");			\
	} while (0)

#define CHECK_MEM(a, b, n)						\
	do {								\
		if (memcmp((a), (b), (n)) != 0)				\
			CHECK_FAIL("memcmp(%s, %s, %s) != 0", #a, #b, #n); \
	} while (0)

extern const struct test_case __start_test_cases[];
extern const struct test_case __stop_test_cases[];

int main(int argc, char **argv)
{
	const struct test_case *t;
	int passed = 0, failed = 0;
	const char *slash = strrchr(argv[0], '/');

	check_binary = slash ? slash + 1 : argv[0];
	if (argc > 1 && !strcmp(argv[1], "--list")) {
		/* one case name a line (tests/unit/run-each-alone.sh) */
		for (t = __start_test_cases; t < __stop_test_cases; t++)
			printf("%s\n", t->name);
		return 0;
	}
	for (t = __start_test_cases; t < __stop_test_cases; t++) {
		if (argc > 1 && strcmp(argv[1], t->name) != 0)
			continue;
		check_failed = 0;
		t->fn();
		if (check_failed) {
			printf("FAIL: %s/%s\n", check_binary, t->name);
			failed++;
		} else {
			printf("PASS: %s/%s\n", check_binary, t->name);
			passed++;
		}
	}
	printf("%s: %d passed, %d failed\n", check_binary, passed, failed);
	return failed ? 1 : 0;
}

#endif
