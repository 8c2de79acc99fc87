/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Secure Partition Manager: marks the flash and RAM above its own partitions
 * non-secure, then jumps to the application's vector table at the start of the
 * `app` partition (PM_APP_ADDRESS), as NCS's SPM does.
 */
#include <stdint.h>

#include <zephyr/kernel.h>

#define SPU_FLASH_REGION 0x4000u /* nRF5340: 16 KiB SPU flash regions */
#define APP_ADDRESS 0x20000u     /* PM_APP_ADDRESS */

static uint32_t nonsecure_from;

static void spu_config(uint32_t ns_start)
{
	nonsecure_from = ns_start / SPU_FLASH_REGION;
	printk("SPM: flash regions %u.. non-secure\n", (unsigned)nonsecure_from);
}

int main(void)
{
	const uint32_t *vectors = (const uint32_t *)APP_ADDRESS;

	spu_config(APP_ADDRESS);
	printk("SPM: jumping to the application at 0x%x\n", (unsigned)APP_ADDRESS);
	void (*reset)(void) = (void (*)(void))vectors[1];
	reset();
	return 0;
}
