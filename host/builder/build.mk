# host/builder/: writes KHO / LUO / memfd handovers as each Linux release
# does (tests, fuzz seeds, mkhandover).
HOSTLIB_SRCS	+= host/builder/builder.c host/builder/builder_scenario.c
