/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Wearable gait monitor: reads the foot IMU and reports cadence, stride statistics
 * and the gait class for every completed stride. The analysis code is executed in
 * place from the external QSPI flash to save internal flash for the radio stack.
 */
#include <zephyr/drivers/flash.h>
#include <zephyr/init.h>
#include <zephyr/kernel.h>

#include "feature/gait_analysis.h"
#include "imu.h"

#define IMU_DRDY_IRQ 8 /* GPIOTE0 */

void arch_irq_connect(unsigned int irq, void (*isr)(const void *), const void *arg);

static int app_xip_init(void)
{
	/* The relocated code is fetched through the XIP window from here on. */
	return nrf_qspi_nor_xip_enable();
}

SYS_INIT(app_xip_init, PRE_KERNEL_2, 0);

int main(void)
{
	struct imu_sample s;
	struct gait_result r;
	uint32_t strides = 0;

	printk("gait monitor: analysis code at %p (external flash)\n", (void *)gait_feed);
	imu_set_odr(104); /* the rate the gait model was trained at */
	imu_init();
	arch_irq_connect(IMU_DRDY_IRQ, imu_drdy_isr, NULL);
	gait_reset();

	for (;;) {
		if (imu_read(&s, K_MSEC(500)) != 0) {
			printk("imu: no data\n");
			continue;
		}
		if (!gait_feed(&s, &r)) {
			continue;
		}
		strides++;
		printk("stride %u: %u spm, %u ms (cv %u.%u%%), symmetry %u, %s (%u%%)\n",
		       (unsigned int)strides, r.cadence_spm, r.stride_ms,
		       r.stride_cv_permil / 10, r.stride_cv_permil % 10, r.symmetry_permil,
		       gait_class_name(r.cls), r.confidence_pct);
	}
	return 0;
}
