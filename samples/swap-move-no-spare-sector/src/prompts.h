/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The voice prompts of the intercom: 8 kHz mu-law clips in one embedded bank, and
 * the player that streams them to the PWM audio output.
 */
#ifndef PROMPTS_H
#define PROMPTS_H

#include <stdint.h>

enum prompt_id {
	PROMPT_WELCOME,
	PROMPT_RING,
	PROMPT_DOOR_OPEN,
	PROMPT_DOOR_CLOSED,
	PROMPT_NO_ANSWER,
	PROMPT_LEAVE_MESSAGE,
	PROMPT_BUSY,
	PROMPT_GOODBYE,
	PROMPT_COUNT,
};

struct prompt {
	uint32_t offset; /* into the bank */
	uint32_t samples;
	const char *name;
};

extern const uint8_t prompt_bank[];
extern const struct prompt prompt_table[PROMPT_COUNT];

void player_init(void);
int player_play(enum prompt_id id);

#endif
