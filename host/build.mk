# host/: code that runs only on the build host (tests, tools, fuzzers,
# benchmarks), never in the payload; one folder per job, each with its own
# build.mk.
include $(sort $(wildcard host/*/build.mk))
