// SPDX-License-Identifier: Apache-2.0
/*
 * A tiny Cortex-M image for the ELF reader tests: code in internal flash, data
 * copied from flash to RAM, zeroed RAM, and code left in an external-flash XIP
 * window (NOCOPY relocation). Functions are naked so that every section size is
 * fixed by the assembly text, not by the compiler's code generation.
 */
#include <stdint.h>

void reset_handler(void);
void ext_worker(void);

__attribute__((section(".vectors"), used))
const uint32_t fixture_vectors[2] = {
	0x20001000u,
	(uint32_t)(uintptr_t)reset_handler,
};

__attribute__((naked)) void reset_handler(void)
{
	__asm__ volatile("ldr r0, =ext_worker\n\t"
			 "blx r0\n\t"
			 "b .\n\t"
			 ".ltorg");
}

__attribute__((naked, section(".extflash_text.ext_worker"))) void ext_worker(void)
{
	__asm__ volatile("movs r0, #1\n\t"
			 "bx lr");
}

const char fixture_version[16] = "1.2.3";

uint32_t fixture_counter = 0x12345678u;
uint8_t fixture_table[20] = { 1 };

uint32_t fixture_buf[64];

/* A non-allocated section: kept in the file, never loaded. */
__asm__(".section .fixture_info,\"\",%progbits\n\t"
	".word 0xcafef00d\n\t"
	".previous");
