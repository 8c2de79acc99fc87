/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The image trailer at the end of each slot: its size (which imgtool and the
 * bootloader must agree on), the magic, and the swap flags read from it.
 */
#include <string.h>

#include <bootutil/bootutil.h>

#ifndef CONFIG_BOOT_MAX_IMG_SECTORS
#define CONFIG_BOOT_MAX_IMG_SECTORS 128
#endif
#define BOOT_STATUS_STATE_COUNT 3 /* swap using move: 1 move + 2 swap states */

static const uint32_t boot_img_magic[4] = {
	0xf395c277u, 0x7fefd260u, 0x0f505235u, 0x8079b62cu,
};

uint32_t boot_trailer_sz(uint32_t write_sz)
{
	return CONFIG_BOOT_MAX_IMG_SECTORS * BOOT_STATUS_STATE_COUNT * write_sz +
	       4u * BOOT_MAX_ALIGN + BOOT_MAGIC_SZ;
}

uint32_t boot_magic_off(const struct flash_area *fa)
{
	return fa->fa_size - BOOT_MAGIC_SZ;
}

static uint32_t boot_image_ok_off(const struct flash_area *fa)
{
	return boot_magic_off(fa) - BOOT_MAX_ALIGN;
}

static uint32_t boot_copy_done_off(const struct flash_area *fa)
{
	return boot_image_ok_off(fa) - BOOT_MAX_ALIGN;
}

static uint32_t boot_swap_info_off(const struct flash_area *fa)
{
	return boot_copy_done_off(fa) - BOOT_MAX_ALIGN;
}

int boot_read_swap_state(const struct flash_area *fa, struct boot_swap_state *state)
{
	uint32_t magic[4];
	uint8_t b;
	int rc = flash_area_read(fa, boot_magic_off(fa), magic, sizeof(magic));

	if (rc != 0) {
		return rc;
	}
	state->magic = memcmp(magic, boot_img_magic, sizeof(magic)) == 0 ? BOOT_MAGIC_GOOD
									   : BOOT_MAGIC_UNSET;
	rc = flash_area_read(fa, boot_swap_info_off(fa), &b, 1);
	state->swap_type = (rc == 0 && b != 0xff) ? (b & 0x0f) : 0;
	rc |= flash_area_read(fa, boot_copy_done_off(fa), &state->copy_done, 1);
	rc |= flash_area_read(fa, boot_image_ok_off(fa), &state->image_ok, 1);
	return rc;
}

int boot_write_magic(const struct flash_area *fa)
{
	return flash_area_write(fa, boot_magic_off(fa), boot_img_magic, sizeof(boot_img_magic));
}

/* Swap using move needs one spare sector in the primary slot and the whole trailer. */
uint32_t bootutil_max_image_size(const struct flash_area *fa)
{
	uint32_t sector = flash_area_sector_size(fa);
	uint32_t trailer = boot_trailer_sz(flash_area_align(fa));
	uint32_t trailer_sectors = (trailer + sector - 1) / sector * sector;

	return fa->fa_size - trailer_sectors - sector;
}
