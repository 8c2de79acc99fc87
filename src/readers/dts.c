// SPDX-License-Identifier: Apache-2.0
/*
 * Devicetree source reader (zephyr/zephyr.dts, dtc syntax as Zephyr's dtlib writes
 * it). One recursive-descent pass over the buffer; nodes defined twice are merged,
 * /delete-node/ and /delete-property/ are applied, and references are checked once
 * the whole file is read. Never reads bindings: what a property means is for the
 * look-ups on the tree (src/model/dt.c) and the rules.
 */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include "flashlint/dts.h"

/* Bounds that keep hostile input linear in time and memory. */
#define DTS_MAX_DEPTH 256      /* node levels below the root */
#define DTS_MAX_EXPR_DEPTH 256 /* nested parentheses, unary operators, ?: */
#define DTS_MAX_PATH 1024      /* bytes of a node path */
#define DTS_SCAN_MAX 16         /* children or properties of a node found by a scan; the
				  table indexes the nodes that have more */
#define DTS_TAB_MIN 256

struct dts_mark {
	uint32_t line, col;
};

/* A reference as stored in the tree (the tree holds s), with where it was written,
 * so that an unknown one can be reported once the whole file is read. */
struct dts_ref {
	struct dts_mark at;
	char s[];
};

/* A label seen before a node, not yet attached (it points into the buffer). */
struct dts_label {
	const char *s;
	size_t len;
	struct dts_mark at;
};

enum dts_kind {
	DTS_FREE = 0,
	DTS_CHILD, /* (parent, name) -> index in parent->children */
	DTS_PROP,  /* (node, name) -> index in node->props */
	DTS_LABEL, /* (NULL, label) -> node */
};

/* One slot of the open-addressing name table used while parsing: every label, and
 * the children and properties of nodes with more than DTS_SCAN_MAX of them. Slots
 * are never removed. While parsing, a deleted child stays in its parent's vector
 * with its parent cleared, a deleted property with its value set to &dts_gone, so
 * that a later definition of the same name takes its place; dts_compact() drops
 * both before the tree is handed out. */
struct dts_slot {
	uint64_t h;
	const void *owner;
	const char *name;        /* NUL-terminated, in the arena */
	size_t len;
	size_t idx;              /* DTS_CHILD, DTS_PROP */
	struct fl_dt_node *node; /* DTS_LABEL */
	enum dts_kind kind;
};

static struct fl_dt_piece dts_gone;

struct dts {
	struct fl_run *run;
	struct fl_dt *dt;
	const char *file;
	const char *p, *end; /* cursor, end of the buffer */
	const char *bol;     /* start of the current line */
	uint32_t line;
	bool failed;         /* a syntax error was reported: stop */
	bool plugin;         /* /plugin/: unresolved references are fixups, not errors */
	unsigned edepth;     /* expression nesting */
	struct dts_slot *tab;
	size_t tab_cap, tab_n;
	/* scratch, reused for every value */
	FL_VEC(struct fl_dt_cell) cells;
	FL_VEC(uint8_t) bytes;
	FL_VEC(struct fl_dt_piece) pieces;
	FL_VEC(struct dts_label) labels;
};

/* ---- characters and positions ----------------------------------------------------- */

enum {
	DTS_C_LABEL = 1, /* labels and references: [A-Za-z0-9_] */
	DTS_C_NAME = 2,  /* node and property names (dtc's PROPNODECHAR) */
	DTS_C_PATH = 4,  /* names and '/' */
};

#define DTS_C_ALL (DTS_C_LABEL | DTS_C_NAME | DTS_C_PATH)
static const uint8_t dts_class[256] = {
	['a' ... 'z'] = DTS_C_ALL, ['A' ... 'Z'] = DTS_C_ALL, ['0' ... '9'] = DTS_C_ALL,
	['_'] = DTS_C_ALL,
	[','] = DTS_C_NAME | DTS_C_PATH, ['.'] = DTS_C_NAME | DTS_C_PATH,
	['+'] = DTS_C_NAME | DTS_C_PATH, ['*'] = DTS_C_NAME | DTS_C_PATH,
	['#'] = DTS_C_NAME | DTS_C_PATH, ['?'] = DTS_C_NAME | DTS_C_PATH,
	['@'] = DTS_C_NAME | DTS_C_PATH, ['-'] = DTS_C_NAME | DTS_C_PATH,
	['/'] = DTS_C_PATH,
};

static bool dts_is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool dts_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static struct dts_mark dts_here(const struct dts *d)
{
	size_t col = (size_t)(d->p - d->bol);
	return (struct dts_mark){ d->line, col >= UINT32_MAX ? UINT32_MAX : (uint32_t)col + 1 };
}

static void dts_newline(struct dts *d, const char *after)
{
	if (d->line < UINT32_MAX)
		d->line++;
	d->bol = after;
}

/* Length of the run of characters of class `cls` at s. */
static size_t dts_run(const struct dts *d, const char *s, unsigned cls)
{
	const char *q = s;
	while (q < d->end && (dts_class[(unsigned char)*q] & cls))
		q++;
	return (size_t)(q - s);
}

/* What the cursor is on, for "found ..." in messages. */
static const char *dts_found(const struct dts *d)
{
	struct fl_arena *a = d->run->arena;
	if (d->p >= d->end)
		return "the end of the file";
	unsigned char c = (unsigned char)*d->p;
	size_t n = dts_run(d, d->p, DTS_C_NAME);
	if (n > 0)
		return n > 40 ? fl_printf(a, "'%.40s...'", d->p) : fl_printf(a, "'%.*s'", (int)n, d->p);
	if (c == '"')
		return "a string";
	if (c == '\'')
		return "a character literal";
	if (c >= 0x20 && c < 0x7f)
		return fl_printf(a, "'%c'", c);
	if (c == '\0')
		return "a NUL byte";
	return fl_printf(a, "byte 0x%02x", c);
}

