// SPDX-License-Identifier: Apache-2.0
/*
 * Inline SVG of the HTML report: one vertical view per address space, and one
 * horizontal overview per image over all its memories. The vertical axis is
 * piecewise linear: every interval between two band edges gets at least a line of
 * text, so a 512-byte partition next to a 900 KiB one stays visible and labels
 * cannot collide; the overview cuts the gaps between memories out of its axis.
 * Only geometry and escaping here: what is drawn comes from html_space.c.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "flashlint/imgtool.h"

#define FONT_W 6.7      /* average advance of an 11 px sans-serif character */
#define AXIS_W 96       /* address labels */
#define COL_W 150       /* one column of a lane */
#define LANE_GAP 10
#define HEAD_H 40       /* lane titles */
#define MIN_H 18        /* the least height of an interval: one line of text */
#define LIN_H 440       /* height shared out in proportion to size */
#define CALLOUT_W 210   /* labels of empty bands */
#define LINE_H 13
#define MAX_COLS 8      /* overlapping bands past this share the last column */

const char *html_human_size(char *buf, uint64_t n)
{
	static const char *const unit[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	if (n < 1024) {
		snprintf(buf, 32, "%" PRIu64 " B", n);
		return buf;
	}
	double v = (double)n / 1024;
	size_t u = 0;
	while (v >= 1024 && u + 1 < sizeof(unit) / sizeof(unit[0])) {
		v /= 1024;
		u++;
	}
	snprintf(buf, 32, v < 10 ? "%.1f %s" : "%.0f %s", v, unit[u]);
	return buf;
}

static const char *kind_class(enum html_band_kind k)
{
	switch (k) {
	case HTML_BAND_PARTITION:
		return "k-part";
	case HTML_BAND_CONTAINER:
		return "k-span";
	case HTML_BAND_SECTION:
		return "k-sec";
	case HTML_BAND_LOAD:
		return "k-load";
	case HTML_BAND_FREE:
		return "k-free";
	case HTML_BAND_OVERFLOW:
		break;
	}
	return "k-over";
}

static const char *kind_words(enum html_band_kind k)
{
	switch (k) {
	case HTML_BAND_PARTITION:
		return "partition";
	case HTML_BAND_CONTAINER:
		return "partition spanning others";
	case HTML_BAND_SECTION:
		return "output section";
	case HTML_BAND_LOAD:
		return "load image of an output section";
	case HTML_BAND_FREE:
		return "free";
	case HTML_BAND_OVERFLOW:
		break;
	}
	return "placed past the end of the memory";
}

/* The classes of a band's flags: its own and its object's. */
static void flag_classes(FILE *f, unsigned flags)
{
	if (flags & HTML_F_ERROR)
		fputs(" f-error", f);
	else if (flags & HTML_F_WARNING)
		fputs(" f-warning", f);
	else if (flags & HTML_F_RELATED)
		fputs(" f-related", f);
	if (flags & HTML_F_OUTSIDE)
		fputs(" f-outside", f);
}

/* ---- one address space -------------------------------------------------------------- */

struct axis {
	uint64_t *bp;   /* breakpoints, ascending, unique */
	double *y;      /* their y */
	size_t n;
};

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static double axis_y(const struct axis *ax, uint64_t v)
{
	size_t lo = 0, hi = ax->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ax->bp[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= ax->n)
		return ax->y[ax->n - 1];
	return ax->y[lo];
}

static void build_axis(struct html_ctx *c, const struct html_space *s, struct axis *ax)
{
	size_t n = 0;
	ax->bp = fl_alloc(c->a, (2 * s->bands.n + 2) * sizeof(uint64_t));
	ax->bp[n++] = s->base;
	ax->bp[n++] = fl_end(s->base, s->size);
	fl_vec_for_each(&s->bands, b) {
		ax->bp[n++] = b->start;
		ax->bp[n++] = b->end;
	}
	qsort(ax->bp, n, sizeof(uint64_t), cmp_u64);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (!u || ax->bp[i] != ax->bp[u - 1])
			ax->bp[u++] = ax->bp[i];
	ax->n = u;
	ax->y = fl_alloc(c->a, (u + 1) * sizeof(double));
	double span = (double)(ax->bp[u - 1] - ax->bp[0]);
	/* A view with few bands needs less height to show them. */
	double lin = 30.0 * (double)u < LIN_H ? 30.0 * (double)u : LIN_H;
	if (lin < 160)
		lin = 160;
	ax->y[0] = HEAD_H;
	for (size_t i = 1; i < u; i++) {
		double h = span > 0 ? lin * (double)(ax->bp[i] - ax->bp[i - 1]) / span : 0;
		ax->y[i] = ax->y[i - 1] + (h < MIN_H ? MIN_H : (double)(uint64_t)(h + 0.5));
	}
}

static int cmp_band_start(const void *a, const void *b)
{
	const struct html_band *x = *(const struct html_band *const *)a;
	const struct html_band *y = *(const struct html_band *const *)b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return 0;
}

/* Columns inside each lane for overlapping bands; returns the columns per lane. */
static unsigned *assign_columns(struct html_ctx *c, struct html_space *s)
{
	unsigned *ncol = fl_alloc(c->a, (s->lanes.n + 1) * sizeof(unsigned));
	struct html_band **v = fl_alloc(c->a, (s->bands.n + 1) * sizeof(*v));
	uint64_t *col_end = fl_alloc(c->a, (s->bands.n + 1) * sizeof(uint64_t));
	for (size_t l = 0; l < s->lanes.n; l++) {
		size_t n = 0;
		fl_vec_for_each(&s->bands, b)
			if (b->lane == l)
				v[n++] = b;
		qsort(v, n, sizeof(*v), cmp_band_start);
		unsigned cols = 0;
		for (size_t i = 0; i < n; i++) {
			/* An empty band still takes its address. */
			uint64_t end = v[i]->end > v[i]->start ? v[i]->end : v[i]->start + 1;
			unsigned k = 0;
			while (k < cols && col_end[k] > v[i]->start)
				k++;
			if (k == MAX_COLS)
				k = MAX_COLS - 1;
			else if (k == cols)
				cols++;
			col_end[k] = end;
			v[i]->col = k;
		}
		ncol[l] = cols ? cols : 1;
	}
	return ncol;
}

static void put_range(FILE *f, uint64_t start, uint64_t end)
{
	char h[32];
	fprintf(f, "0x%08" PRIx64 "..0x%08" PRIx64 ", %" PRIu64 " bytes (%s)", start, end,
		end - start, html_human_size(h, end - start));
}

/* The tooltip of a band: name, range, what it is. */
static void band_title(struct html_ctx *c, const struct html_band *b)
{
	FILE *f = c->out;
	fputs("<title>", f);
	html_text(f, b->label);
	fputc('\n', f);
	put_range(f, b->start, b->end);
	fprintf(f, "\n%s", kind_words(b->kind));
	unsigned flags = b->flags | (b->obj >= 0 ? c->objs.v[b->obj].flags : 0);
	if (flags & HTML_F_OUTSIDE)
		fputs("\nloads bytes outside the memory of the image's slot", f);
	if (b->obj >= 0 && c->objs.v[b->obj].finding >= 0)
		fprintf(f, "\nfinding %d: click to read it", c->objs.v[b->obj].finding + 1);
	fputs("</title>", f);
}

static void draw_band(struct html_ctx *c, const struct html_band *b, const struct axis *ax,
		      double x, double *callout_y, double callout_x)
{
	FILE *f = c->out;
	const struct html_obj *o = b->obj >= 0 ? &c->objs.v[b->obj] : NULL;
	double y0 = axis_y(ax, b->start), y1 = axis_y(ax, b->end);
	double w = COL_W - 4;
	char h[32];

	fprintf(f, "<g class=\"band %s", kind_class(b->kind));
	flag_classes(f, b->flags | (o ? o->flags : 0));
	fputc('"', f);
	if (b->primary && o && o->anchor)
		fprintf(f, " id=\"%s\"", o->anchor);
	fputc('>', f);
	band_title(c, b);
	/* A band leads to its finding, or from another view to its own place. */
	bool link = false;
	if (o && o->finding >= 0) {
		fprintf(f, "<a href=\"#f-%d\">", o->finding + 1);
		link = true;
	} else if (o && o->anchor && !b->primary) {
		fprintf(f, "<a href=\"#%s\">", o->anchor);
		link = true;
	}
	if (b->end == b->start) {
		/* Empty: a marker on the axis, its label in the callout column. */
		fprintf(f, "<line class=\"empty\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x,
			y0, x + w, y0);
		double ly = *callout_y > y0 ? *callout_y : y0;
		*callout_y = ly + LINE_H;
		fprintf(f, "<polyline class=\"leader\" points=\"%.1f,%.1f %.1f,%.1f\"/>", x + w, y0,
			callout_x, ly);
		fprintf(f, "<text class=\"callout\" x=\"%.1f\" y=\"%.1f\">", callout_x + 4, ly + 4);
		html_text_max(f, b->label, 24);
		fputs(" (empty)</text>", f);
	} else {
		double hgt = y1 - y0;
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>", x, y0, w,
			hgt - 1);
		size_t max_chars = (size_t)((w - 10) / FONT_W);
		double ty = hgt >= 2 * LINE_H + 6 ? y0 + hgt / 2 - 2 : y0 + hgt / 2 + 4;
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">", x + 5, ty);
		if (b->kind == HTML_BAND_FREE || b->kind == HTML_BAND_OVERFLOW) {
			html_text(f, b->label);
			fprintf(f, " %s", html_human_size(h, b->end - b->start));
		} else {
			html_text_max(f, b->label, max_chars);
		}
		fputs("</text>", f);
		if (hgt >= 2 * LINE_H + 6 && b->kind != HTML_BAND_FREE &&
		    b->kind != HTML_BAND_OVERFLOW)
			fprintf(f, "<text class=\"size\" x=\"%.1f\" y=\"%.1f\">%s</text>", x + 5,
				ty + LINE_H, html_human_size(h, b->end - b->start));
		if (o && (o->flags & (HTML_F_ERROR | HTML_F_WARNING)))
			fprintf(f, "<circle class=\"mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\"/>"
				   "<text class=\"mark\" x=\"%.1f\" y=\"%.1f\">!</text>",
				x + w - 9, y0 + 9, x + w - 9, y0 + 13);
	}
	if (link)
		fputs("</a>", f);
	fputs("</g>\n", f);
}

