/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Die temperature from the TEMP peripheral (0.25 degC steps), smoothed over eight
 * readings; heater on P0.13 through the GPIO OUTSET/OUTCLR registers.
 */
#include <stdbool.h>
#include <stdint.h>

#include <zephyr/kernel.h>
#include <zephyr/soc.h>

#include "thermostat.h"

#define NRF_TEMP_BASE 0x4000c000u
#define TEMP_TASKS_START 0x000u
#define TEMP_EVENTS_DATARDY 0x100u
#define TEMP_TEMP 0x508u
#define NRF_P0_BASE 0x50000000u
#define GPIO_OUTSET 0x508u
#define GPIO_OUTCLR 0x50cu
#define GPIO_DIRSET 0x518u
#define HEATER_PIN 13

static int32_t window[8];
static unsigned int pos;

void thermostat_init(struct thermostat_cfg *cfg)
{
	NRF_REG(NRF_P0_BASE, GPIO_DIRSET) = 1u << HEATER_PIN;
	NRF_REG(NRF_P0_BASE, GPIO_OUTCLR) = 1u << HEATER_PIN;
	if (cfg->period_ms < 500) {
		cfg->period_ms = 500;
	}
	int32_t t = thermostat_read_cdeg();

	for (unsigned int i = 0; i < 8; i++) {
		window[i] = t;
	}
}

int32_t thermostat_read_cdeg(void)
{
	NRF_REG(NRF_TEMP_BASE, TEMP_EVENTS_DATARDY) = 0;
	NRF_REG(NRF_TEMP_BASE, TEMP_TASKS_START) = 1;
	while (NRF_REG(NRF_TEMP_BASE, TEMP_EVENTS_DATARDY) == 0) {
	}
	int32_t raw = (int32_t)NRF_REG(NRF_TEMP_BASE, TEMP_TEMP);
	int32_t sum = 0;

	window[pos++ % 8] = raw * 25;
	for (unsigned int i = 0; i < 8; i++) {
		sum += window[i];
	}
	return sum / 8;
}

bool thermostat_update(const struct thermostat_cfg *cfg, int32_t t_cdeg, bool heating)
{
	if (heating && t_cdeg > cfg->setpoint_cdeg + cfg->hysteresis_cdeg) {
		heating = false;
	} else if (!heating && t_cdeg < cfg->setpoint_cdeg - cfg->hysteresis_cdeg) {
		heating = true;
	}
	NRF_REG(NRF_P0_BASE, heating ? GPIO_OUTSET : GPIO_OUTCLR) = 1u << HEATER_PIN;
	return heating;
}