static void dts_fail(struct dts *d, struct dts_mark at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void dts_fail(struct dts *d, struct dts_mark at, const char *fmt, ...)
{
	if (d->failed)
		return;
	d->failed = true;
	va_list ap;
	va_start(ap, fmt);
	const char *msg = fl_vprintf(d->run->arena, fmt, ap);
	va_end(ap);
	fl_inp(d->run, d->file, at.line, at.col, "%s", msg);
}

/* A block comment (cursor on its slash). */
static bool dts_comment(struct dts *d)
{
	struct dts_mark open = dts_here(d);
	const char *body = d->p + 2;
	const char *close = memmem(body, (size_t)(d->end - body), "*/", 2);
	const char *stop = close ? close : d->end;
	const char *nul = memchr(body, '\0', (size_t)(stop - body));
	if (nul)
		stop = nul;
	for (const char *q = body; (q = memchr(q, '\n', (size_t)(stop - q))); q++)
		dts_newline(d, q + 1);
	d->p = stop;
	if (nul) {
		dts_fail(d, dts_here(d), "NUL byte in a comment: expected devicetree source text");
		return false;
	}
	if (!close) {
		dts_fail(d, open, "unterminated comment: expected '*/' before the end of the file");
		return false;
	}
	d->p += 2;
	return true;
}

/* Skip blanks, newlines and comments. False (with an INP001) on an unterminated
 * comment or a NUL byte. */
static bool dts_skip(struct dts *d)
{
	while (d->p < d->end) {
		switch (*d->p) {
		case ' ': case '\t': case '\r': case '\f': case '\v':
			d->p++;
			break;
		case '\n':
			d->p++;
			dts_newline(d, d->p);
			break;
		case '/':
			if (d->end - d->p < 2)
				return true;
			if (d->p[1] == '/') {
				const char *nl = memchr(d->p, '\n', (size_t)(d->end - d->p));
				d->p = nl ? nl : d->end;
				break;
			}
			if (d->p[1] != '*')
				return true;
			if (!dts_comment(d))
				return false;
			break;
		case '\0':
			dts_fail(d, dts_here(d), "NUL byte: expected devicetree source text");
			return false;
		default:
			return true;
		}
	}
	return true;
}

/* Skip, then true when the cursor is on c (not consumed). */
static bool dts_at(struct dts *d, char c)
{
	return dts_skip(d) && d->p < d->end && *d->p == c;
}

/* Skip, then consume c or fail with "expected <what>, found ...". */
static bool dts_expect(struct dts *d, char c, const char *what)
{
	if (!dts_skip(d))
		return false;
	if (d->p < d->end && *d->p == c) {
		d->p++;
		return true;
	}
	dts_fail(d, dts_here(d), "expected %s, found %s", what, dts_found(d));
	return false;
}

/* "/name/" at the cursor: the directive's name and length, cursor unmoved. */
static bool dts_directive(const struct dts *d, const char **name, size_t *len)
{
	const char *q = d->p + 1;
	if (d->p >= d->end || *d->p != '/' || q >= d->end || !(dts_is_alpha(*q) || *q == '-'))
		return false;
	while (q < d->end && (dts_is_alpha(*q) || dts_is_digit(*q) || *q == '-'))
		q++;
	if (q >= d->end || *q != '/')
		return false;
	*name = d->p + 1;
	*len = (size_t)(q - d->p - 1);
	return true;
}

static bool dts_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(s, word, len) == 0;
}

/* A name that is a C preprocessor line rather than a property ("#include"). */
static bool dts_is_cpp(const char *s, size_t len)
{
	static const char *const words[] = {
		"#",      "#include", "#define", "#undef", "#if",   "#ifdef",   "#ifndef",
		"#elif",  "#else",    "#endif",  "#line",  "#error", "#warning", "#pragma",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (dts_is(s, len, words[i]))
			return true;
	return len > 1 && dts_is_digit(s[1]);
}

static void dts_fail_cpp(struct dts *d, const char *s, size_t len)
{
	dts_fail(d, dts_here(d),
		 "preprocessor line '%.*s': expected a preprocessed devicetree (zephyr/zephyr.dts as the build writes it)",
		 (int)(len > 40 ? 40 : len), s);
}

/* ---- the name table ------------------------------------------------------------ */

static uint64_t dts_key(enum dts_kind kind, const void *owner, const char *name, size_t len)
{
	uint64_t h = fl_hash(name, len) ^ (((uint64_t)(uintptr_t)owner + kind) * 0x9e3779b97f4a7c15u);
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9u;
	return h ^ (h >> 29);
}

/* The slot holding the key, or the free slot where it goes. */
static struct dts_slot *dts_slot(const struct dts *d, enum dts_kind kind, const void *owner,
				 const char *name, size_t len, uint64_t h)
{
	size_t mask = d->tab_cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct dts_slot *s = &d->tab[i];
		if (s->kind == DTS_FREE)
			return s;
		if (s->h == h && s->kind == kind && s->owner == owner && s->len == len &&
		    memcmp(s->name, name, len) == 0)
			return s;
	}
}

static struct dts_slot *dts_find(const struct dts *d, enum dts_kind kind, const void *owner,
				 const char *name, size_t len)
{
	struct dts_slot *s = dts_slot(d, kind, owner, name, len, dts_key(kind, owner, name, len));
	return s->kind == DTS_FREE ? NULL : s;
}

/* Room for one more key (load at most one half); call before dts_slot() inserts. */
static void dts_reserve(struct dts *d)
{
	if ((d->tab_n + 1) * 2 <= d->tab_cap)
		return;
	size_t cap = d->tab_cap ? d->tab_cap * 2 : DTS_TAB_MIN;
	struct dts_slot *old = d->tab;
	size_t old_cap = d->tab_cap;
	d->tab = fl_alloc(d->run->arena, cap * sizeof(*d->tab));
	d->tab_cap = cap;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].kind != DTS_FREE)
			*dts_slot(d, old[i].kind, old[i].owner, old[i].name, old[i].len, old[i].h) =
				old[i];
}

/* Still in the tree: not under a deleted node (whose parent is cleared). */
static bool dts_live(const struct dts *d, const struct fl_dt_node *n)
{
	while (n->parent)
		n = n->parent;
	return n == d->dt->root;
}

/* Put an entry of a node's children or properties into the table. */
static void dts_index(struct dts *d, enum dts_kind kind, const void *owner, const char *name,
		      size_t idx)
{
	size_t len = strlen(name);
	dts_reserve(d);
	uint64_t h = dts_key(kind, owner, name, len);
	*dts_slot(d, kind, owner, name, len, h) = (struct dts_slot){
		.h = h, .owner = owner, .name = name, .len = len, .idx = idx, .kind = kind };
	d->tab_n++;
}

static bool dts_name_is(const char *s, const char *name, size_t len)
{
	return s[0] == name[0] && strncmp(s, name, len) == 0 && s[len] == '\0';
}

/* Index of the child `name` of parent, live or deleted; SIZE_MAX when none. */
static size_t dts_child_idx(const struct dts *d, const struct fl_dt_node *parent,
			    const char *name, size_t len)
{
	if (parent->children.n > DTS_SCAN_MAX) {
		const struct dts_slot *s = dts_find(d, DTS_CHILD, parent, name, len);
		return s ? s->idx : SIZE_MAX;
	}
	for (size_t i = 0; i < parent->children.n; i++)
		if (dts_name_is(parent->children.v[i]->name, name, len))
			return i;
	return SIZE_MAX;
}

