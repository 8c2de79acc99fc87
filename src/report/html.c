// SPDX-License-Identifier: Apache-2.0
/*
 * The HTML reporter: one self-contained page (no network, no external asset, a
 * Content-Security-Policy that admits only its own nonce'd style and script) with
 * the findings, the Graphviz diagram, one address-space view per memory, sortable
 * tables and the doc pages of the rules that fired. Strings from the inputs are
 * escaped for their context by html_esc.c; nothing is written unescaped.
 */
#include <inttypes.h>
#include <string.h>

#include "flashlint/rules.h"
#include "html.h"

#ifndef FLASHLINT_VERSION
#define FLASHLINT_VERSION "0.1.0"
#endif

/* ---- positions and findings --------------------------------------------------------- */

static void put_pos(FILE *f, struct fl_pos pos)
{
	if (!pos.file)
		return;
	fputs("<code class=\"loc\">", f);
	html_text(f, pos.file);
	if (pos.line)
		fprintf(f, ":%" PRIu32, pos.line);
	if (pos.line && pos.col)
		fprintf(f, ":%" PRIu32, pos.col);
	fputs("</code> ", f);
}

static void put_map_link(struct html_ctx *c, int obj)
{
	if (obj >= 0 && c->objs.v[obj].anchor)
		fprintf(c->out, " <a class=\"maplink\" href=\"#%s\">on the map</a>", c->objs.v[obj].anchor);
}

static void put_findings(struct html_ctx *c)
{
	FILE *f = c->out;
	const struct fl_diags *ds = &c->run->diags;

	fputs("<section id=\"findings\"><h2>Findings</h2>\n", f);
	fprintf(f, "<p class=\"summary\"><span class=\"n-error\">%u error%s</span>, "
		   "<span class=\"n-warning\">%u warning%s</span>, %u note%s</p>\n",
		ds->count[FL_SEV_ERROR], ds->count[FL_SEV_ERROR] == 1 ? "" : "s",
		ds->count[FL_SEV_WARNING], ds->count[FL_SEV_WARNING] == 1 ? "" : "s",
		ds->count[FL_SEV_NOTE], ds->count[FL_SEV_NOTE] == 1 ? "" : "s");
	if (!c->findings.n) {
		fputs("<p class=\"clean\">No findings: every rule that could run passed.</p></section>\n", f);
		return;
	}
	fputs("<ol class=\"findings\">\n", f);
	for (size_t i = 0; i < c->findings.n; i++) {
		const struct html_finding *fd = &c->findings.v[i];
		const struct fl_diag *d = fd->d;
		bool has_rule = d->rule < FL_RULE_COUNT;
		const char *sev = fl_severity_name(d->severity);

		fprintf(f, "<li class=\"finding sev-%s\" id=\"f-%zu\"", sev, i + 1);
		if (has_rule)
			fprintf(f, " data-rule=\"%s\"", fl_rules[d->rule].id);
		fprintf(f, "><div class=\"fhead\"><span class=\"sev\">%s</span>", sev);
		if (has_rule)
			fprintf(f, " <a class=\"rule\" href=\"#doc-%s\">%s</a> <span class=\"rname\">%s</span>",
				fl_rules[d->rule].id, fl_rules[d->rule].id, fl_rules[d->rule].name);
		if (d->image) {
			fputs(" <span class=\"fimage\">image ", f);
			html_text(f, d->image);
			fputs("</span>", f);
		}
		fputs("</div>\n<p class=\"msg\">", f);
		put_pos(f, d->pos);
		html_text(f, d->msg);
		put_map_link(c, fd->obj);
		fputs("</p>\n", f);
		if (d->notes.n) {
			fputs("<ul class=\"notes\">\n", f);
			for (size_t j = 0; j < d->notes.n; j++) {
				fputs("<li>", f);
				put_pos(f, d->notes.v[j].pos);
				html_text(f, d->notes.v[j].msg);
				put_map_link(c, fd->note_obj[j]);
				fputs("</li>\n", f);
			}
			fputs("</ul>\n", f);
		}
		fputs("</li>\n", f);
	}
	fputs("</ol></section>\n", f);
}

/* ---- rule docs: a little markdown, escaped ------------------------------------------------ */

/* Inline markup of one line: `code` (any number of backticks) and **strong**;
 * everything else, and markup left open, is text. */
