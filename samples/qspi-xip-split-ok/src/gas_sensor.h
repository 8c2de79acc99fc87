/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The metal-oxide gas sensor on TWIM1: one heater cycle and readout per call.
 */
#ifndef GAS_SENSOR_H
#define GAS_SENSOR_H

#include "iaq/iaq.h"

int gas_sensor_init(void);
int gas_sensor_measure(struct gas_sample *s);

#endif
