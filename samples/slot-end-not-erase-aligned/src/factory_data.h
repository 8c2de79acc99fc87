/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The factory-data record written at production into the `factory_data` partition:
 * serial number, hardware revision, calibration of the power meter.
 */
#ifndef FACTORY_DATA_H
#define FACTORY_DATA_H

#include <stdint.h>

#define FACTORY_DATA_MAGIC 0x46444131u /* "FDA1" */

struct factory_data {
	uint32_t magic;
	uint32_t version;
	char serial[16];
	uint16_t hw_rev;
	uint16_t reserved;
	int32_t voltage_gain;  /* Q16 */
	int32_t current_gain;  /* Q16 */
	int32_t phase_offset;  /* tenths of a degree */
	uint32_t crc32;        /* of everything before it */
};

/* The record, or NULL when the partition is erased or the CRC does not match. */
const struct factory_data *factory_data_get(void);

#endif
