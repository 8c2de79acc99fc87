/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reads the factory-data record straight from flash at PM_FACTORY_DATA_ADDRESS and
 * checks its magic and CRC-32.
 */
#include <stddef.h>
#include <stdint.h>

#include <pm_config.h>

#include "factory_data.h"

static uint32_t crc32(const uint8_t *p, size_t n)
{
	uint32_t crc = 0xffffffffu;

	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++) {
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1u));
		}
	}
	return ~crc;
}

const struct factory_data *factory_data_get(void)
{
	const struct factory_data *fd = (const struct factory_data *)PM_FACTORY_DATA_ADDRESS;

	_Static_assert(sizeof(struct factory_data) <= PM_FACTORY_DATA_SIZE,
		       "factory data record larger than its partition");
	if (fd->magic != FACTORY_DATA_MAGIC) {
		return NULL;
	}
	if (crc32((const uint8_t *)fd, offsetof(struct factory_data, crc32)) != fd->crc32) {
		return NULL;
	}
	return fd;
}
