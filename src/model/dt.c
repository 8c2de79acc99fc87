// SPDX-License-Identifier: Apache-2.0
/*
 * Look-ups on a devicetree read by src/readers/dts.c: labels, paths, aliases,
 * chosen, properties, cells, reg and status. They only read the tree, so rules
 * use them as they use the rest of the model.
 */
#include <stdlib.h>
#include <string.h>

#include "flashlint/dts.h"

static int dt_label_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fl_dt_label *)a)->label, ((const struct fl_dt_label *)b)->label);
}

static struct fl_dt_node *dt_label_scan(struct fl_dt_node *n, const char *label)
{
	for (size_t i = 0; i < n->labels.n; i++)
		if (!strcmp(n->labels.v[i], label))
			return n;
	fl_dt_for_each_child(n, c) {
		struct fl_dt_node *r = dt_label_scan(*c, label);
		if (r)
			return r;
	}
	return NULL;
}

struct fl_dt_node *fl_dt_label(const struct fl_dt *dt, const char *label)
{
	if (!dt || !dt->root || !label)
		return NULL;
	if (dt->labels_.n == 0)
		return dt_label_scan(dt->root, label); /* a tree built without the reader */
	struct fl_dt_label key = { label, NULL };
	const struct fl_dt_label *l =
		bsearch(&key, dt->labels_.v, dt->labels_.n, sizeof(key), dt_label_cmp);
	return l ? l->node : NULL;
}

/* The child named c[0..len): the exact name, else the only one whose name without
 * its unit address is c (when c has none). */
static struct fl_dt_node *dt_child_n(const struct fl_dt_node *n, const char *c, size_t len)
{
	struct fl_dt_node *base = NULL;
	size_t nbase = 0;
	bool unit = memchr(c, '@', len) != NULL;
	fl_dt_for_each_child(n, it) {
		const char *name = (*it)->name;
		if (strncmp(name, c, len) != 0)
			continue;
		if (name[len] == '\0')
			return *it;
		if (!unit && name[len] == '@') {
			base = *it;
			nbase++;
		}
	}
	return nbase == 1 ? base : NULL;
}

static struct fl_dt_node *dt_walk(struct fl_dt_node *n, const char *p, size_t len)
{
	const char *end = p + len;
	while (n && p < end) {
		if (*p == '/') {
			p++;
			continue;
		}
		const char *slash = memchr(p, '/', (size_t)(end - p));
		const char *ce = slash ? slash : end;
		n = dt_child_n(n, p, (size_t)(ce - p));
		p = ce;
	}
	return n;
}

static struct fl_dt_node *dt_resolve_n(const struct fl_dt *dt, const char *ref, size_t len);

/* An absolute path, or alias[/rest], of len bytes. */
static struct fl_dt_node *dt_path_n(const struct fl_dt *dt, const char *path, size_t len)
{
	if (!dt || !dt->root || !path)
		return NULL;
	if (len && path[0] == '/')
		return dt_walk(dt->root, path, len);
	const char *slash = memchr(path, '/', len);
	size_t alen = slash ? (size_t)(slash - path) : len;
	struct fl_dt_node *aliases = dt_child_n(dt->root, "aliases", 7);
	if (!aliases || alen == 0)
		return NULL;
	const struct fl_dt_prop *a = NULL;
	fl_vec_for_each(&aliases->props, p)
		if (strlen(p->name) == alen && !memcmp(p->name, path, alen))
			a = p;
	if (!a || a->val.n != 1)
		return NULL;
	const struct fl_dt_piece *pc = &a->val.v[0];
	struct fl_dt_node *n = NULL;
	if (pc->kind == FL_DT_STRING && pc->u.str[0] == '/')
		n = dt_walk(dt->root, pc->u.str, strlen(pc->u.str));
	else if (pc->kind == FL_DT_REF)
		n = dt_resolve_n(dt, pc->u.str, strlen(pc->u.str));
	return n ? dt_walk(n, path + alen, len - alen) : NULL;
}

static struct fl_dt_node *dt_resolve_n(const struct fl_dt *dt, const char *ref, size_t len)
{
	bool braces = false;
	if (len && ref[0] == '&') {
		ref++;
		len--;
		if (len >= 2 && ref[0] == '{' && ref[len - 1] == '}') {
			ref++;
			len -= 2;
			braces = true;
		}
	}
	if (len && ref[0] == '/')
		return dt_path_n(dt, ref, len);
	/* a label is the whole rest of the string */
	return braces || len == 0 || ref[len] != '\0' ? NULL : fl_dt_label(dt, ref);
}

struct fl_dt_node *fl_dt_path(const struct fl_dt *dt, const char *path)
{
	return path ? dt_path_n(dt, path, strlen(path)) : NULL;
}

struct fl_dt_node *fl_dt_resolve(const struct fl_dt *dt, const char *ref)
{
	return ref ? dt_resolve_n(dt, ref, strlen(ref)) : NULL;
}

struct fl_dt_node *fl_dt_chosen(const struct fl_dt *dt, const char *name,
				const struct fl_dt_prop **prop)
{
	const struct fl_dt_prop *p = NULL;
	if (dt && dt->root && name)
		p = fl_dt_prop(dt_child_n(dt->root, "chosen", 6), name);
	if (prop)
		*prop = p;
	if (!p || p->val.n == 0)
		return NULL;
	const struct fl_dt_piece *pc = &p->val.v[0];
	switch (pc->kind) {
	case FL_DT_REF:
		return fl_dt_resolve(dt, pc->u.str);
	case FL_DT_STRING:
		/* "serial0:115200n8": options after ':' are not part of the path */
		return dt_path_n(dt, pc->u.str, strcspn(pc->u.str, ":"));
	case FL_DT_CELLS:
		return pc->n >= 1 && pc->u.cells[0].ref ? fl_dt_resolve(dt, pc->u.cells[0].ref) : NULL;
	default:
		return NULL;
	}
}

