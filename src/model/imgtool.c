// SPDX-License-Identifier: Apache-2.0
/*
 * imgtool's view of an image: the parameters the build passes to `imgtool sign`
 * (domain.md §1.1), the TLV sizes of each signature type and the trailer formula
 * of image.py (§1.3). Only arithmetic and look-ups; no diagnostics.
 */
#include <stdio.h>
#include <string.h>

#include "flashlint/imgtool.h"

#define IMGTOOL_DEFAULT_MAX_SECTORS 128
#define IMGTOOL_DEFAULT_ALIGN 4  /* what Zephyr assumes without a write-block-size */

/* TLV area per signature type: 4-byte TLV info + SHA-256 (4+32) + key hash (4+32)
 * + signature TLV. ECDSA's DER signature is 70, 71 or 72 bytes (r and s each take
 * 32 or 33 bytes with a sign byte), so imgtool prints one of three sizes from
 * signing to signing. */
static const struct {
	const char *kconfig;    /* CONFIG_/SB_CONFIG_ suffix */
	struct imgtool_sig sig;
} sig_types[] = {
	{ "BOOT_SIGNATURE_TYPE_NONE", { "no signature (hash only)", 0x28, 0 } },
	{ "BOOT_SIGNATURE_TYPE_ECDSA_P256", { "ECDSA-P256", 0x96, 2 } },
	{ "BOOT_SIGNATURE_TYPE_ED25519", { "ED25519", 0x90, 0 } },
	{ "BOOT_SIGNATURE_TYPE_RSA", { "RSA-2048", 0x150, 0 } },
};

static const struct imgtool_sig rsa3072 = { "RSA-3072", 0x1d0, 0 };
/* No key: the TLV info (4) and the SHA-256 TLV (4 + 32). */
static const struct imgtool_sig unsigned_sig = { "no signature (SHA-256 only)", 0x28, 0 };

uint64_t imgtool_trailer(unsigned align, unsigned max_sectors, bool overwrite_only,
			 bool encrypted)
{
	uint64_t max_align = align > 8 ? align : 8;
	uint64_t magic = fl_align_up(16, max_align);
	if (overwrite_only)
		return 2 * max_align + magic;
	uint64_t enc = encrypted ? 2 * fl_align_up(16, max_align) : 0;
	return 3ull * max_sectors * align + enc + 4 * max_align + magic;
}

static struct imgtool_src src_of(const struct fl_kconfig *k, const char *sym)
{
	return (struct imgtool_src){ fl_kconfig_pos(k, sym), sym };
}

/* Signature type from one .config; prefix is "CONFIG_" or "SB_CONFIG_". */
static bool sig_from(const struct fl_kconfig *k, const char *prefix, struct imgtool_params *p)
{
	char sym[96];
	for (size_t i = 0; i < sizeof(sig_types) / sizeof(sig_types[0]); i++) {
		snprintf(sym, sizeof(sym), "%s%s", prefix, sig_types[i].kconfig);
		if (!fl_kconfig_is_y(k, sym))
			continue;
		const struct fl_kconfig_entry *e = fl_kconfig_get(k, sym);
		p->sig = sig_types[i].sig;
		p->sig_src = (struct imgtool_src){ { k->path, e->line, 1 }, e->name };
		uint64_t len;
		char lensym[96];
		snprintf(lensym, sizeof(lensym), "%sBOOT_SIGNATURE_TYPE_RSA_LEN", prefix);
		if (!strcmp(sig_types[i].kconfig, "BOOT_SIGNATURE_TYPE_RSA") &&
		    fl_kconfig_u64(k, lensym, &len) && len == 3072)
			p->sig = rsa3072;
		return true;
	}
	return false;
}

