/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The model: memories, partitions, images with their sections, load segments,
 * symbols and Kconfig values, each with the positions it came from. Readers fill
 * it, fl_model_freeze() derives what rules need, rules only read it (const).
 * No file format and no rule knowledge lives here.
 */
#ifndef FLASHLINT_MODEL_H
#define FLASHLINT_MODEL_H

#include "flashlint/core.h"
#include "flashlint/diag.h"
#include "flashlint/data.h"
#include "flashlint/dts.h"

/* ---- Kconfig ----------------------------------------------------------------- */

struct fl_kconfig_entry {
	const char *name;   /* full symbol, "CONFIG_FOO" or "SB_CONFIG_FOO" */
	const char *value;  /* "y", "m", "n" (also for "# ... is not set"), number text, or
			       the unquoted, unescaped string */
	bool is_string;     /* the value was quoted */
	uint32_t line;
};

struct fl_kconfig {
	const char *path;   /* NULL when the image has no .config */
	FL_VEC(struct fl_kconfig_entry) v;
	/* open-addressing index into v, built by the reader */
	uint32_t *index_;
	size_t index_cap_;
};

/* Build the look-up index of k->v (call after the last entry is added). */
void fl_kconfig_index(struct fl_arena *a, struct fl_kconfig *k);
/* The entry for `name` ("CONFIG_FOO"), or NULL. Works unindexed too (by scan). */
const struct fl_kconfig_entry *fl_kconfig_get(const struct fl_kconfig *k, const char *name);
/* True if `name` is "y" (or "m"). */
bool fl_kconfig_is_y(const struct fl_kconfig *k, const char *name);
/* The integer value of `name`; false when absent or not a number. */
bool fl_kconfig_u64(const struct fl_kconfig *k, const char *name, uint64_t *out);
/* Position of `name`'s line, or the file (line 0) when absent. */
struct fl_pos fl_kconfig_pos(const struct fl_kconfig *k, const char *name);

/* ---- linker-level objects of one image --------------------------------------- */

/* A MEMORY region of one image's link, from the map's Memory Configuration. */
struct fl_region {
	const char *name;     /* "FLASH" */
	uint64_t origin;
	uint64_t length;
	const char *attrs;    /* "xr", "xw", "" */
	struct fl_pos pos;    /* its line in the map */
	/* derived by fl_model_freeze(): */
	uint64_t used_end;    /* end of the last thing ld allocated into it (ld's "current");
				 origin when nothing was */
	uint64_t used;        /* used_end - origin: ld's --print-memory-usage "Used Size" */
};

enum fl_sec_flag {
	FL_SEC_ALLOC = 1u << 0,  /* occupies memory at run time (SHF_ALLOC) */
	FL_SEC_LOAD = 1u << 1,   /* has bytes in the load image (alloc and not NOBITS) */
	FL_SEC_EXEC = 1u << 2,
	FL_SEC_WRITE = 1u << 3,
};

/* An input section placed into an output section, from the map. */
struct fl_input_section {
	const char *name;     /* ".text.foo"; "*fill*" for padding */
	uint64_t addr;
	uint64_t size;
	const char *owner;    /* "app/libapp.a(foo.c.obj)", "b.o", "linker stubs"; NULL for fill */
	bool is_fill;
	struct fl_pos pos;    /* line of the input section's name in the map */
};

/* An output section. */
struct fl_section {
	const char *name;
	uint64_t vma;
	uint64_t lma;         /* load address: = vma unless the map/ELF says otherwise */
	uint64_t size;
	unsigned flags;       /* enum fl_sec_flag */
	bool from_elf;        /* described by the ELF (flags exact) */
	bool from_map;        /* described by the map (pos, inputs) */
	struct fl_pos pos;    /* map line of the output section; ELF path with line 0 */
	uint64_t map_vma;     /* the map's own figures, kept for the ELF/map comparison */
	uint64_t map_lma;
	uint64_t map_size;
	FL_VEC(struct fl_input_section) inputs;
	/* derived by fl_model_freeze(): */
	int vma_region;       /* index into image->regions, -1 if none */
	int lma_region;
};

/* A PT_LOAD program header. */
struct fl_segment {
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;
	uint32_t flags;       /* PF_* */
};

struct fl_symbol {
	const char *name;
	uint64_t value;       /* as in the ELF (Thumb functions have bit 0 set) */
	uint64_t size;
	uint8_t type;         /* STT_* */
	uint8_t bind;         /* STB_* */
	const char *section;  /* output section name, or NULL (absolute/undefined) */
};

/* A run of loaded bytes of one image, by load address. */
struct fl_load_range {
	uint64_t start;
	uint64_t end;         /* exclusive */
	int region;           /* index into image->regions, -1 if none */
};

