// SPDX-License-Identifier: Apache-2.0
/*
 * Key material of the secure image: KEY_BYTES decides how full its 32 KiB
 * partition is (see expected.txt).
 */
#include <stdint.h>

#define KEY_BYTES 31200

const uint8_t key_table[KEY_BYTES] = { 0x5a, 0xa5 };
