// SPDX-License-Identifier: Apache-2.0
/*
 * Bitmap fonts of the display application (the glyph data is left blank: only
 * the sizes matter to the linker).
 */
#include <stdint.h>

const uint8_t font_24px[0x30000] = { 0x18 };
const uint8_t font_12px[0x10000] = { 0x0c };
