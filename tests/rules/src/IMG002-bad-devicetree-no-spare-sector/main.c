// SPDX-License-Identifier: Apache-2.0
/*
 * Doorbell application: mixes the chime in chime.c into a window of audio
 * samples.
 */
#include <stdint.h>

extern const int8_t chime_pcm[];
extern const uint32_t chime_pcm_len;

static int16_t window[256];
int32_t level = -1;

int main(void)
{
	int32_t acc = 0;

	for (uint32_t i = 0; i < chime_pcm_len; i += 4096)
		acc += chime_pcm[i] * window[(i >> 12) & 0xff];
	level = acc;
	return 0;
}
