/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reset handler: point VTOR at this image's vector table (MCUboot leaves it at its
 * own), initialise RAM from the load image, then enter the kernel.
 */
#include <stdint.h>

#include <zephyr/kernel.h>
#include <zephyr/soc.h>

extern const uint32_t _vector_table[];
void z_data_copy(void);
void z_bss_zero(void);
void z_arm_interrupt_init(void);

__attribute__((noreturn, used)) void z_arm_reset(void)
{
	__asm__ volatile("cpsid i" ::: "memory");
	SCB_VTOR = (uint32_t)(uintptr_t)_vector_table;
	__asm__ volatile("dsb\n\tisb" ::: "memory");

	z_data_copy();
	z_bss_zero();
	z_arm_interrupt_init();

	z_cstart();
}
