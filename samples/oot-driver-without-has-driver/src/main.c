/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Beehive scale: every ten minutes it weighs the hive, reads the brood-nest
 * temperature, humidity and hum level, and appends them to the measurement log on
 * the external DataFlash, which a beekeeper's phone reads out at the apiary.
 */
#include <stdint.h>

#include <zephyr/kernel.h>

#include "hive_log.h"

#define PERIOD_S 600

/* The load-cell ADC, the climate sensor and the microphone fill this in. */
static void measure(struct hive_record *r, uint32_t t)
{
	r->timestamp = t;
	r->weight_g = 41250 + (int32_t)(t / PERIOD_S % 97) * 12;
	r->temp_cdeg = 3450 + (int16_t)(t / PERIOD_S % 11);
	r->rh_cpct = 6120;
	r->sound_db10 = 384;
	r->battery_mv = 3710;
}

int main(void)
{
	struct hive_record r;
	int rc = hive_log_open();

	if (rc != 0) {
		printk("hive log: cannot open littlefs_storage: %d\n", rc);
	}
	for (uint32_t t = 0;; t += PERIOD_S) {
		measure(&r, t);
		if (rc == 0 && hive_log_append(&r) != 0) {
			printk("hive log: write failed at %u s\n", (unsigned int)t);
		}
		printk("hive: %d g, %d cdegC\n", (int)r.weight_g, r.temp_cdeg);
		k_sleep(K_MSEC(PERIOD_S * 1000));
	}
	return 0;
}
