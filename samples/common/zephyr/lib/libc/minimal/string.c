/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The few string functions the firmware (and GCC's own block moves) need, in the
 * place of a full C library.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void *memcpy(void *restrict d, const void *restrict s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if ((((uintptr_t)dp | (uintptr_t)sp) & 3u) == 0) {
		for (; n >= 4; n -= 4, dp += 4, sp += 4) {
			*(uint32_t *)(void *)dp = *(const uint32_t *)(const void *)sp;
		}
	}
	while (n--) {
		*dp++ = *sp++;
	}
	return d;
}

void *memset(void *d, int c, size_t n)
{
	volatile unsigned char *dp = d;

	while (n--) {
		*dp++ = (unsigned char)c;
	}
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *ap = a;
	const unsigned char *bp = b;

	for (; n != 0; n--, ap++, bp++) {
		if (*ap != *bp) {
			return *ap - *bp;
		}
	}
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p != '\0') {
		p++;
	}
	return (size_t)(p - s);
}
