/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Vibration logger: samples an accelerometer axis at 1 kHz, and once per second
 * reports the strongest frequency band found by the spectrum analysis (which runs
 * in place from the external QSPI flash).
 */
#include <stdint.h>

#include <zephyr/kernel.h>

#include "feature/spectrum.h"

static int16_t window[SPECTRUM_WINDOW];
static uint32_t seconds;

static int16_t read_axis(uint32_t n)
{
	/* a 50 Hz vibration with some 120 Hz on top, until the sensor driver exists */
	return (int16_t)((n * 50u % 1000u < 500u ? 800 : -800) + (n * 120u % 1000u < 500u ? 200 : -200));
}

int main(void)
{
	for (;;) {
		for (uint32_t i = 0; i < SPECTRUM_WINDOW; i++)
			window[i] = read_axis(seconds * SPECTRUM_WINDOW + i);
		uint32_t band = spectrum_peak_band(window, SPECTRUM_WINDOW);
		printk("t=%us peak band %u (%s)\n", (unsigned)seconds, (unsigned)band,
		       spectrum_band_name(band));
		seconds++;
		k_msleep(1000);
	}
	return 0;
}
