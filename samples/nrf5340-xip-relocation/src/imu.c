/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Foot-mounted IMU (LSM6DSL-class accelerometer on TWIM0): 104 Hz samples into a
 * ring buffer filled by the data-ready interrupt. Stays in internal flash: it runs
 * in interrupt context, where waiting on the QSPI XIP window is not acceptable.
 */
#include <stdint.h>

#include <zephyr/kernel.h>
#include <zephyr/soc.h>

#include "feature/gait_analysis.h"
#include "imu.h"

#define IMU_RING 64
#define TWIM0_BASE (NRF_UARTE0_BASE + 0x1000u)
#define TWIM_RXD_PTR 0x534u
#define TWIM_RXD_MAXCNT 0x538u
#define TWIM_TASKS_STARTRX 0x000u
#define TWIM_EVENTS_LASTRX 0x15cu

/* Runtime-adjustable (the settings subsystem may overwrite it), hence in .data. */
static struct {
	uint16_t odr_hz;
	uint8_t range_g;
	uint8_t twi_addr;
} imu_cfg = { .odr_hz = 104, .range_g = 4, .twi_addr = 0x6a };

static struct imu_sample ring[IMU_RING];
static volatile uint8_t head;
static uint8_t tail;
static struct k_sem data_ready;
static int16_t raw[3];

void imu_drdy_isr(const void *arg)
{
	(void)arg;
	NRF_REG(TWIM0_BASE, TWIM_RXD_PTR) = (uint32_t)(uintptr_t)raw;
	NRF_REG(TWIM0_BASE, TWIM_RXD_MAXCNT) = sizeof(raw);
	NRF_REG(TWIM0_BASE, TWIM_TASKS_STARTRX) = 1;
	while (NRF_REG(TWIM0_BASE, TWIM_EVENTS_LASTRX) == 0) {
	}
	/* LSM6DSL at +-4 g: 0.122 mg/LSB, i.e. x * 125 / 1024. */
	ring[head].ax = (int16_t)((raw[0] * 125) >> 10);
	ring[head].ay = (int16_t)((raw[1] * 125) >> 10);
	ring[head].az = (int16_t)((raw[2] * 125) >> 10);
	head = (uint8_t)((head + 1) % IMU_RING);
	k_sem_give(&data_ready);
}

int imu_init(void)
{
	printk("imu: LSM6DSL at 0x%02x, %u Hz, +-%u g\n", imu_cfg.twi_addr, imu_cfg.odr_hz,
	       imu_cfg.range_g);
	k_sem_init(&data_ready, 0, IMU_RING);
	head = 0;
	tail = 0;
	return 0;
}

void imu_set_odr(uint16_t odr_hz)
{
	imu_cfg.odr_hz = odr_hz;
}

int imu_read(struct imu_sample *s, k_timeout_t timeout)
{
	int rc = k_sem_take(&data_ready, timeout);

	if (rc != 0) {
		return rc;
	}
	*s = ring[tail];
	tail = (uint8_t)((tail + 1) % IMU_RING);
	return 0;
}
