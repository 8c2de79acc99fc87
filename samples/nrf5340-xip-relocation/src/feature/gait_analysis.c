/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Gait analysis: detects heel strikes in the acceleration magnitude, compares each
 * stride with reference gait-cycle templates, derives cadence, variability and
 * symmetry, and classifies the stride with a quantised two-layer perceptron.
 * The whole object runs from external flash (zephyr_code_relocate, NOCOPY); its
 * state lives in ordinary RAM.
 */
#include <stdint.h>
#include <string.h>

#include <zephyr/kernel.h>

#include "gait_analysis.h"

#define FS_HZ 104
#define MAG_WINDOW 8
#define STRIDE_HISTORY 8
#define STRIDE_MAX 256
#define TEMPLATE_LEN 149
#define N_FEATURES 15
#define N_HIDDEN 24

/* Acceleration magnitude over one stride (heel strike to heel strike) per gait
 * class, milli-g above 1 g, resampled to TEMPLATE_LEN points: the class means of
 * the labelled training strides. */
static const int16_t gait_templates[GAIT_CLASS_COUNT][TEMPLATE_LEN] = {
	[GAIT_HEALTHY] = {
		975, 1170, 1300, 1345, 1290, 1145, 940, 715, 490, 300, 155, 45, -35, -85, -125, -150,
		-165, -175, -180, -175, -160, -145, -125, -105, -80, -60, -40, -25, -5, 5, 20, 30,
		40, 50, 60, 70, 80, 90, 95, 105, 115, 120, 125, 130, 130, 130, 125, 125, 115, 110,
		100, 90, 75, 65, 50, 35, 15, 0, -20, -40, -60, -75, -95, -110, -120, -130, -135,
		-135, -135, -130, -120, -110, -95, -80, -70, -55, -40, -30, -15, 0, 15, 35, 60, 90,
		125, 165, 210, 255, 295, 335, 365, 380, 385, 375, 350, 315, 275, 230, 185, 145, 110,
		75, 50, 30, 10, -5, -15, -25, -35, -45, -50, -60, -65, -70, -75, -75, -75, -75, -70,
		-65, -60, -50, -45, -35, -30, -25, -20, -15, -10, -5, 0, 5, 10, 20, 35, 55, 85, 130,
		195, 275, 375, 490, 620, 760, 895, 1020, 1115, 1180, 1200,
	},
	[GAIT_PARKINSONIAN] = {
		525, 575, 610, 615, 605, 570, 515, 450, 375, 300, 230, 160, 105, 60, 20, -10, -35,
		-55, -65, -75, -80, -85, -90, -90, -85, -80, -75, -70, -60, -55, -45, -35, -25, -20,
		-10, -5, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 50, 55, 55, 55, 60, 60, 60, 55, 55,
		50, 50, 45, 40, 35, 25, 20, 10, 5, -5, -10, -20, -30, -35, -45, -50, -55, -60, -60,
		-65, -65, -65, -60, -60, -55, -50, -45, -35, -25, -15, -5, 5, 20, 40, 55, 75, 95,
		115, 130, 145, 160, 170, 175, 180, 175, 165, 155, 140, 120, 105, 85, 65, 50, 30, 20,
		5, -5, -15, -20, -25, -30, -35, -40, -40, -40, -40, -35, -35, -35, -30, -25, -20,
		-20, -15, -10, 0, 5, 15, 30, 45, 65, 95, 130, 170, 215, 265, 320, 380, 435, 490, 535,
		570, 590, 600,
	},
	[GAIT_ANTALGIC] = {
		960, 1235, 1430, 1495, 1410, 1200, 915, 615, 355, 150, 5, -90, -150, -190, -215,
		-220, -210, -190, -165, -130, -100, -70, -45, -25, -10, 5, 15, 20, 30, 40, 50, 55,
		65, 75, 80, 85, 90, 90, 90, 85, 80, 75, 65, 55, 45, 35, 25, 15, 0, -10, -20, -30,
		-40, -45, -50, -55, -60, -60, -55, -50, -45, -35, -25, -10, 5, 25, 45, 80, 115, 160,
		215, 270, 330, 390, 445, 485, 510, 520, 510, 480, 435, 385, 325, 260, 205, 150, 105,
		65, 35, 10, -10, -25, -40, -50, -60, -70, -80, -90, -95, -105, -110, -115, -120,
		-120, -120, -120, -115, -110, -105, -95, -90, -80, -75, -65, -55, -45, -40, -35, -25,
		-20, -20, -15, -10, -10, -5, -5, -5, 0, 0, 0, 0, 0, 0, 0, 5, 10, 25, 45, 85, 145,
		235, 360, 520, 710, 920, 1120, 1295, 1410, 1450,
	},
	[GAIT_RUNNING] = {
		1370, 1960, 2425, 2595, 2390, 1895, 1285, 730, 315, 45, -110, -210, -275, -315, -345,
		-350, -335, -300, -255, -200, -140, -85, -30, 20, 70, 120, 165, 215, 260, 305, 335,
		360, 365, 355, 330, 290, 235, 165, 95, 20, -60, -135, -210, -280, -350, -420, -485,
		-545, -610, -665, -720, -770, -815, -850, -875, -890, -900, -895, -885, -860, -830,
		-790, -745, -695, -640, -585, -525, -470, -415, -360, -305, -255, -200, -135, -35,
		110, 330, 625, 985, 1360, 1665, 1835, 1815, 1610, 1280, 905, 550, 265, 55, -85, -185,
		-255, -320, -380, -440, -500, -565, -625, -680, -730, -775, -810, -835, -850, -850,
		-840, -815, -785, -740, -690, -635, -575, -515, -455, -395, -335, -285, -235, -195,
		-155, -125, -100, -75, -60, -45, -30, -25, -15, -10, -10, -5, -5, -5, 0, 0, 0, 0, 0,
		0, 5, 25, 70, 185, 410, 790, 1320, 1905, 2370, 2550,
	},
};

