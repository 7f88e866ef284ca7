# host/capture/: the capture manifest writer (mkhandover).
HOSTLIB_SRCS	+= host/capture/capture_write.c
