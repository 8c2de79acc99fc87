// SPDX-License-Identifier: Apache-2.0
/*
 * The MCUboot model (domain.md §2): the upgrade mode and BOOT_MAX_IMG_SECTORS from
 * the MCUboot image's own .config (the sysbuild and application .config only when
 * MCUboot's is not in the build), the slots of each image with the sector and write
 * size of their device, and bootutil's trailer and size limits. Arithmetic and
 * look-ups only; no diagnostics.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "flashlint/mcuboot.h"

#define MCUBOOT_DEFAULT_MAX_SECTORS 128

static const struct {
	const char *sym;
	enum mcuboot_mode mode;
} mode_syms[] = {
	/* MCUboot's own .config */
	{ "CONFIG_BOOT_SWAP_USING_MOVE", MCUBOOT_MODE_MOVE },
	{ "CONFIG_BOOT_SWAP_USING_OFFSET", MCUBOOT_MODE_OFFSET },
	{ "CONFIG_BOOT_SWAP_USING_SCRATCH", MCUBOOT_MODE_SCRATCH },
	{ "CONFIG_BOOT_UPGRADE_ONLY", MCUBOOT_MODE_OVERWRITE },
	{ "CONFIG_BOOT_DIRECT_XIP", MCUBOOT_MODE_DIRECT_XIP },
	{ "CONFIG_BOOT_RAM_LOAD", MCUBOOT_MODE_RAM_LOAD },
	{ "CONFIG_SINGLE_APPLICATION_SLOT_RAM_LOAD", MCUBOOT_MODE_SINGLE_RAM_LOAD },
	{ "CONFIG_SINGLE_APPLICATION_SLOT", MCUBOOT_MODE_SINGLE },
	{ "CONFIG_BOOT_FIRMWARE_LOADER", MCUBOOT_MODE_FIRMWARE_LOADER },
	/* sysbuild */
	{ "SB_CONFIG_MCUBOOT_MODE_SWAP_USING_MOVE", MCUBOOT_MODE_MOVE },
	{ "SB_CONFIG_MCUBOOT_MODE_SWAP_WITHOUT_SCRATCH", MCUBOOT_MODE_MOVE },
	{ "SB_CONFIG_MCUBOOT_MODE_SWAP_USING_OFFSET", MCUBOOT_MODE_OFFSET },
	{ "SB_CONFIG_MCUBOOT_MODE_SWAP_SCRATCH", MCUBOOT_MODE_SCRATCH },
	{ "SB_CONFIG_MCUBOOT_MODE_OVERWRITE_ONLY", MCUBOOT_MODE_OVERWRITE },
	{ "SB_CONFIG_MCUBOOT_MODE_DIRECT_XIP", MCUBOOT_MODE_DIRECT_XIP },
	{ "SB_CONFIG_MCUBOOT_MODE_DIRECT_XIP_WITH_REVERT", MCUBOOT_MODE_DIRECT_XIP },
	{ "SB_CONFIG_MCUBOOT_MODE_RAM_LOAD", MCUBOOT_MODE_RAM_LOAD },
	{ "SB_CONFIG_MCUBOOT_MODE_SINGLE_APP", MCUBOOT_MODE_SINGLE },
	{ "SB_CONFIG_MCUBOOT_MODE_FIRMWARE_UPDATER", MCUBOOT_MODE_FIRMWARE_LOADER },
	/* the application's mirror of the mode */
	{ "CONFIG_MCUBOOT_BOOTLOADER_MODE_SWAP_WITHOUT_SCRATCH", MCUBOOT_MODE_MOVE },
	{ "CONFIG_MCUBOOT_BOOTLOADER_MODE_SWAP_USING_MOVE", MCUBOOT_MODE_MOVE },
	{ "CONFIG_MCUBOOT_BOOTLOADER_MODE_SWAP_USING_OFFSET", MCUBOOT_MODE_OFFSET },
	{ "CONFIG_MCUBOOT_BOOTLOADER_MODE_SWAP_SCRATCH", MCUBOOT_MODE_SCRATCH },
	{ "CONFIG_MCUBOOT_BOOTLOADER_MODE_OVERWRITE_ONLY", MCUBOOT_MODE_OVERWRITE },
	{ "CONFIG_MCUBOOT_BOOTLOADER_MODE_DIRECT_XIP", MCUBOOT_MODE_DIRECT_XIP },
	{ "CONFIG_MCUBOOT_BOOTLOADER_MODE_DIRECT_XIP_WITH_REVERT", MCUBOOT_MODE_DIRECT_XIP },
	{ "CONFIG_MCUBOOT_BOOTLOADER_MODE_RAM_LOAD", MCUBOOT_MODE_RAM_LOAD },
	{ "CONFIG_MCUBOOT_BOOTLOADER_MODE_RAM_LOAD_WITH_REVERT", MCUBOOT_MODE_RAM_LOAD },
	{ "CONFIG_MCUBOOT_BOOTLOADER_MODE_SINGLE_APP_RAM_LOAD", MCUBOOT_MODE_SINGLE_RAM_LOAD },
	{ "CONFIG_MCUBOOT_BOOTLOADER_MODE_SINGLE_APP", MCUBOOT_MODE_SINGLE },
	{ "CONFIG_MCUBOOT_BOOTLOADER_MODE_FIRMWARE_UPDATER", MCUBOOT_MODE_FIRMWARE_LOADER },
};