/* Index of the property `name` of n, live or deleted; SIZE_MAX when none. */
static size_t dts_prop_idx(const struct dts *d, const struct fl_dt_node *n, const char *name,
			   size_t len)
{
	if (n->props.n > DTS_SCAN_MAX) {
		const struct dts_slot *s = dts_find(d, DTS_PROP, n, name, len);
		return s ? s->idx : SIZE_MAX;
	}
	for (size_t i = 0; i < n->props.n; i++)
		if (dts_name_is(n->props.v[i].name, name, len))
			return i;
	return SIZE_MAX;
}

/* The live child `name` of parent, or NULL. */
static struct fl_dt_node *dts_child_of(const struct dts *d, const struct fl_dt_node *parent,
				       const char *name, size_t len)
{
	size_t i = dts_child_idx(d, parent, name, len);
	return i != SIZE_MAX && parent->children.v[i]->parent ? parent->children.v[i] : NULL;
}

/* The node a reference names while parsing: a label, or an exact absolute path (as
 * dtc resolves them). NULL when there is none. */
static struct fl_dt_node *dts_lookup(const struct dts *d, const char *ref)
{
	if (ref[0] != '/') {
		const struct dts_slot *s = dts_find(d, DTS_LABEL, NULL, ref, strlen(ref));
		return s && dts_live(d, s->node) ? s->node : NULL;
	}
	struct fl_dt_node *n = d->dt->root;
	for (const char *c = ref; n && *c;) {
		while (*c == '/')
			c++;
		size_t len = strcspn(c, "/");
		if (len)
			n = dts_child_of(d, n, c, len);
		c += len;
	}
	return n;
}

/* ---- building the tree -------------------------------------------------------- */

static struct fl_dt_node *dts_new_node(struct dts *d, const char *name, const char *path,
				       struct fl_dt_node *parent, struct dts_mark at)
{
	struct fl_dt_node *n = fl_alloc(d->run->arena, sizeof(*n));
	n->name = name;
	n->path = path;
	const char *at_sign = strchr(name, '@');
	n->unit = at_sign ? at_sign + 1 : NULL;
	n->parent = parent;
	n->pos = (struct fl_pos){ d->file, at.line, at.col };
	return n;
}

/* The child `name` of parent: the existing one (a later definition merges into
 * it) or a new one. NULL (with an INP001) when its path would be too long. */
static struct fl_dt_node *dts_child(struct dts *d, struct fl_dt_node *parent, const char *name,
				    size_t len, struct dts_mark at)
{
	size_t idx = dts_child_idx(d, parent, name, len);
	struct fl_dt_node *old = idx != SIZE_MAX ? parent->children.v[idx] : NULL;
	if (old && old->parent)
		return old;
	size_t plen = parent->parent ? strlen(parent->path) : 0;
	if (len > DTS_MAX_PATH || plen + 1 + len > DTS_MAX_PATH) {
		dts_fail(d, at, "node '%.*s' has a path longer than %d bytes", (int)(len > 40 ? 40 : len),
			 name, DTS_MAX_PATH);
		return NULL;
	}
	char *path = fl_alloc(d->run->arena, plen + len + 2);
	memcpy(path, parent->path, plen);
	path[plen] = '/';
	memcpy(path + plen + 1, name, len);
	const char *nm = old ? old->name : fl_strndup(d->run->arena, name, len);
	struct fl_dt_node *n = dts_new_node(d, nm, path, parent, at);
	if (old) {
		parent->children.v[idx] = n; /* the place of a deleted namesake */
		return n;
	}
	*fl_vec_push(d->run->arena, &parent->children) = n;
	size_t cn = parent->children.n;
	for (size_t i = cn == DTS_SCAN_MAX + 1 ? 0 : cn - 1; cn > DTS_SCAN_MAX && i < cn; i++)
		dts_index(d, DTS_CHILD, parent, parent->children.v[i]->name, i);
	return n;
}

static void dts_delete_node(struct fl_dt_node *n)
{
	n->parent = NULL;
}

static void dts_add_label(struct dts *d, struct fl_dt_node *n, const struct dts_label *l)
{
	dts_reserve(d);
	uint64_t h = dts_key(DTS_LABEL, NULL, l->s, l->len);
	struct dts_slot *s = dts_slot(d, DTS_LABEL, NULL, l->s, l->len, h);
	if (s->kind != DTS_FREE) {
		if (s->node == n)
			return;
		if (dts_live(d, s->node)) {
			dts_fail(d, l->at, "duplicate label '%s': already on node '%s' (line %u)",
				 s->name, s->node->path, s->node->pos.line);
			return;
		}
		s->node = n; /* its node was deleted */
	} else {
		*s = (struct dts_slot){ .h = h, .name = fl_strndup(d->run->arena, l->s, l->len),
					.len = l->len, .node = n, .kind = DTS_LABEL };
		d->tab_n++;
	}
	*fl_vec_push(d->run->arena, &n->labels) = s->name;
}

static void dts_add_labels(struct dts *d, struct fl_dt_node *n)
{
	for (size_t i = 0; i < d->labels.n && !d->failed; i++)
		dts_add_label(d, n, &d->labels.v[i]);
	d->labels.n = 0;
}

/* Labels "a: b:" at the cursor: kept for the next node when `keep`, else skipped
 * (labels of properties and inside values name nothing flashlint looks up). */
static bool dts_labels(struct dts *d, bool keep)
{
	for (;;) {
		if (!dts_skip(d))
			return false;
		size_t n = dts_run(d, d->p, DTS_C_LABEL);
		if (n == 0 || dts_is_digit(*d->p) || d->p + n >= d->end || d->p[n] != ':')
			return true;
		if (keep) {
			struct dts_label *l = fl_vec_push(d->run->arena, &d->labels);
			*l = (struct dts_label){ d->p, n, dts_here(d) };
		}
		d->p += n + 1;
	}
}

/* ---- values ------------------------------------------------------------------- */

static bool dts_expr(struct dts *d, uint64_t *v);
static bool dts_unary(struct dts *d, uint64_t *v);