static void find_signature(const struct fl_model *m, const struct fl_image *app,
			   struct imgtool_params *p)
{
	const struct fl_image *mcuboot = fl_model_image_by_role(m, FL_IMG_MCUBOOT);
	if (mcuboot && sig_from(&mcuboot->kconfig, "CONFIG_", p))
		return;
	if (sig_from(&m->sysbuild, "SB_CONFIG_", p))
		return;
	if (sig_from(&app->kconfig, "CONFIG_", p))
		return;
	/* Upstream Zephyr without a bootloader image in the build or Partition
	 * Manager: its mcuboot.cmake passes --key only when
	 * CONFIG_MCUBOOT_SIGNATURE_KEY_FILE names one, and imgtool without a key
	 * writes the SHA-256 TLV alone. */
	const struct fl_kconfig_entry *key = fl_kconfig_get(&app->kconfig, "CONFIG_MCUBOOT_SIGNATURE_KEY_FILE");
	if (!mcuboot && !m->sysbuild.path && !fl_kconfig_is_y(&app->kconfig, "CONFIG_PARTITION_MANAGER_ENABLED") &&
	    fl_kconfig_is_y(&app->kconfig, "CONFIG_BOOTLOADER_MCUBOOT") && (!key || !*key->value)) {
		p->sig = unsigned_sig;
		p->sig_src = key ? src_of(&app->kconfig, key->name)
				 : (struct imgtool_src){ { app->kconfig.path, 0, 0 },
							 "no CONFIG_MCUBOOT_SIGNATURE_KEY_FILE" };
		return;
	}
	/* MCUboot's own Kconfig default. */
	p->sig = sig_types[3].sig;
	p->sig_src = (struct imgtool_src){ { NULL, 0, 0 }, "MCUboot's default signature type" };
}

static void find_align(const struct fl_image *app, struct imgtool_params *p)
{
	static const char *const syms[] = {
		"CONFIG_MCUBOOT_FLASH_WRITE_BLOCK_SIZE", /* child images pass it as --align */
		"CONFIG_DT_FLASH_WRITE_BLOCK_SIZE",      /* zephyr,flash write-block-size */
	};
	for (size_t i = 0; i < 2; i++) {
		uint64_t v;
		if (fl_kconfig_u64(&app->kconfig, syms[i], &v) && v >= 1 && v <= 32 && !(v & (v - 1))) {
			p->align = (unsigned)v;
			p->align_src = src_of(&app->kconfig, syms[i]);
			return;
		}
	}
	p->align = IMGTOOL_DEFAULT_ALIGN;
	p->align_src = (struct imgtool_src){ { NULL, 0, 0 },
					     "no write-block-size in the .config: assumed 4 as the build does" };
}

static void find_encryption(const struct fl_model *m, const struct fl_image *app,
			    struct imgtool_params *p)
{
	const struct fl_kconfig_entry *e = fl_kconfig_get(&app->kconfig, "CONFIG_MCUBOOT_ENCRYPTION_KEY_FILE");
	if (e && e->value[0]) {
		p->encrypted = true;
		p->enc_src = src_of(&app->kconfig, "CONFIG_MCUBOOT_ENCRYPTION_KEY_FILE");
	} else if (fl_kconfig_is_y(&m->sysbuild, "SB_CONFIG_BOOT_ENCRYPTION")) {
		p->encrypted = true;
		p->enc_src = src_of(&m->sysbuild, "SB_CONFIG_BOOT_ENCRYPTION");
	}
}

bool imgtool_is_split_external(const struct fl_model *m, const struct fl_image *img,
			       const struct fl_section *s)
{
	if (!fl_kconfig_is_y(&m->sysbuild, "SB_CONFIG_QSPI_XIP_SPLIT_IMAGE") &&
	    !fl_kconfig_is_y(&img->kconfig, "CONFIG_XIP_SPLIT_IMAGE"))
		return false;
	return !strcmp(s->name, ".extflash_text_reloc") || !strcmp(s->name, ".extflash_rodata_reloc");
}

bool imgtool_slot_memory(const struct fl_model *m, const struct fl_image *img,
			 const struct fl_partition *slot, struct slot_memory *mem)
{
	if (slot->from_dts) {
		const struct fl_device *d = &img->devices.v[slot->dev];
		if (!d->mapped || !d->size)
			return false;
		*mem = (struct slot_memory){ d->name, d->base, fl_end(d->base, d->size), d->pos };
		return true;
	}
	const struct fl_pm_region *r = fl_model_pm_region(m, img->domain, slot->region);
	if (r) {
		if (r->device && *r->device && strcmp(r->name, "flash_primary"))
			return false;
		*mem = (struct slot_memory){ r->name, r->base, fl_end(r->base, r->size), r->pos };
		return true;
	}
	if (slot->region && strcmp(slot->region, "flash_primary"))
		return false;
	int ri = fl_image_region_at(img, img->load_start, 0);
	if (ri < 0)
		return false;
	const struct fl_region *lr = &img->regions.v[ri];
	*mem = (struct slot_memory){ lr->name, lr->origin, fl_end(lr->origin, lr->length), lr->pos };
	return true;
}

