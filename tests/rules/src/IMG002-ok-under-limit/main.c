// SPDX-License-Identifier: Apache-2.0
/*
 * Speech-command application: runs the acoustic model in model.c over a
 * window of audio samples.
 */
#include <stdint.h>

extern const int8_t asr_model[];
extern const uint32_t asr_model_len;

static int16_t window[256];
int32_t score = -1;

int main(void)
{
	int32_t acc = 0;

	for (uint32_t i = 0; i < asr_model_len; i += 4096)
		acc += asr_model[i] * window[(i >> 12) & 0xff];
	score = acc;
	return 0;
}