const char *mcuboot_mode_name(enum mcuboot_mode mode)
{
	switch (mode) {
	case MCUBOOT_MODE_SINGLE:
		return "single-slot";
	case MCUBOOT_MODE_SINGLE_RAM_LOAD:
		return "single-slot RAM-load";
	case MCUBOOT_MODE_FIRMWARE_LOADER:
		return "firmware-loader";
	case MCUBOOT_MODE_SCRATCH:
		return "swap-scratch";
	case MCUBOOT_MODE_OVERWRITE:
		return "overwrite-only";
	case MCUBOOT_MODE_MOVE:
		return "swap-move";
	case MCUBOOT_MODE_OFFSET:
		return "swap-offset";
	case MCUBOOT_MODE_DIRECT_XIP:
		return "direct-XIP";
	case MCUBOOT_MODE_RAM_LOAD:
		return "RAM-load";
	case MCUBOOT_MODE_UNKNOWN:
		break;
	}
	return "unknown mode";
}

bool mcuboot_mode_swaps(enum mcuboot_mode mode)
{
	return mode == MCUBOOT_MODE_SCRATCH || mode == MCUBOOT_MODE_MOVE ||
	       mode == MCUBOOT_MODE_OFFSET || mode == MCUBOOT_MODE_OVERWRITE;
}

static bool mode_from(const struct fl_kconfig *k, struct mcuboot *mb)
{
	if (!k || !k->path)
		return false;
	for (size_t i = 0; i < sizeof(mode_syms) / sizeof(mode_syms[0]); i++)
		if (fl_kconfig_is_y(k, mode_syms[i].sym)) {
			mb->mode = mode_syms[i].mode;
			mb->mode_src = (struct imgtool_src){ fl_kconfig_pos(k, mode_syms[i].sym),
							     mode_syms[i].sym };
			return true;
		}
	return false;
}

static void find_mode(const struct fl_model *m, const struct fl_image *app, struct mcuboot *mb)
{
	if (mode_from(mb->cfg, mb) || mode_from(&m->sysbuild, mb) ||
	    (app && mode_from(&app->kconfig, mb)))
		return;
	if (mb->cfg) {
		/* MCUboot versions before the mode choice: swap-scratch unless told. */
		mb->mode = MCUBOOT_MODE_SCRATCH;
		mb->mode_src = (struct imgtool_src){ { mb->cfg->path, 0, 0 },
						     "no upgrade-mode symbol: MCUboot's swap-scratch" };
	}
}

/* The flash-layout page of an external chip: the page-size option of its driver
 * (rules/data/flash-drivers.yml), as k sets it or by default. Unknown (0) when k
 * builds no driver for the chip: that image cannot reach it at all (XFL001). */
static void external_page(const struct fl_data *data, const struct fl_kconfig *k,
			  const struct fl_device *d, struct mcuboot_slot *s)
{
	const struct fl_flash_driver *drv = fl_data_driver(data, d->compatible);
	if (!drv || !drv->page_kconfig || !k)
		return;
	bool built = false;
	fl_vec_for_each(&drv->kconfig, sym)
		built |= fl_kconfig_is_y(k, *sym);
	if (!built)
		return;
	uint64_t v;
	const char *sym = drv->page_kconfig;
	if (fl_kconfig_u64(k, sym, &v) && v) {
		s->sector = v;
		s->sector_src = (struct imgtool_src){ fl_kconfig_pos(k, sym), sym };
	} else if (drv->page_default) {
		s->sector = drv->page_default;
		s->sector_src = (struct imgtool_src){ { k->path, 0, 0 }, sym };
	}
	s->write = d->write_block ? d->write_block : 1;
}

