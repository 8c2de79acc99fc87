// SPDX-License-Identifier: Apache-2.0
/*
 * The application: a loop over a string, with its state in DRAM.
 */
#include <stdint.h>

const char banner[] = "image-relative application";
volatile uint32_t ticks = 7;

void app_main(void)
{
	for (;;)
		ticks += (uint32_t)banner[ticks & 15];
}
