// SPDX-License-Identifier: Apache-2.0
/*
 * Splash screen bitmap, grown by a new artwork release until the application
 * no longer fits the 512 KiB flash.
 */
#include <stdint.h>

const uint8_t splash_bmp[0x40400] = { 0xff };
