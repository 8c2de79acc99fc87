/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Flash driver API of the sample firmware: the internal NVMC driver and, on boards
 * with external QSPI NOR, the QSPI driver. Offsets are relative to the device, as in
 * Zephyr's flash API and the Partition Manager's external_flash addresses.
 */
#ifndef ZEPHYR_DRIVERS_FLASH_H
#define ZEPHYR_DRIVERS_FLASH_H

#include <stddef.h>
#include <stdint.h>

struct flash_driver {
	const char *name;
	uint32_t erase_block; /* bytes erased at once */
	uint32_t write_block; /* write granularity, imgtool's --align */
	int (*read)(uint32_t off, void *dst, size_t len);
	int (*write)(uint32_t off, const void *src, size_t len);
	int (*erase)(uint32_t off, size_t len);
};

extern const struct flash_driver soc_flash_nrf;
extern const struct flash_driver nrf_qspi_nor;

/* Turns on execute-in-place for the QSPI window (CONFIG_NORDIC_QSPI_NOR_XIP). */
int nrf_qspi_nor_xip_enable(void);

#endif
