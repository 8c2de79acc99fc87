/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The artwork of the weather display: one bank of 1-bit bitmaps (icons, digits,
 * the splash screen), each found through the index at the start of the bank.
 */
#ifndef ASSETS_H
#define ASSETS_H

#include <stdint.h>

enum asset_id {
	ASSET_SPLASH,
	ASSET_DIGITS_96PX,
	ASSET_ICON_SUN,
	ASSET_ICON_CLOUD,
	ASSET_ICON_RAIN,
	ASSET_ICON_SNOW,
	ASSET_ICON_STORM,
	ASSET_ICON_FOG,
	ASSET_COUNT,
};

struct asset {
	uint32_t offset;   /* into the bank */
	uint16_t width;    /* pixels */
	uint16_t height;
};

extern const uint8_t asset_bank[];
extern const struct asset asset_index[ASSET_COUNT];

#endif
