# host/scenario/: simulated memory (arena), whole simulated handovers,
# damage recipes and parser storage for tests and tools.
HOSTLIB_SRCS	+= host/scenario/host_arena.c host/scenario/host_scenario.c \
		   host/scenario/host_damage.c host/scenario/host_storage.c
