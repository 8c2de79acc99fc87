/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `flashlint diff`: two digests (see digest.h) compared into what a reviewer needs
 * first: slot headroom per image, findings new / fixed / persisting, partition
 * layout changes (those that break updates of devices in the field flagged), MEMORY
 * usage, and the largest growers and shrinkers; the policy that sets the exit
 * status; and the writers of the diff in text, markdown, JSON and SARIF.
 */
#ifndef FLASHLINT_DIFF_H
#define FLASHLINT_DIFF_H

#include <stdio.h>

#include "flashlint/digest.h"
#include "flashlint/model.h"

/* Build g from a frozen model m and run's finished diagnostics (in arena a). */
void fl_digest_build(struct fl_arena *a, struct fl_digest *g, const struct fl_run *run,
		     const struct fl_model *m);


/* One image in both builds (either side NULL when the image is only in one). */
struct fl_diff_image {
	const char *name;
	const struct fl_dg_image *base, *new_;
};

struct fl_diff_part {
	const char *key;
	const struct fl_dg_part *base, *new_;  /* NULL: added / removed */
	bool moved, resized, breaking;
};

struct fl_diff_region {
	const char *image;
	const struct fl_dg_region *base, *new_;
};

/* A named size in both builds; 0 where it is absent. */
struct fl_diff_size {
	const char *image;
	const char *name;
	uint64_t base, new_;
	int64_t delta;
};

/* The largest changes of one kind (sections, objects or symbols). */
struct fl_diff_movers {
	FL_VEC(struct fl_diff_size) grow;    /* largest growth first */
	FL_VEC(struct fl_diff_size) shrink;  /* largest shrink first */
	size_t changed;                      /* how many changed in all */
};

/* --fail-on: which changes fail the diff (exit 1). */
struct fl_diff_policy {
	bool new_errors;         /* a new finding of severity error */
	bool growth;             /* an image loads more than growth_bytes more */
	uint64_t growth_bytes;
	bool headroom;           /* a signed image leaves less than headroom_pct of its slot */
	unsigned headroom_pct;
	struct fl_pos pos;       /* where the policy was set (a budgets file), or none */
};

struct fl_diff {
	const struct fl_digest *base, *new_;
	FL_VEC(struct fl_diff_image) images;   /* those whose figures changed */
	FL_VEC(const struct fl_dg_finding *) added;    /* new findings */
	FL_VEC(const struct fl_dg_finding *) fixed;    /* findings of base gone in new */
	FL_VEC(const struct fl_dg_finding *) persisting;
	FL_VEC(struct fl_diff_part) parts;     /* changed partitions only */
	FL_VEC(struct fl_diff_region) regions; /* changed regions only */
	struct fl_diff_movers sections, objects, symbols;
	FL_VEC(const char *) failed;           /* policy failures, in words */
	bool changed;                          /* anything above differs */
};

/* How many growers and shrinkers of each kind a diff keeps. */
#define FL_DIFF_TOP 10

/* Compare base with new into d (everything in arena a), then apply policy. */
void fl_diff_compute(struct fl_arena *a, struct fl_diff *d, const struct fl_digest *base,
		     const struct fl_digest *new_, const struct fl_diff_policy *policy);

/* A signed image's headroom: what stays free in its slot for imgtool (slot - Image
 * size - trailer) and for MCUboot's upgrade (limit - Image size); negative when it
 * does not fit. */
int64_t fl_diff_room_imgtool(const struct fl_dg_image *i);
int64_t fl_diff_room_upgrade(const struct fl_dg_image *i);

/* Write d as "text", "md", "json" (flashlint-diff/1) or "sarif" (new findings
 * only). Returns 0, -FL_EUSAGE for an unknown format, -FL_EIO on a write error. */
int fl_diff_write(const char *format, FILE *out, struct fl_arena *a, const struct fl_diff *d);

/* A C++ symbol name demangled (in a), or name itself when it is not mangled. */
const char *fl_demangle(struct fl_arena *a, const char *name);

#endif
