/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Budgets from a budgets file (flashlint.yml): how full each MEMORY region may be,
 * how much room each image keeps in its slot, how much of a slot partition an image
 * may take, how much an image may grow between two builds. Plain data with the
 * line each budget came from, which a finding caused by it points at.
 */
#ifndef FLASHLINT_BUDGETS_H
#define FLASHLINT_BUDGETS_H

#include "flashlint/core.h"

struct fl_budget {
	const char *image;   /* the image it applies to; NULL: every image */
	const char *name;    /* region or partition name; NULL for image budgets */
	bool percent;        /* value is a percentage of the region or slot, else bytes */
	uint64_t value;
	struct fl_pos pos;   /* its line in the budgets file */
};

struct fl_budgets {
	const char *path;                    /* the file read */
	FL_VEC(struct fl_budget) regions;    /* the most a region may use (SEC004) */
	FL_VEC(struct fl_budget) headroom;   /* the least room an image keeps in its slot (IMG004) */
	FL_VEC(struct fl_budget) partitions; /* the most of a slot its image may take (IMG004) */
	FL_VEC(struct fl_budget) growth;     /* the most an image may grow (flashlint diff) */
};

/* The budget of v (n entries) for `name` of `image`: an entry naming the image
 * wins over one for every image. name NULL matches entries without a name. NULL
 * when none applies. */
const struct fl_budget *fl_budget_find(const struct fl_budget *v, size_t n, const char *image,
				       const char *name);

/* The budget as a byte count of `whole` (a percentage rounded down). */
uint64_t fl_budget_bytes(const struct fl_budget *b, uint64_t whole);

/* ---- the budgets file (implemented by the readers) ------------------------------ */

struct fl_run;
struct fl_model;

/* The budgets file of a build: flashlint.yml beside its pm_static.yml, else in the
 * application source directory its CMakeCache.txt names. NULL when there is none.
 * The path lives in run's arena. */
const char *fl_budgets_locate(struct fl_run *run, const struct fl_model *m);

/* Read the budgets file at path into b (in run's arena) and set run->cfg.budgets.
 * Its rule severities, ignores, region-budget and slot-headroom apply where the
 * command line left the configuration at its defaults. Content that breaks the
 * schema is an INP001 at its line. Returns 0, -FL_EIO or -FL_EFORMAT. */
int fl_budgets_read(struct fl_run *run, struct fl_budgets *b, const char *path);

#endif