/* Feature normalisation: (x - mean) * scale >> 8, per feature. */
static const int16_t gait_feature_mean[N_FEATURES] = {
	108, 1110, 28, 1000, 1450, 420, 380, 95, 510, 640, 210, 33, 610, 240, 180,
};
static const int16_t gait_feature_scale[N_FEATURES] = {
	14, 2, 60, 9, 3, 11, 12, 40, 8, 7, 18, 90, 5, 9, 11,
};

/* Quantised perceptron: int8 weights, int16 biases, ReLU hidden layer. */
static const int8_t gait_w1[N_HIDDEN][N_FEATURES] = {
	{ 23, -11, 7, 0, 31, -5, 12, -19, 4, 8, -2, 15, 9, -14, 6 },
	{ -7, 28, -14, 9, -3, 22, -6, 11, -25, 3, 17, -9, -12, 5, 20 },
	{ 12, 5, 33, -21, 8, -16, 4, 27, -3, -12, 6, 19, 14, -8, -3 },
	{ -18, 14, 2, 26, -9, 7, -23, 5, 16, -4, 29, -1, 3, 22, -11 },
	{ 9, -27, 18, -6, 14, 3, 21, -8, -11, 25, -15, 6, -19, 7, 13 },
	{ 31, 8, -12, 17, -22, 10, -4, 13, 7, -19, 2, 24, 11, -5, -16 },
	{ -5, 19, 26, -13, 4, -28, 15, -2, 20, 11, -7, -16, 8, 24, 2 },
	{ 14, -3, -9, 22, 18, 6, -17, 30, -8, 5, 23, -11, -6, 13, 27 },
	{ -21, 11, 16, 3, -26, 19, 8, -14, 27, -6, 1, 12, 21, -9, -4 },
	{ 6, 24, -19, -10, 13, -2, 29, 7, -16, 21, -12, 4, -25, 16, 10 },
	{ 17, -15, 10, 28, -4, 23, -11, -20, 3, 14, 18, -7, 5, -2, -21 },
	{ -12, 7, -25, 15, 21, -9, 2, 18, 24, -13, -6, 30, 17, 11, 8 },
	{ 25, 2, 13, -18, -7, 16, 27, -5, -14, 9, 11, 20, -10, -23, 15 },
	{ -3, -22, 6, 12, 29, -17, -8, 23, 10, 26, -19, 1, 28, 4, -7 },
	{ 20, 16, -7, -24, 5, 12, -13, 9, 31, -1, 14, -26, -3, 18, 22 },
	{ -9, 30, 21, 4, -15, -6, 18, -27, -2, 17, 8, 13, 12, -20, 1 },
	{ 11, -8, 24, 19, -12, 27, -1, 6, -21, 15, -4, 9, -17, 26, -13 },
	{ -26, 13, -3, 8, 22, -10, 25, 16, 5, -28, 19, -6, 2, 9, 30 },
	{ 4, 21, -17, -9, 28, 1, -14, 20, 12, 7, -24, 18, 23, -11, -2 },
	{ 15, -19, 9, 27, -1, -21, 6, -12, 18, 29, 3, -8, -14, 10, 25 },
	{ -10, 6, 31, -16, 11, 20, -25, 2, -7, 13, 26, 5, 19, -3, -18 },
	{ 28, -4, -11, 14, 7, -13, 22, -24, 9, -2, 16, 27, -9, 12, 6 },
	{ -16, 25, 12, -5, -20, 8, 3, 29, -13, 19, -10, 14, 7, 21, -27 },
	{ 7, -12, -22, 30, 16, -7, 11, -3, 26, -18, 21, -15, 24, 1, 9 },
};
static const int16_t gait_b1[N_HIDDEN] = {
	-120, 85, 40, -60, 150, -30, 95, -140, 20, 70, -85, 110,
	-15, 60, -100, 35, 55, -70, 125, -45, 10, 80, -25, 65,
};
static const int8_t gait_w2[GAIT_CLASS_COUNT][N_HIDDEN] = {
	{ 27, -12, 8, 19, -25, 14, -3, 22, 6, -18, 11, 29, -7, 16, 3, -21, 9, 24, -14, 5, 18, -2, 12, -9 },
	{ -15, 24, -19, 5, 12, -28, 17, -4, 23, 9, -13, 2, 26, -10, 18, 7, -22, 3, 15, -17, 8, 21, -6, 28 },
	{ 9, -6, 28, -23, 16, 4, -20, 13, -11, 25, 1, -17, 10, 21, -26, 14, 6, -12, 27, 19, -3, -24, 17, 2 },
	{ -22, 18, -1, 11, -8, 27, 6, -16, 19, -3, 24, 12, -29, 5, 15, -9, 26, 13, -5, -20, 30, 7, -11, 23 },
};
static const int16_t gait_b2[GAIT_CLASS_COUNT] = { 200, -150, -90, -310 };

