// SPDX-License-Identifier: Apache-2.0
/*
 * Weights of the keyword-spotting model. Sized so that the application still
 * links into its 0xdfe00-byte FLASH region, but header + image + TLVs + trailer
 * no longer fit the 0xe0000-byte MCUboot slot.
 */
#include <stdint.h>

#define KWS_MODEL_LEN 0xdf890

const int8_t kws_model[KWS_MODEL_LEN] = { 1 };
const uint32_t kws_model_len = KWS_MODEL_LEN;
