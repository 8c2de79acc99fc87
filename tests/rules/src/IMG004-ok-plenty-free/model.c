// SPDX-License-Identifier: Apache-2.0
/*
 * Weights of the quantised gesture classifier: the signed image takes half of
 * the 0xe0000-byte slot.
 */
#include <stdint.h>

#define GESTURE_MODEL_LEN 0x6ff90

const int8_t gesture_model[GESTURE_MODEL_LEN] = { 1 };
const uint32_t gesture_model_len = GESTURE_MODEL_LEN;
