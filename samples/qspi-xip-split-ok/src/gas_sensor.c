/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Gas sensor driver (TWIM1, address 0x77): sets the heater to 320 degC for 150 ms,
 * then reads the raw gas, temperature and humidity registers and converts them.
 * Runs from internal flash.
 */
#include <errno.h>
#include <stdint.h>

#include <zephyr/kernel.h>
#include <zephyr/soc.h>

#include "gas_sensor.h"

#define TWIM1_BASE 0x50009000u
#define TWIM_TASKS_STARTRX 0x000u
#define TWIM_TASKS_STARTTX 0x008u
#define TWIM_TASKS_STOP 0x014u
#define TWIM_EVENTS_STOPPED 0x104u
#define TWIM_EVENTS_ERROR 0x124u
#define TWIM_ENABLE 0x500u
#define TWIM_RXD_PTR 0x534u
#define TWIM_RXD_MAXCNT 0x538u
#define TWIM_TXD_PTR 0x544u
#define TWIM_TXD_MAXCNT 0x548u
#define TWIM_ADDRESS 0x588u

#define SENSOR_ADDR 0x77u
#define REG_CTRL_GAS 0x71u
#define REG_DATA 0x1du

static uint8_t tx[2];
static uint8_t rx[15];

static int twim(uint32_t start_task, const uint8_t *out, size_t out_len, uint8_t *in, size_t in_len)
{
	NRF_REG(TWIM1_BASE, TWIM_ADDRESS) = SENSOR_ADDR;
	NRF_REG(TWIM1_BASE, TWIM_TXD_PTR) = (uint32_t)(uintptr_t)out;
	NRF_REG(TWIM1_BASE, TWIM_TXD_MAXCNT) = out_len;
	NRF_REG(TWIM1_BASE, TWIM_RXD_PTR) = (uint32_t)(uintptr_t)in;
	NRF_REG(TWIM1_BASE, TWIM_RXD_MAXCNT) = in_len;
	NRF_REG(TWIM1_BASE, TWIM_EVENTS_STOPPED) = 0;
	NRF_REG(TWIM1_BASE, start_task) = 1;
	for (int spins = 0; NRF_REG(TWIM1_BASE, TWIM_EVENTS_STOPPED) == 0; spins++) {
		if (NRF_REG(TWIM1_BASE, TWIM_EVENTS_ERROR) || spins > 100000) {
			NRF_REG(TWIM1_BASE, TWIM_TASKS_STOP) = 1;
			return -EIO;
		}
	}
	return 0;
}

int gas_sensor_init(void)
{
	NRF_REG(TWIM1_BASE, TWIM_ENABLE) = 6u;
	return 0;
}

int gas_sensor_measure(struct gas_sample *s)
{
	tx[0] = REG_CTRL_GAS;
	tx[1] = 0x10u; /* run_gas, heater profile 0 */
	if (twim(TWIM_TASKS_STARTTX, tx, 2, NULL, 0) != 0) {
		return -EIO;
	}
	k_msleep(150);
	tx[0] = REG_DATA;
	if (twim(TWIM_TASKS_STARTRX, tx, 1, rx, sizeof(rx)) != 0) {
		return -EIO;
	}
	uint32_t gas_adc = (uint32_t)rx[13] << 2 | rx[14] >> 6;
	uint32_t range = rx[14] & 0x0fu;

	s->resistance_ohm = (262144u >> range) * 1000u / (gas_adc + 1u) * 64u;
	s->temp_cdeg = (int16_t)(((int32_t)rx[5] << 4 | rx[6] >> 4) - 2000);
	s->rh_cpct = (uint16_t)((uint32_t)rx[8] << 8 | rx[9]) * 10000u / 65535u;
	return 0;
}
