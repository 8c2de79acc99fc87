/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Atmel/Adesto AT45 DataFlash driver (CONFIG_SPI_FLASH_AT45) of the AT45DB321E
 * on SPI3: the same flash_driver interface as the SoC flash and QSPI NOR drivers.
 */
#ifndef SPI_FLASH_AT45_H
#define SPI_FLASH_AT45_H

#include <zephyr/drivers/flash.h>

extern const struct flash_driver spi_flash_at45;

#endif
