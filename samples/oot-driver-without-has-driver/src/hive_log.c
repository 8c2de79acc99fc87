/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Log-structured storage of hive records in littlefs_storage: records are collected
 * in a 512-byte DataFlash page and written a page at a time, and each 4 KiB block
 * is erased before its first page. The partition is opened as in the Partition
 * Manager's flash map, which has an entry for a partition on external flash only
 * when this image sets the region's default driver Kconfig,
 * CONFIG_PM_EXTERNAL_FLASH_HAS_DRIVER.
 */
#include <errno.h>
#include <string.h>

#include <pm_config.h>
#include <zephyr/kernel.h>

#include "hive_log.h"
#include "spi_flash_at45.h"

#define PAGE 512u
#define BLOCK 4096u
#define PER_PAGE (PAGE / sizeof(struct hive_record))

static const struct flash_driver *dev;
static struct hive_record page[PER_PAGE] __attribute__((aligned(4)));
static uint32_t fill;
static uint32_t next_page; /* page index in the partition */

/* flash_area_open(PM_LITTLEFS_STORAGE_ID) of flash_map_partition_manager.c. */
static const struct flash_driver *littlefs_storage_device(void)
{
#if defined(CONFIG_PM_EXTERNAL_FLASH_HAS_DRIVER)
	return &spi_flash_at45;
#else
	return NULL;
#endif
}

int hive_log_open(void)
{
	struct hive_record r;

	dev = littlefs_storage_device();
	if (dev == NULL) {
		return -ENOENT;
	}
	/* The first page whose first record is unwritten: erased DataFlash reads 0xff. */
	for (next_page = 0; next_page < PM_LITTLEFS_STORAGE_SIZE / PAGE; next_page++) {
		if (dev->read(PM_LITTLEFS_STORAGE_ADDRESS + next_page * PAGE, &r, sizeof(r)) != 0) {
			return -EIO;
		}
		if (r.timestamp == 0xffffffffu) {
			break;
		}
	}
	printk("hive log: %u of %u pages used\n", (unsigned int)next_page,
	       (unsigned int)(PM_LITTLEFS_STORAGE_SIZE / PAGE));
	return 0;
}

int hive_log_append(const struct hive_record *r)
{
	int rc = 0;

	if (dev == NULL) {
		return -ENOENT;
	}
	page[fill++] = *r;
	if (fill < PER_PAGE) {
		return 0;
	}
	uint32_t at = PM_LITTLEFS_STORAGE_ADDRESS +
		      next_page % (PM_LITTLEFS_STORAGE_SIZE / PAGE) * PAGE;

	if (at % BLOCK == 0) {
		rc = dev->erase(at, BLOCK);
	}
	if (rc == 0) {
		memset(&page[fill], 0xff, sizeof(page) - fill * sizeof(page[0]));
		rc = dev->write(at, page, PAGE);
	}
	next_page++;
	fill = 0;
	return rc;
}
