/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Sensor calibration: a 512-entry correction table (1024 bytes of rodata) indexed by
 * the raw reading. Linked only into the "grown" variant of the sample, which is
 * the base build plus this table and the code that reads it.
 */
#include <stdint.h>

#include "thermostat.h"

#define CAL_ENTRIES 512

/* Correction in centi-degrees for each raw reading, a gentle S-curve. */
static const int16_t cal_table[CAL_ENTRIES] = {
#define C4(b) (b), (b) + 1, (b) + 1, (b) + 2
#define C16(b) C4(b), C4((b) + 2), C4((b) + 4), C4((b) + 6)
#define C64(b) C16(b), C16((b) + 8), C16((b) + 16), C16((b) + 24)
	C64(-64), C64(-32), C64(0), C64(32), C64(64), C64(96), C64(128), C64(160),
};

int32_t calibration_apply(int32_t cdeg)
{
	uint32_t i = (uint32_t)cdeg % CAL_ENTRIES;
	return cdeg + cal_table[i];
}