/* A device instance compiled into an image: one `struct device` object of its ELF,
 * `__device_dts_ord_N` (devicetree node N of devicetree_generated.h) or, in older
 * trees, `__device_<name>` (also `__device_sys_init_*`). */
struct fl_elf_device {
	const char *symbol;   /* "__device_dts_ord_138", "__device_spi_3" */
	uint64_t addr;        /* the object's address (its VMA) */
	const char *name;     /* the string its first field points at ("mx25r6435f@0",
				 "NRF_FLASH_DRV_NAME"), NULL when that is no readable string */
	long ord;             /* N of __device_dts_ord_N, -1 for the older names */
	const char *path;     /* ordinal N's node in the image's devicetree_generated.h
				 (devicetree_unfixed.h), NULL when unknown */
};

/* What the device field of a compiled flash-map entry holds. */
enum fl_fa_dev_kind {
	FL_FA_DEV_NULL,       /* a NULL pointer: the entry has no device */
	FL_FA_DEV_DEVICE,     /* `const struct device *fa_dev`: one of the image's devices */
	FL_FA_DEV_NAME,       /* `const char *fa_dev_name` (older trees): a name bound at run
				 time by device_get_binding() */
	FL_FA_DEV_UNKNOWN,    /* a pointer to neither (damaged or unfamiliar ELF) */
};

/* One `struct flash_area` of a compiled flash map. */
struct fl_flash_area {
	uint32_t id;          /* fa_id */
	uint32_t device_id;   /* fa_device_id */
	uint64_t offset;      /* fa_off: offset in the device */
	uint64_t size;        /* fa_size */
	enum fl_fa_dev_kind dev_kind;
	uint64_t dev_ptr;     /* the pointer as compiled (0 for FL_FA_DEV_NULL) */
	int device;           /* FL_FA_DEV_DEVICE: index into image->elf_devices, else -1 */
	const char *dev_name; /* FL_FA_DEV_NAME: the name string; FL_FA_DEV_DEVICE: the
				 device's name; else NULL */
	const char *label;    /* fa_label where the tree has it (CONFIG_FLASH_MAP_LABELS), else NULL */
};

/* The flash map an image was compiled with: Zephyr's `default_flash_map` or Partition
 * Manager's `pm_flash_map`, an array of struct flash_area, and `flash_map_entries`. */
struct fl_flash_map {
	const char *symbol;   /* "default_flash_map" or "pm_flash_map"; NULL when the ELF has none */
	uint64_t addr;        /* the array's address */
	uint64_t bytes;       /* the array's symbol size */
	uint64_t count;       /* flash_map_entries (bytes / entry size when that symbol is absent) */
	uint32_t entry_size;  /* bytes / count: 16 on 32-bit targets, 20 with fa_label */
	FL_VEC(struct fl_flash_area) v;
};

/* One TLV of a signed image's TLV area. */
struct fl_tlv {
	uint16_t type;        /* IMAGE_TLV_SHA256 0x10, IMAGE_TLV_KEYHASH 0x01, IMAGE_TLV_ECDSA_SIG 0x22, ... */
	uint16_t len;         /* bytes of its value */
};

/* A TLV area: the protected one (magic 0x6908) or the other (0x6907). */
struct fl_tlv_area {
	uint16_t magic;
	uint16_t total;       /* ih_tlv_tot: the area's bytes, its 4-byte info included */
	uint64_t offset;      /* where it starts in the image */
	FL_VEC(struct fl_tlv) v;
};

/* An MCUboot-signed image the build holds (zephyr.signed.bin, app_update.bin,
 * app_signed.hex, ...): its image header and TLV areas. */
struct fl_signed_image {
	const char *path;     /* NULL when the build has none */
	uint64_t base;        /* the address of its first byte (Intel hex), 0 for a .bin */
	bool big_endian;      /* written with imgtool --endian big */
	uint32_t load_addr;   /* ih_load_addr */
	uint16_t hdr_size;    /* ih_hdr_size */
	uint16_t protect_tlv_size; /* ih_protect_tlv_size */
	uint32_t img_size;    /* ih_img_size: the payload after the header */
	uint32_t flags;       /* ih_flags */
	uint8_t ver_major;    /* ih_ver */
	uint8_t ver_minor;
	uint16_t ver_revision;
	uint32_t ver_build;
	FL_VEC(struct fl_tlv_area) tlv;
	uint64_t size;        /* header + payload + TLV areas: imgtool's "Image size" */
};

enum fl_image_role {
	FL_IMG_APP,           /* the application (lives in the primary slot) */
	FL_IMG_MCUBOOT,       /* the MCUboot bootloader */
	FL_IMG_OTHER,         /* b0, net core, TF-M, ... */
};

enum fl_map_kind {
	FL_MAP_NONE,
	FL_MAP_GNU,
	FL_MAP_LLD,
};

