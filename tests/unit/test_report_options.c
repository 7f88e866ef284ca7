// SPDX-License-Identifier: MIT
/* baton.report=, baton.role=, baton.log= and baton.report.tamper= parsing. */
#include "check.h"
#include <boot/report_options.h>

TEST(report_subtree_option)
{
	bool valid;

	CHECK(report_subtree_enabled("console=ttyS0", &valid) && valid);
	CHECK(report_subtree_enabled("baton.report=on", &valid) && valid);
	CHECK(!report_subtree_enabled("baton.report=off", &valid) && valid);
	CHECK(!report_subtree_enabled("baton.report=on baton.report=off",
				      &valid));
	CHECK(report_subtree_enabled("baton.report=maybe", &valid) && !valid);
	CHECK(report_subtree_enabled("baton.report", &valid) && !valid);
}

TEST(role_option)
{
	bool valid;

	CHECK(!report_role_verify("", &valid) && valid);
	CHECK(report_role_verify("x baton.role=verify y", &valid) && valid);
	CHECK(!report_role_verify("baton.role=verifyx", &valid) && !valid);
	CHECK(!report_role_verify("-- baton.role=verify", &valid) && valid);
}

TEST(log_option)
{
	bool valid;

	CHECK(!report_log_summary("console=ttyS0", &valid) && valid);
	CHECK(!report_log_summary("baton.log=full", &valid) && valid);
	CHECK(report_log_summary("baton.log=summary", &valid) && valid);
	CHECK(!report_log_summary("baton.log=summary baton.log=full", &valid));
	CHECK(!report_log_summary("baton.log=short", &valid) && !valid);
}

TEST(tamper_option)
{
	CHECK_EQ(report_tamper_from_cmdline(""), REPORT_TAMPER_NONE);
	CHECK_EQ(report_tamper_from_cmdline("baton.report.tamper=memfd"),
		 REPORT_TAMPER_MEMFD);
	CHECK_EQ(report_tamper_from_cmdline("baton.report.tamper=drop-range"),
		 REPORT_TAMPER_DROP_RANGE);
	CHECK_EQ(report_tamper_from_cmdline("baton.report.tamper=blob"),
		 REPORT_TAMPER_BLOB);
	CHECK_EQ(report_tamper_from_cmdline("baton.report.tamper=everything-at-once"),
		 REPORT_TAMPER_INVALID);
	CHECK_STR(report_tamper_name(REPORT_TAMPER_DROP_RANGE), "drop-range");
	CHECK_STR(report_tamper_name(REPORT_TAMPER_BLOB), "blob");
	CHECK_STR(report_tamper_name(REPORT_TAMPER_INVALID), "invalid");
}
