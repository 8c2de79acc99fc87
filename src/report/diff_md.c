// SPDX-License-Identifier: Apache-2.0
/*
 * The diff as a pull-request comment: the headline and the per-image table first,
 * then findings, partitions, regions and the largest movers in <details> blocks,
 * all within GitHub's 65,536 characters (counted in bytes, which never undercount
 * characters); what does not fit is left out and the comment says so. Every string
 * from the inputs is escaped.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff_fmt.h"
#include "flashlint/report.h"
#include "md_esc.h"

/* Bytes kept back for closing the open block and the truncation notice. */
#define MD_RESERVE 600

/* The comment being written: whole items are added while they fit. */
struct md_out {
	FILE *out;
	size_t used;          /* bytes written so far */
	size_t limit;
	size_t left_out;      /* items that did not fit */
	char *item;           /* the item being rendered (open_memstream) */
	size_t item_len;
	FILE *f;
};

static FILE *item_begin(struct md_out *o)
{
	o->f = open_memstream(&o->item, &o->item_len);
	return o->f ? o->f : o->out; /* without memory: written directly, unbounded */
}

static void item_end(struct md_out *o)
{
	if (o->f) {
		fclose(o->f);
		o->f = NULL;
		if (o->used + o->item_len + MD_RESERVE <= o->limit) {
			fwrite(o->item, 1, o->item_len, o->out);
			o->used += o->item_len;
		} else {
			o->left_out++;
		}
		free(o->item);
		o->item = NULL;
	}
}

/* Structure (headings, tags): always written, its size is in the reserve. */
static void md_raw(struct md_out *o, const char *s)
{
	fputs(s, o->out);
	o->used += strlen(s);
}

static void md_delta_cell(FILE *f, bool has_x, int64_t x, bool has_y, int64_t y)
{
	if (has_x && has_y)
		fprintf(f, " %" PRId64 " → %" PRId64 " (%+" PRId64 ") |", x, y, y - x);
	else if (has_y)
		fprintf(f, " %" PRId64 " |", y);
	else if (has_x)
		fprintf(f, " %" PRId64 " → — |", x);
	else
		fputs(" — |", f);
}

static void md_images(struct md_out *o, const struct fl_diff *d)
{
	if (!d->images.n)
		return;
	md_raw(o, "| image | loaded bytes | room in slot (imgtool) | room under MCUboot's upgrade limit |\n"
		  "|---|---:|---:|---:|\n");
	fl_vec_for_each(&d->images, im) {
		const struct fl_dg_image *x = im->base, *y = im->new_;
		FILE *f = item_begin(o);
		fputs("| ", f);
		md_code(f, im->name);
		fputs(" |", f);
		md_delta_cell(f, x, x ? (int64_t)x->loaded : 0, y, y ? (int64_t)y->loaded : 0);
		md_delta_cell(f, x && x->signed_, x && x->signed_ ? fl_diff_room_imgtool(x) : 0,
			      y && y->signed_, y && y->signed_ ? fl_diff_room_imgtool(y) : 0);
		md_delta_cell(f, x && x->has_limit, x && x->has_limit ? fl_diff_room_upgrade(x) : 0,
			      y && y->has_limit, y && y->has_limit ? fl_diff_room_upgrade(y) : 0);
		fputc('\n', f);
		item_end(o);
	}
	md_raw(o, "\n");
}

static void md_finding(struct md_out *o, struct fl_arena *a, const struct fl_dg_finding *f)
{
	FILE *w = item_begin(o);
	fprintf(w, "- **%s** [%s](" FL_RULE_DOC_URL "%s.md): ", fl_severity_name(f->severity), f->id,
		f->id);
	md_text(w, f->msg);
	if (f->pos.file) {
		fputs(" — ", w);
		md_code(w, f->pos.line ? fl_printf(a, "%s:%" PRIu32, f->pos.file, f->pos.line) : f->pos.file);
	}
	fputc('\n', w);
	item_end(o);
}

static void md_details(struct md_out *o, struct fl_arena *a, bool open, const char *summary)
{
	md_raw(o, open ? "<details open>\n<summary>" : "<details>\n<summary>");
	md_raw(o, summary);
	md_raw(o, "</summary>\n\n");
	(void)a;
}

