// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer harness for the budgets file (flashlint.yml): each input is read as
 * one, and every budget kept must be whole: a line in the file, a name where one
 * is needed, no empty name, no percentage above 100, and each found again by
 * fl_budget_find. The configuration it changes must stay in range. See README.md.
 */
#include <stdint.h>
#include <stdlib.h>

#include "flashlint/budgets.h"
#include "flashlint/catalogue.h"
#include "fuzz.h"

static void fuzz_check(const struct fl_budget *v, size_t n, const char *path, bool named)
{
	for (size_t i = 0; i < n; i++) {
		const struct fl_budget *b = &v[i];
		if (b->pos.file != path || !b->pos.line || !b->pos.col || (named && !b->name) ||
		    (b->name && !*b->name) || (b->image && !*b->image) ||
		    (b->percent && b->value > 100))
			abort();
		/* The look-up finds this budget or an earlier one of the same key. */
		const struct fl_budget *f = fl_budget_find(v, n, b->image, b->name);
		if (!f || (b->image && !f->image))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("flashlint.yml", data, size);
	struct fl_run run;
	if (fl_run_init(&run, &fl_catalogue) != 0)
		return 0;
	struct fl_budgets b;
	int rc = fl_budgets_read(&run, &b, path);
	if (rc != 0 && rc != -FL_EIO && rc != -FL_EFORMAT)
		abort();
	if (rc == 0 && run.cfg.budgets != &b)
		abort();
	fuzz_check(b.regions.v, b.regions.n, path, true);
	fuzz_check(b.partitions.v, b.partitions.n, path, true);
	fuzz_check(b.headroom.v, b.headroom.n, path, false);
	fuzz_check(b.growth.v, b.growth.n, path, false);
	for (size_t i = 0; i < b.growth.n; i++)
		if (b.growth.v[i].percent)
			abort();
	if (run.cfg.headroom_percent > 100 || run.cfg.slot_headroom_percent > 100)
		abort();
	for (unsigned r = 0; r < run.cat->count; r++)
		if (run.cfg.severity[r] > FL_SEV_ERROR)
			abort();
	fl_run_free(&run);
	return 0;
}
