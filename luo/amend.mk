# luo/: amending a handover for the next kernel (baton's own KHO subtree)
# and the handover fingerprints baton -> baton compares (docs/chain.md).
LUO_AMEND_SRCS	:= luo/kho_amend.c luo/kho_amend_v1.c \
		   luo/handover_fingerprint.c
CORE_SRCS	+= $(LUO_AMEND_SRCS)
UNIT_TESTS	+= test_kho_amend test_kho_amend_scale
