/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Measurement log of the hive scale in the littlefs_storage partition on the
 * external DataFlash.
 */
#ifndef HIVE_LOG_H
#define HIVE_LOG_H

#include <stdint.h>

struct hive_record {
	uint32_t timestamp;   /* seconds since boot; 0xffffffff = unwritten */
	int32_t weight_g;     /* hive weight */
	int16_t temp_cdeg;    /* brood-nest temperature, 0.01 degC */
	uint16_t rh_cpct;     /* 0.01 %RH */
	uint16_t sound_db10;  /* hum level, 0.1 dB */
	uint16_t battery_mv;
};

int hive_log_open(void);
int hive_log_append(const struct hive_record *r);

#endif
