/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The MCUboot bootloader as it will run: its upgrade mode, BOOT_MAX_IMG_SECTORS,
 * alignment and encryption from the MCUboot image's own .config, its slots (from
 * Partition Manager or the devicetree) with the sector size and write size of the
 * device each lives on, and the runtime arithmetic of bootutil: the trailer
 * (boot_trailer_sz) and the largest image each mode accepts. Reads the model;
 * reports nothing.
 */
#ifndef FLASHLINT_MCUBOOT_H
#define FLASHLINT_MCUBOOT_H

#include "flashlint/model.h"
#include "flashlint/imgtool.h"

enum mcuboot_mode {
	MCUBOOT_MODE_UNKNOWN,
	MCUBOOT_MODE_SINGLE,          /* SINGLE_APPLICATION_SLOT */
	MCUBOOT_MODE_SINGLE_RAM_LOAD, /* SINGLE_APPLICATION_SLOT_RAM_LOAD */
	MCUBOOT_MODE_FIRMWARE_LOADER,
	MCUBOOT_MODE_SCRATCH,         /* BOOT_SWAP_USING_SCRATCH */
	MCUBOOT_MODE_OVERWRITE,       /* BOOT_UPGRADE_ONLY */
	MCUBOOT_MODE_MOVE,            /* BOOT_SWAP_USING_MOVE */
	MCUBOOT_MODE_OFFSET,          /* BOOT_SWAP_USING_OFFSET */
	MCUBOOT_MODE_DIRECT_XIP,
	MCUBOOT_MODE_RAM_LOAD,
};

struct mcuboot_slot {
	const struct fl_partition *part; /* NULL when the layout has no such slot */
	struct fl_pos pos;               /* where to change it */
	const char *name;
	uint64_t start;                  /* CPU address, or device offset for external flash */
	uint64_t size;
	const char *device;              /* the device's name, NULL when unknown */
	bool external;
	uint64_t sector;                 /* flash-layout page MCUboot counts; 0 unknown */
	struct imgtool_src sector_src;
	unsigned write;                  /* write-block size; 0 unknown */
	uint64_t sectors;                /* size / sector, rounded up (0 when unknown) */
};

struct mcuboot_pair {
	struct mcuboot_slot primary;
	struct mcuboot_slot secondary;
};

#define MCUBOOT_MAX_IMAGES 4

struct mcuboot {
	const struct fl_data *data;      /* the model's flash-driver knowledge */
	const struct fl_image *boot;     /* the MCUboot image, NULL when not in the build */
	const struct fl_kconfig *cfg;    /* its .config (NULL when there is none) */
	bool pm;                         /* slots from Partition Manager, else devicetree */
	enum mcuboot_mode mode;
	struct imgtool_src mode_src;
	uint64_t max_sectors;            /* BOOT_MAX_IMG_SECTORS; 0 when unknown */
	bool max_auto;                   /* CONFIG_BOOT_MAX_IMG_SECTORS_AUTO */
	struct imgtool_src max_src;
	unsigned max_align;              /* BOOT_MAX_ALIGN */
	unsigned enc_key;                /* 0 without encryption, else the AES key size */
	struct mcuboot_slot scratch;
	size_t n;                        /* images with a primary slot */
	struct mcuboot_pair img[MCUBOOT_MAX_IMAGES];
};

/* Build the model. False when the build has no MCUboot slots at all. */
bool mcuboot_model(const struct fl_model *m, struct mcuboot *mb);

/* "swap-move", "overwrite-only", ... */
const char *mcuboot_mode_name(enum mcuboot_mode mode);

/* True for the modes that swap or copy the secondary into the primary. */
bool mcuboot_mode_swaps(enum mcuboot_mode mode);

/* boot_trailer_sz(write): the trailer bootutil reserves at the end of a slot. */
uint64_t mcuboot_trailer(const struct mcuboot *mb, unsigned write);

/* The largest header + image + TLVs bootutil accepts for image i, and how it was
 * worked out (a formula with the numbers, in run's arena). False when unknown. */
bool mcuboot_max_image(struct fl_arena *a, const struct mcuboot *mb, size_t i, uint64_t *limit,
		       const char **how);

/* True when a and b are the same slot: the same partition, the same devicetree
 * label (each image's zephyr.dts has its own copy of the partitions), or the same
 * Partition Manager name and domain. */
bool mcuboot_same_slot(const struct fl_partition *a, const struct fl_partition *b);
/* True when p is a slot or the scratch area of mb. */
bool mcuboot_is_slot(const struct mcuboot *mb, const struct fl_partition *p);

#endif
