// SPDX-License-Identifier: Apache-2.0
/*
 * Splash screen bitmap: with it the application still links, but fills 97 % of
 * the 512 KiB flash.
 */
#include <stdint.h>

const uint8_t splash_bmp[0x3c200] = { 0xff };
