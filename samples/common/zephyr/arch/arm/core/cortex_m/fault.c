/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fault handlers: decode the fault status registers into a console report, then
 * halt. Kept out of line so every handler shares one reporting path.
 */
#include <stdint.h>

#include <zephyr/kernel.h>
#include <zephyr/soc.h>

static const char *const usage_fault_reasons[] = {
	"undefined instruction", "invalid state", "invalid PC load", "no coprocessor",
	"stack overflow", "unaligned access", "divide by zero",
};

static void fault_report(const char *kind)
{
	uint32_t cfsr = SCB_CFSR;

	printk("***** %s *****\n", kind);
	printk("  CFSR 0x%08x HFSR 0x%08x\n", (unsigned int)cfsr, (unsigned int)SCB_HFSR);
	if (cfsr & 0x80u) {
		printk("  MMFAR 0x%08x\n", (unsigned int)SCB_MMFAR);
	}
	if (cfsr & 0x8000u) {
		printk("  BFAR 0x%08x\n", (unsigned int)SCB_BFAR);
	}
	for (unsigned int bit = 0; bit < 7; bit++) {
		unsigned int shift = 16 + (bit < 4 ? bit : bit + 4);

		if (cfsr & (1u << shift)) {
			printk("  usage fault: %s\n", usage_fault_reasons[bit]);
		}
	}
}

__attribute__((noreturn)) void k_fatal_halt(unsigned int reason)
{
	printk(">>> ZEPHYR FATAL ERROR %u: halting system\n", reason);
	__asm__ volatile("cpsid i" ::: "memory");
	for (;;) {
		__asm__ volatile("wfi");
	}
}

void z_arm_hard_fault(void)
{
	fault_report("HARD FAULT");
	k_fatal_halt(K_ERR_CPU_EXCEPTION);
}

void z_arm_mpu_fault(void)
{
	fault_report("MPU FAULT");
	k_fatal_halt(K_ERR_CPU_EXCEPTION);
}

void z_arm_bus_fault(void)
{
	fault_report("BUS FAULT");
	k_fatal_halt(K_ERR_CPU_EXCEPTION);
}

void z_arm_usage_fault(void)
{
	fault_report("USAGE FAULT");
	k_fatal_halt(K_ERR_CPU_EXCEPTION);
}

void z_arm_secure_fault(void)
{
	fault_report("SECURE FAULT");
	k_fatal_halt(K_ERR_CPU_EXCEPTION);
}

void z_arm_nmi(void)
{
	printk("NMI received! Rebooting...\n");
	SCB_AIRCR = 0x05fa0004u;
	for (;;) {
	}
}

void z_arm_exc_spurious(void)
{
	fault_report("SPURIOUS EXCEPTION");
	k_fatal_halt(K_ERR_CPU_EXCEPTION);
}

void z_arm_debug_monitor(void)
{
}
