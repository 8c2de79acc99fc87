// SPDX-License-Identifier: Apache-2.0
/*
 * Partition Manager YAML (partitions*.yml, pm_static*.yml, regions*.yml) into model
 * partitions and regions, each with the position of its key, through a small bounded
 * tree of libyaml events in which aliases share nodes. Never judges the layout:
 * end_address, overlaps and alignment are for the rules.
 */
#include <string.h>

#include <yaml.h>

#include "flashlint/readers.h"

/* Bounds that keep hostile input linear: billion-laughs documents, deep nesting. */
#define PM_YAML_MAX_DEPTH 32
#define PM_YAML_MAX_ALIASES 10000
#define PM_YAML_MAX_ANCHORS 10000
#define PM_YAML_MAX_NODES 100000

enum pm_yaml_type {
	PM_YAML_SCALAR,
	PM_YAML_SEQ,
	PM_YAML_MAP,
};

struct pm_yaml_node {
	enum pm_yaml_type type;
	const char *str;       /* scalar text, NUL-terminated */
	size_t len;
	bool plain;            /* unquoted scalar: may be a number or null */
	bool incomplete;       /* the stream broke off inside this collection */
	uint32_t line, col;    /* 1-based start */
	FL_VEC(struct pm_yaml_node *) kids; /* a mapping alternates key, value */
};

struct pm_yaml_anchor {
	const char *name;
	struct pm_yaml_node *node;
};

struct pm_yaml_doc {
	struct fl_run *run;
	const char *path;
	const char *data;
	size_t len;
	struct pm_yaml_node *root;
	struct pm_yaml_node *stack[PM_YAML_MAX_DEPTH];
	const char *stack_anchor[PM_YAML_MAX_DEPTH];
	size_t depth;
	struct pm_yaml_anchor *anchors; /* open addressing on the name */
	size_t anchors_cap, anchors_n, anchors_seen;
	size_t nodes, aliases, docs;
	bool broken;           /* the YAML itself is malformed; an INP001 says where */
};

