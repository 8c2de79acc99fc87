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

void z_data_copy(void)
{
	memcpy(__data_region_start, __data_region_load_start,
	       (size_t)(__data_region_end - __data_region_start));
}

void z_bss_zero(void)
{
	memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
}
