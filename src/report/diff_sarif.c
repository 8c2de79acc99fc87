// SPDX-License-Identifier: Apache-2.0
/*
 * The diff as SARIF 2.1.0: the new findings only (fixed and persisting ones are
 * not the change's doing), written by the SARIF reporter itself so that each keeps
 * the partialFingerprints `check` gives it. A digest keeps no notes and no input
 * list, so neither appears: the log is the same whether NEW is a build directory
 * or a saved report.
 */
#include "diff_fmt.h"
#include "flashlint/catalogue.h"
#include "flashlint/report.h"

int diff_write_sarif(FILE *out, struct fl_arena *a, const struct fl_diff *d)
{
	static const struct fl_model empty;
	struct fl_run run;

	if (fl_run_init(&run, &fl_catalogue))
		return -FL_EIO;
	fl_vec_reserve(a, &run.diags.v, d->added.n);
	fl_vec_for_each(&d->added, fp) {
		const struct fl_dg_finding *f = *fp;
		struct fl_diag *x = fl_alloc(a, sizeof(*x));
		x->rule = fl_rule_lookup(f->id);
		x->severity = f->severity;
		x->pos = f->pos;
		x->msg = f->msg;
		x->image = f->image;
		x->seq = (uint32_t)run.diags.v.n;
		*fl_vec_push(a, &run.diags.v) = x;
	}
	/* The SARIF reporter records the exit status from the error count: here it is
	 * the diff's own, 1 only when the --fail-on policy fails. */
	run.diags.count[FL_SEV_ERROR] = d->failed.n ? 1 : 0;
	int rc = fl_report(&fl_report_sarif, out, &run, &empty, false);
	fl_run_free(&run);
	return rc;
}
