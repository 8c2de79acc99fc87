// SPDX-License-Identifier: Apache-2.0
/*
 * Weights of the keyword-spotting model, one 32-bit word larger than in
 * IMG001-ok-trailer-fits: header + image + TLVs + trailer now exceed the
 * 0xe0000-byte MCUboot slot by 2 bytes (3 when the ECDSA signature encodes to
 * 72 bytes), while the image still links with 1732 bytes of FLASH to spare.
 */
#include <stdint.h>

#define KWS_MODEL_LEN 0xdf6cc

const int8_t kws_model[KWS_MODEL_LEN] = { 1 };
const uint32_t kws_model_len = KWS_MODEL_LEN;
