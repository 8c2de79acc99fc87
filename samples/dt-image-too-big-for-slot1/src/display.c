/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The 7.5-inch e-paper panel (800 x 480, 1 bit per pixel) on SPIM3: a frame buffer
 * in RAM that bitmaps are drawn into, sent to the panel in 4 KiB bursts.
 */
#include <stdint.h>
#include <string.h>

#include <zephyr/kernel.h>
#include <zephyr/soc.h>

#include "assets.h"
#include "display.h"

#define NRF_SPIM3_BASE 0x4002f000u
#define SPIM_TASKS_START 0x010u
#define SPIM_EVENTS_END 0x118u
#define SPIM_ENABLE 0x500u
#define SPIM_TXD_PTR 0x544u
#define SPIM_TXD_MAXCNT 0x548u

#define STRIDE (DISPLAY_WIDTH / 8)

static uint8_t frame[STRIDE * DISPLAY_HEIGHT];

void display_clear(void)
{
	memset(frame, 0, sizeof(frame));
}

void display_draw(enum asset_id id, unsigned int x, unsigned int y)
{
	const struct asset *a = &asset_index[id];
	const uint8_t *src = &asset_bank[a->offset];
	unsigned int row_bytes = a->width / 8;

	for (unsigned int r = 0; r < a->height && y + r < DISPLAY_HEIGHT; r++) {
		for (unsigned int c = 0; c < row_bytes && x / 8 + c < STRIDE; c++) {
			frame[(y + r) * STRIDE + x / 8 + c] |= src[r * row_bytes + c];
		}
	}
}

void display_refresh(void)
{
	NRF_REG(NRF_SPIM3_BASE, SPIM_ENABLE) = 7;
	for (unsigned int off = 0; off < sizeof(frame); off += 4096) {
		unsigned int n = sizeof(frame) - off < 4096 ? sizeof(frame) - off : 4096;

		NRF_REG(NRF_SPIM3_BASE, SPIM_TXD_PTR) = (uint32_t)(uintptr_t)&frame[off];
		NRF_REG(NRF_SPIM3_BASE, SPIM_TXD_MAXCNT) = n;
		NRF_REG(NRF_SPIM3_BASE, SPIM_EVENTS_END) = 0;
		NRF_REG(NRF_SPIM3_BASE, SPIM_TASKS_START) = 1;
		while (!NRF_REG(NRF_SPIM3_BASE, SPIM_EVENTS_END)) {
			k_yield();
		}
	}
	NRF_REG(NRF_SPIM3_BASE, SPIM_ENABLE) = 0;
}
