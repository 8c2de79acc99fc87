// SPDX-License-Identifier: Apache-2.0
/*
 * A flash map and device instances laid out as Zephyr compiles them (struct device
 * with its name first, struct flash_area, default_flash_map, flash_map_entries),
 * for the ELF reader's tests. -DFA_LABELS adds fa_label (CONFIG_FLASH_MAP_LABELS),
 * -DFA_DEV_NAME uses the older `const char *fa_dev_name`, -DPM names the array
 * pm_flash_map as Partition Manager does, -DBAD_COUNT makes flash_map_entries
 * disagree with the array.
 */
#include <stddef.h>
#include <stdint.h>

struct device {
	const char *name;
	const void *config;
	const void *api;
	void *data;
};

/* Two device instances: the SoC flash controller (ordinal 12) and a QSPI NOR chip
 * (ordinal 27); the chip's object lives in RAM-initialised data, as in older trees. */
const struct device __device_dts_ord_12 = { "flash-controller@39000", 0, 0, 0 };
struct device __device_dts_ord_27 = { "mx25r6435f@0", 0, 0, 0 };

struct flash_area {
	uint8_t fa_id;
	uint8_t fa_device_id;
	uint16_t pad16;
	long fa_off;    /* off_t: pointer-sized on these targets */
	size_t fa_size;
#ifdef FA_DEV_NAME
	const char *fa_dev_name;
#else
	const struct device *fa_dev;
#endif
#ifdef FA_LABELS
	const char *fa_label;
#endif
};

#ifdef FA_DEV_NAME
#define DEV(d, s) .fa_dev_name = s
#else
#define DEV(d, s) .fa_dev = d
#endif
#ifdef FA_LABELS
#define LABEL(l) , .fa_label = l
#else
#define LABEL(l)
#endif
#ifdef PM
#define MAP pm_flash_map
#else
#define MAP default_flash_map
#endif

const struct flash_area MAP[] = {
	{ .fa_id = 0, .fa_off = 0x0, .fa_size = 0x10000,
	  DEV(&__device_dts_ord_12, "NRF_FLASH_DRV_NAME") LABEL("mcuboot") },
	{ .fa_id = 1, .fa_off = 0x10000, .fa_size = 0xe0000,
	  DEV(&__device_dts_ord_12, "NRF_FLASH_DRV_NAME") LABEL("image-0") },
	{ .fa_id = 2, .fa_device_id = 1, .fa_off = 0x0, .fa_size = 0xe0000,
	  DEV(&__device_dts_ord_27, "MX25R64") LABEL("image-1") },
	{ .fa_id = 3, .fa_device_id = 1, .fa_off = 0xe0000, .fa_size = 0x720000,
	  DEV(NULL, NULL) LABEL("external_flash") },
};
#ifdef BAD_COUNT
const int flash_map_entries = 3; /* 64 bytes do not hold 3 entries */
#else
const int flash_map_entries = sizeof(MAP) / sizeof(MAP[0]);
#endif

/* Keep everything: the map is only referenced through its symbol, as in a build. */
void _start(void)
{
	for (;;)
		__asm__ volatile("" ::"r"(&MAP), "r"(&flash_map_entries), "r"(&__device_dts_ord_27));
}