void html_svg_space(struct html_ctx *c, const struct html_space *cs)
{
	FILE *f = c->out;
	struct html_space *s = (struct html_space *)cs; /* columns are set while drawing */
	struct axis ax;
	build_axis(c, s, &ax);
	unsigned *ncol = assign_columns(c, s);

	double *lane_x = fl_alloc(c->a, (s->lanes.n + 1) * sizeof(double));
	double x = AXIS_W;
	for (size_t l = 0; l < s->lanes.n; l++) {
		lane_x[l] = x;
		x += ncol[l] * COL_W + LANE_GAP;
	}
	bool any_empty = false;
	fl_vec_for_each(&s->bands, b)
		any_empty |= b->end == b->start;
	double lanes_end = x - LANE_GAP;
	double width = lanes_end + (any_empty ? CALLOUT_W : 12);
	double height = ax.y[ax.n - 1] + 12;
	uint64_t end = fl_end(s->base, s->size);
	double ybase = axis_y(&ax, s->base), yend = axis_y(&ax, end);

	fprintf(f, "<svg class=\"space\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
		   "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"address map of ",
		width, height, width, height);
	html_text(f, s->name);
	fputs("\">\n", f);

	/* Lane titles. */
	for (size_t l = 0; l < s->lanes.n; l++) {
		const struct html_lane *ln = &s->lanes.v[l];
		fprintf(f, "<text class=\"lane-title\" x=\"%.1f\" y=\"14\">%s</text>", lane_x[l],
			ln->title);
		if (ln->image) {
			fprintf(f, "<text class=\"lane-image\" x=\"%.1f\" y=\"28\">image ", lane_x[l]);
			html_text_max(f, ln->image, 20);
			fputs("</text>", f);
		}
	}
	fputc('\n', f);

	/* The memory, and what lies before or past it. */
	fprintf(f, "<rect class=\"mem\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>", AXIS_W - 4,
		ybase, lanes_end - AXIS_W + 8, yend - ybase);
	if (ax.bp[ax.n - 1] > end)
		fprintf(f, "<rect class=\"past\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
			AXIS_W - 4, yend, lanes_end - AXIS_W + 8, ax.y[ax.n - 1] - yend);
	if (ax.bp[0] < s->base)
		fprintf(f, "<rect class=\"past\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
			AXIS_W - 4, ax.y[0], lanes_end - AXIS_W + 8, ybase - ax.y[0]);

	/* The axis: every band edge, with its address. */
	for (size_t i = 0; i < ax.n; i++) {
		bool is_end = ax.bp[i] == end && ax.bp[ax.n - 1] > end;
		fprintf(f, "<line class=\"tick%s\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
			is_end ? " end" : "", AXIS_W - 6, ax.y[i], is_end ? lanes_end + 4 : AXIS_W,
			ax.y[i]);
		fprintf(f, "<text class=\"addr%s\" x=\"%d\" y=\"%.1f\">0x%08" PRIx64 "</text>\n",
			is_end ? " end" : "", AXIS_W - 8, ax.y[i] + 4, ax.bp[i]);
	}

	/* Bands, lane by lane, in address order. */
	double callout_y = 0;
	for (size_t l = 0; l < s->lanes.n; l++)
		fl_vec_for_each(&s->bands, b)
			if (b->lane == l)
				draw_band(c, b, &ax, lane_x[l] + b->col * COL_W, &callout_y, lanes_end + 8);
	fputs("</svg>\n", f);
}

