/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Kernel start-up: run the SYS_INIT levels in order, print the boot banner, call
 * main(). The interrupt and main stacks live in `noinit`, as in Zephyr.
 */
#include <stdint.h>

#include <zephyr/init.h>
#include <zephyr/kernel.h>

#define CONFIG_ISR_STACK_SIZE 2048
#define CONFIG_MAIN_STACK_SIZE 2048

__attribute__((section(".noinit.kernel_init.z_interrupt_stacks"), aligned(8)))
char z_interrupt_stacks[CONFIG_ISR_STACK_SIZE];
__attribute__((section(".noinit.kernel_init.z_main_stack"), aligned(8)))
char z_main_stack[CONFIG_MAIN_STACK_SIZE];

extern const struct init_entry __init_start[];
extern const struct init_entry __init_PRE_KERNEL_1_start[];
extern const struct init_entry __init_PRE_KERNEL_2_start[];
extern const struct init_entry __init_POST_KERNEL_start[];
extern const struct init_entry __init_APPLICATION_start[];
extern const struct init_entry __init_end[];

int main(void);

static void z_sys_init_run_level(const struct init_entry *start, const struct init_entry *end)
{
	for (const struct init_entry *e = start; e < end; e++) {
		int rc = e->init_fn();

		if (rc != 0) {
			printk("init %p failed: %d\n", (const void *)e, rc);
		}
	}
}

static const char banner[] = "*** Booting Zephyr OS build v3.5.99-ncs1 ***\n";

__attribute__((noreturn)) void z_cstart(void)
{
	z_sys_init_run_level(__init_PRE_KERNEL_1_start, __init_PRE_KERNEL_2_start);
	z_sys_init_run_level(__init_PRE_KERNEL_2_start, __init_POST_KERNEL_start);
	__asm__ volatile("cpsie i" ::: "memory");
	z_sys_init_run_level(__init_POST_KERNEL_start, __init_APPLICATION_start);
	printk("%s", banner);
	z_sys_init_run_level(__init_APPLICATION_start, __init_end);

	int rc = main();

	printk("main() returned %d\n", rc);
	for (;;) {
		k_yield();
	}
}
