/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reporters: each turns the sorted diagnostics plus the model into one output
 * format. A reporter is {begin, on_diag, end}; fl_report() drives it.
 */
#ifndef FLASHLINT_REPORT_H
#define FLASHLINT_REPORT_H

#include <stdio.h>

#include "flashlint/catalogue.h"
#include "flashlint/model.h"

struct fl_diff;

struct fl_report_ctx {
	FILE *out;
	const struct fl_run *run;
	const struct fl_model *m;
	bool color;           /* text only: ANSI colours */
	size_t index;         /* index of the diagnostic being reported */
	const struct fl_diff *diff; /* html: the changes since a baseline build, or NULL */
};

struct fl_reporter {
	const char *name;     /* "text", "json", "sarif", "md" */
	void (*begin)(struct fl_report_ctx *c);
	void (*on_diag)(struct fl_report_ctx *c, const struct fl_diag *d);
	void (*end)(struct fl_report_ctx *c);
};

extern const struct fl_reporter fl_report_text;
extern const struct fl_reporter fl_report_json;
/* The JSON report with the "detail" member `flashlint diff` reads (--detail full). */
extern const struct fl_reporter fl_report_json_full;
extern const struct fl_reporter fl_report_sarif;
extern const struct fl_reporter fl_report_md;
/* The self-contained HTML memory map (`flashlint report`). */
extern const struct fl_reporter fl_report_html;

/* Where the project and each rule's doc page (FL_RULE_DOC_URL "SEC001.md") live,
 * for SARIF's informationUri and helpUri and the markdown links. */
#define FL_HOME_URL "https://github.com/flashlint/flashlint"
#define FL_RULE_DOC_URL FL_HOME_URL "/blob/main/rules/docs/"

/* The reporter called `name`, or NULL. */
const struct fl_reporter *fl_reporter_find(const char *name);

/* Drive r over run's (finished) diagnostics. Returns 0 or -FL_EIO on a write error. */
int fl_report(const struct fl_reporter *r, FILE *out, const struct fl_run *run,
	      const struct fl_model *m, bool color);
/* The same with the changes since a baseline build (NULL: none), which the HTML
 * report shows. */
int fl_report_diff(const struct fl_reporter *r, FILE *out, const struct fl_run *run,
		   const struct fl_model *m, bool color, const struct fl_diff *diff);

#endif