/* An integer literal: decimal, 0x hex or 0 octal, with an optional U/L suffix. */
static bool dts_number(struct dts *d, uint64_t *v)
{
	struct dts_mark at = dts_here(d);
	const char *s = d->p;
	size_t len = dts_run(d, s, DTS_C_LABEL), n = len;
	d->p += len;
	for (int k = 0; k < 3 && n > 1 && strchr("uUlL", s[n - 1]); k++)
		n--;
	unsigned base = 10;
	size_t i = 0;
	if (n > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	} else if (n > 1 && s[0] == '0') {
		base = 8;
		i = 1;
	}
	bool overflow = false;
	uint64_t r = 0;
	if (i == n)
		goto bad;
	for (; i < n; i++) {
		int dg = fl_hex_digit((unsigned char)s[i]);
		if (dg < 0 || (unsigned)dg >= base)
			goto bad;
		if (r > (UINT64_MAX - (unsigned)dg) / base)
			overflow = true;
		r = r * base + (unsigned)dg;
	}
	if (overflow) {
		dts_fail(d, at, "number '%.*s' does not fit in 64 bits", (int)(len > 40 ? 40 : len), s);
		return false;
	}
	*v = r;
	return true;
bad:
	dts_fail(d, at, "invalid number '%.*s': expected decimal, 0x hex or 0 octal digits",
		 (int)(len > 40 ? 40 : len), s);
	return false;
}

/* The character after a backslash (cursor on the backslash): C escapes, \xHH and
 * \ooo. -1, with the cursor after the backslash, at the end of the buffer or on a
 * NUL byte. */
static int dts_escape(struct dts *d)
{
	d->p++;
	if (d->p >= d->end || *d->p == '\0')
		return -1;
	char c = *d->p++;
	switch (c) {
	case 'a': return '\a';
	case 'b': return '\b';
	case 't': return '\t';
	case 'n': return '\n';
	case 'v': return '\v';
	case 'f': return '\f';
	case 'r': return '\r';
	case 'x': {
		int v = 0, k = 0;
		for (; k < 2 && d->p < d->end && fl_hex_digit((unsigned char)*d->p) >= 0; k++)
			v = v * 16 + fl_hex_digit((unsigned char)*d->p++);
		return k ? v : 'x';
	}
	case '\n':
		dts_newline(d, d->p);
		return '\n';
	default:
		if (c >= '0' && c <= '7') {
			int v = c - '0';
			for (int k = 1; k < 3 && d->p < d->end && *d->p >= '0' && *d->p <= '7'; k++)
				v = v * 8 + (*d->p++ - '0');
			return v & 0xff;
		}
		return (unsigned char)c; /* \\ \" \' and any other character itself */
	}
}

static bool dts_char(struct dts *d, uint64_t *v)
{
	struct dts_mark at = dts_here(d);
	d->p++;
	if (d->p >= d->end || *d->p == '\n') {
		dts_fail(d, at, "unterminated character literal: expected a character and a closing '''");
		return false;
	}
	if (*d->p == '\'') {
		dts_fail(d, at, "empty character literal: expected one character between the quotes");
		return false;
	}
	if (*d->p == '\0') {
		dts_fail(d, dts_here(d), "NUL byte in a character literal: expected a character");
		return false;
	}
	int c = *d->p == '\\' ? dts_escape(d) : (unsigned char)*d->p++;
	if (c < 0 && d->p < d->end) {
		dts_fail(d, dts_here(d), "NUL byte in a character literal: expected a character");
		return false;
	}
	if (c < 0 || d->p >= d->end || *d->p != '\'') {
		dts_fail(d, at, "unterminated character literal: expected a closing ''' after one character");
		return false;
	}
	d->p++;
	*v = (uint64_t)c;
	return true;
}

static bool dts_enter(struct dts *d, struct dts_mark at)
{
	if (d->edepth >= DTS_MAX_EXPR_DEPTH) {
		dts_fail(d, at, "expression nested deeper than %d levels", DTS_MAX_EXPR_DEPTH);
		return false;
	}
	d->edepth++;
	return true;
}

static bool dts_can_start_operand(char c)
{
	return dts_is_digit(c) || c == '\'' || c == '(' || c == '-' || c == '~' || c == '!';
}

/* A number, a character literal, '(' expression ')', or a unary operator applied
 * to one of these. */
static bool dts_unary(struct dts *d, uint64_t *v)
{
	if (!dts_skip(d))
		return false;
	struct dts_mark at = dts_here(d);
	char c = d->p < d->end ? *d->p : '\0';
	if (dts_is_digit(c))
		return dts_number(d, v);
	if (c == '\'')
		return dts_char(d, v);
	if (c == '(' || c == '-' || c == '~' || c == '!') {
		if (!dts_enter(d, at))
			return false;
		d->p++;
		bool ok;
		if (c == '(') {
			ok = dts_expr(d, v) && dts_expect(d, ')', "')' closing the expression");
		} else {
			uint64_t x = 0;
			ok = dts_unary(d, &x);
			*v = c == '-' ? (uint64_t)0 - x : c == '~' ? ~x : (uint64_t)!x;
		}
		d->edepth--;
		return ok;
	}
	dts_fail(d, at, "expected a number, a character literal or '(', found %s", dts_found(d));
	return false;
}

enum dts_op { OP_NONE, OP_LOR, OP_LAND, OP_OR, OP_XOR, OP_AND, OP_EQ, OP_NE, OP_LT, OP_GT,
	      OP_LE, OP_GE, OP_SHL, OP_SHR, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD };

/* The binary operator at the cursor, its length and precedence (C's). */
static enum dts_op dts_binop(const struct dts *d, size_t *len, int *prec)
{
	if (d->p >= d->end)
		return OP_NONE;
	char c = *d->p, c2 = d->p + 1 < d->end ? d->p[1] : '\0';
	*len = 1;
	switch (c) {
	case '|': if (c2 == '|') { *len = 2; *prec = 1; return OP_LOR; } *prec = 3; return OP_OR;
	case '&': if (c2 == '&') { *len = 2; *prec = 2; return OP_LAND; } *prec = 5; return OP_AND;
	case '^': *prec = 4; return OP_XOR;
	case '=': if (c2 != '=') return OP_NONE; *len = 2; *prec = 6; return OP_EQ;
	case '!': if (c2 != '=') return OP_NONE; *len = 2; *prec = 6; return OP_NE;
	case '<':
		*prec = 7;
		if (c2 == '<') { *len = 2; *prec = 8; return OP_SHL; }
		if (c2 == '=') { *len = 2; return OP_LE; }
		return OP_LT;
	case '>':
		*prec = 7;
		if (c2 == '>') { *len = 2; *prec = 8; return OP_SHR; }
		if (c2 == '=') { *len = 2; return OP_GE; }
		return OP_GT;
	case '+': *prec = 9; return OP_ADD;
	case '-': *prec = 9; return OP_SUB;
	case '*': *prec = 10; return OP_MUL;
	case '/': *prec = 10; return OP_DIV;
	case '%': *prec = 10; return OP_MOD;
	default: return OP_NONE;
	}
}

