// SPDX-License-Identifier: Apache-2.0
/*
 * Splash screen bitmap, small enough that the application fits the 512 KiB
 * flash with a few KiB to spare.
 */
#include <stdint.h>

const uint8_t splash_bmp[0x3e000] = { 0xff };