static void md_end_details(struct md_out *o)
{
	md_raw(o, "\n</details>\n\n");
}

static void md_movers(struct md_out *o, struct fl_arena *a, const char *kind,
		      const struct fl_diff_movers *mv)
{
	if (!mv->changed)
		return;
	md_details(o, a, false, fl_printf(a, "Largest changes by %s (%zu changed)", kind, mv->changed));
	md_raw(o, "| image | name | before | after | change |\n|---|---|---:|---:|---:|\n");
	const struct fl_diff_size *lists[2] = { mv->grow.v, mv->shrink.v };
	size_t counts[2] = { mv->grow.n, mv->shrink.n };
	for (int l = 0; l < 2; l++)
		for (size_t i = 0; i < counts[l]; i++) {
			const struct fl_diff_size *s = &lists[l][i];
			FILE *f = item_begin(o);
			fputs("| ", f);
			md_code(f, s->image);
			fputs(" | ", f);
			md_code(f, fl_demangle(a, s->name));
			fprintf(f, " | %" PRIu64 " | %" PRIu64 " | %+" PRId64 " |\n", s->base, s->new_, s->delta);
			item_end(o);
		}
	md_end_details(o);
}

int diff_write_md(FILE *out, struct fl_arena *a, const struct fl_diff *d)
{
	struct md_out o = { .out = out, .limit = 65536 };

	md_raw(&o, "## flashlint diff\n\n");
	FILE *f = item_begin(&o);
	md_text(f, diff_fmt_headline(a, d));
	fputs("\n\n", f);
	item_end(&o);
	if (!d->changed && !d->failed.n)
		return 0;
	md_images(&o, d);
	if (d->failed.n) {
		md_raw(&o, "**The diff fails the policy:**\n\n");
		fl_vec_for_each(&d->failed, s) {
			f = item_begin(&o);
			fputs("- ", f);
			md_text(f, *s);
			fputc('\n', f);
			item_end(&o);
		}
		md_raw(&o, "\n");
	}
	if (d->added.n) {
		md_details(&o, a, true, fl_printf(a, "New findings (%zu)", d->added.n));
		fl_vec_for_each(&d->added, x)
			md_finding(&o, a, *x);
		md_end_details(&o);
	}
	if (d->fixed.n) {
		md_details(&o, a, false, fl_printf(a, "Fixed findings (%zu)", d->fixed.n));
		fl_vec_for_each(&d->fixed, x)
			md_finding(&o, a, *x);
		md_end_details(&o);
	}
	if (d->parts.n) {
		size_t b = diff_breaking(d);
		md_details(&o, a, b > 0,
			   b ? fl_printf(a, "Partition layout: %zu changed, %zu %s updates of devices in the field",
					 d->parts.n, b, b == 1 ? "breaks" : "break")
			     : fl_printf(a, "Partition layout: %zu changed", d->parts.n));
		fl_vec_for_each(&d->parts, p) {
			f = item_begin(&o);
			fputs(p->breaking ? "- :warning: " : "- ", f);
			md_text(f, diff_fmt_part(a, p));
			fputc('\n', f);
			item_end(&o);
		}
		md_end_details(&o);
	}
	if (d->regions.n) {
		md_details(&o, a, false, fl_printf(a, "Memory regions (%zu changed)", d->regions.n));
		fl_vec_for_each(&d->regions, r) {
			f = item_begin(&o);
			fputs("- ", f);
			md_text(f, diff_fmt_region(a, r));
			fputc('\n', f);
			item_end(&o);
		}
		md_end_details(&o);
	}
	md_movers(&o, a, "section", &d->sections);
	md_movers(&o, a, "object", &d->objects);
	md_movers(&o, a, "symbol", &d->symbols);
	if (o.left_out)
		fprintf(out, "*%zu more %s left out to keep this comment within GitHub's 65,536 characters; `flashlint diff` without `--format md` lists everything.*\n",
			o.left_out, o.left_out == 1 ? "line was" : "lines were");
	return 0;
}
