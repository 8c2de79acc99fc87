/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Flash map from the Partition Manager's pm_config.h: the primary slot on internal
 * flash, the secondary wherever pm_static.yml put it. A partition on external flash
 * only gets an entry when this image has a driver for that device, which is exactly
 * how an external secondary slot silently becomes unusable.
 */
#include <errno.h>
#include <string.h>

#include <bootutil/bootutil.h>
#include <pm_config.h>
#include <zephyr/drivers/flash.h>

#if defined(PM_MCUBOOT_SECONDARY_DEV_NAME) && defined(CONFIG_NORDIC_QSPI_NOR)
#define SECONDARY_DEV (&nrf_qspi_nor)
#elif !defined(PM_MCUBOOT_SECONDARY_DEV_NAME)
#define SECONDARY_DEV (&soc_flash_nrf)
#endif

static const struct flash_area flash_map[] = {
	{
		.fa_id = FLASH_AREA_IMAGE_PRIMARY,
		.fa_device_id = 0,
		.fa_off = PM_MCUBOOT_PRIMARY_ADDRESS,
		.fa_size = PM_MCUBOOT_PRIMARY_SIZE,
		.fa_dev = &soc_flash_nrf,
		.fa_name = PM_MCUBOOT_PRIMARY_NAME,
	},
#ifdef SECONDARY_DEV
	{
		.fa_id = FLASH_AREA_IMAGE_SECONDARY,
		.fa_device_id = 1,
		.fa_off = PM_MCUBOOT_SECONDARY_ADDRESS,
		.fa_size = PM_MCUBOOT_SECONDARY_SIZE,
		.fa_dev = SECONDARY_DEV,
		.fa_name = PM_MCUBOOT_SECONDARY_NAME,
	},
#endif
};

int flash_area_open(uint8_t id, const struct flash_area **fa)
{
	for (size_t i = 0; i < sizeof(flash_map) / sizeof(flash_map[0]); i++) {
		if (flash_map[i].fa_id == id) {
			*fa = &flash_map[i];
			return 0;
		}
	}
	return -ENOENT;
}

static bool flash_area_in_bounds(const struct flash_area *fa, uint32_t off, size_t len)
{
	return off <= fa->fa_size && len <= fa->fa_size - off;
}

int flash_area_read(const struct flash_area *fa, uint32_t off, void *dst, size_t len)
{
	if (!flash_area_in_bounds(fa, off, len)) {
		return -EINVAL;
	}
	return fa->fa_dev->read(fa->fa_off + off, dst, len);
}

int flash_area_write(const struct flash_area *fa, uint32_t off, const void *src, size_t len)
{
	if (!flash_area_in_bounds(fa, off, len)) {
		return -EINVAL;
	}
	return fa->fa_dev->write(fa->fa_off + off, src, len);
}

int flash_area_erase(const struct flash_area *fa, uint32_t off, size_t len)
{
	if (!flash_area_in_bounds(fa, off, len)) {
		return -EINVAL;
	}
	return fa->fa_dev->erase(fa->fa_off + off, len);
}

uint32_t flash_area_align(const struct flash_area *fa)
{
	return fa->fa_dev->write_block;
}

uint32_t flash_area_sector_size(const struct flash_area *fa)
{
	return fa->fa_dev->erase_block;
}
