// SPDX-License-Identifier: Apache-2.0
/*
 * `flashlint diff BASE NEW`: each side a build directory (analysed as check does)
 * or a report saved with `check --format json --detail full`; the two digests
 * compared, written in one format, and the --fail-on policy turned into the exit
 * status (0 passed, 1 failed, 2 usage or unreadable input).
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "flashlint/catalogue.h"
#include "flashlint/diff.h"
#include "flashlint/layout.h"
#include "flashlint/report.h"
#include "flashlint/rules.h"

struct fl_cli_side {
	struct fl_run run;
	struct fl_model m;
	struct fl_data data;
	struct fl_digest g;
};

/* "new-errors,growth:BYTES,headroom:PCT" */
static int parse_fail_on(const char *list, struct fl_diff_policy *p)
{
	char buf[256];
	if (strlen(list) >= sizeof(buf))
		return fl_cli_usage_error("--fail-on list too long: %s", list);
	strcpy(buf, list);
	for (char *save, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		char *end;
		if (!strcmp(t, "new-errors")) {
			p->new_errors = true;
		} else if (!strncmp(t, "growth:", 7)) {
			unsigned long long v = strtoull(t + 7, &end, 0);
			if (!t[7] || *end || t[7] == '-')
				return fl_cli_usage_error("growth: takes a number of bytes, not '%s'", t + 7);
			p->growth = true;
			p->growth_bytes = v;
		} else if (!strncmp(t, "headroom:", 9)) {
			long v = strtol(t + 9, &end, 10);
			if (!t[9] || *end || v < 0 || v > 99)
				return fl_cli_usage_error("headroom: takes a percentage from 0 to 99, not '%s'", t + 9);
			p->headroom = true;
			p->headroom_pct = (unsigned)v;
		} else {
			return fl_cli_usage_error("unknown --fail-on condition '%s' (new-errors, growth:BYTES, headroom:PCT)", t);
		}
	}
	return 0;
}

/* Read one side into s->g (data_dir: the data directory to read, resolved). Prints
 * nothing, so the two sides can be read at the same time. Returns 0, or 2 when an
 * input was unusable (side_failed prints why). */
static int side_read(struct fl_cli_side *s, const char *path, const char *data_dir)
{
	if (fl_run_init(&s->run, &fl_catalogue))
		return 2;
	if (!fl_is_dir(path))
		return fl_digest_read(&s->run, &s->g, path) ? 2 : 0;
	struct fl_layout_opts lo = { .build_dir = path };
	fl_layout_load(&s->run, &s->m, &lo);
	const char *budgets = fl_budgets_locate(&s->run, &s->m);
	if (budgets)
		fl_budgets_read(&s->run, fl_alloc(s->run.arena, sizeof(struct fl_budgets)), budgets);
	if (fl_data_load(&s->run, &s->data, data_dir) == 0)
		s->m.data = &s->data;
	fl_model_freeze(&s->run, &s->m);
	fl_rules_run(&s->run, &s->m);
	fl_diags_finish(&s->run);
	if (s->run.input_failed)
		return 2;
	fl_digest_build(s->run.arena, &s->g, &s->run, &s->m);
	return 0;
}

/* The diagnostics of a side that could not be read, on stderr. Returns 2. */
static int side_failed(struct fl_cli_side *s)
{
	if (!s->run.arena)
		return 2;
	fl_diags_finish(&s->run);
	fl_report(&fl_report_text, stderr, &s->run, &s->m, false);
	return 2;
}

/* What a reading thread is given and gives back. */
struct side_job {
	struct fl_cli_side *s;  /* the side to read */
	const char *path;       /* its build directory or saved report */
	const char *data_dir;   /* resolved data directory */
	int rc;                 /* side_read's result */
};

static void *side_thread(void *arg)
{
	struct side_job *j = arg;
	j->rc = side_read(j->s, j->path, j->data_dir);
	return NULL;
}

/* Read both sides, NEW on a second thread (the readers share no state: each run
 * has its own arena and handles), BASE on this one; one after the other when no
 * thread can be started. On failure the diagnostics of the first unreadable side
 * are printed, as if the sides had been read in turn. Returns 0 or 2. */
