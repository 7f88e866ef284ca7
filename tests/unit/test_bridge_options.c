// SPDX-License-Identifier: MIT
/* baton.bridge=off|on: default off, the last occurrence wins, others warn. */
#include "check.h"
#include <boot/bridge_options.h>

TEST(bridge_option_values)
{
	bool valid;

	CHECK(!bridge_enabled("console=ttyS0", &valid) && valid);
	CHECK(bridge_enabled("baton.bridge=on", &valid) && valid);
	CHECK(!bridge_enabled("baton.bridge=off", &valid) && valid);
	CHECK(bridge_enabled("baton.bridge=off baton.bridge=on", &valid) &&
	      valid);
	CHECK(!bridge_enabled("baton.bridge=on baton.bridge=off", &valid) &&
	      valid);
	CHECK(!bridge_enabled("baton.bridge=yes", &valid) && !valid);
	CHECK(!bridge_enabled("baton.bridge", &valid) && !valid);
	CHECK(!bridge_enabled("baton.bridge=onward", &valid) && !valid);
	CHECK(!bridge_enabled("baton.bridges=on", &valid) && valid);
}
