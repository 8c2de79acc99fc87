// SPDX-License-Identifier: Apache-2.0
/*
 * The doorbell chime, 8-bit PCM. Sized so that the image (0x74c00 bytes from
 * the start of rom_start) links into the 0x75000-byte FLASH region, but with
 * imgtool's TLVs and trailer exceeds slot1_partition.
 */
#include <stdint.h>

#define CHIME_PCM_LEN 0x74990

const int8_t chime_pcm[CHIME_PCM_LEN] = { 1 };
const uint32_t chime_pcm_len = CHIME_PCM_LEN;
