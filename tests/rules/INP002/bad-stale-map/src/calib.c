// SPDX-License-Identifier: Apache-2.0
/*
 * Sensor calibration data, release 1 (256 points): the sources of the ELF that
 * prepare.sh links. The committed zephyr/zephyr.map comes from release 2
 * (tests/rules/src/INP002-bad-stale-map), whose table has 384 points.
 */
#include <stdint.h>

#define CALIB_POINTS 256

const int16_t calib_table[CALIB_POINTS] = { -1200, -1100, -990, -870 };
const uint32_t calib_len = CALIB_POINTS;
uint32_t sample_rate = 100;