static void device_params(const struct mcuboot *mb, const struct fl_image *img,
			  const struct fl_device *d, struct mcuboot_slot *s)
{
	s->device = d->name;
	s->external = d->external;
	if (d->external) {
		external_page(mb->data, mb->cfg ? mb->cfg : &img->kconfig, d, s);
		return;
	}
	s->sector = d->erase_block;
	s->sector_src = (struct imgtool_src){ d->pos, "erase-block-size" };
	s->write = d->write_block;
}

/* The image whose devicetree describes the devices: MCUboot's own, else the app's. */
static const struct fl_image *dt_image(const struct fl_model *m, const struct mcuboot *mb)
{
	if (mb->boot && mb->boot->dt.root)
		return mb->boot;
	const struct fl_image *app = fl_model_image_by_role(m, FL_IMG_APP);
	if (app && app->dt.root)
		return app;
	for_each_image(m, it)
		if ((*it)->dt.root)
			return *it;
	return NULL;
}

static void slot_pm(const struct fl_model *m, const struct mcuboot *mb, const char *name,
		    struct mcuboot_slot *s)
{
	const struct fl_partition *p = fl_model_partition(m, NULL, name);
	if (!p || !p->has_size)
		return;
	s->part = p;
	s->name = p->name;
	s->pos = fl_model_partition_pos(m, p);
	s->start = p->address;
	s->size = p->size;
	const struct fl_image *dimg = dt_image(m, mb);
	if (!dimg)
		return;
	const struct fl_device *d = NULL;
	if (!strcmp(p->region, "flash_primary")) {
		if (dimg->flash_dev >= 0)
			d = &dimg->devices.v[dimg->flash_dev];
	} else if (!strcmp(p->region, "external_flash")) {
		if (dimg->pm_ext_dev >= 0)
			d = &dimg->devices.v[dimg->pm_ext_dev];
		s->external = true;
	}
	if (d)
		device_params(mb, dimg, d, s);
}

static void slot_dt(const struct fl_model *m, const struct mcuboot *mb, const char *label,
		    struct mcuboot_slot *s)
{
	const struct fl_image *dimg = dt_image(m, mb);
	const struct fl_partition *p = dimg ? fl_image_dt_partition(dimg, label) : NULL;
	if (!p || !p->has_size)
		return;
	s->part = p;
	s->name = p->name;
	s->pos = p->pos;
	s->start = p->address;
	s->size = p->size;
	device_params(mb, dimg, &dimg->devices.v[p->dev], s);
}

static void count_sectors(struct mcuboot_slot *s)
{
	if (s->part && s->sector)
		s->sectors = s->size / s->sector + (s->size % s->sector != 0);
}

static void find_max_sectors(struct mcuboot *mb)
{
	const struct fl_kconfig *k = mb->cfg;
	uint64_t v;
	if (!k)
		return;
	if (fl_kconfig_is_y(k, "CONFIG_BOOT_MAX_IMG_SECTORS_AUTO")) {
		/* MCUboot's CMake takes the largest slot / erase-block-size itself. */
		mb->max_auto = true;
		mb->max_src = (struct imgtool_src){ fl_kconfig_pos(k, "CONFIG_BOOT_MAX_IMG_SECTORS_AUTO"),
						    "CONFIG_BOOT_MAX_IMG_SECTORS_AUTO" };
		return;
	}
	if (fl_kconfig_u64(k, "CONFIG_BOOT_MAX_IMG_SECTORS", &v) && v) {
		mb->max_sectors = v;
		mb->max_src = (struct imgtool_src){ fl_kconfig_pos(k, "CONFIG_BOOT_MAX_IMG_SECTORS"),
						    "CONFIG_BOOT_MAX_IMG_SECTORS" };
	} else {
		mb->max_sectors = MCUBOOT_DEFAULT_MAX_SECTORS;
		mb->max_src = (struct imgtool_src){ { k->path, 0, 0 },
						    "no CONFIG_BOOT_MAX_IMG_SECTORS: MCUboot's 128" };
	}
}

static void find_align_enc(struct mcuboot *mb)
{
	const struct fl_kconfig *k = mb->cfg;
	uint64_t v;
	mb->max_align = 8;
	if (!k)
		return;
	if (fl_kconfig_u64(k, "CONFIG_MCUBOOT_BOOT_MAX_ALIGN", &v) && v > 8 && v <= 32)
		mb->max_align = (unsigned)v;
	static const char *const enc[] = { "CONFIG_BOOT_ENCRYPT_IMAGE", "CONFIG_BOOT_ENCRYPT_RSA",
					   "CONFIG_BOOT_ENCRYPT_EC256", "CONFIG_BOOT_ENCRYPT_X25519" };
	for (size_t i = 0; i < sizeof(enc) / sizeof(enc[0]); i++)
		if (fl_kconfig_is_y(k, enc[i]))
			mb->enc_key = fl_kconfig_is_y(k, "CONFIG_BOOT_ENCRYPT_ALG_AES_256") ? 32 : 16;
}

