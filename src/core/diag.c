// SPDX-License-Identifier: Apache-2.0
/*
 * The run configuration over the run's catalogue and the diagnostics list:
 * recording, de-duplication and the stable sort every reporter relies on.
 * Nothing here formats output or knows a rule by name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "flashlint/diag.h"

unsigned fl_catalogue_find(const struct fl_catalogue *cat, const char *s)
{
	for (unsigned i = 0; i < cat->count; i++)
		if (!strcasecmp(s, cat->rules[i].id) || !strcmp(s, cat->rules[i].name))
			return i;
	return FL_RULE_NONE;
}

/* The catalogue's defaults: every rule at its own severity, no -Werror. */
static void config_init(struct fl_config *cfg, struct fl_arena *a,
			const struct fl_catalogue *cat)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->severity = fl_alloc(a, cat->count * sizeof(cfg->severity[0]));
	cfg->werror = fl_alloc(a, cat->count * sizeof(cfg->werror[0]));
	for (unsigned i = 0; i < cat->count; i++)
		cfg->severity[i] = cat->rules[i].severity;
	cfg->headroom_percent = 95;
	cfg->slot_headroom_percent = 5;
	cfg->max_input = FL_INPUT_LIMIT;
}

void fl_diag_warning(const struct fl_run *run, struct fl_diag *d)
{
	const struct fl_config *cfg = &run->cfg;
	if (d->severity == FL_SEV_ERROR && d->rule != FL_RULE_NONE && !cfg->werror_all &&
	    !cfg->werror[d->rule])
		d->severity = FL_SEV_WARNING;
}

const char *fl_severity_name(enum fl_severity s)
{
	switch (s) {
	case FL_SEV_ERROR:
		return "error";
	case FL_SEV_WARNING:
		return "warning";
	case FL_SEV_NOTE:
		return "note";
	case FL_SEV_OFF:
		break;
	}
	return "off";
}

int fl_run_init(struct fl_run *run, const struct fl_catalogue *cat)
{
	memset(run, 0, sizeof(*run));
	run->arena = fl_arena_new();
	if (!run->arena)
		return -FL_EIO;
	run->cat = cat;
	config_init(&run->cfg, run->arena, cat);
	return 0;
}

void fl_run_free(struct fl_run *run)
{
	fl_arena_free(run->arena);
	memset(run, 0, sizeof(*run));
}

static enum fl_severity effective(const struct fl_config *cfg, unsigned r)
{
	if (r == FL_RULE_NONE)
		return FL_SEV_NOTE;
	enum fl_severity s = cfg->severity[r];
	if (s == FL_SEV_WARNING && (cfg->werror_all || cfg->werror[r]))
		s = FL_SEV_ERROR;
	return s;
}

static struct fl_diag *vdiag(struct fl_run *run, unsigned rule, struct fl_pos pos,
			     const char *fmt, va_list ap)
{
	struct fl_diag *d = fl_alloc(run->arena, sizeof(*d));
	d->rule = rule;
	d->severity = effective(&run->cfg, rule);
	d->pos = pos;
	d->msg = fl_vprintf(run->arena, fmt, ap);
	d->seq = (uint32_t)run->diags.v.n;
	*fl_vec_push(run->arena, &run->diags.v) = d;
	return d;
}

struct fl_diag *fl_diag(struct fl_run *run, unsigned rule, struct fl_pos pos,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct fl_diag *d = vdiag(run, rule, pos, fmt, ap);
	va_end(ap);
	return d;
}

struct fl_diag *fl_note_at(struct fl_run *run, struct fl_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct fl_diag *d = vdiag(run, FL_RULE_NONE, pos, fmt, ap);
	va_end(ap);
	return d;
}

struct fl_diag *fl_inp(struct fl_run *run, const char *file, uint32_t line, uint32_t col,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct fl_pos pos = { file, line, col };
	struct fl_diag *d = vdiag(run, run->cat->input_rule, pos, fmt, ap);
	va_end(ap);
	if (d->severity != FL_SEV_OFF)
		run->input_failed = true;
	return d;
}

void fl_diag_note(struct fl_run *run, struct fl_diag *d, struct fl_pos pos,
		  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct fl_note *n = fl_vec_push(run->arena, &d->notes);
	n->pos = pos;
	n->msg = fl_vprintf(run->arena, fmt, ap);
	va_end(ap);
}

void fl_diag_cause(struct fl_run *run, struct fl_diag *d, const struct fl_cause *cause,
		   struct fl_pos note_pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	d->cause = cause;
	d->as_note.pos = note_pos;
	d->as_note.msg = fl_vprintf(run->arena, fmt, ap);
	va_end(ap);
}

void fl_diag_num(struct fl_run *run, struct fl_diag *d, const char *key, uint64_t v)
{
	struct fl_num *n = fl_vec_push(run->arena, &d->nums);
	n->key = key;
	n->value = v;
}

static int strcmp_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* Location-less diagnostics sort after located ones, so the list reads like a
 * compiler's: places first, general remarks last. */
