// SPDX-License-Identifier: Apache-2.0
/*
 * Looking budgets up: which entry of a budgets file applies to an image's region,
 * slot or growth, and what it amounts to in bytes. No parsing here.
 */
#include "flashlint/budgets.h"

const struct fl_budget *fl_budget_find(const struct fl_budget *v, size_t n, const char *image,
				       const char *name)
{
	const struct fl_budget *any = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!fl_str_eq(v[i].name, name))
			continue;
		if (v[i].image && fl_str_eq(v[i].image, image))
			return &v[i];
		if (!v[i].image && !any)
			any = &v[i];
	}
	return any;
}

uint64_t fl_budget_bytes(const struct fl_budget *b, uint64_t whole)
{
	if (!b->percent)
		return b->value;
	return whole / 100 * b->value + whole % 100 * b->value / 100;
}
