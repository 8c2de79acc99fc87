/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Irrigation valve controller: opens the valve when the soil gets dry and closes it
 * when the target moisture is reached. The field gateway sends firmware updates on
 * the same UART link as its commands: 'U' + 32-bit length starts one, 'D' frames
 * carry data, 'E' ends it.
 */
#include <stdbool.h>
#include <stdint.h>

#include <zephyr/kernel.h>

#include "img_mgr.h"

#define MOISTURE_OPEN_PERMIL 180
#define MOISTURE_CLOSE_PERMIL 320

static uint8_t frame[72];
static bool valve_open;

/* Soil moisture in per mille of the probe's range (its ADC driver fills this in). */
static uint16_t read_moisture(void)
{
	static uint16_t m = 250;

	m = valve_open ? m + 3 : m - 1;
	return m;
}

/* The gateway link's receive path fills `buf`; returns the frame length. */
static size_t receive(uint8_t *buf, size_t max)
{
	static uint32_t seq;

	buf[0] = (uint8_t)'C';
	for (size_t i = 1; i < max; i++) {
		buf[i] = (uint8_t)(seq * 7u + i);
	}
	seq++;
	return max;
}

static void handle_frame(const uint8_t *f, size_t n)
{
	int rc = 0;

	switch (f[0]) {
	case 'U':
		if (n >= 5) {
			rc = img_mgr_init(f[1] | f[2] << 8 | f[3] << 16 | (uint32_t)f[4] << 24);
		}
		break;
	case 'D':
		rc = img_mgr_buffered_write(&f[1], n - 1, false);
		break;
	case 'E':
		rc = img_mgr_buffered_write(NULL, 0, true);
		if (rc == 0) {
			rc = img_mgr_request_upgrade();
		}
		break;
	default:
		break;
	}
	if (rc != 0) {
		printk("update: frame '%c' failed: %d (%u bytes written)\n", f[0], rc,
		       (unsigned int)img_mgr_bytes_written());
	}
}

int main(void)
{
	printk("valve controller up\n");
	for (;;) {
		uint16_t m = read_moisture();

		if (!valve_open && m < MOISTURE_OPEN_PERMIL) {
			valve_open = true;
			printk("moisture %u: valve open\n", m);
		} else if (valve_open && m > MOISTURE_CLOSE_PERMIL) {
			valve_open = false;
			printk("moisture %u: valve closed\n", m);
		}
		handle_frame(frame, receive(frame, sizeof(frame)));
		k_msleep(1000);
	}
	return 0;
}