struct fl_image {
	const char *name;      /* "zephyr" (plain/child app), the sysbuild image name, "mcuboot" */
	const char *dir;       /* the image's build directory, or NULL */
	const char *domain;    /* Partition Manager domain; NULL = the default one */
	enum fl_image_role role;
	const char *elf_path;  /* NULL when absent */
	const char *map_path;
	bool map_is_stage;     /* the map is zephyr_pre1/pre0.map: the final link failed */
	bool map_truncated;    /* the map ends mid-way (ld stopped writing after an error) */
	enum fl_map_kind map_kind;
	FL_VEC(struct fl_region) regions;
	FL_VEC(struct fl_section) sections;
	FL_VEC(struct fl_segment) segments;
	FL_VEC(struct fl_symbol) symbols;
	/* compiled into the ELF (valid when elf_path is set): */
	FL_VEC(struct fl_elf_device) elf_devices;      /* its device instances, symbol-table order */
	struct fl_flash_map flash_map;                 /* its flash map; symbol NULL when none */
	struct fl_signed_image signed_image;           /* its signed image; path NULL when none */
	struct fl_kconfig kconfig;
	struct fl_dt dt;       /* its zephyr.dts; dt.root is NULL when there is none */
	FL_VEC(struct fl_device) devices;              /* from dt */
	FL_VEC(struct fl_partition) dt_partitions;     /* fixed-partitions of dt, by address */
	FL_VEC(struct fl_dt_ord) dt_ords; /* devicetree_generated.h's node ordinals, if read */
	const struct fl_partition *code_partition;     /* chosen zephyr,code-partition */
	int flash_dev;         /* chosen zephyr,flash: index into devices, or -1 */
	int pm_ext_dev;        /* chosen nordic,pm-ext-flash: index into devices, or -1 */
	/* derived by fl_model_freeze(): */
	FL_VEC(struct fl_load_range) load; /* ascending by start */
	uint64_t load_start;   /* lowest loaded address; meaningful if load.n > 0 */
	uint64_t load_end;     /* highest loaded end (exclusive) */
};

/* ---- Partition Manager ------------------------------------------------------- */

/* A region of regions*.yml (flash_primary, external_flash, sram_primary, ...). */
struct fl_pm_region {
	const char *name;
	uint64_t base;
	uint64_t size;
	const char *placement;     /* "complex", "start_to_end", ... or NULL */
	const char *device;        /* NULL or "" when none */
	const char *default_driver_kconfig;
	const char *domain;        /* NULL = default domain */
	struct fl_pos pos;
};

struct fl_partition {
	const char *name;
	uint64_t address;          /* PM address (chip offset for external regions) */
	uint64_t size;
	uint64_t end_address;      /* as written; valid if has_end */
	bool has_end;
	const char *region;        /* "flash_primary" (default when absent) */
	const char *device;        /* NULL when absent */
	FL_VEC(const char *) span; /* names it spans: a container when n > 0 */
	const char *domain;        /* NULL = default domain */
	bool from_static;          /* read from a pm_static*.yml */
	bool has_address;          /* the file gives an address (pm_static may give only a span) */
	bool has_size;
	struct fl_pos pos;         /* line of the partition's key in its file */
	/* devicetree partitions only: */
	bool from_dts;
	const char *label;         /* the node's first label ("slot0_partition"), or NULL */
	const char *dt_label;      /* its label property ("image-0"), or NULL */
	uint64_t offset;           /* reg address: offset into the device */
	int dev;                   /* index into the image's devices */
	const struct fl_dt_node *node;
};

/* A node's dependency ordinal: the N of __device_dts_ord_N. */
struct fl_dt_ord {
	const char *path;
	uint32_t ord;
};

/* ---- devices (from an image's devicetree) ---------------------------------------- */

/* A flash device: the SoC's own flash (soc-nv-flash) or an external NOR chip. */
struct fl_device {
	const char *name;          /* the node's first label ("flash0", "mx25r64"), else its name */
	const char *path;          /* the node's path */
	const char *compatible;    /* its first compatible, or NULL */
	bool external;             /* not the SoC's own flash (QSPI/SPI/MSPI NOR, ...) */
	bool okay;                 /* status okay */
	bool mapped;               /* CPU-addressable: base is the CPU address of byte 0 */
	uint64_t base;             /* CPU address when mapped, else 0 */
	uint64_t size;             /* bytes; 0 when unknown */
	bool size_in_bits;         /* size came from a "size" property, which is in bits */
	uint64_t size_prop;        /* the value as written (bits or bytes) */
	uint32_t erase_block;      /* erase-block-size, 0 when not in the devicetree */
	uint32_t write_block;      /* write-block-size, 0 when not in the devicetree */
	bool has_xip;              /* its controller has a memory-mapped window (reg-name */
	uint64_t xip_base;         /* "qspi_mm" and the like) */
	uint64_t xip_size;
	const struct fl_dt_node *node;
	struct fl_pos pos;
};

