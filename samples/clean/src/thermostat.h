/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Temperature measurement and the on/off control law.
 */
#ifndef THERMOSTAT_H
#define THERMOSTAT_H

#include <stdbool.h>
#include <stdint.h>

struct thermostat_cfg {
	int32_t setpoint_cdeg;   /* hundredths of a degree Celsius */
	int32_t hysteresis_cdeg;
	int32_t period_ms;
};

void thermostat_init(struct thermostat_cfg *cfg);
int32_t thermostat_read_cdeg(void);
bool thermostat_update(const struct thermostat_cfg *cfg, int32_t t_cdeg, bool heating);
/* The reading corrected by the calibration table (the "grown" variant only). */
int32_t calibration_apply(int32_t cdeg);

#endif
