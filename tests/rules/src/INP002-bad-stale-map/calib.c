// SPDX-License-Identifier: Apache-2.0
/*
 * Sensor calibration data, release 2: the table grew from 256 to 384 points
 * since the build whose ELF is in the fixture (INP002/bad-stale-map/src).
 * Data only, so that the section sizes do not depend on the compiler.
 */
#include <stdint.h>

#define CALIB_POINTS 384

const int16_t calib_table[CALIB_POINTS] = { -1200, -1100, -990, -870 };
const uint32_t calib_len = CALIB_POINTS;
uint32_t sample_rate = 100;
