/* SPDX-License-Identifier: Apache-2.0 */
/*
 * How rules write numbers in messages (style.md): sizes in decimal with the hex
 * after, addresses as 0x%08llx (wider when needed). Formatting only.
 */
#ifndef FLASHLINT_RULES_FMT_H
#define FLASHLINT_RULES_FMT_H

#include <inttypes.h>

#include "flashlint/core.h"

/* "1584 (0x630) bytes" */
static inline const char *fmt_size(struct fl_arena *a, uint64_t n)
{
	if (n == 1)
		return "1 byte";
	return fl_printf(a, "%" PRIu64 " (0x%" PRIx64 ") bytes", n, n);
}

/* "0x00010200" */
static inline const char *fmt_addr(struct fl_arena *a, uint64_t addr)
{
	return fl_printf(a, "0x%08" PRIx64, addr);
}

#endif