bool imgtool_loads_outside(const struct fl_model *m, const struct fl_image *img,
			   const struct fl_section *s, const struct slot_memory *mem)
{
	if (!(s->flags & FL_SEC_LOAD) || !s->size || imgtool_is_split_external(m, img, s))
		return false;
	return s->lma < mem->lo || fl_end(s->lma, s->size) > mem->hi;
}

/* The signed payload spans the lowest to the highest loaded address, gaps filled,
 * as IntelHex.tobinarray() and objcopy -O binary both do. */
static bool payload_span(const struct fl_model *m, const struct fl_image *img,
			 struct imgtool_params *p)
{
	bool first = true;
	fl_vec_for_each(&img->sections, s) {
		if (!(s->flags & FL_SEC_LOAD) || !s->size || imgtool_is_split_external(m, img, s))
			continue;
		uint64_t end = fl_end(s->lma, s->size);
		if (first || s->lma < p->load_start)
			p->load_start = s->lma;
		if (first || end > p->load_end)
			p->load_end = end;
		first = false;
	}
	return !first;
}

static void finish(struct imgtool_params *p)
{
	p->image_size = (p->pad_header ? p->header_size : 0) + (p->load_end - p->load_start) +
			p->sig.tlv_size;
	p->trailer = imgtool_trailer(p->align, p->max_sectors, p->overwrite_only, p->encrypted);
}

/* Secure firmware that NCS merges in front of the application before signing. */
static const struct {
	const char *kconfig;   /* set in the application's .config */
	const char *name;
	const char *partition; /* the Partition Manager partition it is linked into */
} secure_fws[] = {
	{ "CONFIG_SPM", "SPM", "spm" },             /* NCS up to 2.0 */
	{ "CONFIG_BUILD_WITH_TFM", "TF-M", "tfm" }, /* NCS 1.6 and later */
};

/* With SPM or TF-M the signed image is that firmware and the application merged
 * (mcuboot_primary_app spans both): its bytes start the payload at the slot
 * start + header, where MCUboot boots it, and it jumps to the 'app' partition. */
static void find_secure_fw(const struct fl_model *m, const struct fl_image *img,
			   struct imgtool_params *p)
{
	uint64_t slot_end = fl_end(p->slot->address, p->slot->size);
	for (size_t i = 0; i < sizeof(secure_fws) / sizeof(secure_fws[0]); i++) {
		if (!fl_kconfig_is_y(&img->kconfig, secure_fws[i].kconfig))
			continue;
		const struct fl_partition *part = fl_model_partition(m, img->domain, secure_fws[i].partition);
		bool at_boot = part && part->address == p->link_start;
		bool after = p->load_start > p->link_start && p->load_start < slot_end;
		if (!at_boot && !after)
			continue;
		p->secure_fw = secure_fws[i].name;
		p->secure_part = at_boot ? part : NULL;
		p->app_part = fl_model_partition(m, img->domain, "app");
		if (after)
			p->load_start = p->link_start;
		return;
	}
}

bool imgtool_params_pm(const struct fl_model *m, const struct fl_image *img,
		       struct imgtool_params *p)
{
	memset(p, 0, sizeof(*p));
	if (img->role != FL_IMG_APP || !img->load.n)
		return false;
	p->slot = fl_model_partition(m, img->domain, "mcuboot_primary");
	if (!p->slot)
		return false;
	/* An application built without MCUboot support is not signed. */
	if (img->kconfig.path && !fl_kconfig_is_y(&img->kconfig, "CONFIG_BOOTLOADER_MCUBOOT"))
		return false;
	p->slot_pos = fl_model_partition_pos(m, p->slot);
	p->slot_why = "--slot-size PM_MCUBOOT_PRIMARY_SIZE";
	p->pad_header = true;
	const struct fl_partition *pad = fl_model_partition(m, img->domain, "mcuboot_pad");
	if (pad) {
		p->header_size = pad->size;
		p->header_src = (struct imgtool_src){ fl_model_partition_pos(m, pad), "mcuboot_pad" };
	} else {
		p->header_size = 0x200;
		p->header_src = (struct imgtool_src){ { NULL, 0, 0 }, "no mcuboot_pad partition: assumed 0x200" };
	}
	p->link_start = p->slot->address + p->header_size;
	find_align(img, p);
	find_encryption(m, img, p);
	find_signature(m, img, p);
	p->max_sectors = IMGTOOL_DEFAULT_MAX_SECTORS;
	if (!payload_span(m, img, p))
		return false;
	p->app_start = p->load_start;
	find_secure_fw(m, img, p);
	finish(p);
	return true;
}

