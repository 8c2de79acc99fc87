/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Data-logger gateway: forwards sensor frames from the console UART and accepts
 * firmware updates on the same line. A frame starting with 'U' and a 32-bit length
 * starts an update; everything else is a sensor frame.
 */
#include <stdint.h>

#include <zephyr/kernel.h>

#include "dfu.h"

static uint8_t frame[64];

/* The receive path of the console UART fills `frame`; returns its length. */
static size_t receive(uint8_t *buf, size_t max)
{
	static uint32_t seq;

	buf[0] = (uint8_t)'S';
	for (size_t i = 1; i < max; i++) {
		buf[i] = (uint8_t)(seq + i);
	}
	seq++;
	return max;
}

int main(void)
{
	printk("gateway up\n");
	for (;;) {
		size_t n = receive(frame, sizeof(frame));

		if (frame[0] == 'U' && n >= 5) {
			uint32_t len = frame[1] | frame[2] << 8 | frame[3] << 16 | (uint32_t)frame[4] << 24;

			if (dfu_begin(len) == 0) {
				dfu_write(&frame[5], n - 5);
			}
		} else if (frame[0] == 'D') {
			dfu_write(&frame[1], n - 1);
		} else if (frame[0] == 'E') {
			dfu_finish();
		} else {
			printk("frame %u bytes\n", (unsigned int)n);
		}
		k_msleep(100);
	}
	return 0;
}