/* Binary operators of precedence >= min, left-associative, in 64-bit unsigned
 * arithmetic as dtc computes them; a shift by 64 or more gives 0. */
static bool dts_binary(struct dts *d, uint64_t *v, int min)
{
	uint64_t a;
	if (!dts_unary(d, &a))
		return false;
	for (;;) {
		if (!dts_skip(d))
			return false;
		size_t len;
		int prec;
		struct dts_mark at = dts_here(d);
		enum dts_op op = dts_binop(d, &len, &prec);
		if (op == OP_NONE || prec < min)
			break;
		d->p += len;
		uint64_t b;
		if (!dts_binary(d, &b, prec + 1))
			return false;
		switch (op) {
		case OP_LOR: a = a || b; break;
		case OP_LAND: a = a && b; break;
		case OP_OR: a |= b; break;
		case OP_XOR: a ^= b; break;
		case OP_AND: a &= b; break;
		case OP_EQ: a = a == b; break;
		case OP_NE: a = a != b; break;
		case OP_LT: a = a < b; break;
		case OP_GT: a = a > b; break;
		case OP_LE: a = a <= b; break;
		case OP_GE: a = a >= b; break;
		case OP_SHL: a = b < 64 ? a << b : 0; break;
		case OP_SHR: a = b < 64 ? a >> b : 0; break;
		case OP_ADD: a += b; break;
		case OP_SUB: a -= b; break;
		case OP_MUL: a *= b; break;
		case OP_DIV:
		case OP_MOD:
			if (b == 0) {
				dts_fail(d, at, "division by zero in an expression");
				return false;
			}
			a = op == OP_DIV ? a / b : a % b;
			break;
		case OP_NONE:
			break;
		}
	}
	*v = a;
	return true;
}

/* A full expression inside parentheses, with ?: . */
static bool dts_expr(struct dts *d, uint64_t *v)
{
	if (!dts_binary(d, v, 1) || !dts_skip(d))
		return false;
	if (d->p >= d->end || *d->p != '?')
		return true;
	struct dts_mark at = dts_here(d);
	if (!dts_enter(d, at))
		return false;
	d->p++;
	uint64_t a = 0, b = 0;
	bool ok = dts_expr(d, &a) && dts_expect(d, ':', "':' of the conditional expression") &&
		  dts_expr(d, &b);
	d->edepth--;
	*v = *v ? a : b;
	return ok;
}

/* &label or &{/path} at the cursor; the target text with its position. */
static const char *dts_ref(struct dts *d)
{
	struct dts_mark at = dts_here(d);
	const char *s;
	size_t len;
	d->p++;
	if (d->p < d->end && *d->p == '{') {
		s = ++d->p;
		len = dts_run(d, s, DTS_C_PATH);
		d->p += len;
		if (d->p >= d->end || *d->p != '}') {
			dts_fail(d, dts_here(d), "expected '}' closing the path reference, found %s",
				 dts_found(d));
			return NULL;
		}
		if (len == 0 || s[0] != '/') {
			dts_fail(d, at, "expected an absolute path in '&{/path}'");
			return NULL;
		}
		d->p++;
	} else {
		s = d->p;
		len = d->p < d->end && !dts_is_digit(*d->p) ? dts_run(d, s, DTS_C_LABEL) : 0;
		if (len == 0) {
			dts_fail(d, at, "expected a label or '{/path}' after '&', found %s", dts_found(d));
			return NULL;
		}
		d->p += len;
	}
	struct dts_ref *r = fl_alloc(d->run->arena, sizeof(*r) + len + 1);
	r->at = at;
	memcpy(r->s, s, len);
	return r->s;
}

static struct fl_dt_piece *dts_piece(struct dts *d, enum fl_dt_piece_kind kind)
{
	struct fl_dt_piece *pc = fl_vec_push(d->run->arena, &d->pieces);
	pc->kind = kind;
	pc->n = 1;
	return pc;
}

/* "<...>" at the cursor, of `bits`-wide cells. */
static bool dts_cells(struct dts *d, unsigned bits)
{
	uint32_t open = d->line;
	uint64_t mask = bits == 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
	d->p++;
	d->cells.n = 0;
	for (;;) {
		if (!dts_labels(d, false))
			return false;
		struct dts_mark at = dts_here(d);
		if (d->p >= d->end) {
			dts_fail(d, at, "unexpected end of file: expected '>' closing the cells opened on line %u",
				 open);
			return false;
		}
		char c = *d->p;
		if (c == '>') {
			d->p++;
			break;
		}
		if (d->cells.n >= UINT32_MAX) {
			dts_fail(d, at, "more than %u cells in one '<...>'", UINT32_MAX);
			return false;
		}
		if (c == '&') {
			if (bits != 32) {
				dts_fail(d, at, "a reference in %u-bit cells: references are 32-bit cells", bits);
				return false;
			}
			const char *ref = dts_ref(d);
			if (!ref)
				return false;
			*fl_vec_push(d->run->arena, &d->cells) = (struct fl_dt_cell){ 0, ref };
			continue;
		}
		if (!dts_can_start_operand(c)) {
			dts_fail(d, at, "expected a number, '&reference', '(' or '>' in the cells, found %s",
				 dts_found(d));
			return false;
		}
		uint64_t v;
		if (!dts_unary(d, &v))
			return false;
		if (v > mask && (v | mask) != UINT64_MAX) {
			dts_fail(d, at, "value 0x%llx does not fit in %u-bit cells", (unsigned long long)v,
				 bits);
			return false;
		}
		*fl_vec_push(d->run->arena, &d->cells) = (struct fl_dt_cell){ v & mask, NULL };
	}
	struct fl_dt_piece *pc = dts_piece(d, FL_DT_CELLS);
	pc->bits = bits;
	pc->n = (uint32_t)d->cells.n;
	struct fl_dt_cell *cells = fl_alloc(d->run->arena, d->cells.n * sizeof(*cells));
	if (d->cells.n)
		memcpy(cells, d->cells.v, d->cells.n * sizeof(*cells));
	pc->u.cells = cells;
	return true;
}