/* ---- one image over all its memories -------------------------------------------------- */

#define STRIP_W 960.0
#define STRIP_GAP 70.0
#define STRIP_Y 46.0
#define STRIP_H 34.0
#define STRIP_MIN_W 10.0  /* the least width of an interval inside a memory */

/* One memory on the overview: its own piecewise-linear axis, like the views. */
struct segment {
	uint64_t lo, hi;  /* addresses shown */
	double x, w;
	int region;       /* index into the image's regions */
	uint64_t *bp;     /* breakpoints, ascending, unique */
	double *bx;
	size_t n;
};

static void segment_axis(struct html_ctx *c, struct segment *sg, const uint64_t *pts, size_t np)
{
	sg->bp = fl_alloc(c->a, (np + 2) * sizeof(uint64_t));
	size_t n = 0;
	sg->bp[n++] = sg->lo;
	sg->bp[n++] = sg->hi;
	for (size_t i = 0; i < np; i++)
		if (pts[i] > sg->lo && pts[i] < sg->hi)
			sg->bp[n++] = pts[i];
	qsort(sg->bp, n, sizeof(uint64_t), cmp_u64);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (!u || sg->bp[i] != sg->bp[u - 1])
			sg->bp[u++] = sg->bp[i];
	sg->n = u;
	sg->bx = fl_alloc(c->a, (u + 1) * sizeof(double));
	/* Every interval gets STRIP_MIN_W, the rest is shared out by size. */
	double spare = sg->w - STRIP_MIN_W * (double)(u > 1 ? u - 1 : 0);
	double span = (double)(sg->hi - sg->lo);
	if (spare < 0)
		spare = 0;
	sg->bx[0] = sg->x;
	for (size_t i = 1; i < u; i++)
		sg->bx[i] = sg->bx[i - 1] + STRIP_MIN_W +
			    (span > 0 ? spare * (double)(sg->bp[i] - sg->bp[i - 1]) / span : 0);
}

