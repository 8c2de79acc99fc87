// SPDX-License-Identifier: Apache-2.0
/*
 * Splash screen bitmap of the reduced-resolution variant: the application fills
 * half of the 512 KiB flash.
 */
#include <stdint.h>

const uint8_t splash_bmp[0x18000] = { 0xff };
