// SPDX-License-Identifier: Apache-2.0
/*
 * Acoustic model of the speech-command application, pruned so that the signed
 * image (0xddffe bytes with header and TLVs, 0xddfff with a 72-byte ECDSA
 * signature) stays within the 0xde000 bytes MCUboot's swap-move accepts with
 * BOOT_MAX_IMG_SECTORS 256.
 */
#include <stdint.h>

#define ASR_MODEL_LEN 0xddcf8

const int8_t asr_model[ASR_MODEL_LEN] = { 1 };
const uint32_t asr_model_len = ASR_MODEL_LEN;
