/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Firmware update over the console UART: the received image is written to the
 * MCUboot secondary slot on the external QSPI NOR, then marked for a test swap.
 */
#ifndef DFU_H
#define DFU_H

#include <stddef.h>
#include <stdint.h>

int dfu_begin(uint32_t image_size);
int dfu_write(const uint8_t *data, size_t len);
int dfu_finish(void);

#endif
