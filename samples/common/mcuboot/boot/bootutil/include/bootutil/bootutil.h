/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The MCUboot image format and boot API as far as the sample bootloader needs it:
 * image header, TLV area, trailer, the flash areas of the Partition Manager layout.
 */
#ifndef BOOTUTIL_BOOTUTIL_H
#define BOOTUTIL_BOOTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IMAGE_MAGIC 0x96f3b83du
#define IMAGE_TLV_INFO_MAGIC 0x6907u
#define IMAGE_TLV_PROT_INFO_MAGIC 0x6908u
#define IMAGE_TLV_SHA256 0x10u
#define IMAGE_TLV_KEYHASH 0x01u
#define IMAGE_TLV_ECDSA_SIG 0x22u

struct image_version {
	uint8_t iv_major;
	uint8_t iv_minor;
	uint16_t iv_revision;
	uint32_t iv_build_num;
};

struct image_header {
	uint32_t ih_magic;
	uint32_t ih_load_addr;
	uint16_t ih_hdr_size;
	uint16_t ih_protect_tlv_size;
	uint32_t ih_img_size;
	uint32_t ih_flags;
	struct image_version ih_ver;
	uint32_t _pad1;
};

struct image_tlv_info {
	uint16_t it_magic;
	uint16_t it_tlv_tot;
};

struct image_tlv {
	uint16_t it_type;
	uint16_t it_len;
};

/* A partition of the Partition Manager layout and the driver that reaches it. */
struct flash_area {
	uint8_t fa_id;
	uint8_t fa_device_id;
	uint32_t fa_off;
	uint32_t fa_size;
	const struct flash_driver *fa_dev;
	const char *fa_name;
};

#define FLASH_AREA_IMAGE_PRIMARY 0
#define FLASH_AREA_IMAGE_SECONDARY 1

int flash_area_open(uint8_t id, const struct flash_area **fa);
int flash_area_read(const struct flash_area *fa, uint32_t off, void *dst, size_t len);
int flash_area_write(const struct flash_area *fa, uint32_t off, const void *src, size_t len);
int flash_area_erase(const struct flash_area *fa, uint32_t off, size_t len);
uint32_t flash_area_align(const struct flash_area *fa);
uint32_t flash_area_sector_size(const struct flash_area *fa);

/* Trailer (see bootutil_misc.c). */
#define BOOT_MAX_ALIGN 8u
#define BOOT_MAGIC_SZ 16u
#define BOOT_MAGIC_GOOD 1
#define BOOT_MAGIC_UNSET 3
#define BOOT_FLAG_SET 1

struct boot_swap_state {
	uint8_t magic;
	uint8_t swap_type;
	uint8_t copy_done;
	uint8_t image_ok;
};

uint32_t boot_trailer_sz(uint32_t write_sz);
uint32_t boot_magic_off(const struct flash_area *fa);
int boot_read_swap_state(const struct flash_area *fa, struct boot_swap_state *state);
int boot_write_magic(const struct flash_area *fa);
uint32_t bootutil_max_image_size(const struct flash_area *fa);

/* Image validation (image_validate.c). */
int bootutil_img_validate(const struct flash_area *fa, const struct image_header *hdr);

struct boot_rsp {
	const struct image_header *br_hdr;
	uint8_t br_flash_dev_id;
	uint32_t br_image_off;
};

int boot_go(struct boot_rsp *rsp);

#endif