static uint32_t pm_yaml_u32(size_t v)
{
	return v >= UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* libyaml marks are 0-based. */
static void pm_yaml_mark(const yaml_mark_t *m, uint32_t *line, uint32_t *col)
{
	*line = pm_yaml_u32(m->line) + (m->line < UINT32_MAX);
	*col = pm_yaml_u32(m->column) + (m->column < UINT32_MAX);
}

/* FNV-1a, finished with a 64-bit mixer so that a table index depends on every bit
 * of it: names that collide in the low bits alone cannot pile up in one cluster. */
/* ---- building the tree ------------------------------------------------------- */

static void pm_yaml_fail(struct pm_yaml_doc *d, const yaml_mark_t *m, const char *msg)
{
	uint32_t line, col;
	pm_yaml_mark(m, &line, &col);
	fl_inp(d->run, d->path, line, col, "%s", msg);
	d->broken = true;
}

static struct pm_yaml_anchor *pm_yaml_anchor_slot(struct pm_yaml_anchor *tab, size_t cap,
						  const char *name)
{
	size_t i = fl_hash(name, strlen(name)) & (cap - 1);
	while (tab[i].name && strcmp(tab[i].name, name) != 0)
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

/* A later anchor of the same name replaces the earlier one, as YAML specifies.
 * Returns false (reported) past the anchor bound. */
static bool pm_yaml_anchor_set(struct pm_yaml_doc *d, const char *name,
			       struct pm_yaml_node *node, const yaml_mark_t *mark)
{
	if (++d->anchors_seen > PM_YAML_MAX_ANCHORS) {
		pm_yaml_fail(d, mark,
			     "more than 10000 YAML anchors: expected a Partition Manager file of reasonable size");
		return false;
	}
	if (d->anchors_n * 2 >= d->anchors_cap) {
		size_t cap = d->anchors_cap ? d->anchors_cap * 2 : 64;
		struct pm_yaml_anchor *tab = fl_alloc(d->run->arena, cap * sizeof(*tab));
		for (size_t i = 0; i < d->anchors_cap; i++)
			if (d->anchors[i].name)
				*pm_yaml_anchor_slot(tab, cap, d->anchors[i].name) = d->anchors[i];
		d->anchors = tab;
		d->anchors_cap = cap;
	}
	struct pm_yaml_anchor *a = pm_yaml_anchor_slot(d->anchors, d->anchors_cap, name);
	if (!a->name) {
		a->name = name;
		d->anchors_n++;
	}
	a->node = node;
	return true;
}

static struct pm_yaml_node *pm_yaml_anchor_get(const struct pm_yaml_doc *d, const char *name)
{
	if (!d->anchors_cap)
		return NULL;
	return pm_yaml_anchor_slot(d->anchors, d->anchors_cap, name)->node;
}

static const char *pm_yaml_anchor_name(struct pm_yaml_doc *d, const yaml_char_t *a)
{
	return a ? fl_strdup(d->run->arena, (const char *)a) : NULL;
}

static struct pm_yaml_node *pm_yaml_new(struct pm_yaml_doc *d, enum pm_yaml_type type,
					const yaml_event_t *ev)
{
	if (++d->nodes > PM_YAML_MAX_NODES) {
		pm_yaml_fail(d, &ev->start_mark,
			     "more than 100000 YAML nodes: expected a Partition Manager file of reasonable size");
		return NULL;
	}
	struct pm_yaml_node *n = fl_alloc(d->run->arena, sizeof(*n));
	n->type = type;
	pm_yaml_mark(&ev->start_mark, &n->line, &n->col);
	return n;
}

static void pm_yaml_attach(struct pm_yaml_doc *d, struct pm_yaml_node *n)
{
	if (d->depth == 0)
		d->root = n;
	else
		*fl_vec_push(d->run->arena, &d->stack[d->depth - 1]->kids) = n;
}

/* Consume one event. Returns false to stop reading (the error is reported). */
static bool pm_yaml_event(struct pm_yaml_doc *d, const yaml_event_t *ev)
{
	struct pm_yaml_node *n;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++d->docs > 1) {
			pm_yaml_fail(d, &ev->start_mark,
				     "a second YAML document: expected a single Partition Manager mapping");
			return false;
		}
		return true;
	case YAML_SCALAR_EVENT:
		n = pm_yaml_new(d, PM_YAML_SCALAR, ev);
		if (!n)
			return false;
		n->len = ev->data.scalar.length;
		n->str = fl_strndup(d->run->arena, (const char *)ev->data.scalar.value, n->len);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		pm_yaml_attach(d, n);
		return !ev->data.scalar.anchor ||
		       pm_yaml_anchor_set(d, pm_yaml_anchor_name(d, ev->data.scalar.anchor), n,
					  &ev->start_mark);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (d->depth == PM_YAML_MAX_DEPTH) {
			pm_yaml_fail(d, &ev->start_mark,
				     "nesting deeper than 32 levels: expected a flat Partition Manager mapping");
			return false;
		}
		n = pm_yaml_new(d, ev->type == YAML_MAPPING_START_EVENT ? PM_YAML_MAP : PM_YAML_SEQ,
				ev);
		if (!n)
			return false;
		pm_yaml_attach(d, n);
		/* The anchor is bound at the end, so a collection can never contain itself. */
		d->stack_anchor[d->depth] = pm_yaml_anchor_name(
			d, ev->type == YAML_MAPPING_START_EVENT ? ev->data.mapping_start.anchor
								 : ev->data.sequence_start.anchor);
		d->stack[d->depth++] = n;
		return true;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (d->depth == 0)
			return true;
		d->depth--;
		return !d->stack_anchor[d->depth] ||
		       pm_yaml_anchor_set(d, d->stack_anchor[d->depth], d->stack[d->depth],
					  &ev->start_mark);
	case YAML_ALIAS_EVENT:
		if (++d->aliases > PM_YAML_MAX_ALIASES) {
			pm_yaml_fail(d, &ev->start_mark,
				     "more than 10000 YAML aliases: expected a Partition Manager file of reasonable size");
			return false;
		}
		n = pm_yaml_anchor_get(d, (const char *)ev->data.alias.anchor);
		if (!n) {
			uint32_t line, col;
			pm_yaml_mark(&ev->start_mark, &line, &col);
			fl_inp(d->run, d->path, line, col,
			       "unknown alias '*%s': expected an anchor defined earlier in the file",
			       (const char *)ev->data.alias.anchor);
			d->broken = true;
			return false;
		}
		pm_yaml_attach(d, n);
		return true;
	default:
		return true;
	}
}

