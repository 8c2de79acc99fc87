/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Prompt player: decodes mu-law to 16-bit PCM and feeds the PWM0 sequence buffer,
 * half a buffer at a time, paced by the 8 kHz sample clock.
 */
#include <stdint.h>

#include <zephyr/kernel.h>
#include <zephyr/soc.h>

#include "prompts.h"

#define NRF_PWM0_BASE 0x4001c000u
#define PWM_TASKS_SEQSTART0 0x008u
#define PWM_EVENTS_SEQEND0 0x110u
#define PWM_ENABLE 0x500u
#define PWM_COUNTERTOP 0x508u
#define PWM_SEQ0_PTR 0x520u
#define PWM_SEQ0_CNT 0x524u

#define CHUNK 256

static uint16_t pcm[2][CHUNK];

static int16_t ulaw_decode(uint8_t u)
{
	u = (uint8_t)~u;
	int t = ((u & 0x0f) << 3) + 0x84;

	t <<= (u & 0x70) >> 4;
	return (int16_t)((u & 0x80) ? 0x84 - t : t - 0x84);
}

void player_init(void)
{
	NRF_REG(NRF_PWM0_BASE, PWM_COUNTERTOP) = 1000; /* 16 MHz / 1000 = 16 kHz carrier */
	NRF_REG(NRF_PWM0_BASE, PWM_ENABLE) = 1;
}

int player_play(enum prompt_id id)
{
	if (id >= PROMPT_COUNT) {
		return -1;
	}
	const struct prompt *p = &prompt_table[id];
	const uint8_t *src = &prompt_bank[p->offset];
	unsigned int half = 0;

	printk("prompt: %s (%u ms)\n", p->name, (unsigned int)(p->samples / 8));
	for (uint32_t done = 0; done < p->samples; done += CHUNK) {
		uint32_t n = p->samples - done < CHUNK ? p->samples - done : CHUNK;

		for (uint32_t i = 0; i < n; i++) {
			/* 16-bit sample to a 0..1000 duty cycle */
			pcm[half][i] = (uint16_t)(500 + ulaw_decode(src[done + i]) / 66);
		}
		NRF_REG(NRF_PWM0_BASE, PWM_SEQ0_PTR) = (uint32_t)(uintptr_t)pcm[half];
		NRF_REG(NRF_PWM0_BASE, PWM_SEQ0_CNT) = n;
		NRF_REG(NRF_PWM0_BASE, PWM_EVENTS_SEQEND0) = 0;
		NRF_REG(NRF_PWM0_BASE, PWM_TASKS_SEQSTART0) = 1;
		while (!NRF_REG(NRF_PWM0_BASE, PWM_EVENTS_SEQEND0)) {
			k_yield();
		}
		half ^= 1;
	}
	return 0;
}
