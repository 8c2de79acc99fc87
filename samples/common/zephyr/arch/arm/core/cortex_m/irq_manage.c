/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interrupt management: priorities at boot, the software ISR table that the
 * wrapper dispatches through, and the system clock tick from SysTick.
 */
#include <stdint.h>

#include <zephyr/kernel.h>
#include <zephyr/soc.h>

struct isr_entry {
	const void *arg;
	void (*isr)(const void *arg);
};

static void z_irq_spurious(const void *arg)
{
	printk("spurious IRQ %u\n", (unsigned int)(uintptr_t)arg);
	k_fatal_halt(K_ERR_KERNEL_PANIC);
}

static struct isr_entry _sw_isr_table[NRF_IRQ_COUNT];

void z_arm_interrupt_init(void)
{
	for (unsigned int irq = 0; irq < NRF_IRQ_COUNT; irq++) {
		NVIC_IPR(irq) = 0x20;
		_sw_isr_table[irq].arg = (const void *)(uintptr_t)irq;
		_sw_isr_table[irq].isr = z_irq_spurious;
	}
	SYST_RVR = SOC_CPU_HZ / CONFIG_SYS_CLOCK_TICKS_PER_SEC - 1;
	SYST_CVR = 0;
	SYST_CSR = 0x7; /* processor clock, interrupt, enable */
}

void arch_irq_connect(unsigned int irq, void (*isr)(const void *), const void *arg)
{
	_sw_isr_table[irq].isr = isr;
	_sw_isr_table[irq].arg = arg;
	NVIC_ICPR(irq / 32) = 1u << (irq % 32);
	NVIC_ISER(irq / 32) = 1u << (irq % 32);
}

void _isr_wrapper(void)
{
	uint32_t ipsr;

	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	unsigned int irq = (ipsr & 0x1ffu) - 16u;

	if (irq < NRF_IRQ_COUNT) {
		_sw_isr_table[irq].isr(_sw_isr_table[irq].arg);
	}
}

void sys_clock_isr(void)
{
	sys_clock_announce(1);
}

void z_arm_svc(void)
{
	k_fatal_halt(K_ERR_KERNEL_PANIC);
}

void z_arm_pendsv(void)
{
}
