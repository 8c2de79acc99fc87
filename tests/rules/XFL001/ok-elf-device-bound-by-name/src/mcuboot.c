// SPDX-License-Identifier: Apache-2.0
/*
 * MCUboot of an NCS 1.x child-image build, in miniature: default_flash_map names
 * its devices (fa_dev_name), bound by device_get_binding() at run time; the
 * external partitions name "MX25R64", and the SPI NOR driver instantiates a
 * device of that name.
 */
#include <stddef.h>
#include <stdint.h>

struct device {
	const char *name;
	const void *config;
	const void *api;
	void *data;
};

struct device __device_clock_nrf = { "CLOCK", 0, 0, 0 };
struct device __device_nrf_flash = { "NRF_FLASH_DRV_NAME", 0, 0, 0 };
struct device __device_spi_nor_0 = { "MX25R64", 0, 0, 0 };

struct flash_area {
	uint8_t fa_id;
	uint8_t fa_device_id;
	uint16_t pad16;
	long fa_off;
	size_t fa_size;
	const char *fa_dev_name;
};

const struct flash_area default_flash_map[] = {
	{ .fa_id = 0, .fa_off = 0x10200, .fa_size = 0xdfe00, .fa_dev_name = "NRF_FLASH_DRV_NAME" }, /* app */
	{ .fa_id = 1, .fa_off = 0xe0000, .fa_size = 0x720000, .fa_device_id = 1, .fa_dev_name = "MX25R64" }, /* external_flash */
	{ .fa_id = 2, .fa_off = 0x0, .fa_size = 0x10000, .fa_dev_name = "NRF_FLASH_DRV_NAME" }, /* mcuboot */
	{ .fa_id = 3, .fa_off = 0x10000, .fa_size = 0x200, .fa_dev_name = "NRF_FLASH_DRV_NAME" }, /* mcuboot_pad */
	{ .fa_id = 4, .fa_off = 0x10000, .fa_size = 0xe0000, .fa_dev_name = "NRF_FLASH_DRV_NAME" }, /* mcuboot_primary */
	{ .fa_id = 5, .fa_off = 0x10200, .fa_size = 0xdfe00, .fa_dev_name = "NRF_FLASH_DRV_NAME" }, /* mcuboot_primary_app */
	{ .fa_id = 6, .fa_off = 0x0, .fa_size = 0xe0000, .fa_device_id = 1, .fa_dev_name = "MX25R64" }, /* mcuboot_secondary */
	{ .fa_id = 7, .fa_off = 0xf0000, .fa_size = 0x10000, .fa_dev_name = "NRF_FLASH_DRV_NAME" }, /* settings_storage */
};
const int flash_map_entries = sizeof(default_flash_map) / sizeof(default_flash_map[0]);

void _start(void)
{
	for (;;)
		__asm__ volatile("" ::"r"(&default_flash_map), "r"(&flash_map_entries));
}
