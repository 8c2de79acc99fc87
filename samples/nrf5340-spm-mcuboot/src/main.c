/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Non-secure application: counts button presses and reports them every second.
 */
#include <stdint.h>

#include <zephyr/kernel.h>

static uint32_t presses;

int main(void)
{
	for (;;) {
		presses++;
		printk("presses: %u\n", (unsigned)presses);
		k_msleep(1000);
	}
	return 0;
}
