// SPDX-License-Identifier: Apache-2.0
/*
 * Application that reads a provisioning record which devinfo.c places in the
 * nRF5340 OTP area (UICR at 0x00ff8100).
 */
#include <stdint.h>

struct devinfo {
	uint32_t magic;
	uint32_t hw_rev;
	uint8_t serial[16];
	uint8_t mac[6];
	uint16_t crc;
};

extern const struct devinfo devinfo;
volatile uint32_t hw_rev;

int main(void)
{
	if (devinfo.magic == 0x44455649u)
		hw_rev = devinfo.hw_rev;
	return 0;
}