/* ---- the model --------------------------------------------------------------- */

/* What an input file is, for the report's inputs list. */
enum fl_input_kind {
	FL_IN_ELF,
	FL_IN_MAP,
	FL_IN_CONFIG,
	FL_IN_PM_PARTITIONS,  /* generated partitions*.yml */
	FL_IN_PM_STATIC,      /* pm_static*.yml */
	FL_IN_PM_REGIONS,     /* regions*.yml */
	FL_IN_DOMAINS,        /* sysbuild domains.yaml */
	FL_IN_DTS,            /* zephyr.dts */
	FL_IN_SIGNED,         /* a signed image: zephyr.signed.bin, app_update.bin, ... */
};

struct fl_input_file {
	const char *path;
	enum fl_input_kind kind;
	const char *image;    /* owning image name, or NULL for build-wide files */
};

struct fl_model {
	const char *build_dir;          /* NULL with explicit inputs only */
	FL_VEC(struct fl_input_file) inputs;
	FL_VEC(struct fl_image *) images;
	FL_VEC(struct fl_partition) partitions;        /* generated partitions*.yml */
	FL_VEC(struct fl_partition) static_partitions; /* pm_static*.yml */
	FL_VEC(struct fl_pm_region) pm_regions;
	struct fl_kconfig sysbuild;     /* build/zephyr/.config of a sysbuild (SB_CONFIG_*) */
	const struct fl_data *data;     /* flash-driver and XIP knowledge; NULL when not loaded */
	bool frozen;
};

/* Add an empty image named `name` and return it. */
struct fl_image *fl_model_add_image(struct fl_run *run, struct fl_model *m, const char *name);
/* Record that `path` was read as `kind` for `image` (NULL: build-wide). */
void fl_model_add_input(struct fl_run *run, struct fl_model *m, const char *path,
			enum fl_input_kind kind, const char *image);

/* Derive regions' usage, section→region links and load ranges. After this the model
 * is only read. */
void fl_model_freeze(struct fl_run *run, struct fl_model *m);

/* The partition `name` of `domain` (NULL = default) from the generated files, else
 * from pm_static; NULL if none. */
const struct fl_partition *fl_model_partition(const struct fl_model *m, const char *domain,
					      const char *name);
/* The pm_static entry for `name`, or NULL. */
const struct fl_partition *fl_model_static_partition(const struct fl_model *m,
						     const char *domain, const char *name);
/* The position to point at for a partition: its pm_static line when it is static,
 * else its line in the generated file. */
struct fl_pos fl_model_partition_pos(const struct fl_model *m, const struct fl_partition *p);
/* The PM region named `name` of `domain`, or NULL. */
const struct fl_pm_region *fl_model_pm_region(const struct fl_model *m, const char *domain,
					      const char *name);
/* Index of the region of `img` that contains [addr, addr+size), or -1. A zero-size
 * range is looked up as the single address addr. */
int fl_image_region_at(const struct fl_image *img, uint64_t addr, uint64_t size);
/* True for a region that is RAM by its attributes or name (FLASH/ROM names win:
 * linker scripts often mark external flash "wx"). */
bool fl_region_is_ram(const struct fl_region *r);
/* The devicetree partition of img whose label (or node name) is `label`, or NULL. */
const struct fl_partition *fl_image_dt_partition(const struct fl_image *img, const char *label);
/* The device of img named `name` (label or node name), or NULL. */
const struct fl_device *fl_image_device(const struct fl_image *img, const char *name);
/* The device of img at devicetree node `node`, or NULL. */
const struct fl_device *fl_image_device_at(const struct fl_image *img, const struct fl_dt_node *node);
/* The ordinal of the node at `path` in img's devicetree_generated.h, or -1. */
long fl_image_dt_ord(const struct fl_image *img, const char *path);
/* The path of node ordinal `ord` in img's devicetree_generated.h, or NULL. */
const char *fl_image_dt_ord_path(const struct fl_image *img, long ord);
/* The compiled device of img whose name string is `name`, or NULL. */
const struct fl_elf_device *fl_image_elf_device(const struct fl_image *img, const char *name);
/* The image called `name`, or NULL. */
const struct fl_image *fl_model_image(const struct fl_model *m, const char *name);
/* The image in the given role (first one), or NULL. */
const struct fl_image *fl_model_image_by_role(const struct fl_model *m, enum fl_image_role r);

#define for_each_image(m, it)                                                     \
	for (struct fl_image *const *it = (m)->images.v,                          \
				    *const *it##_end_ = it ? it + (m)->images.n : it; \
	     it != it##_end_; it++)

#endif
