/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Image validation: hash header + image (+ protected TLVs) and compare with the
 * SHA256 TLV. Signature checking is reduced to finding the ECDSA TLV; the samples
 * are about sizes and addresses, not cryptography.
 */
#include <string.h>

#include <bootutil/bootutil.h>
#include <bootutil/sha256.h>
#include <zephyr/kernel.h>

static uint8_t tmpbuf[256];

int bootutil_img_validate(const struct flash_area *fa, const struct image_header *hdr)
{
	struct bootutil_sha256_context sha;
	struct image_tlv_info info;
	uint8_t hash[32];
	uint32_t size = hdr->ih_hdr_size + hdr->ih_img_size + hdr->ih_protect_tlv_size;
	bool hash_ok = false;
	bool sig_found = false;

	if (size > bootutil_max_image_size(fa)) {
		printk("E: Image size bigger than designated area: %u > %u\n", (unsigned int)size,
		       (unsigned int)bootutil_max_image_size(fa));
		return -1;
	}

	bootutil_sha256_init(&sha);
	for (uint32_t off = 0; off < size; off += sizeof(tmpbuf)) {
		uint32_t n = size - off < sizeof(tmpbuf) ? size - off : sizeof(tmpbuf);

		if (flash_area_read(fa, off, tmpbuf, n) != 0) {
			return -1;
		}
		bootutil_sha256_update(&sha, tmpbuf, n);
	}
	bootutil_sha256_finish(&sha, hash);

	uint32_t off = hdr->ih_hdr_size + hdr->ih_img_size + hdr->ih_protect_tlv_size;

	if (flash_area_read(fa, off, &info, sizeof(info)) != 0 ||
	    info.it_magic != IMAGE_TLV_INFO_MAGIC) {
		printk("E: Bad TLV magic at 0x%x\n", (unsigned int)off);
		return -1;
	}
	uint32_t end = off + info.it_tlv_tot;

	if (end > bootutil_max_image_size(fa)) {
		printk("D: bootutil_img_validate: TLV beyond image size\n");
		return -1;
	}
	for (off += sizeof(info); off + sizeof(struct image_tlv) <= end;) {
		struct image_tlv tlv;

		if (flash_area_read(fa, off, &tlv, sizeof(tlv)) != 0) {
			return -1;
		}
		off += sizeof(tlv);
		if (tlv.it_type == IMAGE_TLV_SHA256 && tlv.it_len == sizeof(hash)) {
			if (flash_area_read(fa, off, tmpbuf, sizeof(hash)) != 0) {
				return -1;
			}
			hash_ok = memcmp(tmpbuf, hash, sizeof(hash)) == 0;
		} else if (tlv.it_type == IMAGE_TLV_ECDSA_SIG) {
			sig_found = true;
		}
		off += tlv.it_len;
	}
	return hash_ok && sig_found ? 0 : -1;
}
