// SPDX-License-Identifier: Apache-2.0
/*
 * flashlint's own data: flash-drivers.yml (compatible -> driver Kconfig, XIP mode,
 * sources, page size) and soc-xip.yml (SoC -> XIP windows), read with libyaml into
 * struct fl_data. The schema is strict: an unknown key, a wrong type, a bad number
 * or a repeated entry is an INP001 at its line. Knows nothing of builds or rules.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

#include "flashlint/data.h"

/* Set by the build (src/CMakeLists.txt); these keep other builds compiling. */
#ifndef FLASHLINT_DATA_DIR
#define FLASHLINT_DATA_DIR "/usr/local/share/flashlint"
#endif
#ifndef FLASHLINT_SOURCE_DATA_DIR
#define FLASHLINT_SOURCE_DATA_DIR "rules/data"
#endif

#define DATA_DRIVERS_FILE "flash-drivers.yml"
#define DATA_SOCS_FILE "soc-xip.yml"

/* Bounds that keep hostile input linear. The real files are a few hundred nodes
 * and three levels deep. */
#define DATA_MAX_DEPTH 16
#define DATA_MAX_NODES 100000

/* ---- a small tree of the document --------------------------------------------- */

enum data_type {
	DATA_SCALAR,
	DATA_SEQ,
	DATA_MAP,
};

struct data_node {
	enum data_type type;
	const char *str;       /* scalar text, NUL-terminated */
	size_t len;
	bool plain;            /* unquoted scalar: may be null, a number or a boolean */
	uint32_t line, col;    /* 1-based start */
	FL_VEC(struct data_node *) kids; /* a mapping alternates key, value */
};

struct data_doc {
	struct fl_run *run;
	const char *path;      /* in the arena: diagnostics point here */
	const char *text;
	size_t len;
	struct data_node *root;
	struct data_node *stack[DATA_MAX_DEPTH];
	size_t depth, nodes, docs;
	bool broken;           /* the YAML itself is malformed (reported) */
	bool bad;              /* something in it was reported */
};

static uint32_t data_u32(size_t v)
{
	return v >= UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* libyaml marks are 0-based. */
static void data_mark(const yaml_mark_t *m, uint32_t *line, uint32_t *col)
{
	*line = data_u32(m->line) + (m->line < UINT32_MAX);
	*col = data_u32(m->column) + (m->column < UINT32_MAX);
}

/* Report a problem at line:col of the document. */
static void data_report(struct data_doc *d, uint32_t line, uint32_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void data_report(struct data_doc *d, uint32_t line, uint32_t col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *msg = fl_vprintf(d->run->arena, fmt, ap);
	va_end(ap);
	fl_inp(d->run, d->path, line, col, "%s", msg);
	d->bad = true;
}

#define data_bad(d, n, ...) data_report((d), (n)->line, (n)->col, __VA_ARGS__)

static void data_fail(struct data_doc *d, const yaml_mark_t *m, const char *msg)
{
	uint32_t line, col;
	data_mark(m, &line, &col);
	data_report(d, line, col, "%s", msg);
	d->broken = true;
}

static struct data_node *data_new(struct data_doc *d, enum data_type type, const yaml_event_t *ev)
{
	if (++d->nodes > DATA_MAX_NODES) {
		data_fail(d, &ev->start_mark,
			  "more than 100000 YAML nodes: expected a data file of reasonable size");
		return NULL;
	}
	struct data_node *n = fl_alloc(d->run->arena, sizeof(*n));
	n->type = type;
	data_mark(&ev->start_mark, &n->line, &n->col);
	if (d->depth == 0)
		d->root = n;
	else
		*fl_vec_push(d->run->arena, &d->stack[d->depth - 1]->kids) = n;
	return n;
}

/* Consume one event. Returns false to stop reading (the error is reported). */
static bool data_event(struct data_doc *d, const yaml_event_t *ev)
{
	struct data_node *n;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++d->docs > 1) {
			data_fail(d, &ev->start_mark,
				  "a second YAML document: expected a single mapping per data file");
			return false;
		}
		return true;
	case YAML_SCALAR_EVENT:
		n = data_new(d, DATA_SCALAR, ev);
		if (!n)
			return false;
		n->len = ev->data.scalar.length;
		n->str = fl_strndup(d->run->arena, (const char *)ev->data.scalar.value, n->len);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		return true;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (d->depth == DATA_MAX_DEPTH) {
			data_fail(d, &ev->start_mark,
				  "nesting deeper than 16 levels: expected the flat lists of a data file");
			return false;
		}
		n = data_new(d, ev->type == YAML_MAPPING_START_EVENT ? DATA_MAP : DATA_SEQ, ev);
		if (!n)
			return false;
		d->stack[d->depth++] = n;
		return true;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (d->depth)
			d->depth--;
		return true;
	case YAML_ALIAS_EVENT: {
		uint32_t line, col;
		data_mark(&ev->start_mark, &line, &col);
		data_report(d, line, col,
			    "YAML alias '*%.40s': expected the value written out (data files use no aliases)",
			    (const char *)ev->data.alias.anchor);
		d->broken = true;
		return false;
	}
	default:
		return true;
	}
}

