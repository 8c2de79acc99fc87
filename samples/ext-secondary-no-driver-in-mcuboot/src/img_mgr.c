/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Writes an update into mcuboot_secondary through the QSPI NOR driver: data is
 * collected in a CONFIG_IMG_BLOCK_BUF_SIZE buffer, each 4 KiB page is erased before
 * the first block lands in it, and the trailer's magic at the end of the slot asks
 * MCUboot for a test swap at the next reset. The slot is looked up as in the
 * Partition Manager's flash map, which has an entry for a partition on external
 * flash only when this image sets the region's default driver Kconfig.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <pm_config.h>
#include <zephyr/drivers/flash.h>
#include <zephyr/kernel.h>

#include "img_mgr.h"

#define PAGE 4096u

static const uint32_t boot_img_magic[4] = {
	0xf395c277u, 0x7fefd260u, 0x0f505235u, 0x8079b62cu,
};

static uint8_t buf[CONFIG_IMG_BLOCK_BUF_SIZE] __attribute__((aligned(4)));
static size_t buf_fill;
static uint32_t written;
static uint32_t erased_to;
static uint32_t image_size;
static const struct flash_driver *dev;

/* flash_area_open(PM_MCUBOOT_SECONDARY_ID) of flash_map_partition_manager.c. */
static const struct flash_driver *secondary_slot_device(void)
{
#if defined(CONFIG_PM_EXTERNAL_FLASH_HAS_DRIVER)
	return &nrf_qspi_nor;
#else
	return NULL;
#endif
}

static int flush_block(void)
{
	uint32_t at = PM_MCUBOOT_SECONDARY_ADDRESS + written;
	size_t len = (buf_fill + 3u) & ~3u;
	int rc = 0;

	while (rc == 0 && erased_to < at + len) {
		rc = dev->erase(erased_to, PAGE);
		erased_to += PAGE;
	}
	if (rc == 0) {
		memset(&buf[buf_fill], 0xff, len - buf_fill);
		rc = dev->write(at, buf, len);
	}
	written += buf_fill;
	buf_fill = 0;
	return rc;
}

int img_mgr_init(uint32_t size)
{
	dev = secondary_slot_device();
	if (dev == NULL) {
		return -ENOENT;
	}
	/* Leave room for MCUboot's trailer in the last page. */
	if (size > PM_MCUBOOT_SECONDARY_SIZE - PAGE) {
		return -EFBIG;
	}
	image_size = size;
	written = 0;
	buf_fill = 0;
	erased_to = PM_MCUBOOT_SECONDARY_ADDRESS;
	return 0;
}

int img_mgr_buffered_write(const uint8_t *data, size_t len, bool flush)
{
	if (dev == NULL) {
		return -ENOENT;
	}
	while (len) {
		size_t n = sizeof(buf) - buf_fill < len ? sizeof(buf) - buf_fill : len;
		int rc;

		memcpy(&buf[buf_fill], data, n);
		buf_fill += n;
		data += n;
		len -= n;
		if (buf_fill == sizeof(buf) && (rc = flush_block()) != 0) {
			return rc;
		}
	}
	return flush && buf_fill ? flush_block() : 0;
}

uint32_t img_mgr_bytes_written(void)
{
	return written;
}

int img_mgr_request_upgrade(void)
{
	uint32_t end = PM_MCUBOOT_SECONDARY_ADDRESS + PM_MCUBOOT_SECONDARY_SIZE;
	int rc;

	if (dev == NULL || written != image_size) {
		return -EIO;
	}
	rc = dev->erase(end - PAGE, PAGE);
	if (rc == 0) {
		rc = dev->write(end - sizeof(boot_img_magic), boot_img_magic,
					sizeof(boot_img_magic));
	}
	printk("img_mgr: %u bytes in %s, test upgrade requested\n", (unsigned int)written,
	       PM_MCUBOOT_SECONDARY_NAME);
	return rc;
}
