// SPDX-License-Identifier: Apache-2.0
/*
 * The compiler-style text format: `path:line:col: severity: message [ID]` with the
 * notes on following lines, as GNU tools print them so IDEs and CI problem matchers
 * can jump to the place. Colour only when the caller asks for it. Paths and
 * messages go through fl_fput_esc(): the only escape sequences in the output are
 * the colours written here.
 */
#include <inttypes.h>

#include "flashlint/report.h"

#define BOLD "\033[1m"
#define RESET "\033[0m"

static const char *sev_color(enum fl_severity s)
{
	switch (s) {
	case FL_SEV_ERROR:
		return "\033[1;31m";
	case FL_SEV_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

static void put_pos(struct fl_report_ctx *c, struct fl_pos pos)
{
	FILE *f = c->out;
	if (c->color)
		fputs(BOLD, f);
	fl_fput_esc(pos.file ? pos.file : "flashlint", f);
	if (pos.file && pos.line)
		fprintf(f, ":%" PRIu32, pos.line);
	if (pos.file && pos.line && pos.col)
		fprintf(f, ":%" PRIu32, pos.col);
	fputs(": ", f);
	if (c->color)
		fputs(RESET, f);
}

static void put_line(struct fl_report_ctx *c, struct fl_pos pos, enum fl_severity sev,
		     const char *msg, const char *id)
{
	put_pos(c, pos);
	if (c->color)
		fprintf(c->out, "%s%s:" RESET " ", sev_color(sev), fl_severity_name(sev));
	else
		fprintf(c->out, "%s: ", fl_severity_name(sev));
	fl_fput_esc(msg, c->out);
	if (id)
		fprintf(c->out, " [%s]", id);
	fputc('\n', c->out);
}

static void text_diag(struct fl_report_ctx *c, const struct fl_diag *d)
{
	put_line(c, d->pos, d->severity, d->msg, d->rule < FL_RULE_COUNT ? fl_rules[d->rule].id : NULL);
	fl_vec_for_each(&d->notes, n)
		put_line(c, n->pos, FL_SEV_NOTE, n->msg, NULL);
}

static void text_end(struct fl_report_ctx *c)
{
	unsigned e = c->run->diags.count[FL_SEV_ERROR], w = c->run->diags.count[FL_SEV_WARNING];
	if (!e && !w)
		return;
	fprintf(c->out, "flashlint: %u error%s, %u warning%s\n", e, e == 1 ? "" : "s", w,
		w == 1 ? "" : "s");
}

const struct fl_reporter fl_report_text = {
	.name = "text",
	.begin = NULL,
	.on_diag = text_diag,
	.end = text_end,
};
