// SPDX-License-Identifier: Apache-2.0
/*
 * The HTML report's "Changes since the baseline" section (`flashlint report
 * --baseline BASE`): the diff's headline, each changed image's loaded bytes and
 * slot room before and after, findings new and fixed, partition and region changes
 * and the largest movers. Every name from the inputs is escaped.
 */
#include <inttypes.h>

#include "diff_fmt.h"
#include "html.h"

static void delta_cell(FILE *f, bool has_x, int64_t x, bool has_y, int64_t y)
{
	fputs("<td>", f);
	if (has_x && has_y)
		fprintf(f, "%" PRId64 " → %" PRId64 " <span class=\"%s\">(%+" PRId64 ")</span>", x, y,
			y > x ? "grow" : y < x ? "shrink" : "same", y - x);
	else if (has_y)
		fprintf(f, "%" PRId64, y);
	else if (has_x)
		fprintf(f, "%" PRId64 " → —", x);
	else
		fputs("—", f);
	fputs("</td>", f);
}

static void put_finding(struct html_ctx *c, const char *what, const struct fl_dg_finding *fd)
{
	FILE *f = c->out;
	fprintf(f, "<li class=\"sev-%s\">%s <b>%s</b> ", fl_severity_name(fd->severity), what,
		fl_severity_name(fd->severity));
	html_text(f, fd->id);
	fputs(": ", f);
	html_text(f, fd->msg);
	if (fd->pos.file) {
		fputs(" <code>", f);
		html_text(f, fd->pos.line ? fl_printf(c->a, "%s:%" PRIu32, fd->pos.file, fd->pos.line)
					  : fd->pos.file);
		fputs("</code>", f);
	}
	fputs("</li>\n", f);
}

static void put_movers(struct html_ctx *c, const char *kind, const struct fl_diff_movers *mv)
{
	FILE *f = c->out;
	if (!mv->changed)
		return;
	fprintf(f, "<h3>Largest changes by %s (%zu changed)</h3>\n<table class=\"delta\"><thead><tr>"
		   "<th>image</th><th>%s</th><th>before</th><th>after</th><th>change</th></tr></thead><tbody>\n",
		kind, mv->changed, kind);
	const struct fl_diff_size *lists[2] = { mv->grow.v, mv->shrink.v };
	size_t counts[2] = { mv->grow.n, mv->shrink.n };
	for (int l = 0; l < 2; l++)
		for (size_t i = 0; i < counts[l]; i++) {
			const struct fl_diff_size *s = &lists[l][i];
			fputs("<tr><td>", f);
			html_text(f, s->image);
			fputs("</td><td>", f);
			html_text(f, fl_demangle(c->a, s->name));
			fprintf(f, "</td><td>%" PRIu64 "</td><td>%" PRIu64 "</td><td class=\"%s\">%+" PRId64 "</td></tr>\n",
				s->base, s->new_, s->delta > 0 ? "grow" : "shrink", s->delta);
		}
	fputs("</tbody></table>\n", f);
}

void html_put_diff(struct html_ctx *c)
{
	FILE *f = c->out;
	const struct fl_diff *d = c->diff;

	fputs("<section id=\"changes\"><h2>Changes since the baseline</h2>\n<p class=\"headline\">", f);
	if (d->base->build_dir) {
		fputs("Baseline <code>", f);
		html_text(f, d->base->build_dir);
		fputs("</code>: ", f);
	}
	html_text(f, diff_fmt_headline(c->a, d));
	fputs("</p>\n", f);
	if (d->images.n) {
		fputs("<table class=\"delta\"><thead><tr><th>image</th><th>loaded bytes</th>"
		      "<th>room in slot (imgtool)</th><th>room under MCUboot's upgrade limit</th></tr></thead><tbody>\n",
		      f);
		fl_vec_for_each(&d->images, im) {
			const struct fl_dg_image *x = im->base, *y = im->new_;
			fputs("<tr><td>", f);
			html_text(f, im->name);
			fputs("</td>", f);
			delta_cell(f, x, x ? (int64_t)x->loaded : 0, y, y ? (int64_t)y->loaded : 0);
			delta_cell(f, x && x->signed_, x && x->signed_ ? fl_diff_room_imgtool(x) : 0,
				   y && y->signed_, y && y->signed_ ? fl_diff_room_imgtool(y) : 0);
			delta_cell(f, x && x->has_limit, x && x->has_limit ? fl_diff_room_upgrade(x) : 0,
				   y && y->has_limit, y && y->has_limit ? fl_diff_room_upgrade(y) : 0);
			fputs("</tr>\n", f);
		}
		fputs("</tbody></table>\n", f);
	}
	if (d->added.n || d->fixed.n) {
		fprintf(f, "<h3>Findings: %zu new, %zu fixed, %zu persisting</h3>\n<ul class=\"changes\">\n",
			d->added.n, d->fixed.n, d->persisting.n);
		fl_vec_for_each(&d->added, x)
			put_finding(c, "new", *x);
		fl_vec_for_each(&d->fixed, x)
			put_finding(c, "fixed", *x);
		fputs("</ul>\n", f);
	}
	if (d->parts.n) {
		fprintf(f, "<h3>Partitions: %zu changed</h3>\n<ul class=\"changes\">\n", d->parts.n);
		fl_vec_for_each(&d->parts, p) {
			fputs(p->breaking ? "<li class=\"sev-error\">" : "<li>", f);
			html_text(f, diff_fmt_part(c->a, p));
			fputs("</li>\n", f);
		}
		fputs("</ul>\n", f);
	}
	if (d->regions.n) {
		fputs("<h3>Memory regions (used bytes)</h3>\n<ul class=\"changes\">\n", f);
		fl_vec_for_each(&d->regions, r) {
			fputs("<li>", f);
			html_text(f, diff_fmt_region(c->a, r));
			fputs("</li>\n", f);
		}
		fputs("</ul>\n", f);
	}
	put_movers(c, "section", &d->sections);
	put_movers(c, "object", &d->objects);
	put_movers(c, "symbol", &d->symbols);
	fputs("</section>\n", f);
}
