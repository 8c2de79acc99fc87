/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The prompt bank: eight recorded prompts, 8 kHz G.711 mu-law, 58 seconds in all,
 * converted with `xxd -i` from the studio recordings. Only the bank header is spelled
 * out; the samples after it are left zero, since the sample reproduces the image's
 * size, not its sound. The length is that of the converted bank.
 */
#include "prompts.h"

#define PROMPT_BANK_LEN 473856u

__attribute__((aligned(4))) const uint8_t prompt_bank[PROMPT_BANK_LEN] = {
	/* "ULAW", version 1, 8000 Hz, 8 prompts */
	0x55, 0x4c, 0x41, 0x57, 0x01, 0x00, 0x40, 0x1f, 0x08, 0x00, 0x00, 0x00,
	[PROMPT_BANK_LEN - 1] = 0x00,
};

const struct prompt prompt_table[PROMPT_COUNT] = {
	[PROMPT_WELCOME] = { 0x00010, 52000, "welcome" },
	[PROMPT_RING] = { 0x0cb30, 64000, "ring" },
	[PROMPT_DOOR_OPEN] = { 0x1c530, 41600, "door open" },
	[PROMPT_DOOR_CLOSED] = { 0x267b0, 44800, "door closed" },
	[PROMPT_NO_ANSWER] = { 0x315b0, 72000, "no answer" },
	[PROMPT_LEAVE_MESSAGE] = { 0x42ef0, 96000, "leave a message" },
	[PROMPT_BUSY] = { 0x5a5f0, 48000, "busy" },
	[PROMPT_GOODBYE] = { 0x660f0, 57600, "goodbye" },
};
