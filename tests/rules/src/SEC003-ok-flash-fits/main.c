// SPDX-License-Identifier: Apache-2.0
/*
 * Display application: draws the splash screen and a line of text from the
 * tables in fonts.c and splash.c.
 */
#include <stdint.h>

extern const uint8_t font_24px[];
extern const uint8_t font_12px[];
extern const uint8_t splash_bmp[];

static uint8_t framebuffer[128 * 64 / 8];
uint32_t frames = 1;

static void blit(const uint8_t *src, uint32_t len, uint32_t off)
{
	for (uint32_t i = 0; i < len && off + i < sizeof(framebuffer); i++)
		framebuffer[off + i] ^= src[i];
}

int main(void)
{
	blit(splash_bmp, sizeof(framebuffer), 0);
	blit(font_24px + 'A' * 72, 72, 128);
	blit(font_12px + 'a' * 24, 24, 512);
	frames++;
	return framebuffer[0];
}