/* Line and column of byte offset off (1-based). */
static void pm_yaml_offset_pos(const struct pm_yaml_doc *d, size_t off, uint32_t *line,
			       uint32_t *col)
{
	const char *s = d->data, *end = d->data + off, *bol = s, *nl;
	*line = 1;
	while ((nl = memchr(s, '\n', (size_t)(end - s)))) {
		if (*line < UINT32_MAX)
			(*line)++;
		s = bol = nl + 1;
	}
	*col = pm_yaml_u32((size_t)(end - bol) + 1);
}

static void pm_yaml_syntax_error(struct pm_yaml_doc *d, const yaml_parser_t *p)
{
	uint32_t line = 0, col = 0;
	if (p->error == YAML_READER_ERROR) {
		/* Encoding errors carry a byte offset, not a mark. */
		pm_yaml_offset_pos(d, p->problem_offset < d->len ? p->problem_offset : d->len,
				   &line, &col);
	} else if (p->error != YAML_MEMORY_ERROR) {
		pm_yaml_mark(&p->problem_mark, &line, &col);
		/* At the end of the stream libyaml's mark sits on a line after the last
		 * one; point at the file's last character instead, where it was cut. */
		if (p->problem_mark.index >= d->len && d->len) {
			size_t off = d->len - 1;
			while (off > 0 && (d->data[off] == '\n' || d->data[off] == '\r'))
				off--;
			pm_yaml_offset_pos(d, off, &line, &col);
		}
	}
	const char *problem = p->problem ? p->problem : "out of memory";
	if (p->context)
		fl_inp(d->run, d->path, line, col, "invalid YAML: %s (%s)", problem, p->context);
	else
		fl_inp(d->run, d->path, line, col, "invalid YAML: %s", problem);
	d->broken = true;
}

static void pm_yaml_load(struct pm_yaml_doc *d)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		fl_inp(d->run, d->path, 0, 0, "cannot read the file: libyaml is out of memory");
		d->broken = true;
		return;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)d->data, d->len);
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			pm_yaml_syntax_error(d, &parser);
			goto out;
		}
		bool more = ev.type != YAML_STREAM_END_EVENT && pm_yaml_event(d, &ev);
		yaml_event_delete(&ev);
		if (!more)
			goto out;
	}
out:
	/* Whatever was open when the stream broke off is not to be trusted. */
	for (size_t i = 0; i < d->depth; i++)
		d->stack[i]->incomplete = true;
	yaml_parser_delete(&parser);
}

/* ---- reading values ------------------------------------------------------------ */

static bool pm_yaml_is_null(const struct pm_yaml_node *n)
{
	return n->type == PM_YAML_SCALAR && n->plain &&
	       (n->len == 0 || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
		!strcmp(n->str, "Null") || !strcmp(n->str, "NULL"));
}

static const char *pm_yaml_kind_name(const struct pm_yaml_node *n)
{
	return n->type == PM_YAML_MAP ? "a mapping" : n->type == PM_YAML_SEQ ? "a list" : "a string";
}

/* What is being read, for messages: "partition 'app'" or "region 'otp'". */
struct pm_yaml_item {
	struct pm_yaml_doc *d;
	const char *what;
	const char *name;
	bool bad;
};

/* A scalar for a message; long ones are cut, the position says where the rest is. */
static const char *pm_yaml_show(struct fl_run *run, const struct pm_yaml_node *v)
{
	if (v->len <= 40)
		return v->str;
	return fl_printf(run->arena, "%.40s...", v->str);
}

enum pm_yaml_int {
	PM_YAML_INT_OK,
	PM_YAML_INT_JUNK,
	PM_YAML_INT_NEGATIVE,
	PM_YAML_INT_RANGE,
};

/* A YAML 1.1 integer as Partition Manager's PyYAML reads it: optional sign, 0x, 0o,
 * 0b or a leading 0 (octal), '_' separators. */
