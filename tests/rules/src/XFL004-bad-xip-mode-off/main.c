// SPDX-License-Identifier: Apache-2.0
/*
 * Application part that stays in internal flash; calls draw_number(), which
 * link.ld places in the QSPI XIP window.
 */
#include <stdint.h>

void draw_number(uint8_t *fb, uint32_t width, uint32_t value);

static uint8_t frame[8 * 16];
uint32_t ticks = 1234;

int main(void)
{
	draw_number(frame, 16, ticks);
	return frame[0];
}
