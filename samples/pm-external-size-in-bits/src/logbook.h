/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The trip logbook: fixed-size records appended to the littlefs_storage partition
 * on the external QSPI NOR, oldest block recycled when the partition is full.
 */
#ifndef LOGBOOK_H
#define LOGBOOK_H

#include <stdint.h>

struct trip_record {
	uint32_t timestamp;   /* seconds since boot of the first fix */
	int32_t lat_e7;       /* degrees x 1e7 */
	int32_t lon_e7;
	uint16_t speed_cms;   /* cm/s */
	uint16_t flags;
};

int logbook_open(void);
int logbook_append(const struct trip_record *r);
uint32_t logbook_capacity(void);

#endif