/* "[00 11 aa]" or "[0011aa]" at the cursor. */
static bool dts_bytes(struct dts *d)
{
	uint32_t open = d->line;
	d->p++;
	d->bytes.n = 0;
	for (;;) {
		if (!dts_labels(d, false))
			return false;
		struct dts_mark at = dts_here(d);
		if (d->p >= d->end) {
			dts_fail(d, at, "unexpected end of file: expected ']' closing the bytes opened on line %u",
				 open);
			return false;
		}
		if (*d->p == ']') {
			d->p++;
			break;
		}
		int hi = fl_hex_digit((unsigned char)*d->p);
		int lo = d->p + 1 < d->end ? fl_hex_digit((unsigned char)d->p[1]) : -1;
		if (hi >= 0 && lo < 0) {
			dts_fail(d, at, "single hex digit '%c' in the bytes: expected two hex digits per byte",
				 *d->p);
			return false;
		}
		if (hi < 0 || d->bytes.n >= UINT32_MAX) {
			dts_fail(d, at, "expected two hex digits or ']' in the bytes, found %s", dts_found(d));
			return false;
		}
		*fl_vec_push(d->run->arena, &d->bytes) = (uint8_t)(hi << 4 | lo);
		d->p += 2;
	}
	struct fl_dt_piece *pc = dts_piece(d, FL_DT_BYTES);
	pc->bits = 8;
	pc->n = (uint32_t)d->bytes.n;
	uint8_t *b = fl_alloc(d->run->arena, d->bytes.n);
	if (d->bytes.n)
		memcpy(b, d->bytes.v, d->bytes.n);
	pc->u.bytes = b;
	return true;
}

/* A "string" at the cursor, escapes resolved. */
static bool dts_string(struct dts *d)
{
	struct dts_mark at = dts_here(d);
	const char *q = ++d->p;
	while (q < d->end && *q != '"')
		q += *q == '\\' && q + 1 < d->end ? 2 : 1;
	if (q >= d->end) {
		dts_fail(d, at, "unterminated string: expected a closing '\"'");
		return false;
	}
	char *s = fl_alloc(d->run->arena, (size_t)(q - d->p) + 1), *o = s;
	while (d->p < q) {
		char c = *d->p;
		if (c == '\\') {
			int e = dts_escape(d);
			if (e < 0) {
				dts_fail(d, dts_here(d), "NUL byte in a string: expected text or a closing '\"'");
				return false;
			}
			*o++ = (char)e;
			continue;
		}
		if (c == '\0') {
			dts_fail(d, dts_here(d), "NUL byte in a string: expected text or a closing '\"'");
			return false;
		}
		*o++ = c;
		d->p++;
		if (c == '\n')
			dts_newline(d, d->p);
	}
	d->p++;
	dts_piece(d, FL_DT_STRING)->u.str = s;
	return true;
}

/* The value after "name =": pieces separated by commas, into d->pieces. */
static bool dts_value(struct dts *d, const char *name, size_t nlen)
{
	d->pieces.n = 0;
	for (;;) {
		if (!dts_labels(d, false))
			return false;
		struct dts_mark at = dts_here(d);
		char c = d->p < d->end ? *d->p : '\0';
		const char *dir;
		size_t dlen;
		bool ok;
		if (c == '"') {
			ok = dts_string(d);
		} else if (c == '<') {
			ok = dts_cells(d, 32);
		} else if (c == '[') {
			ok = dts_bytes(d);
		} else if (c == '&') {
			const char *ref = dts_ref(d);
			ok = ref != NULL;
			if (ok)
				dts_piece(d, FL_DT_REF)->u.str = ref;
		} else if (dts_directive(d, &dir, &dlen) && dts_is(dir, dlen, "bits")) {
			d->p += dlen + 2;
			uint64_t bits = 0;
			if (!dts_skip(d))
				return false;
			struct dts_mark bat = dts_here(d);
			if (!dts_unary(d, &bits))
				return false;
			if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
				dts_fail(d, bat, "/bits/ %llu: expected 8, 16, 32 or 64",
					 (unsigned long long)bits);
				return false;
			}
			if (!dts_at(d, '<')) {
				dts_fail(d, dts_here(d), "expected '<' after /bits/ %u, found %s",
					 (unsigned)bits, dts_found(d));
				return false;
			}
			ok = dts_cells(d, (unsigned)bits);
		} else {
			dts_fail(d, at,
				 "expected a value of '%.*s' (\"string\", <cells>, [bytes] or &reference), found %s",
				 (int)(nlen > 40 ? 40 : nlen), name, dts_found(d));
			return false;
		}
		if (!ok || !dts_labels(d, false))
			return false;
		if (d->p >= d->end || *d->p != ',')
			return true;
		d->p++;
	}
}

/* "name = value;" or "name;" (cursor after '=' or ';'): set, replace or restore. */
static void dts_prop(struct dts *d, struct fl_dt_node *n, const char *name, size_t len,
		     struct dts_mark at, bool has_value)
{
	d->pieces.n = 0;
	if (has_value) {
		if (!dts_value(d, name, len))
			return;
		if (d->p >= d->end || *d->p != ';') {
			dts_fail(d, dts_here(d), "expected ';' or ',' after the value of '%.*s', found %s",
				 (int)(len > 40 ? 40 : len), name, dts_found(d));
			return;
		}
		d->p++;
	}
	struct fl_dt_piece *val = NULL;
	if (d->pieces.n) {
		val = fl_alloc(d->run->arena, d->pieces.n * sizeof(*val));
		memcpy(val, d->pieces.v, d->pieces.n * sizeof(*val));
	}
	size_t idx = dts_prop_idx(d, n, name, len);
	struct fl_dt_prop *p;
	if (idx != SIZE_MAX) {
		p = &n->props.v[idx]; /* replaced, or a deleted one restored in its place */
	} else {
		if (n->props.cap == 0) {
			/* most nodes have a handful: start smaller than FL_VEC's 8 */
			n->props.v = fl_alloc(d->run->arena, 4 * sizeof(*n->props.v));
			n->props.cap = 4;
		}
		p = fl_vec_push(d->run->arena, &n->props);
		p->name = fl_strndup(d->run->arena, name, len);
		size_t pn = n->props.n;
		for (size_t i = pn == DTS_SCAN_MAX + 1 ? 0 : pn - 1; pn > DTS_SCAN_MAX && i < pn; i++)
			dts_index(d, DTS_PROP, n, n->props.v[i].name, i);
		p = &n->props.v[pn - 1];
	}
	p->val.v = val;
	p->val.n = p->val.cap = d->pieces.n;
	p->pos = (struct fl_pos){ d->file, at.line, at.col };
}

/* ---- nodes -------------------------------------------------------------------- */

static void dts_body(struct dts *d, struct fl_dt_node *n, unsigned level);