/* Zephyr's own signing (cmake/mcuboot.cmake): --slot-size is slot1's size (slot0's
 * in single-application mode), --header-size CONFIG_ROM_START_OFFSET with the
 * header inside the image (no --pad-header), --align the zephyr,flash
 * write-block-size, or --overwrite-only --align 1. */
bool imgtool_params_dt(const struct fl_model *m, const struct fl_image *img,
		       struct imgtool_params *p)
{
	memset(p, 0, sizeof(*p));
	if (img->role != FL_IMG_APP || !img->load.n || !img->dt_partitions.n)
		return false;
	if (!fl_kconfig_is_y(&img->kconfig, "CONFIG_BOOTLOADER_MCUBOOT"))
		return false;
	const struct fl_kconfig *k = &img->kconfig;
	bool single = fl_kconfig_is_y(k, "CONFIG_MCUBOOT_BOOTLOADER_MODE_SINGLE_APP") ||
		      fl_kconfig_is_y(k, "CONFIG_MCUBOOT_BOOTLOADER_MODE_FIRMWARE_UPDATER");
	p->slot = fl_image_dt_partition(img, single ? "slot0_partition" : "slot1_partition");
	if (!p->slot)
		return false;
	p->slot_pos = p->slot->pos;
	p->slot_why = single ? "--slot-size: slot0_partition's size (single-application mode)"
			     : "--slot-size: slot1_partition's size";
	uint64_t v;
	if (fl_kconfig_u64(k, "CONFIG_ROM_START_OFFSET", &v)) {
		p->header_size = v;
		p->header_src = src_of(k, "CONFIG_ROM_START_OFFSET");
	} else {
		p->header_size = 0x200;
		p->header_src = (struct imgtool_src){ { NULL, 0, 0 },
						      "no CONFIG_ROM_START_OFFSET: assumed 0x200" };
	}
	const struct fl_partition *slot0 = fl_image_dt_partition(img, "slot0_partition");
	p->link_start = slot0 ? slot0->address : p->slot->address;
	p->overwrite_only = fl_kconfig_is_y(k, "CONFIG_MCUBOOT_IMGTOOL_OVERWRITE_ONLY");
	if (p->overwrite_only) {
		p->align = 1;
		p->align_src = src_of(k, "CONFIG_MCUBOOT_IMGTOOL_OVERWRITE_ONLY");
	} else if (img->flash_dev >= 0 && img->devices.v[img->flash_dev].write_block) {
		const struct fl_device *d = &img->devices.v[img->flash_dev];
		p->align = d->write_block;
		p->align_src = (struct imgtool_src){ d->pos, "write-block-size of the zephyr,flash node" };
	} else {
		p->align = IMGTOOL_DEFAULT_ALIGN;
		p->align_src = (struct imgtool_src){ { NULL, 0, 0 },
						     "zephyr,flash has no write-block-size: assumed 4 as the build does" };
	}
	find_encryption(m, img, p);
	find_signature(m, img, p);
	p->max_sectors = IMGTOOL_DEFAULT_MAX_SECTORS;
	if (!payload_span(m, img, p))
		return false;
	p->app_start = p->load_start;
	/* Image-relative (Espressif): the header region sits at address 0 and holds
	 * the image's first bytes; the image must start there, at offset 0. */
	if (p->load_start == 0)
		fl_vec_for_each(&img->regions, r)
			if (r->origin == 0 && r->length == p->header_size && p->header_size) {
				p->header_region = r->name;
				p->link_start = 0;
				break;
			}
	finish(p);
	return true;
}

bool imgtool_params(const struct fl_model *m, const struct fl_image *img,
		    struct imgtool_params *p)
{
	return imgtool_params_pm(m, img, p) || imgtool_params_dt(m, img, p);
}