static int cmp_diag(const void *pa, const void *pb)
{
	const struct fl_diag *a = *(const struct fl_diag *const *)pa;
	const struct fl_diag *b = *(const struct fl_diag *const *)pb;
	if ((a->pos.file == NULL) != (b->pos.file == NULL))
		return a->pos.file == NULL ? 1 : -1;
	int c = strcmp_null(a->pos.file, b->pos.file);
	if (c)
		return c;
	if (a->pos.line != b->pos.line)
		return a->pos.line < b->pos.line ? -1 : 1;
	if (a->pos.col != b->pos.col)
		return a->pos.col < b->pos.col ? -1 : 1;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static bool same_diag(const struct fl_diag *a, const struct fl_diag *b)
{
	return a->rule == b->rule && a->pos.line == b->pos.line && a->pos.col == b->pos.col &&
	       !strcmp_null(a->pos.file, b->pos.file) && !strcmp(a->msg, b->msg);
}

/* Findings with a cause, grouped by (rule, cause key), in emission order. */
static int cmp_cause(const void *pa, const void *pb)
{
	const struct fl_diag *a = *(const struct fl_diag *const *)pa;
	const struct fl_diag *b = *(const struct fl_diag *const *)pb;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	uintptr_t ka = (uintptr_t)a->cause->key, kb = (uintptr_t)b->cause->key;
	if (ka != kb)
		return ka < kb ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The diagnostic that stands for the findings g[0..n) of one cause. */
static struct fl_diag *fold(struct fl_run *run, struct fl_diag *const *g, size_t n)
{
	const struct fl_cause *c = g[0]->cause;
	struct fl_diag *d = fl_alloc(run->arena, sizeof(*d));
	d->rule = g[0]->rule;
	d->pos = c->pos;
	d->msg = fl_printf(run->arena, "%s%zu%s", c->head, n, c->tail);
	d->image = g[0]->image;
	d->seq = g[0]->seq;
	d->findings = n;
	for (size_t i = 0; i < n; i++) {
		if (g[i]->severity > d->severity)
			d->severity = g[i]->severity;
		if (!fl_str_eq(g[i]->image, d->image))
			d->image = NULL;
		*fl_vec_push(run->arena, &d->notes) = g[i]->as_note;
	}
	if (c->first_notes)
		fl_vec_for_each(&g[0]->notes, note)
			*fl_vec_push(run->arena, &d->notes) = *note;
	if (c->hint)
		*fl_vec_push(run->arena, &d->notes) = (struct fl_note){ { 0 }, c->hint };
	fl_diag_num(run, d, "findings", n);
	return d;
}

/* Replace each group of two or more findings sharing a cause by its fold; true
 * when some group was folded. */
static bool fold_causes(struct fl_run *run)
{
	struct fl_diags *ds = &run->diags;
	size_t n = 0;
	for (size_t i = 0; i < ds->v.n; i++)
		n += ds->v.v[i]->cause != NULL;
	if (n < 2)
		return false;
	struct fl_diag **g = fl_alloc(run->arena, n * sizeof(*g));
	n = 0;
	for (size_t i = 0; i < ds->v.n; i++)
		if (ds->v.v[i]->cause)
			g[n++] = ds->v.v[i];
	qsort(g, n, sizeof(*g), cmp_cause);
	bool folded = false;
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && g[j]->rule == g[i]->rule && g[j]->cause->key == g[i]->cause->key; j++)
			;
		if (j - i < 2)
			continue;
		struct fl_diag *d = fold(run, g + i, j - i);
		for (size_t k = i; k < j; k++)
			g[k]->severity = FL_SEV_OFF; /* folded: dropped below */
		*fl_vec_push(run->arena, &ds->v) = d;
		folded = true;
	}
	if (!folded)
		return false;
	size_t k = 0;
	for (size_t i = 0; i < ds->v.n; i++)
		if (ds->v.v[i]->severity != FL_SEV_OFF)
			ds->v.v[k++] = ds->v.v[i];
	ds->v.n = k;
	return true;
}

void fl_diags_finish(struct fl_run *run)
{
	struct fl_diags *ds = &run->diags;
	size_t n = 0;
	for (size_t i = 0; i < ds->v.n; i++)
		if (ds->v.v[i]->severity != FL_SEV_OFF)
			ds->v.v[n++] = ds->v.v[i];
	ds->v.n = n;
	if (n > 1)
		qsort(ds->v.v, n, sizeof(ds->v.v[0]), cmp_diag);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || !same_diag(ds->v.v[k - 1], ds->v.v[i]))
			ds->v.v[k++] = ds->v.v[i];
	ds->v.n = k;
	if (fold_causes(run))
		qsort(ds->v.v, ds->v.n, sizeof(ds->v.v[0]), cmp_diag);
	k = ds->v.n;
	memset(ds->count, 0, sizeof(ds->count));
	for (size_t i = 0; i < k; i++)
		ds->count[ds->v.v[i]->severity]++;
}

uint64_t fl_diag_fingerprint(struct fl_arena *a, const char *id, const struct fl_diag *d,
			     const char *file)
{
	const char *msg = d->msg ? d->msg : "";
	size_t idn, fn;
	id = id ? id : "";
	idn = strlen(id);
	file = file ? file : "";
	fn = strlen(file);
	char *buf = fl_alloc(a, idn + fn + strlen(msg) + 3), *o = buf;

	memcpy(o, id, idn + 1);
	o += idn + 1;
	memcpy(o, file, fn + 1);
	o += fn + 1;
	for (const char *s = msg; *s;) {
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && fl_hex_digit(s[2]) >= 0) {
			for (s += 2; fl_hex_digit(*s) >= 0; s++)
				;
			*o++ = '#';
			continue;
		}
		if (*s >= '0' && *s <= '9') {
			while (*s >= '0' && *s <= '9')
				s++;
			*o++ = '#';
			continue;
		}
		*o++ = *s++;
	}
	return fl_hash(buf, (size_t)(o - buf));
}
