/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Indoor air quality from a metal-oxide gas sensor: humidity and temperature
 * compensation, baseline tracking and the 0..500 IAQ index. Relocated to the QSPI
 * XIP window (zephyr_code_relocate(... LOCATION EXTFLASH_TEXT_RODATA NOCOPY)).
 */
#ifndef IAQ_H
#define IAQ_H

#include <stdint.h>

struct gas_sample {
	uint32_t resistance_ohm; /* heater plate resistance */
	int16_t temp_cdeg;       /* 0.01 degC */
	uint16_t rh_cpct;        /* 0.01 %RH */
};

struct iaq_result {
	uint16_t index;    /* 0 (excellent) .. 500 (extremely polluted) */
	uint8_t accuracy;  /* 0 while the baseline settles, 3 when stable */
	uint16_t co2_ppm;  /* CO2 equivalent */
	uint16_t voc_ppb;  /* breath-VOC equivalent */
};

void iaq_reset(void);
void iaq_feed(const struct gas_sample *s, struct iaq_result *r);
const char *iaq_category(uint16_t index);

#endif
