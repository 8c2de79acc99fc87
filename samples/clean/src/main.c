/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Room thermostat: samples the die temperature sensor every two seconds and switches
 * the heater output with hysteresis around the set point.
 */
#include <stdbool.h>
#include <stdint.h>

#include <zephyr/kernel.h>

#include "thermostat.h"

/* Adjustable at run time over the settings interface, hence in .data. */
static struct thermostat_cfg cfg = {
	.setpoint_cdeg = 2100,
	.hysteresis_cdeg = 50,
	.period_ms = 2000,
};

int main(void)
{
	bool heating = false;

	thermostat_init(&cfg);
	for (;;) {
#ifdef FL_CLEAN_GROWN
		int32_t t = calibration_apply(thermostat_read_cdeg());
#else
		int32_t t = thermostat_read_cdeg();
#endif

		heating = thermostat_update(&cfg, t, heating);
		int32_t frac = t % 100;

		printk("temp %d.%02d C, heater %s\n", (int)(t / 100), (int)(frac < 0 ? -frac : frac),
		       heating ? "on" : "off");
		k_msleep(cfg.period_ms);
	}
	return 0;
}
