/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Image manager: streams a received firmware image into the MCUboot secondary slot
 * on the external QSPI NOR and requests a test upgrade, as Zephyr's
 * CONFIG_IMG_MANAGER (flash_img + boot_request_upgrade) does.
 */
#ifndef IMG_MGR_H
#define IMG_MGR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int img_mgr_init(uint32_t image_size);
int img_mgr_buffered_write(const uint8_t *data, size_t len, bool flush);
uint32_t img_mgr_bytes_written(void);
int img_mgr_request_upgrade(void);

#endif