static void md_inline(FILE *f, const char *s, size_t n, struct fl_arena *a)
{
	size_t i = 0, text = 0;

	while (i < n) {
		if (s[i] == '`') {
			size_t k = i;
			while (k < n && s[k] == '`')
				k++;
			size_t ticks = k - i, e = k, close = SIZE_MAX;
			while (e < n && close == SIZE_MAX) {
				if (s[e] != '`') {
					e++;
					continue;
				}
				size_t r = e;
				while (r < n && s[r] == '`')
					r++;
				if (r - e == ticks)
					close = e;
				e = r;
			}
			if (close == SIZE_MAX) {
				i = k;
				continue;
			}
			html_text(f, fl_strndup(a, s + text, i - text));
			size_t b = k, z = close;
			if (z - b >= 2 && s[b] == ' ' && s[z - 1] == ' ')
				b++, z--;
			fputs("<code>", f);
			html_text(f, fl_strndup(a, s + b, z - b));
			fputs("</code>", f);
			i = text = close + ticks;
			continue;
		}
		if (s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
			size_t e = i + 2;
			while (e + 1 < n && !(s[e] == '*' && s[e + 1] == '*'))
				e++;
			if (e + 1 >= n) {
				i += 2;
				continue;
			}
			html_text(f, fl_strndup(a, s + text, i - text));
			fputs("<strong>", f);
			html_text(f, fl_strndup(a, s + i + 2, e - i - 2));
			fputs("</strong>", f);
			i = text = e + 2;
			continue;
		}
		i++;
	}
	html_text(f, fl_strndup(a, s + text, n - text));
}

/* Headings, paragraphs, fenced code and (nested) lists: what the rule pages use. */
static void md_render(FILE *f, const char *text, struct fl_arena *a)
{
	enum { NONE, PARA, LIST } block = NONE;
	int depth = 0;      /* open <ul> levels, each with an open <li> */
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		const char *next = nl ? nl + 1 : p + n;
		size_t ind = 0;
		while (ind < n && p[ind] == ' ')
			ind++;

		if (n - ind >= 3 && !strncmp(p + ind, "```", 3)) {
			/* Close what is open, then copy the fence's lines as they are. */
			for (; depth > 0; depth--)
				fputs("</li></ul>", f);
			if (block == PARA)
				fputs("</p>\n", f);
			block = NONE;
			fputs("<pre><code>", f);
			p = next;
			while (*p) {
				nl = strchr(p, '\n');
				n = nl ? (size_t)(nl - p) : strlen(p);
				next = nl ? nl + 1 : p + n;
				size_t k = 0;
				while (k < n && p[k] == ' ')
					k++;
				if (n - k >= 3 && !strncmp(p + k, "```", 3))
					break;
				html_text(f, fl_strndup(a, p, n));
				fputc('\n', f);
				p = next;
			}
			fputs("</code></pre>\n", f);
			p = next;
			continue;
		}
		bool blank = ind == n;
		bool item = n - ind >= 2 && (p[ind] == '-' || p[ind] == '*') && p[ind + 1] == ' ';
		int level = (int)ind / 2 + 1;
		if (blank || (p[0] == '#' && !item)) {
			for (; depth > 0; depth--)
				fputs("</li></ul>", f);
			if (block == PARA)
				fputs("</p>\n", f);
			block = NONE;
		}
		if (blank) {
			p = next;
			continue;
		}
		if (p[0] == '#') {
			size_t h = 0;
			while (h < n && p[h] == '#')
				h++;
			size_t lvl = h + 2 > 6 ? 6 : h + 2;
			size_t t = h;
			while (t < n && p[t] == ' ')
				t++;
			fprintf(f, "<h%zu>", lvl);
			md_inline(f, p + t, n - t, a);
			fprintf(f, "</h%zu>\n", lvl);
		} else if (item) {
			if (block == PARA)
				fputs("</p>\n", f);
			block = LIST;
			if (level > depth) {
				for (; depth < level; depth++)
					fputs("<ul>", f);
			} else {
				for (; depth > level; depth--)
					fputs("</li></ul>", f);
				fputs("</li>", f);
			}
			fputs("<li>", f);
			md_inline(f, p + ind + 2, n - ind - 2, a);
			fputc('\n', f);
		} else if (block == LIST) {
			md_inline(f, p + ind, n - ind, a); /* continuation of an item */
			fputc('\n', f);
		} else {
			if (block != PARA)
				fputs("<p>", f);
			block = PARA;
			md_inline(f, p + ind, n - ind, a);
			fputc('\n', f);
		}
		p = next;
	}
	for (; depth > 0; depth--)
		fputs("</li></ul>", f);
	if (block == PARA)
		fputs("</p>\n", f);
}