static enum pm_yaml_int pm_yaml_parse_int(const char *s, size_t n, uint64_t *out)
{
	bool neg = false;
	if (n && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		s++;
		n--;
	}
	unsigned base = 10;
	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, s += 2, n -= 2;
	else if (n > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O'))
		base = 8, s += 2, n -= 2;
	else if (n > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
		base = 2, s += 2, n -= 2;
	else if (n > 1 && s[0] == '0')
		base = 8;
	uint64_t v = 0;
	bool digits = false, range = false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '_')
			continue;
		unsigned dg = (unsigned)fl_hex_digit((unsigned char)s[i]);
		if (dg >= base)
			return PM_YAML_INT_JUNK;
		digits = true;
		if (__builtin_mul_overflow(v, base, &v) || __builtin_add_overflow(v, dg, &v))
			range = true;
	}
	if (!digits)
		return PM_YAML_INT_JUNK;
	if (neg && (range || v != 0))
		return PM_YAML_INT_NEGATIVE;
	if (range)
		return PM_YAML_INT_RANGE;
	*out = v;
	return PM_YAML_INT_OK;
}

static bool pm_yaml_u64(struct pm_yaml_item *it, const char *key,
			const struct pm_yaml_node *v, uint64_t *out)
{
	struct fl_run *run = it->d->run;
	const char *path = it->d->path;
	enum pm_yaml_int r = PM_YAML_INT_JUNK;
	if (v->type != PM_YAML_SCALAR)
		fl_inp(run, path, v->line, v->col, "%s '%s': '%s' is %s: expected an integer",
		       it->what, it->name, key, pm_yaml_kind_name(v));
	else if (pm_yaml_is_null(v))
		fl_inp(run, path, v->line, v->col, "%s '%s': '%s' is empty: expected an integer",
		       it->what, it->name, key);
	else if (!v->plain)
		fl_inp(run, path, v->line, v->col,
		       "%s '%s': '%s' is the quoted string '%s': expected an unquoted integer",
		       it->what, it->name, key, pm_yaml_show(run, v));
	else if ((r = pm_yaml_parse_int(v->str, v->len, out)) == PM_YAML_INT_NEGATIVE)
		fl_inp(run, path, v->line, v->col,
		       "%s '%s': '%s' is negative (%s): expected an integer from 0 to 2^64-1",
		       it->what, it->name, key, pm_yaml_show(run, v));
	else if (r == PM_YAML_INT_RANGE)
		fl_inp(run, path, v->line, v->col,
		       "%s '%s': '%s' %s does not fit in 64 bits: expected at most 0xffffffffffffffff",
		       it->what, it->name, key, pm_yaml_show(run, v));
	else if (r == PM_YAML_INT_JUNK)
		fl_inp(run, path, v->line, v->col,
		       "%s '%s': '%s' is '%s': expected an integer (decimal or 0x hex)", it->what,
		       it->name, key, pm_yaml_show(run, v));
	if (r == PM_YAML_INT_OK)
		return true;
	it->bad = true;
	return false;
}

static const char *pm_yaml_str(struct pm_yaml_item *it, const char *key,
			       const struct pm_yaml_node *v)
{
	if (v->type != PM_YAML_SCALAR) {
		fl_inp(it->d->run, it->d->path, v->line, v->col,
		       "%s '%s': '%s' is %s: expected a name", it->what, it->name, key,
		       pm_yaml_kind_name(v));
		it->bad = true;
		return NULL;
	}
	return pm_yaml_is_null(v) ? NULL : v->str;
}

static bool pm_yaml_span_name(struct pm_yaml_item *it, struct fl_partition *p,
			      const struct pm_yaml_node *v)
{
	if (v->type != PM_YAML_SCALAR || pm_yaml_is_null(v))
		return false;
	*fl_vec_push(it->d->run->arena, &p->span) = v->str;
	return true;
}

