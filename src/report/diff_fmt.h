/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The sentences the text and markdown diffs share (arena strings, no markup), and
 * the writers of each format. Private to src/report.
 */
#ifndef FLASHLINT_REPORT_DIFF_FMT_H
#define FLASHLINT_REPORT_DIFF_FMT_H

#include <stdio.h>

#include "flashlint/diff.h"

/* "1704 -> 2728 (+1024)" */
const char *diff_fmt_change(struct fl_arena *a, uint64_t before, uint64_t after);
/* "1 image changed, 1 new finding, ..." or "no changes". */
const char *diff_fmt_headline(struct fl_arena *a, const struct fl_diff *d);
/* "app: loaded ...; slot 'mcuboot_primary' ...: imgtool room ..., upgrade room ..." */
const char *diff_fmt_image(struct fl_arena *a, const struct fl_diff_image *im);
/* "mcuboot_secondary (slot, flash_primary): moved ...; breaks updates of ..." */
const char *diff_fmt_part(struct fl_arena *a, const struct fl_diff_part *p);
/* "app FLASH: 2528 -> 3552 (+1024) of 482816 bytes" */
const char *diff_fmt_region(struct fl_arena *a, const struct fl_diff_region *r);
/* How many changed partitions break updates of devices in the field. */
size_t diff_breaking(const struct fl_diff *d);

int diff_write_text(FILE *out, struct fl_arena *a, const struct fl_diff *d);
int diff_write_md(FILE *out, struct fl_arena *a, const struct fl_diff *d);
int diff_write_json(FILE *out, struct fl_arena *a, const struct fl_diff *d);
int diff_write_sarif(FILE *out, struct fl_arena *a, const struct fl_diff *d);

#endif