static bool any_rule_fired(const struct html_ctx *c)
{
	fl_vec_for_each(&c->findings, fd)
		if (fd->d->rule < FL_RULE_COUNT)
			return true;
	return false;
}

static void put_rule_docs(struct html_ctx *c)
{
	FILE *f = c->out;
	bool fired[FL_RULE_COUNT] = { false };
	fl_vec_for_each(&c->findings, fd)
		if (fd->d->rule < FL_RULE_COUNT)
			fired[fd->d->rule] = true;
	if (!any_rule_fired(c))
		return;
	fputs("<section id=\"rules\"><h2>Rules that fired</h2>\n", f);
	for (int r = 0; r < FL_RULE_COUNT; r++) {
		if (!fired[r])
			continue;
		fprintf(f, "<article class=\"ruledoc\" id=\"doc-%s\">\n", fl_rules[r].id);
		const char *doc = fl_rule_doc((enum fl_rule_id)r);
		if (doc) {
			md_render(f, doc, c->a);
		} else {
			fprintf(f, "<h3>%s %s</h3>\n<p>", fl_rules[r].id, fl_rules[r].name);
			html_text(f, fl_rules[r].summary);
			fputs("</p>\n", f);
		}
		fputs("</article>\n", f);
	}
	fputs("</section>\n", f);
}

/* ---- memories ---------------------------------------------------------------------------------- */

static void put_caption(struct html_ctx *c, const struct html_space *s)
{
	FILE *f = c->out;
	char h1[32], h2[32];
	fputs("<figcaption><span class=\"mname\">", f);
	html_text(f, s->name);
	fputs("</span> <span class=\"mkind\">", f);
	html_text(f, s->kind);
	if (s->image) {
		fputs(" of image ", f);
		html_text(f, s->image);
	}
	if (s->domain) {
		fputs(", domain ", f);
		html_text(f, s->domain);
	}
	if (s->device) {
		fputs(", device ", f);
		html_text(f, s->device);
	}
	fprintf(f, "</span><br><span class=\"mrange\">0x%08" PRIx64 "..0x%08" PRIx64 ", %s",
		s->base, fl_end(s->base, s->size), html_human_size(h1, s->size));
	if (s->has_used) {
		double pct = s->size ? 100.0 * (double)s->used / (double)s->size : 0;
		fprintf(f, "; used %s (%.1f%%)%s", html_human_size(h2, s->used), pct,
			s->used > s->size ? ": overflow" : "");
	}
	if (!s->cpu_addressed)
		fputs("; addresses are offsets into the device", f);
	fputs("</span></figcaption>\n", f);
}

static void put_space(struct html_ctx *c, const struct html_space *s)
{
	FILE *f = c->out;
	const struct html_obj *o = s->obj >= 0 ? &c->objs.v[s->obj] : NULL;
	fputs("<figure class=\"view", f);
	if (o && (o->flags & HTML_F_ERROR))
		fputs(" f-error", f);
	else if (o && (o->flags & HTML_F_WARNING))
		fputs(" f-warning", f);
	fputc('"', f);
	if (o && o->anchor)
		fprintf(f, " id=\"%s\"", o->anchor);
	fputs(">\n", f);
	put_caption(c, s);
	fputs("<div class=\"svgbox\">", f);
	html_svg_space(c, s);
	fputs("</div></figure>\n", f);
}

static void put_orphans(struct html_ctx *c, size_t k)
{
	FILE *f = c->out;
	const struct fl_image *img = c->m->images.v[k];
	bool any = false;
	for (size_t j = 0; j < img->sections.n; j++) {
		const struct fl_section *s = &img->sections.v[j];
		const struct html_obj *o = &c->objs.v[c->section_obj[k][j]];
		if (!(s->flags & FL_SEC_ALLOC) || !s->size || s->vma_region >= 0 || s->lma_region >= 0 ||
		    !o->anchor)
			continue;
		if (!any)
			fputs("<p class=\"orphans\">Sections in no MEMORY region:</p><ul class=\"orphans\">\n", f);
		any = true;
		fprintf(f, "<li id=\"%s\" class=\"%s\"><code>", o->anchor,
			o->flags & HTML_F_ERROR ? "f-error" : o->flags & HTML_F_WARNING ? "f-warning" : "");
		html_text(f, s->name);
		fprintf(f, "</code> at 0x%08" PRIx64 " (load 0x%08" PRIx64 "), %" PRIu64 " bytes</li>\n",
			s->vma, s->lma, s->size);
	}
	if (any)
		fputs("</ul>\n", f);
}