/* span: [a, b], span: a, or span: {one_of: [a, b]} (the names are what matter). */
static void pm_yaml_span(struct pm_yaml_item *it, struct fl_partition *p,
			 const struct pm_yaml_node *v)
{
	p->span.n = 0;
	if (pm_yaml_is_null(v))
		return;
	if (v->type == PM_YAML_MAP && v->kids.n == 2 && v->kids.v[0]->type == PM_YAML_SCALAR &&
	    !strcmp(v->kids.v[0]->str, "one_of"))
		v = v->kids.v[1];
	if (v->incomplete || pm_yaml_is_null(v))
		return;
	if (v->type == PM_YAML_SCALAR) {
		pm_yaml_span_name(it, p, v);
		return;
	}
	if (v->type == PM_YAML_SEQ) {
		/* An index loop: `span: []` has no storage, and NULL + 0 is undefined. */
		for (size_t i = 0; i < v->kids.n; i++) {
			const struct pm_yaml_node *kid = v->kids.v[i];
			if (!pm_yaml_span_name(it, p, kid)) {
				fl_inp(it->d->run, it->d->path, kid->line, kid->col,
				       "%s '%s': span entry is %s: expected a partition name",
				       it->what, it->name,
				       pm_yaml_is_null(kid) ? "empty" : pm_yaml_kind_name(kid));
				it->bad = true;
				return;
			}
		}
		return;
	}
	fl_inp(it->d->run, it->d->path, v->line, v->col,
	       "%s '%s': span is %s: expected a list of partition names, a name or {one_of: [...]}",
	       it->what, it->name, pm_yaml_kind_name(v));
	it->bad = true;
}

/* ---- partitions and regions ----------------------------------------------------- */

/* Names already read from this file, to find duplicate keys without a quadratic
 * search. */
struct pm_yaml_seen {
	const char *name;
	size_t idx;
};

struct pm_yaml_names {
	struct pm_yaml_seen *tab;
	size_t cap, n;
};

