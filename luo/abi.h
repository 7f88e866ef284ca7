/* SPDX-License-Identifier: MIT */
/*
 * baton's declarations of every KHO / LUO / memfd hand-over structure, for
 * every mainline version: one header per ABI under luo/abi/, each struct
 * documented (fields, units, which releases write it, where it lives) and
 * pinned to Linux's offsets with static assertions. This umbrella
 * includes them all; code that needs one ABI may include just that one.
 * Read fields with ABI_LE64() & co. (luo/abi/common.h), not by offset.
 */
#ifndef BATON_LUO_ABI_H
#define BATON_LUO_ABI_H

#include <luo/abi/common.h>
#include <luo/abi/kho.h>
#include <luo/abi/kho_v1.h>
#include <luo/abi/kho_radix.h>
#include <luo/abi/kho_vmalloc.h>
#include <luo/abi/kho_block.h>
#include <luo/abi/luo.h>
#include <luo/abi/luo_v1.h>
#include <luo/abi/luo_v5.h>
#include <luo/abi/memfd.h>
#include <luo/abi/memblock.h>
#include <luo/abi/metadata.h>

#endif