const struct fl_dt_prop *fl_dt_prop(const struct fl_dt_node *node, const char *name)
{
	if (!node || !name)
		return NULL;
	fl_vec_for_each(&node->props, p)
		if (p->name && !strcmp(p->name, name))
			return p;
	return NULL;
}

/* The idx-th cell of p's cell pieces and its width; false when absent or a
 * reference. */
static bool dt_cell(const struct fl_dt_prop *p, size_t idx, uint64_t *out, unsigned *bits)
{
	if (!p)
		return false;
	fl_vec_for_each(&p->val, pc) {
		if (pc->kind != FL_DT_CELLS)
			continue;
		if (idx < pc->n) {
			if (pc->u.cells[idx].ref)
				return false;
			*out = pc->u.cells[idx].v;
			*bits = pc->bits;
			return true;
		}
		idx -= pc->n;
	}
	return false;
}

static size_t dt_cell_count(const struct fl_dt_prop *p)
{
	size_t n = 0;
	fl_vec_for_each(&p->val, pc)
		if (pc->kind == FL_DT_CELLS)
			n += pc->n;
	return n;
}

bool fl_dt_prop_cell(const struct fl_dt_prop *p, size_t idx, uint64_t *out)
{
	unsigned bits;
	return dt_cell(p, idx, out, &bits);
}

bool fl_dt_prop_u64(const struct fl_dt_node *node, const char *name, uint64_t *out)
{
	const struct fl_dt_prop *p = fl_dt_prop(node, name);
	if (!p)
		return false;
	size_t n = dt_cell_count(p);
	uint64_t hi, lo;
	unsigned bh, bl;
	if (n == 1 && dt_cell(p, 0, &lo, &bl)) {
		*out = lo;
		return true;
	}
	if (n == 2 && dt_cell(p, 0, &hi, &bh) && dt_cell(p, 1, &lo, &bl) && bh == 32 && bl == 32) {
		*out = hi << 32 | lo;
		return true;
	}
	return false;
}

const char *fl_dt_prop_str(const struct fl_dt_prop *p, size_t idx)
{
	if (!p)
		return NULL;
	fl_vec_for_each(&p->val, pc)
		if (pc->kind == FL_DT_STRING && idx-- == 0)
			return pc->u.str;
	return NULL;
}

bool fl_dt_compatible(const struct fl_dt_node *node, const char *compat)
{
	const struct fl_dt_prop *p = fl_dt_prop(node, "compatible");
	const char *s;
	for (size_t i = 0; compat && (s = fl_dt_prop_str(p, i)); i++)
		if (!strcmp(s, compat))
			return true;
	return false;
}

bool fl_dt_okay(const struct fl_dt_node *node)
{
	const struct fl_dt_prop *p = fl_dt_prop(node, "status");
	if (!p)
		return node != NULL;
	const char *s = fl_dt_prop_str(p, 0);
	return s && (!strcmp(s, "okay") || !strcmp(s, "ok"));
}

static unsigned dt_parent_cells(const struct fl_dt_node *node, const char *name, unsigned dflt)
{
	uint64_t v;
	if (!node || !node->parent || !fl_dt_prop_cell(fl_dt_prop(node->parent, name), 0, &v))
		return dflt;
	return v > UINT32_MAX ? UINT32_MAX : (unsigned)v;
}

unsigned fl_dt_address_cells(const struct fl_dt_node *node)
{
	return dt_parent_cells(node, "#address-cells", 2);
}

unsigned fl_dt_size_cells(const struct fl_dt_node *node)
{
	return dt_parent_cells(node, "#size-cells", 1);
}

/* n 32-bit cells of p from `first` as one number (n <= 2). */
static bool dt_cells_u64(const struct fl_dt_prop *p, size_t first, unsigned n, uint64_t *out)
{
	uint64_t v = 0, c;
	unsigned bits;
	for (unsigned i = 0; i < n; i++) {
		if (!dt_cell(p, first + i, &c, &bits) || bits != 32)
			return false;
		v = v << 32 | c;
	}
	*out = v;
	return true;
}

bool fl_dt_reg(const struct fl_dt_node *node, size_t idx, uint64_t *addr, uint64_t *size)
{
	unsigned ac = fl_dt_address_cells(node), sc = fl_dt_size_cells(node);
	const struct fl_dt_prop *p = fl_dt_prop(node, "reg");
	if (!p || ac == 0 || ac > 2 || sc > 2 || idx > SIZE_MAX / 4)
		return false;
	size_t first = idx * (ac + sc);
	uint64_t a, s;
	if (!dt_cells_u64(p, first, ac, &a) || !dt_cells_u64(p, first + ac, sc, &s))
		return false;
	*addr = a;
	*size = s;
	return true;
}

bool fl_dt_reg_by_name(const struct fl_dt_node *node, const char *name, uint64_t *addr,
		       uint64_t *size)
{
	const struct fl_dt_prop *names = fl_dt_prop(node, "reg-names");
	const char *s;
	for (size_t i = 0; name && (s = fl_dt_prop_str(names, i)); i++)
		if (!strcmp(s, name))
			return fl_dt_reg(node, i, addr, size);
	return false;
}

const char *fl_dt_node_label(const struct fl_dt_node *node)
{
	return node && node->labels.n ? node->labels.v[0] : NULL;
}
