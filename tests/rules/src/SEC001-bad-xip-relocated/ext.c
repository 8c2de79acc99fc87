// SPDX-License-Identifier: Apache-2.0
/*
 * Code and tables meant to execute in place from external QSPI flash: link.ld
 * places this object's .text and .rodata in the EXTFLASH region, as
 * zephyr_code_relocate(FILES ext.c LOCATION EXTFLASH_TEXT NOCOPY) does.
 */
#include <stdint.h>

static const uint32_t crc_table[256] = {
#define C(n) (((n) * 0x04c11db7u) ^ ((n) << 7))
#define R8(n) C(n), C(n + 1), C(n + 2), C(n + 3), C(n + 4), C(n + 5), C(n + 6), C(n + 7)
#define R64(n) R8(n), R8(n + 8), R8(n + 16), R8(n + 24), R8(n + 32), R8(n + 40), R8(n + 48), R8(n + 56)
	R64(0), R64(64), R64(128), R64(192),
};

static const int16_t taps[32] = { 3, -7, 12, -20, 31, -45, 63, -85, 112, -145, 185, -233,
				  291, -362, 448, -555, 555, -448, 362, -291, 233, -185, 145,
				  -112, 85, -63, 45, -31, 20, -12, 7, -3 };

uint32_t crc_update(uint32_t crc, const uint8_t *buf, uint32_t len)
{
	while (len--)
		crc = crc_table[(crc ^ *buf++) & 0xff] ^ (crc >> 8);
	return crc;
}

uint32_t filter_step(int32_t x)
{
	static int32_t hist[32];
	int32_t acc = 0;

	for (int i = 31; i > 0; i--)
		hist[i] = hist[i - 1];
	hist[0] = x;
	for (int i = 0; i < 32; i++)
		acc += hist[i] * taps[i];
	return (uint32_t)acc;
}