static void put_memories(struct html_ctx *c)
{
	FILE *f = c->out;
	const struct fl_model *m = c->m;

	fputs("<section id=\"memories\"><h2>Address spaces</h2>\n", f);
	fputs("<p class=\"legend\"><span class=\"sw k-part\"></span>partition "
	      "<span class=\"sw k-span\"></span>partition spanning others "
	      "<span class=\"sw k-sec\"></span>output section "
	      "<span class=\"sw k-load\"></span>load image (LMA) "
	      "<span class=\"sw k-free\"></span>free "
	      "<span class=\"sw k-over\"></span>past the end "
	      "<span class=\"sw f-error\"></span>a finding is about it "
	      "<span class=\"sw f-outside\"></span>loaded outside the slot's memory. "
	      "Heights grow with size, but every band gets at least one line: small ones are "
	      "not to scale.</p>\n", f);

	const char *group = NULL;
	bool open = false;
	/* Partition Manager regions first, then each image's overview and MEMORY regions. */
	fl_vec_for_each(&c->spaces, s) {
		if (s->image)
			continue;
		if (!group || strcmp(group, s->group)) {
			if (open)
				fputs("</div>\n", f);
			group = s->group;
			fprintf(f, "<h3>%s</h3>\n<div class=\"views\">\n", group);
			open = true;
		}
		put_space(c, s);
	}
	if (open)
		fputs("</div>\n", f);
	for (size_t k = 0; k < m->images.n; k++) {
		const struct fl_image *img = m->images.v[k];
		fprintf(f, "<h3 id=\"img-%zu\">Image <span class=\"iname\">", k);
		html_text(f, img->name);
		fputs("</span></h3>\n<div class=\"stripbox\">", f);
		html_svg_image_strip(c, k);
		fputs("</div>\n", f);
		put_orphans(c, k);
		fputs("<div class=\"views\">\n", f);
		fl_vec_for_each(&c->spaces, s)
			if (s->image && s->image == img->name)
				put_space(c, s);
		fputs("</div>\n", f);
	}
	if (!c->spaces.n && !m->images.n)
		fputs("<p class=\"note\">No memory was found in the inputs.</p>\n", f);
	fputs("</section>\n", f);
}

/* ---- tables, inputs ------------------------------------------------------------------------------ */

static void put_tables(struct html_ctx *c)
{
	FILE *f = c->out;
	const struct fl_model *m = c->m;
	if (!m->images.n)
		return;
	fputs("<section id=\"tables\"><h2>Sections, objects and symbols</h2>\n"
	      "<noscript><p class=\"note\">The tables need JavaScript.</p></noscript>\n", f);
	static const char *const what[] = { "sections", "objects", "symbols" };
	for (size_t k = 0; k < m->images.n; k++) {
		fprintf(f, "<h3>Image <span class=\"iname\">");
		html_text(f, m->images.v[k]->name);
		fputs("</span></h3>\n", f);
		html_tables_data(c, k);
		for (size_t t = 0; t < 3; t++)
			fprintf(f, "<details class=\"tbl\"%s><summary>%c%s</summary>"
				   "<div class=\"fltable\" data-src=\"t-%zu-%s\"></div></details>\n",
				t == 0 ? " open" : "", what[t][0] - 32, what[t] + 1, k, what[t]);
	}
	fputs("</section>\n", f);
}

static const char *input_kind(enum fl_input_kind k)
{
	switch (k) {
	case FL_IN_ELF:
		return "ELF";
	case FL_IN_MAP:
		return "linker map";
	case FL_IN_CONFIG:
		return ".config";
	case FL_IN_PM_PARTITIONS:
		return "partitions";
	case FL_IN_PM_STATIC:
		return "pm_static";
	case FL_IN_PM_REGIONS:
		return "regions";
	case FL_IN_DOMAINS:
		return "domains";
	case FL_IN_DTS:
		return "devicetree";
	case FL_IN_SIGNED:
		return "signed image";
	}
	return "input";
}

