// SPDX-License-Identifier: Apache-2.0
/*
 * Application part: logs a counter to the QSPI NOR through the driver and draws
 * it with draw_number(), which runs in place from the chip.
 */
#include <stdint.h>

int qspi_nor_init(void);
int qspi_nor_read(uint32_t addr, void *dst, uint32_t len);
int qspi_nor_write(uint32_t addr, const void *src, uint32_t len);
int qspi_nor_erase(uint32_t addr, uint32_t len);
void draw_number(uint8_t *fb, uint32_t width, uint32_t value);

#define LOG_OFFSET 0x700000u

static uint8_t frame[8 * 16];
uint32_t boots;

int main(void)
{
	qspi_nor_init();
	qspi_nor_read(LOG_OFFSET, &boots, sizeof(boots));
	boots++;
	qspi_nor_erase(LOG_OFFSET, 0x1000);
	qspi_nor_write(LOG_OFFSET, &boots, sizeof(boots));
	draw_number(frame, 16, boots);
	return frame[0];
}
