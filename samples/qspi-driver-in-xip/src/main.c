/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Indoor air-quality monitor: measures the gas sensor every three seconds and
 * prints the IAQ index. The IAQ code runs in place from the external QSPI flash,
 * which the QSPI NOR driver switches to XIP mode at its init level (PRE_KERNEL_1,
 * priority 41, before anything that runs from there).
 */
#include <stdint.h>

#include <zephyr/kernel.h>

#include "gas_sensor.h"
#include "iaq/iaq.h"

int main(void)
{
	struct gas_sample s;
	struct iaq_result r;

	printk("air quality monitor: IAQ code at %p (external flash)\n", (void *)iaq_feed);
	if (gas_sensor_init() != 0) {
		printk("gas sensor: not found\n");
		return -1;
	}
	iaq_reset();
	for (;;) {
		if (gas_sensor_measure(&s) != 0) {
			printk("gas sensor: read failed\n");
		} else {
			iaq_feed(&s, &r);
			printk("IAQ %u (%s, accuracy %u), CO2eq %u ppm, bVOC %u ppb\n", r.index,
			       iaq_category(r.index), r.accuracy, r.co2_ppm, r.voc_ppb);
		}
		k_msleep(3000);
	}
	return 0;
}