/* x of address v on the strip: inside its segment, or at the nearest edge. */
static double strip_x(const struct segment *sg, size_t n, uint64_t v)
{
	for (size_t i = 0; i < n; i++) {
		if (v < sg[i].lo)
			return sg[i].x;
		if (v > sg[i].hi)
			continue;
		for (size_t j = 1; j < sg[i].n; j++)
			if (v <= sg[i].bp[j]) {
				double len = (double)(sg[i].bp[j] - sg[i].bp[j - 1]);
				return sg[i].bx[j - 1] + (sg[i].bx[j] - sg[i].bx[j - 1]) *
								 (double)(v - sg[i].bp[j - 1]) / len;
			}
		return sg[i].x;
	}
	return n ? sg[n - 1].x + sg[n - 1].w : 0;
}

static void strip_rect(FILE *f, const char *cls, double x0, double x1, double y, double h,
		       double min_w)
{
	fprintf(f, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>", cls,
		x0, y, x1 - x0 < min_w ? min_w : x1 - x0, h);
}

void html_svg_image_strip(struct html_ctx *c, size_t k)
{
	FILE *f = c->out;
	const struct fl_model *m = c->m;
	const struct fl_image *img = m->images.v[k];
	size_t n = img->regions.n;
	char h[32];

	if (!n)
		return;
	struct imgtool_params p;
	bool signed_img = imgtool_params(m, img, &p);
	struct slot_memory mem;
	bool have_mem = signed_img && imgtool_slot_memory(m, img, p.slot, &mem);
	bool too_big = signed_img && p.image_size + p.trailer > p.slot->size;
	bool outside = false;
	if (have_mem)
		fl_vec_for_each(&img->sections, s)
			outside |= imgtool_loads_outside(m, img, s, &mem);

	/* Points every segment's axis must show: used ends, loaded ranges. */
	size_t np = 0;
	uint64_t *pts = fl_alloc(c->a, (2 * img->load.n + 2 * n + 2) * sizeof(uint64_t));
	fl_vec_for_each(&img->load, r) {
		pts[np++] = r->start;
		pts[np++] = r->end;
	}
	struct segment *sg = fl_alloc(c->a, n * sizeof(*sg));
	for (size_t i = 0; i < n; i++) {
		const struct fl_region *r = &img->regions.v[i];
		uint64_t hi = fl_end(r->origin, r->length);
		if (m->frozen && r->used_end > hi)
			hi = r->used_end;
		if (m->frozen) {
			pts[np++] = r->used_end;
			pts[np++] = fl_end(r->origin, r->length);
		}
		size_t j = i;
		while (j > 0 && sg[j - 1].lo > r->origin) {
			sg[j] = sg[j - 1];
			j--;
		}
		sg[j] = (struct segment){ .lo = r->origin, .hi = hi, .region = (int)i };
	}
	double seg_w = (STRIP_W - STRIP_GAP * (double)(n - 1)) / (double)n;
	if (seg_w < 120)
		seg_w = 120;
	double width = seg_w * (double)n + STRIP_GAP * (double)(n - 1) + 20;
	for (size_t i = 0; i < n; i++) {
		sg[i].x = 10 + (double)i * (seg_w + STRIP_GAP);
		sg[i].w = seg_w;
		segment_axis(c, &sg[i], pts, np);
	}
	double height = signed_img ? 160 : 110;

	fprintf(f, "<svg class=\"strip\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
		   "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"memories of image ",
		width, height, width, height);
	html_text(f, img->name);
	fputs("\">\n", f);

	for (size_t i = 0; i < n; i++) {
		const struct fl_region *r = &img->regions.v[sg[i].region];
		int o = c->region_obj[k][sg[i].region];
		const char *anchor = o >= 0 ? c->objs.v[o].anchor : NULL;
		uint64_t rend = fl_end(r->origin, r->length);
		bool loads_here = false, seg_out = false;
		fl_vec_for_each(&img->load, lr)
			if (lr->region == sg[i].region) {
				loads_here = true;
				seg_out |= have_mem && (lr->start < mem.lo || lr->end > mem.hi);
			}
		if (anchor)
			fprintf(f, "<a href=\"#%s\">", anchor);
		fputs("<g class=\"seg", f);
		flag_classes(f, o >= 0 ? c->objs.v[o].flags : 0);
		fputs(seg_out ? " out" : loads_here ? " loaded" : "", f);
		fputs("\"><title>", f);
		html_text(f, r->name);
		fputc('\n', f);
		put_range(f, r->origin, rend);
		if (seg_out) {
			fputs("\noutside '", f);
			html_text(f, mem.name);
			fputs("', the memory of the image's slot", f);
		}
		fputs("</title>", f);
		fprintf(f, "<text class=\"seg-name\" x=\"%.1f\" y=\"16\">", sg[i].x);
		html_text_max(f, r->name, (size_t)(seg_w / FONT_W) - 1);
		fprintf(f, "</text><text class=\"seg-range\" x=\"%.1f\" y=\"32\">0x%08" PRIx64 " +%s%s</text>",
			sg[i].x, r->origin, html_human_size(h, r->length),
			seg_out ? ", outside the slot's memory" : "");
		strip_rect(f, "seg-box", sg[i].x, sg[i].x + sg[i].w, STRIP_Y, STRIP_H, 0);
		/* What the link used in it (run addresses), then what overflowed. */
		if (m->frozen && r->used_end > r->origin)
			strip_rect(f, "seg-used", strip_x(sg, n, r->origin),
				   strip_x(sg, n, r->used_end < rend ? r->used_end : rend), STRIP_Y + 1,
				   STRIP_H - 2, 2);
		if (m->frozen && r->used_end > rend)
			strip_rect(f, "seg-over", strip_x(sg, n, rend), strip_x(sg, n, r->used_end),
				   STRIP_Y - 4, STRIP_H + 8, 3);
		fputs("</g>", f);
		if (anchor)
			fputs("</a>", f);
		fputc('\n', f);
	}
	/* Loaded bytes, labelled: red when outside the memory of the image's slot. */
	size_t li = 0;
	fl_vec_for_each(&img->load, r) {
		double x0 = strip_x(sg, n, r->start), x1 = strip_x(sg, n, r->end);
		bool out = have_mem && (r->start < mem.lo || r->end > mem.hi);
		fprintf(f, "<g class=\"load%s\"><title>loaded bytes ", out ? " out" : "");
		put_range(f, r->start, r->end);
		if (out) {
			fputs("\noutside ", f);
			html_text(f, mem.name);
		}
		fputs("</title>", f);
		strip_rect(f, "load", x0, x1, STRIP_Y + 7, STRIP_H - 14, 4);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">%s</text></g>\n", x0,
			STRIP_Y + STRIP_H + 13 + (li++ % 2) * 12, html_human_size(h, r->end - r->start));
	}
	/* The gaps cut out of the axis. */
	for (size_t i = 0; i + 1 < n; i++) {
		double gx = sg[i].x + sg[i].w;
		uint64_t gap = sg[i + 1].lo > sg[i].hi ? sg[i + 1].lo - sg[i].hi : 0;
		fprintf(f, "<path class=\"cut\" d=\"M%.1f %.1f l6 -6 l6 12 l6 -12 l6 12 l6 -12 l6 12 l6 -6\"/>",
			gx + (STRIP_GAP - 42) / 2, STRIP_Y + STRIP_H / 2);
		fprintf(f, "<text class=\"gap\" x=\"%.1f\" y=\"%.1f\">%s</text>\n", gx + STRIP_GAP / 2,
			STRIP_Y - 6, gap ? html_human_size(h, gap) : "adjacent");
	}
	/* What a signer sees: one image from the lowest to the highest loaded byte. */
	if (signed_img) {
		double x0 = strip_x(sg, n, p.load_start), x1 = strip_x(sg, n, p.load_end);
		bool bad = too_big || outside;
		double y = STRIP_Y + STRIP_H + 40;
		fprintf(f, "<g class=\"signed%s\"><path d=\"M%.1f %.1f v8 H%.1f v-8\"/>", bad ? " bad" : "",
			x0, y - 8, x1 < x0 + 3 ? x0 + 3 : x1);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">signed as one image for slot '", x0, y + 16);
		html_text(f, p.slot->name);
		fprintf(f, "': image size 0x%" PRIx64 " + trailer 0x%" PRIx64 " = %s", p.image_size,
			p.trailer, html_human_size(h, p.image_size + p.trailer));
		fprintf(f, " in a slot of %s%s</text>", html_human_size(h, p.slot->size),
			too_big ? ": does not fit" : "");
		if (outside) {
			fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">loads bytes outside '", x0, y + 32);
			html_text(f, mem.name);
			fprintf(f, "' (0x%08" PRIx64 "..0x%08" PRIx64 "), the memory of its slot</text>",
				mem.lo, mem.hi);
		}
		fputs("</g>\n", f);
	}
	fputs("</svg>\n", f);
}