static const char *const gait_class_names[GAIT_CLASS_COUNT] = {
	"healthy", "parkinsonian", "antalgic", "running",
};

struct gait_state {
	int32_t mag_hist[MAG_WINDOW];
	uint8_t mag_pos;
	int32_t mag_sum;
	int32_t prev_mag;
	int32_t peak;
	uint32_t sample_no;
	uint32_t last_strike;
	uint16_t stride_hist[STRIDE_HISTORY];
	uint8_t stride_count;
	uint8_t step_parity;
	uint16_t step_left_ms;
	uint16_t step_right_ms;
	int16_t stride_buf[STRIDE_MAX];
	uint16_t stride_len;
};

static struct gait_state st;

static uint32_t isqrt32(uint32_t v)
{
	uint32_t r = 0;
	uint32_t bit = 1u << 30;

	while (bit > v) {
		bit >>= 2;
	}
	while (bit != 0) {
		if (v >= r + bit) {
			v -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

static int32_t magnitude_mg(const struct imu_sample *s)
{
	uint32_t sq = (uint32_t)(s->ax * s->ax) + (uint32_t)(s->ay * s->ay) +
		      (uint32_t)(s->az * s->az);

	return (int32_t)isqrt32(sq) - 1000;
}

/* Normalised cross-correlation of the last stride with one class template, per
 * mille. The stride is resampled onto the template's time base. */
static __attribute__((noinline)) int32_t template_similarity(const int16_t *tpl)
{
	int64_t dot = 0;
	int64_t e_buf = 0;
	int64_t e_tpl = 0;

	if (st.stride_len < 2) {
		return 0;
	}
	for (uint32_t i = 0; i < TEMPLATE_LEN; i++) {
		int32_t x = st.stride_buf[i * st.stride_len / TEMPLATE_LEN];
		int32_t t = tpl[i];

		dot += (int64_t)x * t;
		e_buf += (int64_t)x * x;
		e_tpl += (int64_t)t * t;
	}
	uint32_t n = isqrt32((uint32_t)(e_buf >> 8)) * isqrt32((uint32_t)(e_tpl >> 8));
	/* |dot| <= n, so after clamping the division stays 32-bit (no libgcc). */
	int64_t d = dot >> 8;
	int32_t d32 = d > 2000000 ? 2000000 : d < -2000000 ? -2000000 : (int32_t)d;

	return n == 0 ? 0 : d32 * 1000 / (int32_t)n;
}

static __attribute__((noinline)) void extract_features(int32_t f[N_FEATURES],
						       const struct gait_result *r)
{
	int32_t peak = 0;
	int32_t trough = 0;
	int32_t energy = 0;

	for (uint16_t i = 0; i < st.stride_len; i++) {
		int32_t v = st.stride_buf[i];

		peak = v > peak ? v : peak;
		trough = v < trough ? v : trough;
		energy += (v * v) >> 10;
	}
	f[0] = r->cadence_spm;
	f[1] = r->stride_ms;
	f[2] = r->stride_cv_permil;
	f[3] = r->symmetry_permil;
	f[4] = peak;
	f[5] = -trough;
	f[6] = st.stride_len ? energy / st.stride_len : 0;
	f[7] = st.step_left_ms;
	f[8] = st.step_right_ms;
	f[9] = st.stride_count;
	f[10] = st.peak >> 5;
	for (int k = 0; k < GAIT_CLASS_COUNT; k++) {
		f[11 + k] = template_similarity(gait_templates[k]);
	}
}

static __attribute__((noinline)) void classify(const int32_t f[N_FEATURES],
					       struct gait_result *r)
{
	int32_t x[N_FEATURES];
	int32_t h[N_HIDDEN];
	int32_t best = INT32_MIN;
	int32_t second = INT32_MIN;

	for (int i = 0; i < N_FEATURES; i++) {
		x[i] = ((f[i] - gait_feature_mean[i]) * gait_feature_scale[i]) >> 8;
	}
	for (int j = 0; j < N_HIDDEN; j++) {
		int32_t acc = gait_b1[j];

		for (int i = 0; i < N_FEATURES; i++) {
			acc += gait_w1[j][i] * x[i];
		}
		h[j] = acc > 0 ? acc >> 4 : 0;
	}
	for (int k = 0; k < GAIT_CLASS_COUNT; k++) {
		int32_t acc = gait_b2[k];

		for (int j = 0; j < N_HIDDEN; j++) {
			acc += gait_w2[k][j] * h[j];
		}
		if (acc > best) {
			second = best;
			best = acc;
			r->cls = (enum gait_class)k;
		} else if (acc > second) {
			second = acc;
		}
	}
	int32_t margin = best - second;

	r->confidence_pct = (uint8_t)(margin > 2000 ? 99 : 50 + margin * 49 / 2000);
}

static __attribute__((noinline)) void stride_statistics(struct gait_result *r)
{
	uint32_t n = st.stride_count < STRIDE_HISTORY ? st.stride_count : STRIDE_HISTORY;
	uint32_t sum = 0;
	uint32_t var = 0;

	for (uint32_t i = 0; i < n; i++) {
		sum += st.stride_hist[i];
	}
	uint32_t mean = n ? sum / n : 0;

	for (uint32_t i = 0; i < n; i++) {
		int32_t d = (int32_t)st.stride_hist[i] - (int32_t)mean;

		var += (uint32_t)(d * d);
	}
	r->stride_ms = (uint16_t)mean;
	r->cadence_spm = (uint16_t)(mean ? 120000u / mean : 0);
	r->stride_cv_permil = (uint16_t)(mean ? isqrt32(n ? var / n : 0) * 1000u / mean : 0);
	r->symmetry_permil = (uint16_t)(st.step_right_ms
						? (uint32_t)st.step_left_ms * 1000u / st.step_right_ms
						: 0);
}

void gait_reset(void)
{
	memset(&st, 0, sizeof(st));
}

int gait_feed(const struct imu_sample *s, struct gait_result *out)
{
	int32_t m = magnitude_mg(s);

	st.mag_sum += m - st.mag_hist[st.mag_pos];
	st.mag_hist[st.mag_pos] = m;
	st.mag_pos = (uint8_t)((st.mag_pos + 1) % MAG_WINDOW);
	st.sample_no++;

	if (st.stride_len < STRIDE_MAX) {
		st.stride_buf[st.stride_len++] = (int16_t)m;
	}

	/* Heel strike: the smoothed magnitude falls through 0.8 g above rest, at most
	 * once every 300 ms. */
	int32_t avg = st.mag_sum / MAG_WINDOW;
	int strike = st.prev_mag >= 800 && avg < 800 &&
		     st.sample_no - st.last_strike > FS_HZ * 3 / 10;

	st.peak = avg > st.peak ? avg : st.peak;
	st.prev_mag = avg;
	if (!strike) {
		return 0;
	}

	uint16_t step_ms = (uint16_t)((st.sample_no - st.last_strike) * 1000u / FS_HZ);

	st.last_strike = st.sample_no;
	if (st.step_parity ^= 1) {
		st.step_left_ms = step_ms;
		return 0;
	}
	st.step_right_ms = step_ms;
	st.stride_hist[st.stride_count % STRIDE_HISTORY] =
		(uint16_t)(st.step_left_ms + st.step_right_ms);
	st.stride_count++;

	stride_statistics(out);
	int32_t f[N_FEATURES];

	extract_features(f, out);
	classify(f, out);
	st.stride_len = 0;
	st.peak = 0;
	return 1;
}

const char *gait_class_name(enum gait_class cls)
{
	return (unsigned int)cls < GAIT_CLASS_COUNT ? gait_class_names[cls] : "unknown";
}