static int sides_read(struct fl_cli_side sides[2], const char *const paths[2], const char *data_dir)
{
	struct side_job job = { .s = &sides[1], .path = paths[1], .data_dir = data_dir };
	pthread_t t;
	bool threaded = pthread_create(&t, NULL, side_thread, &job) == 0;
	int rc = side_read(&sides[0], paths[0], data_dir);
	if (threaded)
		pthread_join(t, NULL);
	else if (!rc)
		side_thread(&job);
	if (rc)
		return side_failed(&sides[0]);
	if (job.rc)
		return side_failed(&sides[1]);
	return 0;
}

struct fl_cli_side *fl_cli_side_load(const char *path, const char *data_dir)
{
	struct fl_cli_side *s = calloc(1, sizeof(*s));
	if (s && side_read(s, path, fl_cli_data_dir(data_dir)) && side_failed(s)) {
		fl_cli_side_free(s);
		s = NULL;
	}
	return s;
}

const struct fl_digest *fl_cli_side_digest(const struct fl_cli_side *s)
{
	return &s->g;
}

void fl_cli_side_free(struct fl_cli_side *s)
{
	if (s && s->run.arena)
		fl_run_free(&s->run);
	free(s);
}

/* What diff_output hands to the shared writer. */
struct diff_job {
	const char *format;       /* text, md, json or sarif */
	struct fl_arena *a;       /* for the writer's strings */
	const struct fl_diff *d;  /* the comparison */
};

static int emit_diff(FILE *f, bool stream, void *ctx)
{
	const struct diff_job *j = ctx;
	(void)stream;
	return fl_diff_write(j->format, f, j->a, j->d);
}

/* To stdout, or to -o FILE as check writes its report (fl_cli_write). Returns 0 or
 * 2 (the error is printed). */
static int diff_output(const char *output, const char *format, struct fl_arena *a,
		       const struct fl_diff *d)
{
	struct diff_job job = { .format = format, .a = a, .d = d };
	struct fl_cli_emitter e = { .emit = emit_diff, .ctx = &job };
	return fl_cli_write(a, output, stdout, false, NULL, &e) < 0 ? 2 : 0;
}

int fl_cli_diff(int argc, char **argv)
{
	const char *paths[2] = { NULL, NULL }, *format = "text", *output = NULL, *data = NULL;
	struct fl_diff_policy policy = { 0 };
	struct fl_cli_side *sides = NULL;
	struct fl_diff d;
	int status = 2;
	size_t n = 0;

	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		bool has = i + 1 < argc;
		if (!strcmp(a, "--format") || !strcmp(a, "-o") || !strcmp(a, "--output") ||
		    !strcmp(a, "--fail-on") || !strcmp(a, "--data")) {
			if (!has)
				return fl_cli_usage_error("option '%s' needs a value", a);
			v = argv[++i];
		} else if (!strncmp(a, "--format=", 9) || !strncmp(a, "--fail-on=", 10) ||
			   !strncmp(a, "--data=", 7) || !strncmp(a, "--output=", 9)) {
			v = strchr(a, '=') + 1;
		}
		if (v && !strncmp(a, "--format", 8))
			format = v;
		else if (v && (!strcmp(a, "-o") || !strncmp(a, "--output", 8)))
			output = v;
		else if (v && !strncmp(a, "--data", 6))
			data = v;
		else if (v) {
			int rc = parse_fail_on(v, &policy);
			if (rc)
				return rc;
		} else if (a[0] == '-' && a[1])
			return fl_cli_usage_error("unknown option '%s'", a);
		else if (n == 2)
			return fl_cli_usage_error("diff takes two builds, BASE and NEW ('%s' is a third)", a);
		else
			paths[n++] = a;
	}
	if (n != 2)
		return fl_cli_usage_error("%s", "diff takes two builds: BASE and NEW, each a build directory or a report saved with check --format json --detail full");
	if (strcmp(format, "text") && strcmp(format, "md") && strcmp(format, "json") &&
	    strcmp(format, "sarif"))
		return fl_cli_usage_error("unknown format '%s' (text, md, json or sarif)", format);

	sides = calloc(2, sizeof(*sides));
	if (!sides)
		return 2;
	if (sides_read(sides, paths, fl_cli_data_dir(data)))
		goto out;
	fl_diff_compute(sides[1].run.arena, &d, &sides[0].g, &sides[1].g, &policy);
	status = diff_output(output, format, sides[1].run.arena, &d);
	if (!status && d.failed.n)
		status = 1;
out:
	for (int k = 0; k < 2; k++)
		if (sides[k].run.arena)
			fl_run_free(&sides[k].run);
	free(sides);
	return status;
}
