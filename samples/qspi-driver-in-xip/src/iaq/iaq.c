/* SPDX-License-Identifier: Apache-2.0 */
/*
 * IAQ estimation: the gas resistance is compensated for humidity and temperature
 * with a piecewise-linear table, compared with a slowly tracking clean-air
 * baseline, and mapped to the IAQ index, CO2 and breath-VOC equivalents. All of it
 * runs in place from the external flash.
 */
#include <stdint.h>

#include "iaq.h"

#define BASELINE_SHIFT 6 /* baseline follows clean air with a time constant of 64 samples */
#define SETTLE_SAMPLES 288

/* Humidity correction in 1/1024 per 5 %RH step, 0..100 %RH. */
static const uint16_t iaq_rh_gain[21] = {
	1178, 1160, 1141, 1122, 1103, 1084, 1065, 1046, 1034, 1029, 1024,
	1011, 998,  985,  972,  958,  944,  930,  916,  902,  888,
};

/* Temperature correction in 1/1024 per 5 degC step, -10..60 degC. */
static const uint16_t iaq_temp_gain[15] = {
	1290, 1238, 1187, 1139, 1092, 1047, 1024, 1001, 979, 957, 936, 916, 896, 877, 858,
};

/* Resistance ratio (baseline / compensated, 1/256) to IAQ index breakpoints. */
static const struct {
	uint16_t ratio;
	uint16_t index;
} iaq_curve[] = {
	{ 256, 0 },    { 300, 25 },   { 358, 50 },   { 430, 75 },   { 512, 100 },
	{ 640, 150 },  { 800, 200 },  { 1024, 250 }, { 1408, 300 }, { 2048, 350 },
	{ 3072, 400 }, { 5120, 450 }, { 8192, 500 },
};

static const char *const iaq_names[] = {
	"excellent", "good", "lightly polluted", "moderately polluted",
	"heavily polluted", "severely polluted", "extremely polluted",
};

static uint32_t baseline;
static uint32_t samples;

static uint32_t interp_gain(const uint16_t *table, int n, int32_t x, int32_t x0, int32_t step)
{
	int32_t pos = x - x0;

	if (pos <= 0) {
		return table[0];
	}
	if (pos >= (n - 1) * step) {
		return table[n - 1];
	}
	int32_t i = pos / step;
	int32_t frac = pos % step;

	return (uint32_t)(table[i] + (table[i + 1] - table[i]) * frac / step);
}

static uint32_t compensate(const struct gas_sample *s)
{
	uint64_t r = s->resistance_ohm;

	r = r * interp_gain(iaq_rh_gain, 21, s->rh_cpct, 0, 500) >> 10;
	r = r * interp_gain(iaq_temp_gain, 15, s->temp_cdeg, -1000, 500) >> 10;
	return (uint32_t)r;
}

static uint16_t ratio_to_index(uint32_t ratio)
{
	const int n = sizeof(iaq_curve) / sizeof(iaq_curve[0]);

	if (ratio <= iaq_curve[0].ratio) {
		return 0;
	}
	for (int i = 1; i < n; i++) {
		if (ratio <= iaq_curve[i].ratio) {
			uint32_t span = iaq_curve[i].ratio - iaq_curve[i - 1].ratio;
			uint32_t step = iaq_curve[i].index - iaq_curve[i - 1].index;

			return (uint16_t)(iaq_curve[i - 1].index +
					  (ratio - iaq_curve[i - 1].ratio) * step / span);
		}
	}
	return 500;
}

void iaq_reset(void)
{
	baseline = 0;
	samples = 0;
}

void iaq_feed(const struct gas_sample *s, struct iaq_result *r)
{
	uint32_t comp = compensate(s);

	if (comp == 0) {
		comp = 1;
	}
	/* Clean air has the highest resistance: follow rises at once, falls slowly. */
	if (comp > baseline) {
		baseline = comp;
	} else {
		baseline -= (baseline - comp) >> BASELINE_SHIFT;
	}
	samples++;

	/* baseline / comp in 1/256, scaled down to stay in 32 bits. */
	uint32_t b = baseline, c = comp;

	while (b > 0x00ffffffu) {
		b >>= 1;
		c >>= 1;
	}
	uint32_t ratio = (b << 8) / (c ? c : 1);

	r->index = ratio_to_index(ratio);
	r->accuracy = samples < SETTLE_SAMPLES / 4 ? 0 : samples < SETTLE_SAMPLES ? 2 : 3;
	r->co2_ppm = (uint16_t)(400 + r->index * 9u);
	r->voc_ppb = (uint16_t)(r->index * r->index / 40u + r->index / 2u);
}

const char *iaq_category(uint16_t index)
{
	static const uint16_t upper[] = { 50, 100, 150, 200, 250, 350 };

	for (unsigned int i = 0; i < sizeof(upper) / sizeof(upper[0]); i++) {
		if (index <= upper[i]) {
			return iaq_names[i];
		}
	}
	return iaq_names[6];
}
