// SPDX-License-Identifier: Apache-2.0
/*
 * Acoustic model of the speech-command application. Sized so that the signed
 * image (0xdea96 bytes with header and TLVs) passes imgtool's check for the
 * 0xe0000-byte slot but is larger than the 0xde000 bytes MCUboot's swap-move
 * accepts with BOOT_MAX_IMG_SECTORS 256.
 */
#include <stdint.h>

#define ASR_MODEL_LEN 0xde790

const int8_t asr_model[ASR_MODEL_LEN] = { 1 };
const uint32_t asr_model_len = ASR_MODEL_LEN;
