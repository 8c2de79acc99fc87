/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Goertzel filters over fixed frequency bands, in Q14 fixed point. This object
 * is relocated to the QSPI XIP window by zephyr_code_relocate(), text and
 * rodata, NOCOPY.
 */
#include <stdint.h>

#include "spectrum.h"

#define BANDS 16

/* 2*cos(2*pi*f/fs) in Q14 for the centre of each band, fs = 1 kHz. */
static const int32_t coeff_q14[BANDS] = {
	32703, 32510, 32122, 31542, 30775, 29826, 28701, 27406,
	25949, 24339, 22585, 20696, 18685, 16562, 14339, 12029,
};

static const char *const band_names[BANDS] = {
	"0-20 Hz",    "20-40 Hz",   "40-60 Hz",   "60-80 Hz",   "80-100 Hz",  "100-120 Hz",
	"120-140 Hz", "140-160 Hz", "160-180 Hz", "180-200 Hz", "200-220 Hz", "220-240 Hz",
	"240-260 Hz", "260-280 Hz", "280-300 Hz", "300-320 Hz",
};

static int64_t goertzel_power(const int16_t *x, uint32_t n, int32_t coeff)
{
	int64_t s1 = 0, s2 = 0;
	for (uint32_t i = 0; i < n; i++) {
		int64_t s0 = x[i] + ((coeff * s1) >> 14) - s2;
		s2 = s1;
		s1 = s0;
	}
	return s1 * s1 + s2 * s2 - ((coeff * s1) >> 14) * s2;
}

uint32_t spectrum_peak_band(const int16_t *samples, uint32_t n)
{
	uint32_t best = 0;
	int64_t best_power = -1;
	for (uint32_t b = 0; b < BANDS; b++) {
		int64_t p = goertzel_power(samples, n, coeff_q14[b]);
		if (p > best_power) {
			best_power = p;
			best = b;
		}
	}
	return best;
}

const char *spectrum_band_name(uint32_t band)
{
	return band < BANDS ? band_names[band] : "?";
}
