/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MCUboot's Zephyr entry: run boot_go(), then jump to the chosen image's vector
 * table (right after its header, the mcuboot_pad partition).
 */
#include <stdint.h>

#include <bootutil/bootutil.h>
#include <zephyr/kernel.h>
#include <zephyr/soc.h>

struct arm_vector_table {
	uint32_t msp;
	uint32_t reset;
};

static void do_boot(const struct boot_rsp *rsp)
{
	const struct arm_vector_table *vt = (const struct arm_vector_table *)(uintptr_t)(
		rsp->br_image_off + rsp->br_hdr->ih_hdr_size);

	printk("I: Jumping to the first image slot\n");
	__asm__ volatile("cpsid i" ::: "memory");
	SYST_CSR = 0;
	for (unsigned int i = 0; i < 8; i++) {
		NVIC_ICER(i) = 0xffffffffu;
		NVIC_ICPR(i) = 0xffffffffu;
	}
	__asm__ volatile("msr msp, %0\n\t"
			 "isb\n\t"
			 "bx %1" ::"r"(vt->msp),
			 "r"(vt->reset)
			 : "memory");
	for (;;) {
	}
}

int main(void)
{
	struct boot_rsp rsp;

	printk("I: Starting bootloader\n");
	if (boot_go(&rsp) != 0) {
		printk("E: Unable to find bootable image\n");
		for (;;) {
			k_sleep(K_FOREVER);
		}
	}
	do_boot(&rsp);
	return 0;
}
