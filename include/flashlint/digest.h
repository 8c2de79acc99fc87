/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The digest of one analysed build: what `flashlint diff` compares. It is built
 * from a model and its findings, or read back from a report saved with
 * `check --format json --detail full`; both give the same digest, so a saved report
 * diffs exactly like its build directory. Plain data, no I/O here.
 */
#ifndef FLASHLINT_DIGEST_H
#define FLASHLINT_DIGEST_H

#include "flashlint/diag.h"

/* A named size: an output section, an object (archive member) or a symbol. */
struct fl_dg_size {
	const char *name;     /* section name, owner ("app/libapp.a(foo.c.obj)"), symbol name */
	uint64_t size;        /* bytes; entries of one name are summed */
	uint64_t hash;        /* fl_hash() of name ("" for none), or 0 when not known yet:
				 fl_digest_sort sets it */
};

/* One slot of an index of names. */
struct fl_dg_name_slot {
	uint32_t hash;        /* the low bits of the entry's hash: most probes stop here */
	uint32_t at;          /* 1 + index of the entry, 0 when the slot is free */
};

/* A look-up of sizes by name (names unique, hashes set). */
struct fl_dg_size_index {
	const struct fl_dg_size *v;
	struct fl_dg_name_slot *tab; /* open addressing, cap slots */
	size_t cap;           /* a power of two, or 0 (nothing indexed) */
};

/* A MEMORY region of one image's link. */
struct fl_dg_region {
	const char *name;     /* "FLASH" */
	uint64_t origin;
	uint64_t length;
	uint64_t used;        /* ld's "Used Size" */
};

struct fl_dg_image {
	const char *name;     /* the model's image name */
	uint64_t loaded;      /* bytes in its load image (sum of its load ranges) */
	bool signed_;         /* MCUboot-signed into a slot: the slot figures are set */
	const char *slot;     /* the slot imgtool is given */
	uint64_t slot_size;
	uint64_t image_size;  /* imgtool's Image size: header + payload + TLVs */
	uint64_t trailer;     /* imgtool's trailer */
	bool has_limit;       /* MCUboot's upgrade limit is known */
	uint64_t limit;       /* the largest header + payload + TLVs the bootloader takes */
	const char *mode;     /* MCUboot's upgrade mode ("swap-move"), or NULL */
	FL_VEC(struct fl_dg_region) regions;
	FL_VEC(struct fl_dg_size) sections;  /* allocated and non-empty */
	FL_VEC(struct fl_dg_size) objects;   /* loaded and allocated bytes by owner */
	FL_VEC(struct fl_dg_size) symbols;   /* functions and objects with a size */
	struct fl_dg_size_index sections_ix; /* each list by name, built by fl_digest_sort */
	struct fl_dg_size_index objects_ix;
	struct fl_dg_size_index symbols_ix;
};

/* What a partition is for, as far as devices in the field are concerned. */
enum fl_dg_part_kind {
	FL_DG_PART_OTHER,
	FL_DG_PART_SLOT,      /* an MCUboot image slot (or its header pad) */
	FL_DG_PART_BOOT,      /* the MCUboot partition */
	FL_DG_PART_SCRATCH,   /* the swap scratch area */
	FL_DG_PART_STORAGE,   /* settings, NVS, littlefs, ... */
};

struct fl_dg_part {
	const char *key;      /* identity across builds: "name" or "domain/name" (Partition
				 Manager), "device/label" (devicetree) */
	const char *name;     /* as the layout names it */
	const char *where;    /* Partition Manager region or devicetree device, or NULL */
	uint64_t address;
	uint64_t size;
	enum fl_dg_part_kind kind;
};

struct fl_dg_finding {
	const char *id;       /* "IMG001" */
	enum fl_severity severity;
	const char *msg;
	struct fl_pos pos;
	const char *image;    /* or NULL */
	uint64_t key;         /* identity across builds: fl_diag_fingerprint() over the
				 file relative to the build directory (its base name for
				 files outside it) */
	uint64_t fingerprint; /* check's SARIF fingerprint (the file as given) */
};

struct fl_digest {
	const char *build_dir;   /* as given to check, or NULL */
	bool pm;                 /* the partitions are Partition Manager's */
	FL_VEC(struct fl_dg_image) images;
	FL_VEC(struct fl_dg_part) parts;
	FL_VEC(struct fl_dg_finding) findings;
	FL_VEC(struct fl_budget) growth; /* the budgets file's growth budgets (image, bytes, line) */
};

/* Record finding d, of the rule whose ID is `id`, of the build g was read from
 * (g->build_dir set) into g. Free-standing notes (id NULL) are not findings and
 * are skipped. */
void fl_digest_add_finding(struct fl_arena *a, struct fl_digest *g, const char *id,
			   const struct fl_diag *d);

/* The kind of a partition by its name or label. */
enum fl_dg_part_kind fl_dg_part_kind_of(const char *name);
/* "slot", "mcuboot", "scratch", "storage", "other". */
const char *fl_dg_part_kind_name(enum fl_dg_part_kind k);

/* Sum the sizes of equal names of v[0..*n) into the first entry of each name, in
 * place and in order, set each entry's hash where it is 0 and index the merged
 * list by name into ix (a hash of the names: linear in n; n < 2^32, as every entry
 * costs more than a byte of a bounded input). */
void fl_dg_sizes_merge(struct fl_arena *a, struct fl_dg_size *v, size_t *n,
		       struct fl_dg_size_index *ix);


/* The entry of ix with the name and hash of `key`, or NULL. */
const struct fl_dg_size *fl_dg_size_find(const struct fl_dg_size_index *ix,
					 const struct fl_dg_size *key);

/* Put g into its canonical form, so that two digests can be merged in one pass:
 * the images, their regions and the partitions sorted (by name, by key); each
 * size list merged by name and indexed (fl_dg_sizes_merge), in the order it was
 * read. */
void fl_digest_sort(struct fl_arena *a, struct fl_digest *g);

/* Read a report saved by `check --format json --detail full` into g. Problems
 * are INP001 diagnostics on run (exit 2). Returns 0 or -FL_EIO / -FL_EFORMAT.
 * Implemented by the readers. */
int fl_digest_read(struct fl_run *run, struct fl_digest *g, const char *path);
/* True when buf looks like a flashlint-report JSON document. */
bool fl_digest_probe(const char *buf, size_t len);

#endif
