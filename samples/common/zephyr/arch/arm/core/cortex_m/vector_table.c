/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Cortex-M exception vectors and the IRQ vector table. The linker script keeps both
 * at the start of `rom_start`, which is what VTOR (and MCUboot's jump) points at.
 */
#include <stdint.h>

#include <zephyr/soc.h>

#define CONFIG_ISR_STACK_SIZE 2048

typedef void (*vector_fn)(void);

extern char z_interrupt_stacks[];
void z_arm_reset(void);
void z_arm_nmi(void);
void z_arm_hard_fault(void);
void z_arm_mpu_fault(void);
void z_arm_bus_fault(void);
void z_arm_usage_fault(void);
void z_arm_secure_fault(void);
void z_arm_svc(void);
void z_arm_debug_monitor(void);
void z_arm_pendsv(void);
void sys_clock_isr(void);
void z_arm_exc_spurious(void);
void _isr_wrapper(void);

__attribute__((used, section(".exc_vector_table._vector_table_section")))
const vector_fn _vector_table[16] = {
	(vector_fn)(z_interrupt_stacks + CONFIG_ISR_STACK_SIZE),
	z_arm_reset,
	z_arm_nmi,
	z_arm_hard_fault,
	z_arm_mpu_fault,
	z_arm_bus_fault,
	z_arm_usage_fault,
	z_arm_secure_fault,
	z_arm_exc_spurious,
	z_arm_exc_spurious,
	z_arm_exc_spurious,
	z_arm_svc,
	z_arm_debug_monitor,
	z_arm_exc_spurious,
	z_arm_pendsv,
	sys_clock_isr,
};

/* Every peripheral IRQ enters through the wrapper, which looks up the ISR table. */
#define R4(x) x, x, x, x
#define R16(x) R4(x), R4(x), R4(x), R4(x)

__attribute__((used, section(".gnu.linkonce.irq_vector_table")))
const vector_fn _irq_vector_table[NRF_IRQ_COUNT] = {
#if NRF_IRQ_COUNT == 69
	R16(_isr_wrapper), R16(_isr_wrapper), R16(_isr_wrapper), R16(_isr_wrapper),
	R4(_isr_wrapper), _isr_wrapper,
#elif NRF_IRQ_COUNT == 48
	R16(_isr_wrapper), R16(_isr_wrapper), R16(_isr_wrapper),
#else
#error "NRF_IRQ_COUNT not covered"
#endif
};
