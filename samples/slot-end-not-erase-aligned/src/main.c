/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Smart plug: reports its serial number and calibrated power readings once a second.
 * The calibration comes from the factory-data record; without it the plug reports
 * uncalibrated values and says so.
 */
#include <stdint.h>

#include <zephyr/kernel.h>
#include <zephyr/soc.h>

#include "factory_data.h"

#define NRF_SAADC_BASE 0x40007000u
#define SAADC_TASKS_SAMPLE 0x004u
#define SAADC_RESULT_PTR 0x62cu

static int16_t raw[2];

static int32_t scale(int32_t v, int32_t gain_q16)
{
	return (int32_t)(((int64_t)v * gain_q16) >> 16);
}

int main(void)
{
	const struct factory_data *fd = factory_data_get();
	int32_t vgain = 1 << 16, igain = 1 << 16;

	if (fd) {
		printk("plug %.16s, hw rev %u\n", fd->serial, fd->hw_rev);
		vgain = fd->voltage_gain;
		igain = fd->current_gain;
	} else {
		printk("no factory data: readings are not calibrated\n");
	}
	NRF_REG(NRF_SAADC_BASE, SAADC_RESULT_PTR) = (uint32_t)(uintptr_t)raw;
	for (;;) {
		NRF_REG(NRF_SAADC_BASE, SAADC_TASKS_SAMPLE) = 1;
		k_msleep(1000);
		int32_t mv = scale(raw[0], vgain);
		int32_t ma = scale(raw[1], igain);

		printk("%d mV, %d mA, %d mW\n", (int)mv, (int)ma, (int)(mv * ma / 1000));
	}
	return 0;
}
