// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer harness for the devicetree source reader: every input is parsed from
 * memory, then the tree must be consistent (parents, paths, labels, cell widths,
 * references) and every lookup is run on every node. See README.md.
 */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flashlint/catalogue.h"
#include "flashlint/dts.h"

static const struct fl_dt *fuzz_dt;
static uint32_t fuzz_lines;
static bool fuzz_refs_resolve;

static void fuzz_check_prop(const struct fl_dt_prop *p)
{
	if (!p->name || p->pos.line == 0 || p->pos.line > fuzz_lines || p->pos.col == 0)
		__builtin_trap();
	for (size_t i = 0; i < p->val.n; i++) {
		const struct fl_dt_piece *pc = &p->val.v[i];
		switch (pc->kind) {
		case FL_DT_CELLS:
			if (pc->bits != 8 && pc->bits != 16 && pc->bits != 32 && pc->bits != 64)
				__builtin_trap();
			for (uint32_t k = 0; k < pc->n; k++) {
				const struct fl_dt_cell *c = &pc->u.cells[k];
				if (pc->bits < 64 && c->v >> pc->bits)
					__builtin_trap();
				if (c->ref && (pc->bits != 32 || c->v != 0))
					__builtin_trap();
				if (c->ref && fuzz_refs_resolve && !fl_dt_resolve(fuzz_dt, c->ref))
					__builtin_trap();
			}
			break;
		case FL_DT_STRING:
			if (pc->n != 1 || !pc->u.str)
				__builtin_trap();
			break;
		case FL_DT_BYTES:
			if (pc->n && !pc->u.bytes)
				__builtin_trap();
			break;
		case FL_DT_REF:
			if (!pc->u.str || (fuzz_refs_resolve && !fl_dt_resolve(fuzz_dt, pc->u.str)))
				__builtin_trap();
			break;
		default:
			__builtin_trap();
		}
	}
	uint64_t v;
	fl_dt_prop_cell(p, 0, &v);
	fl_dt_prop_str(p, 0);
}

static size_t fuzz_check_node(const struct fl_dt_node *n, unsigned depth)
{
	if (!n->name || !n->path || depth > 256 || n->pos.line == 0 || n->pos.line > fuzz_lines)
		__builtin_trap();
	if (n->parent) {
		size_t pl = n->parent->parent ? strlen(n->parent->path) : 0;
		if (strncmp(n->path, n->parent->path, pl) || n->path[pl] != '/' ||
		    strcmp(n->path + pl + 1, n->name))
			__builtin_trap();
	}
	if (fl_dt_path(fuzz_dt, n->path) != n)
		__builtin_trap();
	for (size_t i = 0; i < n->labels.n; i++)
		if (fl_dt_label(fuzz_dt, n->labels.v[i]) != n)
			__builtin_trap();
	for (size_t i = 0; i < n->props.n; i++) {
		fuzz_check_prop(&n->props.v[i]);
		for (size_t k = 0; k < i; k++)
			if (!strcmp(n->props.v[k].name, n->props.v[i].name))
				__builtin_trap();
	}
	uint64_t a, s;
	for (size_t i = 0; i < 3; i++)
		fl_dt_reg(n, i, &a, &s);
	fl_dt_reg_by_name(n, "mem", &a, &s);
	fl_dt_prop_u64(n, "reg", &a);
	fl_dt_okay(n);
	fl_dt_compatible(n, "fixed-partitions");
	size_t count = 1;
	fl_dt_for_each_child(n, c) {
		if ((*c)->parent != n)
			__builtin_trap();
		count += fuzz_check_node(*c, depth + 1);
	}
	return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fl_run run;
	if (fl_run_init(&run, &fl_catalogue))
		return 0;
	struct fl_dt dt;
	memset(&dt, 0xa5, sizeof(dt)); /* the reader must set every field */
	int rc = fl_dts_parse(&run, &dt, "fuzz.dts", (const char *)data, size);
	size_t inp = 0;
	for (size_t i = 0; i < run.diags.v.n; i++)
		inp += run.diags.v.v[i]->rule == FL_RULE_INP001;
	if ((rc == 0) != (inp == 0) || (rc != 0 && rc != -FL_EFORMAT))
		__builtin_trap();

	fuzz_lines = 1;
	for (size_t i = 0; i < size; i++)
		fuzz_lines += data[i] == '\n';
	fuzz_dt = &dt;
	fuzz_refs_resolve = rc == 0 && !memmem(data, size, "/plugin/", 8);
	for (size_t i = 1; i < dt.labels_.n; i++)
		if (strcmp(dt.labels_.v[i - 1].label, dt.labels_.v[i].label) >= 0)
			__builtin_trap();
	if (dt.root) {
		if (strcmp(dt.root->path, "/") || dt.root->parent)
			__builtin_trap();
		fuzz_check_node(dt.root, 0);
		const struct fl_dt_node *chosen = fl_dt_path(&dt, "/chosen");
		for (size_t i = 0; chosen && i < chosen->props.n; i++)
			fl_dt_chosen(&dt, chosen->props.v[i].name, NULL);
		const struct fl_dt_node *aliases = fl_dt_path(&dt, "/aliases");
		for (size_t i = 0; aliases && i < aliases->props.n; i++)
			fl_dt_path(&dt, aliases->props.v[i].name);
	} else if (rc == 0) {
		__builtin_trap();
	}
	fl_run_free(&run);
	return 0;
}
