/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Door intercom: plays the prompt that goes with each event of the door unit, which
 * the controller reports as one byte per event over the console UART.
 */
#include <stdint.h>

#include <zephyr/kernel.h>

#include "prompts.h"

static const enum prompt_id script[] = {
	PROMPT_WELCOME, PROMPT_RING, PROMPT_NO_ANSWER, PROMPT_LEAVE_MESSAGE, PROMPT_GOODBYE,
};

int main(void)
{
	player_init();
	for (unsigned int i = 0;; i = (i + 1) % (sizeof(script) / sizeof(script[0]))) {
		player_play(script[i]);
		k_msleep(500);
	}
	return 0;
}
