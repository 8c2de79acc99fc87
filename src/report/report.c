// SPDX-License-Identifier: Apache-2.0
/*
 * The reporter registry and the driver that feeds a reporter the finished, sorted
 * diagnostics. Formats live in their own files.
 */
#include <string.h>

#include "flashlint/report.h"

static const struct fl_reporter *const reporters[] = {
	&fl_report_text,
	&fl_report_json,
	&fl_report_sarif,
	&fl_report_md,
};

const struct fl_reporter *fl_reporter_find(const char *name)
{
	for (size_t i = 0; i < sizeof(reporters) / sizeof(reporters[0]); i++)
		if (!strcmp(reporters[i]->name, name))
			return reporters[i];
	return NULL;
}

int fl_report(const struct fl_reporter *r, FILE *out, const struct fl_run *run,
	      const struct fl_model *m, bool color)
{
	return fl_report_diff(r, out, run, m, color, NULL);
}

int fl_report_diff(const struct fl_reporter *r, FILE *out, const struct fl_run *run,
		   const struct fl_model *m, bool color, const struct fl_diff *diff)
{
	struct fl_report_ctx c = { .out = out, .run = run, .m = m, .color = color, .diff = diff };
	if (r->begin)
		r->begin(&c);
	for (c.index = 0; c.index < run->diags.v.n; c.index++)
		r->on_diag(&c, run->diags.v.v[c.index]);
	if (r->end)
		r->end(&c);
	return ferror(out) ? -FL_EIO : 0;
}