/* Line and column of byte offset off (1-based). */
static void data_offset_pos(const struct data_doc *d, size_t off, uint32_t *line, uint32_t *col)
{
	const char *s = d->text, *end = d->text + off, *bol = s, *nl;
	*line = 1;
	while ((nl = memchr(s, '\n', (size_t)(end - s)))) {
		if (*line < UINT32_MAX)
			(*line)++;
		s = bol = nl + 1;
	}
	*col = data_u32((size_t)(end - bol) + 1);
}

static void data_syntax_error(struct data_doc *d, const yaml_parser_t *p)
{
	uint32_t line = 0, col = 0;
	if (p->error == YAML_READER_ERROR) {
		/* Encoding errors carry a byte offset, not a mark. */
		data_offset_pos(d, p->problem_offset < d->len ? p->problem_offset : d->len, &line,
				&col);
	} else if (p->error != YAML_MEMORY_ERROR) {
		data_mark(&p->problem_mark, &line, &col);
		/* At the end of the stream the mark sits past the last line: point at the
		 * last character instead, where the file was cut. */
		if (p->problem_mark.index >= d->len && d->len) {
			size_t off = d->len - 1;
			while (off > 0 && (d->text[off] == '\n' || d->text[off] == '\r'))
				off--;
			data_offset_pos(d, off, &line, &col);
		}
	}
	const char *problem = p->problem ? p->problem : "out of memory";
	if (p->context)
		data_report(d, line, col, "invalid YAML: %s (%s)", problem, p->context);
	else
		data_report(d, line, col, "invalid YAML: %s", problem);
	d->broken = true;
}

static void data_parse(struct data_doc *d)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		data_report(d, 0, 0, "cannot read the file: libyaml is out of memory");
		d->broken = true;
		return;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)d->text, d->len);
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			data_syntax_error(d, &parser);
			break;
		}
		bool more = ev.type != YAML_STREAM_END_EVENT && data_event(d, &ev);
		yaml_event_delete(&ev);
		if (!more)
			break;
	}
	yaml_parser_delete(&parser);
}

/* ---- values ------------------------------------------------------------------------ */

static bool data_is_null(const struct data_node *n)
{
	return n->type == DATA_SCALAR && n->plain &&
	       (n->len == 0 || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
		!strcmp(n->str, "Null") || !strcmp(n->str, "NULL"));
}

/* "a mapping", "a list", "empty" or the scalar itself, quoted, for messages. */
static const char *data_what(struct fl_arena *a, const struct data_node *n)
{
	if (n->type == DATA_MAP)
		return "a mapping";
	if (n->type == DATA_SEQ)
		return "a list";
	if (data_is_null(n))
		return "empty";
	if (n->len <= 40)
		return fl_printf(a, "'%s'", n->str);
	return fl_printf(a, "'%.40s...'", n->str);
}

