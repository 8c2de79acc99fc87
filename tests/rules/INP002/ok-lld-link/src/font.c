// SPDX-License-Identifier: Apache-2.0
/*
 * Display font of the program that prepare.sh links with ld.lld: the ELF and
 * the map come from one link.
 */
#include <stdint.h>

#define FONT_BYTES 30576

const uint8_t font_table[FONT_BYTES] = { 0x3c, 0x42, 0x81, 0x81 };
const uint32_t font_glyphs = 96;
uint32_t frame_count = 1;