bool mcuboot_model(const struct fl_model *m, struct mcuboot *mb)
{
	memset(mb, 0, sizeof(*mb));
	mb->data = m->data;
	mb->boot = fl_model_image_by_role(m, FL_IMG_MCUBOOT);
	mb->cfg = mb->boot && mb->boot->kconfig.path ? &mb->boot->kconfig : NULL;
	const struct fl_image *app = fl_model_image_by_role(m, FL_IMG_APP);

	mb->pm = fl_model_partition(m, NULL, "mcuboot_primary") != NULL;
	for (size_t i = 0; i < MCUBOOT_MAX_IMAGES; i++) {
		struct mcuboot_pair *pr = &mb->img[i];
		char pri[40], sec[40];
		if (mb->pm) {
			snprintf(pri, sizeof(pri), i ? "mcuboot_primary_%zu" : "mcuboot_primary", i);
			snprintf(sec, sizeof(sec), i ? "mcuboot_secondary_%zu" : "mcuboot_secondary", i);
			slot_pm(m, mb, pri, &pr->primary);
			slot_pm(m, mb, sec, &pr->secondary);
		} else {
			snprintf(pri, sizeof(pri), "slot%zu_partition", 2 * i);
			snprintf(sec, sizeof(sec), "slot%zu_partition", 2 * i + 1);
			slot_dt(m, mb, pri, &pr->primary);
			slot_dt(m, mb, sec, &pr->secondary);
		}
		if (!pr->primary.part)
			break;
		mb->n = i + 1;
	}
	if (mb->pm)
		slot_pm(m, mb, "mcuboot_scratch", &mb->scratch);
	else
		slot_dt(m, mb, "scratch_partition", &mb->scratch);
	if (!mb->n)
		return false;
	/* Devicetree slots without an MCUboot image or an application built for it
	 * are just partitions. */
	if (!mb->pm && !mb->boot &&
	    !(app && fl_kconfig_is_y(&app->kconfig, "CONFIG_BOOTLOADER_MCUBOOT")))
		return false;

	find_mode(m, app, mb);
	find_max_sectors(mb);
	find_align_enc(mb);
	for (size_t i = 0; i < mb->n; i++) {
		count_sectors(&mb->img[i].primary);
		count_sectors(&mb->img[i].secondary);
	}
	count_sectors(&mb->scratch);
	if (mb->max_auto) {
		uint64_t max = 0;
		for (size_t i = 0; i < mb->n; i++) {
			if (mb->img[i].primary.sectors > max)
				max = mb->img[i].primary.sectors;
			if (mb->img[i].secondary.sectors > max)
				max = mb->img[i].secondary.sectors;
		}
		mb->max_sectors = max;
	}
	return true;
}

bool mcuboot_same_slot(const struct fl_partition *a, const struct fl_partition *b)
{
	if (a == b)
		return a != NULL;
	if (!a || !b || a->from_dts != b->from_dts)
		return false;
	if (a->from_dts)
		return a->label && b->label && !strcmp(a->label, b->label);
	return !strcmp(a->name, b->name) && fl_str_eq(a->domain, b->domain);
}

bool mcuboot_is_slot(const struct mcuboot *mb, const struct fl_partition *p)
{
	for (size_t i = 0; i < mb->n; i++)
		if (mcuboot_same_slot(mb->img[i].primary.part, p) ||
		    mcuboot_same_slot(mb->img[i].secondary.part, p))
			return true;
	return mcuboot_same_slot(mb->scratch.part, p);
}

static uint64_t magic_size(unsigned a)
{
	return fl_align_up(16, a);
}

static uint64_t keys_size(const struct mcuboot *mb)
{
	return mb->enc_key ? 2 * fl_align_up(mb->enc_key, mb->max_align) : 0;
}

uint64_t mcuboot_trailer(const struct mcuboot *mb, unsigned write)
{
	unsigned a = mb->max_align;
	uint64_t info = keys_size(mb) + 4ull * a + magic_size(a);
	uint64_t max = mb->max_sectors ? mb->max_sectors : MCUBOOT_DEFAULT_MAX_SECTORS;
	switch (mb->mode) {
	case MCUBOOT_MODE_SINGLE:
	case MCUBOOT_MODE_SINGLE_RAM_LOAD:
	case MCUBOOT_MODE_FIRMWARE_LOADER:
		return info;
	case MCUBOOT_MODE_OFFSET:
		return max * 2 * write + info + a;
	default:
		return max * 3 * write + info;
	}
}

