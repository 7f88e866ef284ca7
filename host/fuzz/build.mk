# host/fuzz/: the luo fuzzers' input format and its seed encoder.
HOSTLIB_SRCS	+= host/fuzz/fuzz_image.c
