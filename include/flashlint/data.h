/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Knowledge kept as data, not code: which Kconfig symbol builds the driver of each
 * flash compatible, which drivers can execute in place and under which symbol, and
 * where each SoC's XIP windows are. Read at run time from the YAML files in
 * rules/data (installed as share/flashlint/data; --data DIR overrides), so adding
 * a chip needs no C change. Rules read it through the model (m->data).
 */
#ifndef FLASHLINT_DATA_H
#define FLASHLINT_DATA_H

#include "flashlint/core.h"
#include "flashlint/diag.h"

/* One entry of flash-drivers.yml. */
struct fl_flash_driver {
	const char *compatible;        /* "nordic,qspi-nor" */
	FL_VEC(const char *) kconfig;  /* symbols that build the driver (any one), "CONFIG_…" */
	bool xip;                      /* the controller can execute in place */
	const char *xip_kconfig;       /* the symbol that keeps XIP on, or NULL */
	FL_VEC(const char *) sources;  /* the driver's source file names ("nrf_qspi_nor.c"),
					  matched against map owners for XFL005 */
	const char *page_kconfig;      /* flash-layout page size symbol, or NULL */
	uint64_t page_default;         /* its default, 0 when none */
	struct fl_pos pos;             /* the entry in the data file */
};

/* An XIP window of one SoC. */
struct fl_xip_window {
	const char *name;              /* "qspi_mm" */
	uint64_t base;
	uint64_t size;
	const char *controller;        /* the controller node's compatible, "nordic,nrf-qspi" */
	struct fl_pos pos;
};

/* One entry of soc-xip.yml. */
struct fl_soc {
	const char *name;              /* "nrf5340_cpuapp" */
	FL_VEC(const char *) kconfig;  /* symbols, any of which set (=y) identifies the SoC */
	FL_VEC(struct fl_xip_window) windows;
	struct fl_pos pos;
};

struct fl_data {
	const char *dir;               /* where it was read from; NULL when not loaded, or
					  when a file had an error */
	FL_VEC(struct fl_flash_driver) drivers;
	FL_VEC(struct fl_soc) socs;
};

/* The data directory to use: `dir` when given (--data), else FLASHLINT_DATA_DIR's
 * data/ when it exists (an installed flashlint), else the source tree's
 * rules/data (flashlint run from its build tree). */
const char *fl_data_dir(const char *dir);

/* Read flash-drivers.yml and soc-xip.yml of `dir` into d (cleared first; strings
 * in run's arena). Returns 0, or -FL_EIO / -FL_EFORMAT with an INP001 diagnostic at
 * the offending line (a missing directory or file is an INP001 on its path). An
 * entry with an error is left out; the entries without one are still in d. */
int fl_data_load(struct fl_run *run, struct fl_data *d, const char *dir);

/* The driver entry of a compatible, or NULL. */
const struct fl_flash_driver *fl_data_driver(const struct fl_data *d, const char *compatible);

#endif