/* Sectors of size s needed to hold t bytes (at least one), as bootutil's loops
 * count them. */
static uint64_t sectors_for(uint64_t t, uint64_t s)
{
	uint64_t n = t / s + (t % s != 0);
	return n ? n : 1;
}

bool mcuboot_max_image(struct fl_arena *a, const struct mcuboot *mb, size_t i, uint64_t *limit,
		       const char **how)
{
	const struct mcuboot_slot *p = &mb->img[i].primary, *s = &mb->img[i].secondary;
	unsigned al = mb->max_align;
	switch (mb->mode) {
	case MCUBOOT_MODE_MOVE:
	case MCUBOOT_MODE_OFFSET: {
		if (!p->sector || !p->write || !s->part || !s->sector)
			return false;
		uint64_t t = mcuboot_trailer(mb, p->write);
		uint64_t tp = sectors_for(t, p->sector);
		if (mb->mode == MCUBOOT_MODE_MOVE) {
			/* swap_move.c: the image may not reach the sector before the first
			 * trailer sector of the primary (one sector is kept free to move
			 * into), nor the trailer sectors of the secondary. */
			uint64_t ts = sectors_for(t, s->sector);
			uint64_t lp = p->sectors > tp + 1 ? (p->sectors - tp - 1) * p->sector : 0;
			uint64_t ls = s->sectors > ts ? (s->sectors - ts) * s->sector : 0;
			*limit = lp < ls ? lp : ls;
			*how = fl_printf(a,
					 "swap-move: min((%" PRIu64 " primary sectors - %" PRIu64
					 " trailer - 1 spare) x %" PRIu64 ", (%" PRIu64
					 " secondary sectors - %" PRIu64 " trailer) x %" PRIu64
					 "), trailer 0x%" PRIx64 " for %" PRIu64 " sectors x %u-byte writes",
					 p->sectors, tp, p->sector, s->sectors, ts, s->sector, t,
					 mb->max_sectors ? mb->max_sectors : MCUBOOT_DEFAULT_MAX_SECTORS,
					 p->write);
		} else {
			/* swap_offset.c: the secondary's first sector holds no image. */
			uint64_t np = p->sectors > tp ? p->sectors - tp : 0;
			uint64_t ns = s->sectors ? s->sectors - 1 : 0;
			*limit = (np < ns ? np : ns) * p->sector;
			*how = fl_printf(a,
					 "swap-offset: min(%" PRIu64 " primary sectors - %" PRIu64
					 " trailer, %" PRIu64 " secondary sectors - 1) x %" PRIu64
					 ", trailer 0x%" PRIx64,
					 p->sectors, tp, s->sectors, p->sector, t);
		}
		return true;
	}
	case MCUBOOT_MODE_SCRATCH: {
		if (!p->write || !s->part)
			return false;
		uint64_t t = mcuboot_trailer(mb, p->write);
		uint64_t min = p->size < s->size ? p->size : s->size;
		*limit = min > t ? min - t : 0;
		*how = fl_printf(a, "swap-scratch: the smaller slot 0x%" PRIx64 " - trailer 0x%" PRIx64,
				 min, t);
		return true;
	}
	case MCUBOOT_MODE_OVERWRITE:
	case MCUBOOT_MODE_DIRECT_XIP:
	case MCUBOOT_MODE_RAM_LOAD: {
		/* boot_swap_info_off(): magic, image_ok, copy_done and swap_info end
		 * the slot. */
		uint64_t min = s->part && s->size < p->size ? s->size : p->size;
		uint64_t t = magic_size(al) + 3ull * al;
		*limit = min > t ? min - t : 0;
		*how = fl_printf(a, "%s: slot 0x%" PRIx64 " - magic %" PRIu64 " - 3 x %u (image_ok, copy_done, swap_info)",
				 mcuboot_mode_name(mb->mode), min, magic_size(al), al);
		return true;
	}
	case MCUBOOT_MODE_SINGLE:
	case MCUBOOT_MODE_SINGLE_RAM_LOAD:
	case MCUBOOT_MODE_FIRMWARE_LOADER: {
		uint64_t t = mcuboot_trailer(mb, p->write);
		*limit = p->size > t ? p->size - t : 0;
		*how = fl_printf(a, "%s: slot 0x%" PRIx64 " - trailer 0x%" PRIx64,
				 mcuboot_mode_name(mb->mode), p->size, t);
		return true;
	}
	case MCUBOOT_MODE_UNKNOWN:
		break;
	}
	return false;
}
