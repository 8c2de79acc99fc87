// SPDX-License-Identifier: Apache-2.0
/*
 * Factory provisioning record, programmed into the OTP area by the production
 * line: section .devinfo, which link.ld places at 0x00ff8100.
 */
#include <stdint.h>

struct devinfo {
	uint32_t magic;
	uint32_t hw_rev;
	uint8_t serial[16];
	uint8_t mac[6];
	uint16_t crc;
};

__attribute__((section(".devinfo"), used)) const struct devinfo devinfo = {
	.magic = 0x44455649u,
	.hw_rev = 3,
	.serial = "FL-0000000000001",
	.mac = { 0xf4, 0xce, 0x36, 0x00, 0x00, 0x01 },
	.crc = 0xffff,
};
