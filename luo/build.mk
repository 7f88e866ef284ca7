# luo/: the handover ABI library (KHO, preserved-memory map, LUO, memfd).
LUO_CORE_SRCS	:= luo/handover_access.c luo/segment_view.c luo/chain.c \
		   luo/preserved_index.c luo/kho_map.c
CORE_SRCS	+= $(LUO_CORE_SRCS)
