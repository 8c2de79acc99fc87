/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Writes an update into mcuboot_secondary through the QSPI NOR driver, a 4 KiB page
 * at a time (erase, then program), and finally the image trailer's magic so that
 * MCUboot swaps the images at the next reset.
 */
#include <errno.h>
#include <string.h>

#include <pm_config.h>
#include <zephyr/drivers/flash.h>
#include <zephyr/kernel.h>

#include "dfu.h"

#define PAGE 4096u

static const uint32_t boot_img_magic[4] = {
	0xf395c277u, 0x7fefd260u, 0x0f505235u, 0x8079b62cu,
};

static uint8_t page[PAGE];
static uint32_t fill;
static uint32_t offset;
static uint32_t expected;

static int flush_page(void)
{
	const struct flash_driver *dev = &nrf_qspi_nor;
	uint32_t at = PM_MCUBOOT_SECONDARY_ADDRESS + offset;
	int rc = dev->erase(at, PAGE);

	if (rc == 0) {
		rc = dev->write(at, page, (fill + 3u) & ~3u);
	}
	offset += fill;
	fill = 0;
	return rc;
}

int dfu_begin(uint32_t image_size)
{
	if (image_size > PM_MCUBOOT_SECONDARY_SIZE) {
		return -EFBIG;
	}
	expected = image_size;
	offset = 0;
	fill = 0;
	return 0;
}

int dfu_write(const uint8_t *data, size_t len)
{
	while (len) {
		size_t n = PAGE - fill < len ? PAGE - fill : len;

		memcpy(&page[fill], data, n);
		fill += n;
		data += n;
		len -= n;
		if (fill == PAGE) {
			int rc = flush_page();

			if (rc) {
				return rc;
			}
		}
	}
	return 0;
}

int dfu_finish(void)
{
	int rc = fill ? flush_page() : 0;

	if (rc || offset != expected) {
		return rc ? rc : -EIO;
	}
	/* The trailer's magic ends the slot. */
	uint32_t end = PM_MCUBOOT_SECONDARY_ADDRESS + PM_MCUBOOT_SECONDARY_SIZE;

	rc = nrf_qspi_nor.erase(end - PAGE, PAGE);
	if (rc == 0) {
		rc = nrf_qspi_nor.write(end - sizeof(boot_img_magic), boot_img_magic,
					sizeof(boot_img_magic));
	}
	printk("dfu: %u bytes written, test swap requested\n", (unsigned int)offset);
	return rc;
}
