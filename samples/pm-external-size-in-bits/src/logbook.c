/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Log-structured storage of trip records in littlefs_storage: 4 KiB blocks of
 * records, written in order and erased one block ahead of the write position. The
 * partition's offset and size on the QSPI NOR come from pm_config.h.
 */
#include <errno.h>

#include <pm_config.h>
#include <zephyr/drivers/flash.h>
#include <zephyr/kernel.h>

#include "logbook.h"

#define BLOCK 4096u
#define PER_BLOCK (BLOCK / sizeof(struct trip_record))

static uint32_t head; /* record index */

uint32_t logbook_capacity(void)
{
	return PM_LITTLEFS_STORAGE_SIZE / BLOCK * PER_BLOCK;
}

int logbook_open(void)
{
	struct trip_record r;

	/* Find the first unwritten record: erased NOR reads 0xff. */
	for (head = 0; head < logbook_capacity(); head++) {
		uint32_t off = PM_LITTLEFS_STORAGE_ADDRESS + head / PER_BLOCK * BLOCK +
			       head % PER_BLOCK * sizeof(r);

		if (nrf_qspi_nor.read(off, &r, sizeof(r)) != 0) {
			return -EIO;
		}
		if (r.timestamp == 0xffffffffu) {
			break;
		}
	}
	printk("logbook: %u of %u records used\n", (unsigned int)head,
	       (unsigned int)logbook_capacity());
	return 0;
}

int logbook_append(const struct trip_record *r)
{
	uint32_t block = head / PER_BLOCK % (PM_LITTLEFS_STORAGE_SIZE / BLOCK);
	uint32_t off = PM_LITTLEFS_STORAGE_ADDRESS + block * BLOCK +
		       head % PER_BLOCK * sizeof(*r);

	if (head % PER_BLOCK == 0) {
		int rc = nrf_qspi_nor.erase(PM_LITTLEFS_STORAGE_ADDRESS + block * BLOCK, BLOCK);

		if (rc) {
			return rc;
		}
	}
	head++;
	return nrf_qspi_nor.write(off, r, sizeof(*r));
}
