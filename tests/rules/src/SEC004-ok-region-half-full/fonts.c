// SPDX-License-Identifier: Apache-2.0
/*
 * Bitmap fonts of the display application, one size smaller than in the
 * other display fixtures (the glyph data is left blank).
 */
#include <stdint.h>

const uint8_t font_24px[0x20000] = { 0x18 };
const uint8_t font_12px[0x8000] = { 0x0c };
