/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The MCUboot signing model the image rules and the reports share: which parameters imgtool is
 * given for an image, where each came from, and imgtool's own arithmetic for the
 * image size and the trailer it reserves. Reads the model; reports nothing.
 */
#ifndef FLASHLINT_IMGTOOL_H
#define FLASHLINT_IMGTOOL_H

#include "flashlint/model.h"

/* A value and the place it was taken from (file NULL: a default). */
struct imgtool_src {
	struct fl_pos pos;
	const char *why;      /* "CONFIG_MCUBOOT_FLASH_WRITE_BLOCK_SIZE", "imgtool's default" */
};

struct imgtool_sig {
	const char *name;     /* "ECDSA-P256" */
	uint64_t tlv_size;    /* TLV area with SHA-256, key hash and signature */
	unsigned tlv_jitter;  /* bytes the signature's DER length may add */
};

struct imgtool_params {
	const struct fl_partition *slot;   /* mcuboot_primary, or slot1_partition */
	struct fl_pos slot_pos;            /* where the slot is defined */
	const char *slot_why;              /* how the build picks it */
	uint64_t link_start;               /* where the image must be linked: slot + header
					      with --pad-header, else the slot start */
	uint64_t header_size;              /* --header-size (mcuboot_pad, ROM_START_OFFSET) */
	bool pad_header;                   /* --pad-header: the header is added in front */
	struct imgtool_src header_src;
	unsigned align;                    /* --align */
	struct imgtool_src align_src;
	unsigned max_sectors;              /* --max-sectors, 128 when not passed */
	bool overwrite_only;
	bool encrypted;
	struct imgtool_src enc_src;
	struct imgtool_sig sig;
	struct imgtool_src sig_src;
	uint64_t image_size;               /* imgtool's "Image size": header+payload+TLVs */
	uint64_t trailer;                  /* imgtool's "trailer" */
	/* Secure firmware merged in front of the application in the slot (NCS: SPM
	 * up to 2.0, TF-M after): MCUboot boots it at slot + header, and it jumps
	 * to the application at the 'app' partition. */
	const char *secure_fw;             /* "SPM", "TF-M", or NULL when none */
	const struct fl_partition *secure_part; /* its partition ('spm', 'tfm'), or NULL */
	const struct fl_partition *app_part;    /* 'app', where it jumps; or NULL */
	uint64_t app_start;                /* the application's own lowest loaded address */
	/* Image-relative link (Espressif): the script gives the MCUboot header its
	 * own MEMORY region at address 0, load addresses are offsets into the image
	 * and the cache MMU maps the slot. */
	const char *header_region;         /* that region's name, or NULL when the
					      image is linked for CPU addresses */
	uint64_t load_start;               /* the span of bytes signed */
	uint64_t load_end;
};

/* Fill p for `img` if it is an MCUboot-signed application of a Partition Manager
 * build (slot mcuboot_primary in its domain). Returns false when it is not. */
bool imgtool_params_pm(const struct fl_model *m, const struct fl_image *img,
		       struct imgtool_params *p);
/* The same for a devicetree-partitioned (upstream Zephyr) build: slot1_partition. */
bool imgtool_params_dt(const struct fl_model *m, const struct fl_image *img,
		       struct imgtool_params *p);
/* Partition Manager first, then devicetree. */
bool imgtool_params(const struct fl_model *m, const struct fl_image *img,
		    struct imgtool_params *p);

/* The memory that holds a slot, in CPU addresses. */
struct slot_memory {
	const char *name;
	uint64_t lo, hi;   /* [lo, hi) */
	struct fl_pos pos; /* where the memory is defined */
};

/* The memory of `slot`: its Partition Manager region, or failing that the linker
 * region where the image starts. False for external regions, whose addresses are
 * device offsets that cannot be compared with load addresses. */
bool imgtool_slot_memory(const struct fl_model *m, const struct fl_image *img,
			 const struct fl_partition *slot, struct slot_memory *mem);

/* True when section s has loaded bytes that imgtool signs outside mem. */
bool imgtool_loads_outside(const struct fl_model *m, const struct fl_image *img,
			   const struct fl_section *s, const struct slot_memory *mem);

/* imgtool's _trailer_size(). */
uint64_t imgtool_trailer(unsigned align, unsigned max_sectors, bool overwrite_only,
			 bool encrypted);

/* True for the output sections NCS signs as the external part of a QSPI-XIP split
 * image, when the build splits the image. */
bool imgtool_is_split_external(const struct fl_model *m, const struct fl_image *img,
			       const struct fl_section *s);

#endif
