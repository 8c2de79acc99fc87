/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RAM initialisation for execute-in-place images: copy `datas` from its load
 * address in flash, clear `bss`. The symbols come from the linker script.
 */
#include <stdint.h>
#include <string.h>

extern char __data_region_start[];
extern char __data_region_end[];
extern char __data_region_load_start[];
extern char __bss_start[];
extern char __bss_end[];

/* The bounds are distinct linker symbols, not one C object: measure them as
 * addresses rather than subtracting pointers. */
static size_t span(const char *start, const char *end)
{
	return (size_t)((uintptr_t)end - (uintptr_t)start);
}

void z_data_copy(void)
{
	memcpy(__data_region_start, __data_region_load_start,
	       span(__data_region_start, __data_region_end));
}

void z_bss_zero(void)
{
	memset(__bss_start, 0, span(__bss_start, __bss_end));
}