/* A directive inside a node body (cursor on its '/'). */
static void dts_body_directive(struct dts *d, struct fl_dt_node *n)
{
	struct dts_mark at = dts_here(d);
	const char *dir;
	size_t dlen;
	if (!dts_directive(d, &dir, &dlen)) {
		dts_fail(d, at, "unexpected '/': expected a property, a child node or '}'");
		return;
	}
	bool del_node = dts_is(dir, dlen, "delete-node");
	bool del_prop = dts_is(dir, dlen, "delete-property");
	if (!del_node && !del_prop && !dts_is(dir, dlen, "omit-if-no-ref")) {
		dts_fail(d, at, "unexpected '/%.*s/' in a node: expected a property, a child node, /delete-node/ or /delete-property/",
			 (int)dlen, dir);
		return;
	}
	d->p += dlen + 2;
	if (!del_node && !del_prop)
		return; /* /omit-if-no-ref/ before a child node: nothing to do for a final tree */
	if (!dts_skip(d))
		return;
	const char *name = d->p;
	size_t len = dts_run(d, name, DTS_C_NAME);
	if (len == 0) {
		dts_fail(d, dts_here(d), "expected a %s name after '/%.*s/', found %s",
			 del_node ? "node" : "property", (int)dlen, dir, dts_found(d));
		return;
	}
	d->p += len;
	if (!dts_expect(d, ';', del_node ? "';' after /delete-node/" : "';' after /delete-property/"))
		return;
	if (del_node) {
		struct fl_dt_node *c = dts_child_of(d, n, name, len);
		if (c)
			dts_delete_node(c);
		return;
	}
	size_t i = dts_prop_idx(d, n, name, len);
	if (i != SIZE_MAX) {
		n->props.v[i].val.v = &dts_gone;
		n->props.v[i].val.n = n->props.v[i].val.cap = 0;
	}
}

/* The statements of a node's body up to its "};" (cursor after '{'). */
static void dts_body(struct dts *d, struct fl_dt_node *n, unsigned level)
{
	for (;;) {
		if (!dts_skip(d))
			return;
		if (d->p >= d->end) {
			dts_fail(d, (struct dts_mark){ n->pos.line, n->pos.col },
				 "node '%s' is not closed: expected '}' before the end of the file", n->path);
			return;
		}
		char c = *d->p;
		if (c == '}') {
			d->p++;
			if (!dts_skip(d))
				return;
			if (d->p >= d->end || *d->p != ';')
				dts_fail(d, dts_here(d), "expected ';' after the '}' of node '%s', found %s",
					 n->path, dts_found(d));
			else
				d->p++;
			return;
		}
		if (c == '/') {
			dts_body_directive(d, n);
			if (d->failed)
				return;
			continue;
		}
		d->labels.n = 0;
		if (!dts_labels(d, true))
			return;
		struct dts_mark at = dts_here(d);
		const char *name = d->p;
		size_t len = dts_run(d, name, DTS_C_NAME);
		if (len == 0) {
			dts_fail(d, at, d->labels.n ? "expected a child node after the labels, found %s"
					: "unexpected %s: expected a property, a child node or '}'",
				 dts_found(d));
			return;
		}
		if (name[0] == '#' && dts_is_cpp(name, len)) {
			dts_fail_cpp(d, name, len);
			return;
		}
		d->p += len;
		if (!dts_skip(d))
			return;
		c = d->p < d->end ? *d->p : '\0';
		if (c == '{') {
			d->p++;
			struct dts_mark first = d->labels.n ? d->labels.v[0].at : at;
			if (level >= DTS_MAX_DEPTH) {
				dts_fail(d, first, "node '%.*s' is nested deeper than %d levels",
					 (int)(len > 40 ? 40 : len), name, DTS_MAX_DEPTH);
				return;
			}
			struct fl_dt_node *child = dts_child(d, n, name, len, first);
			if (!child)
				return;
			dts_add_labels(d, child);
			if (d->failed)
				return;
			dts_body(d, child, level + 1);
		} else if (c == '=' || c == ';') {
			d->p++;
			dts_prop(d, n, name, len, at, c == '=');
		} else {
			dts_fail(d, dts_here(d), "expected '{', '=' or ';' after '%.*s', found %s",
				 (int)(len > 40 ? 40 : len), name, dts_found(d));
		}
		if (d->failed)
			return;
	}
}

static unsigned dts_level(const struct fl_dt_node *n)
{
	unsigned k = 0;
	for (; n->parent; n = n->parent)
		k++;
	return k;
}

/* "&ref" at the top level (cursor on '&'): the node it names, or NULL with an
 * INP001 at the reference. */
static struct fl_dt_node *dts_top_ref(struct dts *d)
{
	struct dts_mark at = dts_here(d);
	const char *ref = dts_ref(d);
	if (!ref)
		return NULL;
	struct fl_dt_node *n = dts_lookup(d, ref);
	if (!n)
		dts_fail(d, at, ref[0] == '/' ? "reference to unknown node '&{%s}'"
					      : "reference to unknown label '&%s'", ref);
	return n;
}

/* A directive at the top level (cursor on its '/'). */
static void dts_top_directive(struct dts *d, const char *dir, size_t dlen)
{
	struct dts_mark at = dts_here(d);
	d->p += dlen + 2;
	if (dts_is(dir, dlen, "dts-v1")) {
		dts_expect(d, ';', "';' after /dts-v1/");
	} else if (dts_is(dir, dlen, "plugin")) {
		d->plugin = true;
		dts_expect(d, ';', "';' after /plugin/");
	} else if (dts_is(dir, dlen, "memreserve")) {
		uint64_t a, s;
		if (dts_unary(d, &a) && dts_unary(d, &s))
			dts_expect(d, ';', "';' after the /memreserve/ address and size");
	} else if (dts_is(dir, dlen, "delete-node") || dts_is(dir, dlen, "omit-if-no-ref")) {
		bool del = dir[0] == 'd';
		if (!dts_skip(d))
			return;
		if (d->p >= d->end || *d->p != '&') {
			dts_fail(d, dts_here(d), "expected '&label' or '&{/path}' after '/%.*s/', found %s",
				 (int)dlen, dir, dts_found(d));
			return;
		}
		struct dts_mark rat = dts_here(d);
		struct fl_dt_node *n = dts_top_ref(d);
		if (!n || !dts_expect(d, ';', del ? "';' after /delete-node/" : "';' after /omit-if-no-ref/"))
			return;
		if (!del)
			return;
		if (!n->parent) {
			dts_fail(d, rat, "/delete-node/ of the root node: expected a node below '/'");
			return;
		}
		dts_delete_node(n);
	} else if (dts_is(dir, dlen, "include") || dts_is(dir, dlen, "incbin")) {
		dts_fail(d, at, "/%.*s/ is not supported: expected a preprocessed devicetree (zephyr/zephyr.dts as the build writes it)",
			 (int)dlen, dir);
	} else {
		dts_fail(d, at, "unknown directive '/%.*s/' at the top level: expected a node ('/ { ... };' or '&label { ... };')",
			 (int)dlen, dir);
	}
}

