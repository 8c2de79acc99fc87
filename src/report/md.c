// SPDX-License-Identifier: Apache-2.0
/*
 * The markdown reporter: a compact pull-request comment with the counts, the
 * findings (errors first) linked to their rule pages, each signed image against its
 * slot and each image's MEMORY regions. Every string from the inputs is escaped so
 * that names from an untrusted pull request render as text, never as markup.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "flashlint/report.h"
#include "flashlint/imgtool.h"
#include "json_w.h"
#include "md_esc.h"

/* ---- escaping ---------------------------------------------------------------- */

/* The well-formed UTF-8 sequence s[0..n) is a C1 control (U+0080..U+009F), which
 * some terminals act on as ESC would be. */
static bool is_c1(const unsigned char *s, size_t n)
{
	return n == 2 && s[0] == 0xc2 && s[1] < 0xa0;
}

/*
 * s as inert markdown text, for running text and table cells alike: markdown
 * punctuation is backslash-escaped, '<', '>' and '&' become entities (no raw HTML,
 * no entity tricks), a zero-width space after '@' keeps a name from mentioning
 * anyone, line breaks and other control bytes (C0 and C1) become spaces, and
 * ill-formed UTF-8 becomes U+FFFD.
 */
void md_text(FILE *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");

	while (*s) {
		const unsigned char *run = s;
		while (*s >= 0x20 && *s < 0x7f && !strchr("\\`*_[]|~#!<>&@", *s))
			s++;
		if (s > run)
			fwrite(run, 1, (size_t)(s - run), out);
		if (!*s)
			break;
		if (*s < 0x20 || *s == 0x7f) {
			fputc(' ', out);
			s++;
		} else if (*s == '<') {
			fputs("&lt;", out);
			s++;
		} else if (*s == '>') {
			fputs("&gt;", out);
			s++;
		} else if (*s == '&') {
			fputs("&amp;", out);
			s++;
		} else if (*s == '@') {
			fputs("@&#8203;", out);
			s++;
		} else if (*s < 0x80) {
			fputc('\\', out);
			fputc(*s++, out);
		} else {
			bool ok;
			size_t n = fl_utf8_seq(s, &ok);
			if (ok && is_c1(s, n))
				fputc(' ', out);
			else if (ok)
				fwrite(s, 1, n, out);
			else
				fputs("\xef\xbf\xbd", out);
			s += n;
		}
	}
}

/* ---- findings ---------------------------------------------------------------- */

/*
 * str as a code span: no markup, HTML or mention inside one is interpreted. The
 * fence is one backtick longer than the longest run of backticks in str, padded
 * with spaces when str starts or ends with one; line breaks and control bytes
 * (C0 and C1) become spaces and ill-formed UTF-8 becomes U+FFFD.
 */
