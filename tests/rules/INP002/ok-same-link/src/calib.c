// SPDX-License-Identifier: Apache-2.0
/*
 * Sensor calibration data (256 points). prepare.sh links the ELF and writes the
 * map in one link, so the two inputs agree.
 */
#include <stdint.h>

#define CALIB_POINTS 256

const int16_t calib_table[CALIB_POINTS] = { -1200, -1100, -990, -870 };
const uint32_t calib_len = CALIB_POINTS;
uint32_t sample_rate = 100;
