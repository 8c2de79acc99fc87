// SPDX-License-Identifier: Apache-2.0
/*
 * The application: its code runs through the cache MMU (flash text), its
 * strings are read through it (flash rodata), its state is in DRAM.
 */
#include <stdint.h>

const char banner[] = "image-relative application";
volatile uint32_t ticks = 7;

void app_main(void)
{
	for (;;)
		ticks += (uint32_t)banner[ticks & 15];
}
