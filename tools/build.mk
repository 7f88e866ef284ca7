# tools/: host and guest tools, one directory each with its own build.mk.
include $(sort $(wildcard tools/*/build.mk))
