/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Door sensor: counts openings of the reed switch on P0.11 and reports the count and
 * how long the door stayed open, once per change.
 */
#include <stdbool.h>
#include <stdint.h>

#include <zephyr/kernel.h>
#include <zephyr/soc.h>

#define NRF_P0_BASE 0x50000000u
#define GPIO_IN 0x510u
#define GPIO_PIN_CNF(n) (0x700u + 4u * (n))
#define PIN_CNF_INPUT_PULLUP 0x0000000cu
#define REED_PIN 11

static uint32_t openings;

static bool door_open(void)
{
	/* The switch closes to ground while the magnet is near: low = closed. */
	return (NRF_REG(NRF_P0_BASE, GPIO_IN) >> REED_PIN) & 1u;
}

int main(void)
{
	bool was_open = false;
	int64_t opened_at = 0;

	NRF_REG(NRF_P0_BASE, GPIO_PIN_CNF(REED_PIN)) = PIN_CNF_INPUT_PULLUP;
	printk("door sensor ready\n");
	for (;;) {
		bool open = door_open();

		if (open && !was_open) {
			openings++;
			opened_at = k_uptime_get();
			printk("door opened (%u)\n", (unsigned int)openings);
		} else if (!open && was_open) {
			printk("door closed after %u ms\n", (unsigned int)(k_uptime_get() - opened_at));
		}
		was_open = open;
		k_msleep(50);
	}
	return 0;
}