static void dts_top(struct dts *d)
{
	const char *dir;
	size_t dlen;
	if (!dts_skip(d))
		return;
	if (!dts_directive(d, &dir, &dlen) || !dts_is(dir, dlen, "dts-v1")) {
		dts_fail(d, dts_here(d), "expected '/dts-v1/;' at the start of the file, found %s",
			 dts_found(d));
		return;
	}
	while (!d->failed) {
		d->labels.n = 0;
		if (!dts_labels(d, true) || d->p >= d->end)
			break;
		struct dts_mark at = dts_here(d);
		char c = *d->p;
		if (c == '/' && dts_directive(d, &dir, &dlen) &&
		    (!d->labels.n || dts_is(dir, dlen, "memreserve"))) {
			dts_top_directive(d, dir, dlen);
		} else if (c == '/' && !d->labels.n) {
			d->p++;
			if (!dts_expect(d, '{', "'{' after '/'"))
				break;
			if (!d->dt->root) {
				char *slash = fl_strdup(d->run->arena, "/");
				d->dt->root = dts_new_node(d, slash, slash, NULL, at);
			}
			dts_body(d, d->dt->root, 0);
		} else if (c == '&') {
			struct fl_dt_node *n = dts_top_ref(d);
			if (!n || !dts_expect(d, '{', "'{' after the node reference"))
				break;
			dts_add_labels(d, n);
			if (!d->failed)
				dts_body(d, n, dts_level(n));
		} else if (d->labels.n) {
			dts_fail(d, at, "expected '&label' or '&{/path}' after the labels, found %s",
				 dts_found(d));
		} else if (c == '#' && dts_is_cpp(d->p, dts_run(d, d->p, DTS_C_NAME))) {
			dts_fail_cpp(d, d->p, dts_run(d, d->p, DTS_C_NAME));
		} else {
			dts_fail(d, at, "unexpected %s at the top level: expected a node ('/ { ... };' or '&label { ... };')",
				 dts_found(d));
		}
	}
	if (!d->failed && !d->dt->root)
		dts_fail(d, dts_here(d), "no root node: expected '/ { ... };'");
}

/* ---- after the last line ---------------------------------------------------------- */

/* Drop deleted children and properties from the vectors. */
static void dts_compact(struct fl_dt_node *n)
{
	size_t k = 0;
	for (size_t i = 0; i < n->props.n; i++)
		if (n->props.v[i].val.v != &dts_gone)
			n->props.v[k++] = n->props.v[i];
	n->props.n = k;
	k = 0;
	for (size_t i = 0; i < n->children.n; i++)
		if (n->children.v[i]->parent == n) {
			n->children.v[k++] = n->children.v[i];
			dts_compact(n->children.v[i]);
		}
	n->children.n = k;
}

static void dts_collect_labels(struct fl_arena *a, struct fl_dt *dt, struct fl_dt_node *n)
{
	for (size_t i = 0; i < n->labels.n; i++)
		*fl_vec_push(a, &dt->labels_) = (struct fl_dt_label){ n->labels.v[i], n };
	fl_dt_for_each_child(n, c)
		dts_collect_labels(a, dt, *c);
}

static int dts_label_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fl_dt_label *)a)->label, ((const struct fl_dt_label *)b)->label);
}

static void dts_check_ref(struct dts *d, const char *ref)
{
	if (dts_lookup(d, ref))
		return;
	const struct dts_ref *r = (const struct dts_ref *)(ref - offsetof(struct dts_ref, s));
	fl_inp(d->run, d->file, r->at.line, r->at.col,
	       ref[0] == '/' ? "reference to unknown node '&{%s}'" : "reference to unknown label '&%s'",
	       ref);
	d->failed = true;
}

/* Every reference in a value must name a node of the final tree. */
static void dts_check_refs(struct dts *d, const struct fl_dt_node *n)
{
	fl_vec_for_each(&n->props, p)
		fl_vec_for_each(&p->val, pc) {
			if (pc->kind == FL_DT_REF)
				dts_check_ref(d, pc->u.str);
			else if (pc->kind == FL_DT_CELLS)
				for (uint32_t i = 0; i < pc->n; i++)
					if (pc->u.cells[i].ref)
						dts_check_ref(d, pc->u.cells[i].ref);
		}
	fl_dt_for_each_child(n, c)
		dts_check_refs(d, *c);
}

static int dts_parse(struct fl_run *run, struct fl_dt *dt, const char *file, const char *buf,
		     size_t len)
{
	dt->path = file;
	dt->root = NULL;
	memset(&dt->labels_, 0, sizeof(dt->labels_));
	if (len == 0) {
		fl_inp(run, file, 1, 0, "empty devicetree: expected '/dts-v1/;' and a root node");
		return -FL_EFORMAT;
	}
	struct dts d = { .run = run, .dt = dt, .file = file, .p = buf, .end = buf + len,
			 .bol = buf, .line = 1 };
	dts_reserve(&d);
	dts_top(&d);
	if (dt->root) {
		dts_compact(dt->root);
		dts_collect_labels(run->arena, dt, dt->root);
		if (dt->labels_.n > 1)
			qsort(dt->labels_.v, dt->labels_.n, sizeof(*dt->labels_.v), dts_label_cmp);
		if (!d.failed && !d.plugin)
			dts_check_refs(&d, dt->root);
	}
	return d.failed ? -FL_EFORMAT : 0;
}

int fl_dts_parse(struct fl_run *run, struct fl_dt *dt, const char *path, const char *buf,
		 size_t len)
{
	return dts_parse(run, dt, path ? fl_strdup(run->arena, path) : NULL, buf, len);
}

int fl_dts_read(struct fl_run *run, struct fl_dt *dt, const char *path)
{
	const char *file = fl_strdup(run->arena, path);
	struct fl_buf buf;
	int err = fl_buf_read(path, &buf, run->cfg.max_input);
	if (err) {
		dt->path = file;
		dt->root = NULL;
		memset(&dt->labels_, 0, sizeof(dt->labels_));
		fl_inp(run, file, 0, 0, "cannot read the devicetree: %s", fl_input_strerror(err));
		return -FL_EIO;
	}
	int rc = dts_parse(run, dt, file, buf.data, buf.len);
	fl_buf_close(&buf);
	return rc;
}
