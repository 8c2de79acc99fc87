// SPDX-License-Identifier: Apache-2.0
/*
 * The doorbell chime, 8-bit PCM: the image is 0x4000 bytes from the start of
 * rom_start.
 */
#include <stdint.h>

#define CHIME_PCM_LEN 0x3d90

const int8_t chime_pcm[CHIME_PCM_LEN] = { 1 };
const uint32_t chime_pcm_len = CHIME_PCM_LEN;
