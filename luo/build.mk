# luo/: the handover ABI library (KHO, preserved-memory map, LUO, memfd).
LUO_CORE_SRCS	:= luo/handover_access.c luo/segment_view.c luo/chain.c \
		   luo/preserved_index.c luo/kho_map.c luo/model.c \
		   luo/kho_parse.c luo/kho_block.c luo/kho_vmalloc.c \
		   luo/memfd_parse.c luo/luo_parse.c luo/blobs_parse.c \
		   luo/handover.c luo/builder.c luo/builder_scenario.c \
		   luo/memfd_content.c
CORE_SRCS	+= $(LUO_CORE_SRCS)

# The payload is built -nostdinc; libfdt's three headers are exposed through
# a private directory of symlinks so /usr/include itself stays out of reach.
LIBFDT_INC	:= $(BUILD)/libfdt-include
$(LIBFDT_INC)/.stamp:
	@mkdir -p $(dir $@)
	$(Q)for h in libfdt.h libfdt_env.h fdt.h; do \
		ln -sf /usr/include/$$h $(dir $@)$$h; done
	@touch $@
$(BUILD)/payload/luo/%.o: CFLAGS_PAYLOAD += -isystem $(LIBFDT_INC)
$(patsubst %.c,$(BUILD)/payload/%.o,$(LUO_CORE_SRCS)): | $(LIBFDT_INC)/.stamp
HOSTLIB_SRCS	+= luo/host_arena.c luo/host_scenario.c
UNIT_TESTS	+= test_luo_roundtrip test_kho_map test_luo_golden test_luo_findings
