// SPDX-License-Identifier: Apache-2.0
/*
 * Application part that stays in internal flash; calls into ext.c, which
 * link.ld relocates to the QSPI XIP window.
 */
#include <stdint.h>

uint32_t crc_update(uint32_t crc, const uint8_t *buf, uint32_t len);
uint32_t filter_step(int32_t x);

static uint8_t frame[64];
uint32_t state = 0xffffffffu;

int main(void)
{
	for (uint32_t i = 0; i < sizeof(frame); i++)
		frame[i] = (uint8_t)filter_step((int32_t)i);
	state = crc_update(state, frame, sizeof(frame));
	return (int)state;
}
