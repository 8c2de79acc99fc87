// SPDX-License-Identifier: Apache-2.0
/*
 * Weights of the keyword-spotting model, sized so that header + image + TLVs +
 * trailer fill the 0xe0000-byte MCUboot slot to within 2 bytes (1 byte when
 * the ECDSA signature encodes to 72 bytes). One 32-bit word more does not sign
 * (IMG001-bad-two-bytes-over).
 */
#include <stdint.h>

#define KWS_MODEL_LEN 0xdf6c8

const int8_t kws_model[KWS_MODEL_LEN] = { 1 };
const uint32_t kws_model_len = KWS_MODEL_LEN;
