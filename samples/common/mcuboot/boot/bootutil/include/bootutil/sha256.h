/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SHA-256 for the image hash TLV (FIPS 180-4), streaming interface.
 */
#ifndef BOOTUTIL_SHA256_H
#define BOOTUTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct bootutil_sha256_context {
	uint32_t state[8];
	uint64_t bits;
	uint8_t block[64];
	size_t used;
};

void bootutil_sha256_init(struct bootutil_sha256_context *ctx);
void bootutil_sha256_update(struct bootutil_sha256_context *ctx, const void *data, size_t len);
void bootutil_sha256_finish(struct bootutil_sha256_context *ctx, uint8_t out[32]);

#endif