/* The entry being read, for messages: "driver 'nordic,qspi-nor'". */
struct data_item {
	struct data_doc *d;
	const char *label;
};

#define item_what(it, n) data_what((it)->d->run->arena, (n))

/* A name: a non-empty scalar without blanks. */
static bool data_name(struct data_item *it, const char *key, const struct data_node *v,
		      const char **out, const char *expected)
{
	bool ok = v->type == DATA_SCALAR && !data_is_null(v) && v->len == strlen(v->str);
	for (size_t i = 0; ok && i < v->len; i++)
		ok = (unsigned char)v->str[i] > ' ' && v->str[i] != 0x7f;
	if (!ok) {
		data_bad(it->d, v, "%s: '%s' is %s: expected %s", it->label, key, item_what(it, v),
			 expected);
		return false;
	}
	*out = v->str;
	return true;
}

static bool data_is_symbol(const struct data_node *v)
{
	if (v->type != DATA_SCALAR || v->len <= 7 || strncmp(v->str, "CONFIG_", 7))
		return false;
	for (size_t i = 7; i < v->len; i++) {
		char c = v->str[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_'))
			return false;
	}
	return true;
}

/* A Kconfig symbol, "CONFIG_FOO". */
static bool data_symbol(struct data_item *it, const char *key, const struct data_node *v,
			const char **out)
{
	if (!data_is_symbol(v)) {
		data_bad(it->d, v, "%s: '%s' is %s: expected a Kconfig symbol, CONFIG_ followed by letters, digits and '_'",
			 it->label, key, item_what(it, v));
		return false;
	}
	*out = v->str;
	return true;
}

/* A list of at least `min` entries; false (reported) otherwise. */
static bool data_list(struct data_item *it, const char *key, const struct data_node *v, size_t min,
		      const char *expected)
{
	if (v->type == DATA_SEQ && v->kids.n >= min)
		return true;
	data_bad(it->d, v, "%s: '%s' is %s: expected %s", it->label, key,
		 v->type == DATA_SEQ ? "an empty list" : item_what(it, v), expected);
	return false;
}

/* A non-empty list of Kconfig symbols into *out, *n (the good ones when some are
 * bad; false then). */
static bool data_symbols(struct data_item *it, const char *key, const struct data_node *v,
			 const char ***out, size_t *n, size_t *cap)
{
	if (!data_list(it, key, v, 1, "a list of at least one CONFIG_ symbol"))
		return false;
	const char **syms = fl_alloc(it->d->run->arena, v->kids.n * sizeof(*syms));
	size_t k = 0;
	for (size_t i = 0; i < v->kids.n; i++)
		k += data_symbol(it, key, v->kids.v[i], &syms[k]);
	*out = syms;
	*n = k;
	*cap = v->kids.n;
	return k == v->kids.n;
}

/* true / false, unquoted. */
static bool data_bool(struct data_item *it, const char *key, const struct data_node *v, bool *out)
{
	static const char *const yes[] = { "true", "True", "TRUE" };
	static const char *const no[] = { "false", "False", "FALSE" };
	if (v->type == DATA_SCALAR && v->plain) {
		for (size_t i = 0; i < 3; i++) {
			if (!strcmp(v->str, yes[i]) || !strcmp(v->str, no[i])) {
				*out = !strcmp(v->str, yes[i]);
				return true;
			}
		}
	}
	data_bad(it->d, v, "%s: '%s' is %s%s: expected true or false", it->label, key,
		 v->type == DATA_SCALAR && !v->plain ? "the quoted string " : "", item_what(it, v));
	return false;
}

/* An unsigned integer, unquoted: 0, decimal without leading zeros, or 0x hex. */
static bool data_u64(struct data_item *it, const char *key, const struct data_node *v,
		     uint64_t *out)
{
	const char *why = "expected an integer, decimal without leading zeros or 0x hex";
	if (v->type == DATA_SCALAR && v->plain && v->len && v->len == strlen(v->str)) {
		const char *s = v->str;
		size_t n = v->len;
		bool hex = n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
		bool form = hex || (s[0] >= '0' && s[0] <= '9' && (s[0] != '0' || n == 1));
		for (size_t i = hex ? 2 : 0; form && i < n; i++)
			form = hex ? fl_hex_digit((unsigned char)s[i]) >= 0
				   : s[i] >= '0' && s[i] <= '9';
		if (form && fl_parse_u64(s, n, out))
			return true;
		if (form)
			why = "expected an integer that fits in 64 bits";
	}
	bool quoted = v->type == DATA_SCALAR && !v->plain;
	data_bad(it->d, v, "%s: '%s' is %s%s: %s", it->label, key,
		 quoted ? "the quoted string " : "", item_what(it, v), why);
	return false;
}

/* ---- mappings ---------------------------------------------------------------------- */

struct data_key {
	const char *name;
	const struct data_node *k, *v; /* NULL when absent */
};

/* Sort the pairs of mapping m into keys[]: unknown and repeated keys are
 * reported. A null value counts as absent for optional keys. */
static void data_keys(struct data_item *it, const struct data_node *m, struct data_key *keys,
		      size_t n, const char *expected)
{
	for (size_t i = 0; i + 1 < m->kids.n; i += 2) {
		const struct data_node *k = m->kids.v[i], *v = m->kids.v[i + 1];
		struct data_key *hit = NULL;
		for (size_t j = 0; k->type == DATA_SCALAR && j < n && !hit; j++)
			if (!strcmp(keys[j].name, k->str))
				hit = &keys[j];
		if (!hit) {
			data_bad(it->d, k, "%s: unknown key %s: expected %s", it->label,
				 item_what(it, k), expected);
		} else if (hit->k) {
			data_bad(it->d, k, "%s: duplicate key '%s' (also on line %u): expected each key once",
				 it->label, hit->name, (unsigned)hit->k->line);
		} else {
			hit->k = k;
			hit->v = v;
		}
	}
}

/* The value of a required key, or NULL (reported at the entry, or at the key when
 * its value is null). */
static const struct data_node *data_need(struct data_item *it, const struct data_node *entry,
					 const struct data_key *k, const char *expected)
{
	if (!k->k) {
		data_bad(it->d, entry, "%s has no '%s': expected %s", it->label, k->name, expected);
		return NULL;
	}
	if (data_is_null(k->v)) {
		data_bad(it->d, k->v, "%s: '%s' is empty: expected %s", it->label, k->name,
			 expected);
		return NULL;
	}
	return k->v;
}

static const struct data_node *data_opt(const struct data_key *k)
{
	return k->k && !data_is_null(k->v) ? k->v : NULL;
}

/* The value under `key` in mapping m (the first one), or NULL. */
static const struct data_node *data_value(const struct data_node *m, const char *key)
{
	for (size_t i = 0; i + 1 < m->kids.n; i += 2)
		if (m->kids.v[i]->type == DATA_SCALAR && !strcmp(m->kids.v[i]->str, key))
			return m->kids.v[i + 1];
	return NULL;
}

/* The scalar under `key` in mapping m when it is a usable name, for labels. */
static const char *data_peek(const struct data_node *m, const char *key)
{
	const struct data_node *v = data_value(m, key);
	if (v && v->type == DATA_SCALAR && !data_is_null(v) && v->len <= 80 &&
	    v->len == strlen(v->str))
		return v->str;
	return NULL;
}

/* Names already taken in one file, to find repeats in linear time. */
struct data_seen {
	const char **name;
	uint32_t *line;
	size_t cap, n;
};

static size_t data_seen_slot(const struct data_seen *s, const char *name)
{
	size_t i = fl_hash(name, strlen(name)) & (s->cap - 1);
	while (s->name[i] && strcmp(s->name[i], name))
		i = (i + 1) & (s->cap - 1);
	return i;
}

/* The line `name` was first taken on, or 0 after taking it on `line`. */
static uint32_t data_take(struct fl_arena *a, struct data_seen *s, const char *name, uint32_t line)
{
	if (s->n * 2 >= s->cap) {
		struct data_seen t = { .cap = s->cap ? s->cap * 2 : 64 };
		t.name = fl_alloc(a, t.cap * sizeof(*t.name));
		t.line = fl_alloc(a, t.cap * sizeof(*t.line));
		for (size_t i = 0; i < s->cap; i++) {
			if (s->name[i]) {
				size_t j = data_seen_slot(&t, s->name[i]);
				t.name[j] = s->name[i];
				t.line[j] = s->line[i];
			}
		}
		t.n = s->n;
		*s = t;
	}
	size_t i = data_seen_slot(s, name);
	if (s->name[i])
		return s->line[i];
	s->name[i] = name;
	s->line[i] = line ? line : 1;
	s->n++;
	return 0;
}

/* ---- flash-drivers.yml ------------------------------------------------------------- */

enum {
	DRV_COMPATIBLE,
	DRV_KCONFIG,
	DRV_XIP,
	DRV_XIP_KCONFIG,
	DRV_SOURCES,
	DRV_PAGE_KCONFIG,
	DRV_PAGE_DEFAULT,
	DRV_KEYS,
};

#define DRV_EXPECTED "compatible, kconfig, xip, xip_kconfig, sources, page_kconfig or page_default"

/* A source file name as a map owner shows it: no directory, no blanks. */
static bool data_sources(struct data_item *it, const struct data_node *v,
			 struct fl_flash_driver *drv)
{
	if (!data_list(it, "sources", v, 0, "a list of source file names such as nrf_qspi_nor.c"))
		return false;
	bool ok = true;
	for (size_t i = 0; i < v->kids.n; i++) {
		const char *s;
		if (!data_name(it, "sources", v->kids.v[i], &s,
			       "a source file name such as nrf_qspi_nor.c")) {
			ok = false;
		} else if (strchr(s, '/')) {
			data_bad(it->d, v->kids.v[i],
				 "%s: 'sources' entry '%s' has a directory: expected the file name alone, as a linker map shows it",
				 it->label, s);
			ok = false;
		} else {
			*fl_vec_push(it->d->run->arena, &drv->sources) = s;
		}
	}
	return ok;
}

static bool data_driver(struct data_doc *d, const struct data_node *e, struct fl_flash_driver *drv)
{
	const char *name = data_peek(e, "compatible");
	struct data_item it = { d, "driver entry" };
	if (name)
		it.label = fl_printf(d->run->arena, "driver '%s'", name);
	struct data_key k[DRV_KEYS] = {
		[DRV_COMPATIBLE] = { "compatible" },   [DRV_KCONFIG] = { "kconfig" },
		[DRV_XIP] = { "xip" },                 [DRV_XIP_KCONFIG] = { "xip_kconfig" },
		[DRV_SOURCES] = { "sources" },         [DRV_PAGE_KCONFIG] = { "page_kconfig" },
		[DRV_PAGE_DEFAULT] = { "page_default" },
	};
	bool was_bad = d->bad;
	d->bad = false;
	memset(drv, 0, sizeof(*drv));
	drv->pos = (struct fl_pos){ d->path, e->line, e->col };
	data_keys(&it, e, k, DRV_KEYS, DRV_EXPECTED);

	const struct data_node *v;
	if ((v = data_need(&it, e, &k[DRV_COMPATIBLE], "the devicetree compatible of the flash")))
		data_name(&it, "compatible", v, &drv->compatible,
			  "a devicetree compatible such as nordic,qspi-nor");
	if ((v = data_need(&it, e, &k[DRV_KCONFIG],
			   "a list of the CONFIG_ symbols that build the driver")))
		data_symbols(&it, "kconfig", v, &drv->kconfig.v, &drv->kconfig.n,
			     &drv->kconfig.cap);
	bool has_xip = false;
	if ((v = data_need(&it, e, &k[DRV_XIP], "true or false")))
		has_xip = data_bool(&it, "xip", v, &drv->xip);
	if ((v = data_opt(&k[DRV_XIP_KCONFIG])) &&
	    data_symbol(&it, "xip_kconfig", v, &drv->xip_kconfig) && has_xip && !drv->xip)
		data_bad(d, v, "%s: 'xip_kconfig' is set but 'xip' is false: expected no xip_kconfig for a driver that does not execute in place",
			 it.label);
	if ((v = data_need(&it, e, &k[DRV_SOURCES], "a list of source file names (may be [])")))
		data_sources(&it, v, drv);

	const struct data_node *pk = data_opt(&k[DRV_PAGE_KCONFIG]);
	const struct data_node *pd = data_opt(&k[DRV_PAGE_DEFAULT]);
	if (pk)
		data_symbol(&it, "page_kconfig", pk, &drv->page_kconfig);
	if (pd && data_u64(&it, "page_default", pd, &drv->page_default) && !drv->page_default)
		data_bad(d, pd, "%s: 'page_default' is 0: expected the page size in bytes",
			 it.label);
	if (pk && !pd)
		data_bad(d, k[DRV_PAGE_KCONFIG].k, "%s: 'page_kconfig' without 'page_default': expected both or neither",
			 it.label);
	else if (pd && !pk)
		data_bad(d, k[DRV_PAGE_DEFAULT].k, "%s: 'page_default' without 'page_kconfig': expected both or neither",
			 it.label);

	bool ok = !d->bad;
	d->bad |= was_bad;
	return ok;
}

static void data_read_drivers(struct data_doc *d, struct fl_data *out, const struct data_node *list)
{
	struct data_seen seen = { 0 };
	for (size_t i = 0; i < list->kids.n; i++) {
		const struct data_node *e = list->kids.v[i];
		if (e->type != DATA_MAP) {
			data_bad(d, e, "driver entry is %s: expected a mapping of " DRV_EXPECTED,
				 data_what(d->run->arena, e));
			continue;
		}
		struct fl_flash_driver drv;
		if (!data_driver(d, e, &drv))
			continue;
		uint32_t first = data_take(d->run->arena, &seen, drv.compatible, e->line);
		if (first) {
			data_bad(d, data_value(e, "compatible"),
				 "duplicate driver '%s' (also on line %u): expected each compatible once",
				 drv.compatible, (unsigned)first);
			continue;
		}
		*fl_vec_push(d->run->arena, &out->drivers) = drv;
	}
}

/* ---- soc-xip.yml ------------------------------------------------------------------- */

enum { SOC_NAME, SOC_KCONFIG, SOC_WINDOWS, SOC_KEYS };
enum { WIN_NAME, WIN_BASE, WIN_SIZE, WIN_CONTROLLER, WIN_KEYS };

#define SOC_EXPECTED "name, kconfig or windows"
#define WIN_EXPECTED "name, base, size or controller"

static void data_window(struct data_item *soc, const struct data_node *e, size_t index,
			struct fl_soc *out)
{
	struct data_doc *d = soc->d;
	if (e->type != DATA_MAP) {
		data_bad(d, e, "%s: window %zu is %s: expected a mapping of " WIN_EXPECTED,
			 soc->label, index + 1, data_what(d->run->arena, e));
		return;
	}
	const char *name = data_peek(e, "name");
	struct data_item it = { d, NULL };
	if (name)
		it.label = fl_printf(d->run->arena, "%s window '%s'", soc->label, name);
	else
		it.label = fl_printf(d->run->arena, "%s window %zu", soc->label, index + 1);
	struct data_key k[WIN_KEYS] = {
		[WIN_NAME] = { "name" }, [WIN_BASE] = { "base" },
		[WIN_SIZE] = { "size" }, [WIN_CONTROLLER] = { "controller" },
	};
	struct fl_xip_window w = { .pos = { d->path, e->line, e->col } };
	bool was_bad = d->bad;
	d->bad = false;
	data_keys(&it, e, k, WIN_KEYS, WIN_EXPECTED);

	const struct data_node *v, *size = NULL;
	if ((v = data_need(&it, e, &k[WIN_NAME], "the window's name, such as qspi_mm")))
		data_name(&it, "name", v, &w.name, "the window's name, such as qspi_mm");
	bool has_base = (v = data_need(&it, e, &k[WIN_BASE], "the window's first address")) &&
			data_u64(&it, "base", v, &w.base);
	if ((v = data_need(&it, e, &k[WIN_SIZE], "the window's size in bytes")) &&
	    data_u64(&it, "size", v, &w.size))
		size = v;
	if ((v = data_need(&it, e, &k[WIN_CONTROLLER], "the controller's devicetree compatible")))
		data_name(&it, "controller", v, &w.controller,
			  "the controller's devicetree compatible, such as nordic,nrf-qspi");
	uint64_t end;
	if (size && !w.size)
		data_bad(d, size, "%s: 'size' is 0: expected the window's size in bytes", it.label);
	else if (size && has_base && !fl_add_ok(w.base, w.size, &end))
		data_bad(d, size, "%s: base 0x%llx + size 0x%llx wraps past 2^64: expected an end at most 0xffffffffffffffff",
			 it.label, (unsigned long long)w.base, (unsigned long long)w.size);

	if (!d->bad)
		*fl_vec_push(d->run->arena, &out->windows) = w;
	d->bad |= was_bad;
}

static bool data_soc(struct data_doc *d, const struct data_node *e, struct fl_soc *soc)
{
	const char *name = data_peek(e, "name");
	struct data_item it = { d, "SoC entry" };
	if (name)
		it.label = fl_printf(d->run->arena, "SoC '%s'", name);
	struct data_key k[SOC_KEYS] = {
		[SOC_NAME] = { "name" },
		[SOC_KCONFIG] = { "kconfig" },
		[SOC_WINDOWS] = { "windows" },
	};
	bool was_bad = d->bad;
	d->bad = false;
	memset(soc, 0, sizeof(*soc));
	soc->pos = (struct fl_pos){ d->path, e->line, e->col };
	data_keys(&it, e, k, SOC_KEYS, SOC_EXPECTED);

	const struct data_node *v;
	if ((v = data_need(&it, e, &k[SOC_NAME], "the SoC's name, such as nrf5340_cpuapp")))
		data_name(&it, "name", v, &soc->name, "the SoC's name, such as nrf5340_cpuapp");
	if ((v = data_need(&it, e, &k[SOC_KCONFIG],
			   "a list of the CONFIG_SOC_ symbols that identify the SoC")))
		data_symbols(&it, "kconfig", v, &soc->kconfig.v, &soc->kconfig.n,
			     &soc->kconfig.cap);
	if ((v = data_need(&it, e, &k[SOC_WINDOWS], "a list of XIP windows")) &&
	    data_list(&it, "windows", v, 1, "a list of at least one XIP window")) {
		for (size_t i = 0; i < v->kids.n; i++)
			data_window(&it, v->kids.v[i], i, soc);
	}

	bool ok = !d->bad;
	d->bad |= was_bad;
	return ok;
}

static void data_read_socs(struct data_doc *d, struct fl_data *out, const struct data_node *list)
{
	struct data_seen seen = { 0 };
	for (size_t i = 0; i < list->kids.n; i++) {
		const struct data_node *e = list->kids.v[i];
		if (e->type != DATA_MAP) {
			data_bad(d, e, "SoC entry is %s: expected a mapping of " SOC_EXPECTED,
				 data_what(d->run->arena, e));
			continue;
		}
		struct fl_soc soc;
		if (!data_soc(d, e, &soc))
			continue;
		uint32_t first = data_take(d->run->arena, &seen, soc.name, e->line);
		if (first) {
			data_bad(d, data_value(e, "name"),
				 "duplicate SoC '%s' (also on line %u): expected each name once",
				 soc.name, (unsigned)first);
			continue;
		}
		*fl_vec_push(d->run->arena, &out->socs) = soc;
	}
}

/* ---- files ------------------------------------------------------------------------- */

struct data_file {
	const char *name;      /* "flash-drivers.yml" */
	const char *key;       /* its one top-level key */
	const char *entries;   /* "driver entries", for messages */
	void (*read)(struct data_doc *d, struct fl_data *out, const struct data_node *list);
};

static const struct data_file data_files[] = {
	{ DATA_DRIVERS_FILE, "drivers", "driver entries", data_read_drivers },
	{ DATA_SOCS_FILE, "socs", "SoC entries", data_read_socs },
};

static int data_load_file(struct fl_run *run, struct fl_data *out, const char *dir,
			  const struct data_file *f)
{
	struct data_doc d = { .run = run, .path = fl_path_join(run->arena, dir, f->name) };
	struct fl_buf buf;
	int err = fl_buf_read(d.path, &buf, run->cfg.max_input);
	if (err) {
		fl_inp(run, d.path, 0, 0, "cannot read the file: %s", fl_input_strerror(err));
		return -FL_EIO;
	}
	d.text = buf.data;
	d.len = buf.len;
	if (d.len)
		data_parse(&d);
	if (d.broken)
		goto out;
	const struct data_node *root = d.root;
	if (!root || data_is_null(root)) {
		data_report(&d, 1, 0, "empty file: expected a mapping with the key '%s'", f->key);
		goto out;
	}
	if (root->type != DATA_MAP) {
		data_bad(&d, root, "the document is %s: expected a mapping with the key '%s'",
			 data_what(run->arena, root), f->key);
		goto out;
	}
	struct data_item it = { &d, f->name };
	struct data_key k = { f->key };
	data_keys(&it, root, &k, 1, fl_printf(run->arena, "'%s'", f->key));
	if (!k.k) {
		data_bad(&d, root, "%s has no '%s': expected a mapping with the key '%s'", f->name,
			 f->key, f->key);
	} else if (k.v->type != DATA_SEQ) {
		data_bad(&d, k.v, "'%s' is %s: expected a list of %s", f->key,
			 data_what(run->arena, k.v), f->entries);
	} else {
		f->read(&d, out, k.v);
	}
out:
	fl_buf_close(&buf);
	return d.bad ? -FL_EFORMAT : 0;
}

const char *fl_data_dir(const char *dir)
{
	if (dir)
		return dir;
	if (fl_is_dir(FLASHLINT_DATA_DIR "/data"))
		return FLASHLINT_DATA_DIR "/data";
	return FLASHLINT_SOURCE_DATA_DIR;
}

int fl_data_load(struct fl_run *run, struct fl_data *d, const char *dir)
{
	memset(d, 0, sizeof(*d));
	if (!dir)
		dir = fl_data_dir(NULL);
	const char *adir = fl_strdup(run->arena, dir);
	struct stat st;
	if (stat(dir, &st) != 0) {
		fl_inp(run, adir, 0, 0, "not a data directory: %s", strerror(errno));
		return -FL_EIO;
	}
	if (!S_ISDIR(st.st_mode)) {
		fl_inp(run, adir, 0, 0, "not a data directory: it is not a directory");
		return -FL_EIO;
	}
	int rc = 0;
	for (size_t i = 0; i < sizeof(data_files) / sizeof(data_files[0]); i++) {
		int r = data_load_file(run, d, adir, &data_files[i]);
		if (r && rc != -FL_EIO)
			rc = r;
	}
	if (!rc)
		d->dir = adir;
	return rc;
}