static struct pm_yaml_seen *pm_yaml_seen_slot(struct pm_yaml_seen *tab, size_t cap,
					      const char *name)
{
	size_t i = fl_hash(name, strlen(name)) & (cap - 1);
	while (tab[i].name && strcmp(tab[i].name, name) != 0)
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

/* The index recorded for `name`, or SIZE_MAX after recording `idx` for it. */
static size_t pm_yaml_seen(struct fl_arena *a, struct pm_yaml_names *h, const char *name,
			   size_t idx)
{
	if (h->n * 2 >= h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		struct pm_yaml_seen *tab = fl_alloc(a, cap * sizeof(*tab));
		for (size_t i = 0; i < h->cap; i++)
			if (h->tab[i].name)
				*pm_yaml_seen_slot(tab, cap, h->tab[i].name) = h->tab[i];
		h->tab = tab;
		h->cap = cap;
	}
	struct pm_yaml_seen *e = pm_yaml_seen_slot(h->tab, h->cap, name);
	if (e->name)
		return e->idx;
	e->name = name;
	e->idx = idx;
	h->n++;
	return SIZE_MAX;
}

static bool pm_yaml_key_is(const struct pm_yaml_node *k, const char *s)
{
	return k->type == PM_YAML_SCALAR && !strcmp(k->str, s);
}

static bool pm_yaml_end_ok(struct pm_yaml_item *it, uint64_t addr, uint64_t size,
			   const struct pm_yaml_node *size_node)
{
	uint64_t end;
	if (fl_add_ok(addr, size, &end))
		return true;
	fl_inp(it->d->run, it->d->path, size_node->line, size_node->col,
	       "%s '%s': address 0x%llx + size 0x%llx wraps past 2^64: expected an end at most 0xffffffffffffffff",
	       it->what, it->name, (unsigned long long)addr, (unsigned long long)size);
	it->bad = true;
	return false;
}

static bool pm_yaml_has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

static bool pm_yaml_partition(struct pm_yaml_doc *d, const struct pm_yaml_node *key,
			      const struct pm_yaml_node *val, bool is_static,
			      struct fl_partition *p)
{
	struct pm_yaml_item it = { d, "partition", key->str, false };
	const struct pm_yaml_node *addr = NULL, *size = NULL;
	memset(p, 0, sizeof(*p));
	p->name = key->str;
	p->pos = (struct fl_pos){ d->path, key->line, key->col };
	for (size_t i = 0; i + 1 < val->kids.n; i += 2) {
		const struct pm_yaml_node *k = val->kids.v[i], *v = val->kids.v[i + 1];
		if (pm_yaml_key_is(k, "address")) {
			if (pm_yaml_u64(&it, "address", v, &p->address))
				addr = v;
		} else if (pm_yaml_key_is(k, "size")) {
			if (pm_yaml_u64(&it, "size", v, &p->size))
				size = v;
		} else if (pm_yaml_key_is(k, "end_address")) {
			p->has_end = pm_yaml_u64(&it, "end_address", v, &p->end_address);
		} else if (pm_yaml_key_is(k, "region")) {
			p->region = pm_yaml_str(&it, "region", v);
		} else if (pm_yaml_key_is(k, "device")) {
			p->device = pm_yaml_str(&it, "device", v);
		} else if (pm_yaml_key_is(k, "span")) {
			pm_yaml_span(&it, p, v);
		}
		/* placement, inside, share_size, orig_span, align, affiliation, sharers,
		 * extra_params, ...: layout requests, not results; nothing to keep. */
	}
	if (it.bad)
		return false;
	bool need = !is_static || p->span.n == 0;
	if (need && (!addr || !size)) {
		fl_inp(d->run, d->path, key->line, key->col,
		       "partition '%s' has no '%s': expected both address and size%s", key->str,
		       !addr ? "address" : "size", is_static ? " (or a span)" : "");
		return false;
	}
	if (addr && size && !pm_yaml_end_ok(&it, p->address, p->size, size))
		return false;
	p->has_address = addr != NULL;
	p->has_size = size != NULL;
	if (!p->region)
		p->region = pm_yaml_has_suffix(p->name, "_sram") ? "sram_primary" : "flash_primary";
	return true;
}

static bool pm_yaml_region(struct pm_yaml_doc *d, const struct pm_yaml_node *key,
			   const struct pm_yaml_node *val, struct fl_pm_region *r)
{
	struct pm_yaml_item it = { d, "region", key->str, false };
	const struct pm_yaml_node *base = NULL, *size = NULL;
	memset(r, 0, sizeof(*r));
	r->name = key->str;
	r->pos = (struct fl_pos){ d->path, key->line, key->col };
	for (size_t i = 0; i + 1 < val->kids.n; i += 2) {
		const struct pm_yaml_node *k = val->kids.v[i], *v = val->kids.v[i + 1];
		if (pm_yaml_key_is(k, "base_address")) {
			if (pm_yaml_u64(&it, "base_address", v, &r->base))
				base = v;
		} else if (pm_yaml_key_is(k, "size")) {
			if (pm_yaml_u64(&it, "size", v, &r->size))
				size = v;
		} else if (pm_yaml_key_is(k, "placement_strategy")) {
			r->placement = pm_yaml_str(&it, "placement_strategy", v);
		} else if (pm_yaml_key_is(k, "device")) {
			/* '' in regions.yml means "no device", and stays "". */
			r->device = pm_yaml_str(&it, "device", v);
		} else if (pm_yaml_key_is(k, "default_driver_kconfig")) {
			r->default_driver_kconfig = pm_yaml_str(&it, "default_driver_kconfig", v);
		}
		/* name repeats the key; dynamic_partition only steers placement. */
	}
	if (it.bad)
		return false;
	if (!base || !size) {
		fl_inp(d->run, d->path, key->line, key->col,
		       "region '%s' has no '%s': expected both base_address and size", key->str,
		       !base ? "base_address" : "size");
		return false;
	}
	return pm_yaml_end_ok(&it, r->base, r->size, size);
}

static void pm_yaml_duplicate(struct pm_yaml_doc *d, const struct pm_yaml_node *key,
			      uint32_t first_line)
{
	fl_inp(d->run, d->path, key->line, key->col,
	       "duplicate key '%s' (also on line %u): expected each name once; the later entry is used",
	       key->str, (unsigned)first_line);
}

static void pm_yaml_read_root(struct pm_yaml_doc *d, struct fl_model *m,
			      enum fl_input_kind kind, const char *domain)
{
	const struct pm_yaml_node *root = d->root;
	struct pm_yaml_names seen = { 0 };
	bool is_static = kind == FL_IN_PM_STATIC;

	for (size_t i = 0; i + 1 < root->kids.n; i += 2) {
		const struct pm_yaml_node *key = root->kids.v[i], *val = root->kids.v[i + 1];
		if (key->type != PM_YAML_SCALAR || pm_yaml_is_null(key)) {
			fl_inp(d->run, d->path, key->line, key->col,
			       "top-level key is %s: expected a %s name",
			       pm_yaml_is_null(key) ? "empty" : pm_yaml_kind_name(key),
			       kind == FL_IN_PM_REGIONS ? "region" : "partition");
			continue;
		}
		if (val->incomplete)
			continue; /* the syntax error inside it is already reported */
		if (val->type != PM_YAML_MAP) {
			fl_inp(d->run, d->path, val->line, val->col,
			       "%s '%s' is %s: expected a mapping of its %s",
			       kind == FL_IN_PM_REGIONS ? "region" : "partition", key->str,
			       pm_yaml_is_null(val) ? "empty" : pm_yaml_kind_name(val),
			       kind == FL_IN_PM_REGIONS ? "base_address, size, device, ..."
							: "address, size, region, ...");
			continue;
		}
		if (kind == FL_IN_PM_REGIONS) {
			struct fl_pm_region r;
			if (!pm_yaml_region(d, key, val, &r))
				continue;
			r.domain = domain;
			size_t dup = pm_yaml_seen(d->run->arena, &seen, r.name, m->pm_regions.n);
			if (dup != SIZE_MAX) {
				pm_yaml_duplicate(d, key, m->pm_regions.v[dup].pos.line);
				m->pm_regions.v[dup] = r;
				continue;
			}
			*fl_vec_push(d->run->arena, &m->pm_regions) = r;
		} else {
			struct fl_partition p;
			if (!pm_yaml_partition(d, key, val, is_static, &p))
				continue;
			p.domain = domain;
			p.from_static = is_static;
			/* Two vectors of distinct (anonymous) types: pick by hand. */
			struct fl_partition *v = is_static ? m->static_partitions.v : m->partitions.v;
			size_t n = is_static ? m->static_partitions.n : m->partitions.n;
			size_t dup = pm_yaml_seen(d->run->arena, &seen, p.name, n);
			if (dup != SIZE_MAX) {
				pm_yaml_duplicate(d, key, v[dup].pos.line);
				v[dup] = p;
			} else if (is_static) {
				*fl_vec_push(d->run->arena, &m->static_partitions) = p;
			} else {
				*fl_vec_push(d->run->arena, &m->partitions) = p;
			}
		}
	}
}

int fl_pm_read(struct fl_run *run, struct fl_model *m, const char *path,
	       enum fl_input_kind kind, const char *domain)
{
	if (kind != FL_IN_PM_PARTITIONS && kind != FL_IN_PM_STATIC && kind != FL_IN_PM_REGIONS)
		return -FL_EUSAGE;
	struct pm_yaml_doc d = { .run = run };
	d.path = fl_strdup(run->arena, path);
	if (domain)
		domain = fl_strdup(run->arena, domain);
	struct fl_buf buf;
	int err = fl_buf_read(path, &buf, run->cfg.max_input);
	if (err) {
		fl_inp(run, d.path, 0, 0, "cannot read the file: %s", fl_input_strerror(err));
		return -FL_EIO;
	}
	int rc = 0;
	d.data = buf.data;
	d.len = buf.len;
	uint32_t marker = fl_conflict_marker(buf.data, buf.len);
	if (marker) {
		fl_inp(run, d.path, marker, 1,
		       "a merge-conflict marker: Partition Manager writes no such line (the file was merged by hand?)");
		rc = -FL_EFORMAT;
		goto out;
	}
	if (buf.len > 0)
		pm_yaml_load(&d);
	if (!d.root || (pm_yaml_is_null(d.root) && !d.broken)) {
		if (!d.broken)
			fl_inp(run, d.path, 1, 0,
			       "empty file: expected a Partition Manager YAML mapping");
		rc = -FL_EFORMAT;
		goto out;
	}
	if (d.root->type != PM_YAML_MAP) {
		fl_inp(run, d.path, d.root->line, d.root->col,
		       "the document is %s: expected a mapping of %s names at the top level",
		       pm_yaml_kind_name(d.root), kind == FL_IN_PM_REGIONS ? "region" : "partition");
		rc = -FL_EFORMAT;
		goto out;
	}
	pm_yaml_read_root(&d, m, kind, domain);
	if (d.broken)
		rc = -FL_EFORMAT;
out:
	fl_buf_close(&buf);
	return rc;
}
