// SPDX-License-Identifier: Apache-2.0
/*
 * The diff as plain text: one headline, then images, findings, partitions,
 * regions and the largest growers and shrinkers, most important first. Nothing at
 * all changes: one line saying so. Prints only what fl_diff_compute() found.
 */
#include <inttypes.h>
#include <stdio.h>

#include "diff_fmt.h"

static void text_finding(FILE *out, const char *what, const struct fl_dg_finding *f)
{
	fprintf(out, "  %s: ", what);
	if (f->pos.file) {
		fputs(f->pos.file, out);
		if (f->pos.line)
			fprintf(out, ":%" PRIu32, f->pos.line);
		if (f->pos.col)
			fprintf(out, ":%" PRIu32, f->pos.col);
		fputs(": ", out);
	}
	fprintf(out, "%s: %s [%s]\n", fl_severity_name(f->severity), f->msg, f->id);
}

static void text_movers(FILE *out, struct fl_arena *a, const char *kind,
			const struct fl_diff_movers *mv)
{
	if (!mv->changed)
		return;
	fprintf(out, "\n%zu %s%s changed in size; the largest:\n", mv->changed, kind,
		mv->changed == 1 ? "" : "s");
	const struct fl_diff_size *lists[2] = { mv->grow.v, mv->shrink.v };
	size_t counts[2] = { mv->grow.n, mv->shrink.n };
	for (int l = 0; l < 2; l++)
		for (size_t i = 0; i < counts[l]; i++) {
			const struct fl_diff_size *s = &lists[l][i];
			fprintf(out, "  %s %s: %s\n", s->image, fl_demangle(a, s->name),
				diff_fmt_change(a, s->base, s->new_));
		}
}

int diff_write_text(FILE *out, struct fl_arena *a, const struct fl_diff *d)
{
	fprintf(out, "flashlint diff: %s\n", diff_fmt_headline(a, d));
	if (!d->changed && !d->failed.n)
		return 0;
	if (d->images.n) {
		fputs("\nimages (loaded bytes; room left in the slot after imgtool's header, TLVs and trailer, and under MCUboot's upgrade limit):\n",
		      out);
		fl_vec_for_each(&d->images, im)
			fprintf(out, "  %s\n", diff_fmt_image(a, im));
	}
	if (d->added.n || d->fixed.n) {
		fprintf(out, "\nfindings: %zu new, %zu fixed, %zu persisting\n", d->added.n, d->fixed.n,
			d->persisting.n);
		fl_vec_for_each(&d->added, f)
			text_finding(out, "new", *f);
		fl_vec_for_each(&d->fixed, f)
			text_finding(out, "fixed", *f);
	}
	if (d->parts.n) {
		fprintf(out, "\npartitions: %zu changed\n", d->parts.n);
		fl_vec_for_each(&d->parts, p)
			fprintf(out, "  %s\n", diff_fmt_part(a, p));
	}
	if (d->regions.n) {
		fputs("\nmemory regions (used bytes):\n", out);
		fl_vec_for_each(&d->regions, r)
			fprintf(out, "  %s\n", diff_fmt_region(a, r));
	}
	text_movers(out, a, "section", &d->sections);
	text_movers(out, a, "object", &d->objects);
	text_movers(out, a, "symbol", &d->symbols);
	if (d->failed.n) {
		fputs("\nfail-on policy:\n", out);
		fl_vec_for_each(&d->failed, f)
			fprintf(out, "  failed: %s\n", *f);
	}
	return 0;
}
