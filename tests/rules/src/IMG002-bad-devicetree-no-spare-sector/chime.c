// SPDX-License-Identifier: Apache-2.0
/*
 * The doorbell chime, 8-bit PCM. The signed image (0x74d50 bytes) passes
 * imgtool's check for the 0x76000-byte slot1_partition, but swap-move needs a
 * spare sector in slot0_partition that equal slots do not have.
 */
#include <stdint.h>

#define CHIME_PCM_LEN 0x74990

const int8_t chime_pcm[CHIME_PCM_LEN] = { 1 };
const uint32_t chime_pcm_len = CHIME_PCM_LEN;
