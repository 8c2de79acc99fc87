/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The artwork bank, converted from the designer's PNG files to 1-bit rows (MSB first)
 * and embedded as an array: the 800 x 480 splash screen, the 96-pixel digit set and
 * the weather icons in several sizes. Only the bank's header is spelled out; the
 * pixels after it are left zero, since the sample reproduces the image's size, not
 * its pictures. The length is that of the converted bank.
 */
#include "assets.h"

#define ASSET_BANK_LEN 477696u

__attribute__((aligned(4))) const uint8_t asset_bank[ASSET_BANK_LEN] = {
	/* "BMB1", 8 assets */
	0x42, 0x4d, 0x42, 0x31, 0x08, 0x00, 0x00, 0x00,
	[ASSET_BANK_LEN - 1] = 0x00,
};

const struct asset asset_index[ASSET_COUNT] = {
	[ASSET_SPLASH] = { 0x00010, 800, 480 },
	[ASSET_DIGITS_96PX] = { 0x0bb90, 640, 96 },
	[ASSET_ICON_SUN] = { 0x0d990, 1024, 256 },
	[ASSET_ICON_CLOUD] = { 0x2d990, 1024, 256 },
	[ASSET_ICON_RAIN] = { 0x4d990, 1024, 256 },
	[ASSET_ICON_SNOW] = { 0x6d990, 128, 128 },
	[ASSET_ICON_STORM] = { 0x6e190, 128, 128 },
	[ASSET_ICON_FOG] = { 0x6e990, 128, 128 },
};
