# luo/bridge/: the ABI bridge, an old handover rewritten for Linux 7.2
# (docs/bridge.md): freestanding and hosted like the rest of luo/.
LUO_BRIDGE_SRCS	:= luo/bridge/bridge.c luo/bridge/bridge_luo.c \
		   luo/bridge/bridge_fdt.c luo/bridge/bridge_map.c \
		   luo/bridge/bridge_equal.c
CORE_SRCS	+= $(LUO_BRIDGE_SRCS)
UNIT_TESTS	+= test_bridge