void md_code(FILE *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t run = 0, longest = 0, len = strlen((const char *)s);
	bool pad = len && (s[0] == '`' || s[len - 1] == '`');

	for (const unsigned char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	for (size_t i = 0; i <= longest; i++)
		fputc('`', out);
	if (pad)
		fputc(' ', out);
	while (*s) {
		if (*s < 0x20 || *s == 0x7f) {
			fputc(' ', out);
			s++;
		} else if (*s < 0x80) {
			fputc(*s++, out);
		} else {
			bool ok;
			size_t n = fl_utf8_seq(s, &ok);
			if (ok && is_c1(s, n))
				fputc(' ', out);
			else if (ok)
				fwrite(s, 1, n, out);
			else
				fputs("\xef\xbf\xbd", out);
			s += n;
		}
	}
	if (pad)
		fputc(' ', out);
	for (size_t i = 0; i <= longest; i++)
		fputc('`', out);
}

/* " — `path:line`", nothing without a file. */
static void md_where(struct fl_arena *a, FILE *out, const struct fl_pos *pos)
{
	if (!pos->file)
		return;
	fputs(" — ", out);
	md_code(out, pos->line ? fl_printf(a, "%s:%" PRIu32, pos->file, pos->line) : pos->file);
}

static void md_finding(struct fl_arena *a, FILE *out, const struct fl_diag *d)
{
	fprintf(out, "- **%s**", fl_severity_name(d->severity));
	if ((unsigned)d->rule < FL_RULE_COUNT)
		fprintf(out, " [%s](" FL_RULE_DOC_URL "%s.md)", fl_rules[d->rule].id,
			fl_rules[d->rule].id);
	fputs(": ", out);
	md_text(out, d->msg);
	md_where(a, out, &d->pos);
	fputc('\n', out);
	fl_vec_for_each(&d->notes, n) {
		fputs("  - ", out);
		md_text(out, n->msg);
		md_where(a, out, &n->pos);
		fputc('\n', out);
	}
}

/* ---- tables ------------------------------------------------------------------ */

/* part / whole as a percentage with one decimal ("97.0 %"); "—" for an empty whole. */
static void md_percent(FILE *out, uint64_t part, uint64_t whole)
{
	if (!whole) {
		fputs("—", out);
		return;
	}
	/* tenths of a percent, rounded half up, in 128-bit to stay exact */
	unsigned __int128 w = whole, t = ((unsigned __int128)part * 2000 + w) / (2 * w);
	if (t > UINT64_MAX)
		t = UINT64_MAX;
	fprintf(out, "%" PRIu64 ".%u %%", (uint64_t)(t / 10), (unsigned)(t % 10));
}

/* Each MCUboot-signed image against its slot (Partition Manager or devicetree, as
 * the image rules find it), with imgtool's own figures: used = imgtool's "Image
 * size" (header + image + TLVs) + its trailer. */
static void md_slots(FILE *out, const struct fl_model *m)
{
	bool any = false;

	for_each_image(m, ip) {
		struct imgtool_params p;
		if (!imgtool_params(m, *ip, &p))
			continue;
		if (!any)
			fputs("\n| image | slot | slot size | used (with trailer) | free after trailer "
			      "| used % |\n|---|---|---:|---:|---:|---:|\n", out);
		any = true;
		uint64_t used = fl_end(p.image_size, p.trailer);
		fputs("| ", out);
		md_text(out, (*ip)->name);
		fputs(" | ", out);
		md_text(out, p.slot->name);
		fprintf(out, " | %" PRIu64 " | %" PRIu64 " | ", p.slot->size, used);
		if (used <= p.slot->size)
			fprintf(out, "%" PRIu64, p.slot->size - used);
		else
			fprintf(out, "**-%" PRIu64 "**", used - p.slot->size);
		fputs(" | ", out);
		md_percent(out, used, p.slot->size);
		fputs(" |\n", out);
	}
}

/* Every image's MEMORY regions, as ld's --print-memory-usage sees them. */
static void md_regions(FILE *out, const struct fl_model *m)
{
	bool any = false;

	for_each_image(m, ip) {
		fl_vec_for_each(&(*ip)->regions, r) {
			if (!any)
				fputs("\n| image | region | used | size | used % |\n"
				      "|---|---|---:|---:|---:|\n", out);
			any = true;
			uint64_t used = m->frozen ? r->used : 0;
			fputs("| ", out);
			md_text(out, (*ip)->name);
			fputs(" | ", out);
			md_text(out, r->name);
			fprintf(out, " | %" PRIu64 " | %" PRIu64 " | ", used, r->length);
			md_percent(out, used, r->length);
			fputs(" |\n", out);
		}
	}
}

/* ---- reporter ---------------------------------------------------------------- */

static void md_begin(struct fl_report_ctx *c)
{
	unsigned e = c->run->diags.count[FL_SEV_ERROR], w = c->run->diags.count[FL_SEV_WARNING];

	fprintf(c->out, "### flashlint: %u error%s, %u warning%s\n", e, e == 1 ? "" : "s", w,
		w == 1 ? "" : "s");
}

/* The findings need reordering by severity, so they are written at the end. */
static void md_on_diag(struct fl_report_ctx *c, const struct fl_diag *d)
{
	(void)c;
	(void)d;
}

static void md_end(struct fl_report_ctx *c)
{
	static const struct fl_model empty;
	static const enum fl_severity order[] = { FL_SEV_ERROR, FL_SEV_WARNING, FL_SEV_NOTE };
	const struct fl_model *m = c->m ? c->m : &empty;
	const struct fl_diags *ds = &c->run->diags;

	if (ds->v.n)
		fputc('\n', c->out);
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		fl_vec_for_each(&ds->v, d)
			if ((*d)->severity == order[i])
				md_finding(c->run->arena, c->out, *d);
	md_slots(c->out, m);
	md_regions(c->out, m);
}

const struct fl_reporter fl_report_md = {
	"md",
	md_begin,
	md_on_diag,
	md_end,
};
