// SPDX-License-Identifier: MIT
/* baton.bridge=off|on|always: default off, the last one wins, others warn. */
#include "check.h"
#include <boot/bridge_options.h>

static enum bridge_mode mode(const char *cmdline, bool want_valid)
{
	bool valid;
	enum bridge_mode m = bridge_mode_from_cmdline(cmdline, &valid);

	CHECK_EQ(valid, want_valid);
	return m;
}

TEST(bridge_option_values)
{
	CHECK_EQ(mode("console=ttyS0", true), BRIDGE_OFF);
	CHECK_EQ(mode("baton.bridge=on", true), BRIDGE_ON);
	CHECK_EQ(mode("baton.bridge=always", true), BRIDGE_ALWAYS);
	CHECK_EQ(mode("baton.bridge=off", true), BRIDGE_OFF);
	CHECK_EQ(mode("baton.bridge=off baton.bridge=on", true), BRIDGE_ON);
	CHECK_EQ(mode("baton.bridge=on baton.bridge=off", true), BRIDGE_OFF);
	CHECK_EQ(mode("baton.bridge=on baton.bridge=always", true),
		 BRIDGE_ALWAYS);
	CHECK_EQ(mode("baton.bridge=yes", false), BRIDGE_OFF);
	CHECK_EQ(mode("baton.bridge", false), BRIDGE_OFF);
	CHECK_EQ(mode("baton.bridge=onward", false), BRIDGE_OFF);
	CHECK_EQ(mode("baton.bridge=alwayss", false), BRIDGE_OFF);
	CHECK_EQ(mode("baton.bridges=on", true), BRIDGE_OFF);
}
