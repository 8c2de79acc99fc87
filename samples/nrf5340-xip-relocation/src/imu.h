/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Accelerometer sample source for the gait analysis.
 */
#ifndef IMU_H
#define IMU_H

#include <zephyr/kernel.h>

#include "feature/gait_analysis.h"

int imu_init(void);
void imu_set_odr(uint16_t odr_hz);
int imu_read(struct imu_sample *s, k_timeout_t timeout);
void imu_drdy_isr(const void *arg);

#endif