static void put_inputs(struct html_ctx *c)
{
	FILE *f = c->out;
	fputs("<section id=\"inputs\"><h2>Inputs</h2>\n<table class=\"inputs\"><thead><tr><th>File</th>"
	      "<th>Kind</th><th>Image</th></tr></thead><tbody>\n", f);
	fl_vec_for_each(&c->m->inputs, in) {
		fputs("<tr><td><code>", f);
		html_text(f, in->path);
		fprintf(f, "</code></td><td>%s</td><td>", input_kind(in->kind));
		html_text(f, in->image ? in->image : "");
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table></section>\n", f);
}

/* ---- the page ------------------------------------------------------------------------------------- */

/* Hatches for free space and overflow, shared by every SVG of the page. */
static const char svg_defs[] =
	"<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>"
	"<pattern id=\"hatch-free\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
	"patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#fafafa\"/>"
	"<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#d8d8d8\" stroke-width=\"3\"/></pattern>"
	"<pattern id=\"hatch-over\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
	"patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#fde0e0\"/>"
	"<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#d32f2f\" stroke-width=\"3\"/></pattern>"
	"</defs></svg>\n";

static void html_page(struct html_ctx *c)
{
	FILE *f = c->out;
	const struct fl_model *m = c->m;
	const char *title = m->build_dir ? m->build_dir : "explicit inputs";

	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		   "style-src 'nonce-%s'; script-src 'nonce-%s'; base-uri 'none'; form-action 'none'\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		   "<meta name=\"generator\" content=\"flashlint %s\">\n<title>flashlint memory map: ",
		c->nonce, c->nonce, FLASHLINT_VERSION);
	html_text(f, title);
	fprintf(f, "</title>\n<style nonce=\"%s\">\n%s</style>\n</head>\n<body>\n", c->nonce,
		fl_html_css);
	fputs(svg_defs, f);
	fputs("<header><h1>Memory map</h1><p class=\"build\">", f);
	html_text(f, title);
	fprintf(f, "</p><nav><a href=\"#findings\">Findings</a>%s <a href=\"#diagram\">Diagram</a> "
		   "<a href=\"#memories\">Address spaces</a>%s <a href=\"#inputs\">Inputs</a>%s</nav>"
		   "<p class=\"tool\">flashlint %s</p></header>\n<main>\n",
		c->diff ? " <a href=\"#changes\">Changes</a>" : "", m->images.n ? " <a href=\"#tables\">Tables</a>" : "",
		any_rule_fired(c) ? " <a href=\"#rules\">Rules</a>" : "", FLASHLINT_VERSION);

	put_findings(c);
	if (c->diff)
		html_put_diff(c);
	fputs("<section id=\"diagram\"><h2>Images, partitions, memories and devices</h2>\n"
	      "<p class=\"legend\">An image loads into a partition, is signed for a slot, or (MCUboot) "
	      "swaps slots; a partition lies in a memory, a memory on a device; dashed: a partition "
	      "spanning others. Red: a finding is about both ends (click it).</p>\n"
	      "<div class=\"graph\">\n", f);
	html_graph(c);
	fputs("</div></section>\n", f);
	put_memories(c);
	put_tables(c);
	put_inputs(c);
	put_rule_docs(c);
	fprintf(f, "</main>\n<script nonce=\"%s\">\n%s</script>\n</body>\n</html>\n", c->nonce,
		fl_html_js);
}

/* ---- reporter ------------------------------------------------------------------------------------ */

static void html_on_diag(struct fl_report_ctx *c, const struct fl_diag *d)
{
	/* The page needs every finding before it starts: html_end reads them all. */
	(void)c;
	(void)d;
}

static void html_end(struct fl_report_ctx *rc)
{
	static const struct fl_model empty;
	struct html_ctx c = {
		.out = rc->out,
		.a = fl_arena_new(),
		.m = rc->m ? rc->m : &empty,
		.run = rc->run,
		.diff = rc->diff,
	};
	if (!c.a) {
		fputs("<!DOCTYPE html><title>flashlint</title><p>out of memory</p>\n", rc->out);
		return;
	}
	html_nonce(c.nonce);
	html_build(&c);
	html_page(&c);
	fl_arena_free(c.a);
}

const struct fl_reporter fl_report_html = {
	.name = "html",
	.begin = NULL,
	.on_diag = html_on_diag,
	.end = html_end,
};
