// SPDX-License-Identifier: Apache-2.0
/*
 * MCUboot of an NCS sysbuild build, in miniature, built before the layout grew
 * the slots: its pm_flash_map still has mcuboot_secondary at 0x0 with 0xd0000
 * bytes, where partitions.yml now gives 0xe0000.
 */
#include <stddef.h>
#include <stdint.h>

struct device {
	const char *name;
	const void *config;
	const void *api;
	void *state;
	void *data;
};

const struct device __device_dts_ord_126 = { "flash-controller@39000", 0, 0, 0, 0 };
const struct device __device_dts_ord_133 = { "mx25r6435f@0", 0, 0, 0, 0 };

struct flash_area {
	uint8_t fa_id;
	uint8_t fa_device_id;
	uint16_t pad16;
	long fa_off;
	size_t fa_size;
	const struct device *fa_dev;
};

const struct flash_area pm_flash_map[] = {
	{ .fa_id = 0, .fa_off = 0x10200, .fa_size = 0xdfe00, .fa_dev = &__device_dts_ord_126 }, /* app */
	{ .fa_id = 1, .fa_off = 0xe0000, .fa_size = 0x720000, .fa_device_id = 1, .fa_dev = &__device_dts_ord_133 }, /* external_flash */
	{ .fa_id = 2, .fa_off = 0x0, .fa_size = 0x10000, .fa_dev = &__device_dts_ord_126 }, /* mcuboot */
	{ .fa_id = 3, .fa_off = 0x10000, .fa_size = 0x200, .fa_dev = &__device_dts_ord_126 }, /* mcuboot_pad */
	{ .fa_id = 4, .fa_off = 0x10000, .fa_size = 0xe0000, .fa_dev = &__device_dts_ord_126 }, /* mcuboot_primary */
	{ .fa_id = 5, .fa_off = 0x10200, .fa_size = 0xdfe00, .fa_dev = &__device_dts_ord_126 }, /* mcuboot_primary_app */
	{ .fa_id = 6, .fa_off = 0x0, .fa_size = 0xd0000, .fa_device_id = 1, .fa_dev = &__device_dts_ord_133 }, /* mcuboot_secondary */
	{ .fa_id = 7, .fa_off = 0xf0000, .fa_size = 0x10000, .fa_dev = &__device_dts_ord_126 }, /* settings_storage */
};
const int flash_map_entries = sizeof(pm_flash_map) / sizeof(pm_flash_map[0]);

void _start(void)
{
	for (;;)
		__asm__ volatile("" ::"r"(&pm_flash_map), "r"(&flash_map_entries));
}
