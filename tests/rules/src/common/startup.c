// SPDX-License-Identifier: Apache-2.0
/*
 * Vector table and reset handler shared by the rule fixture programs: copy the
 * initialised data from flash, clear .bss, call main(). Just enough for the
 * linker to lay out a Zephyr-like image; the programs are never run.
 */
#include <stdint.h>

extern uint32_t __stack_top[];
extern uint32_t __data_start[], __data_end[], __data_load_start[];
extern uint32_t __bss_start[], __bss_end[];

int main(void);

/* The bounds are distinct linker symbols, not one C object: compare addresses. */
static int before(const uint32_t *p, const uint32_t *end)
{
	return (uintptr_t)p < (uintptr_t)end;
}

void reset_handler(void)
{
	uint32_t *src = __data_load_start;

	for (uint32_t *dst = __data_start; before(dst, __data_end);)
		*dst++ = *src++;
	for (uint32_t *dst = __bss_start; before(dst, __bss_end);)
		*dst++ = 0;
	main();
	for (;;) {
	}
}

__attribute__((section(".vectors"), used)) void (*const _vector_table[2])(void) = {
	(void (*)(void))__stack_top,
	reset_handler,
};
