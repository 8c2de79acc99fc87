/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Build-directory discovery: which files of a build directory belong to which
 * image (plain Zephyr, NCS child images, sysbuild), then reading them all into
 * the model. Explicit files given on the command line take precedence.
 */
#ifndef FLASHLINT_LAYOUT_H
#define FLASHLINT_LAYOUT_H

#include "flashlint/model.h"

struct fl_layout_opts {
	const char *build_dir; /* NULL when only explicit files are given */
	const char *elf;       /* --elf: the application's ELF */
	const char *map;       /* --map */
	const char *pm;        /* --pm: a pm_static.yml (or partitions.yml) */
	const char *config;    /* --config: the application's .config */
	const char *dts;       /* --dts: the application's zephyr.dts */
	/* --image NAME=DIR: images named explicitly (DIR holds zephyr/ or is it) */
	const char *const *image_names;
	const char *const *image_dirs;
	size_t n_images;
};

/* Discover and read everything. Returns 0, -FL_ENOINPUT when nothing to analyse was
 * found (reported as an INP001 on the build directory), or -FL_EUSAGE. */
int fl_layout_load(struct fl_run *run, struct fl_model *m, const struct fl_layout_opts *o);

#endif
