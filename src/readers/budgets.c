// SPDX-License-Identifier: Apache-2.0
/*
 * The budgets file, flashlint.yml (libyaml's document API): region, image and
 * partition budgets in percent or bytes, rule severities and ignores with their
 * reasons. Every budget keeps its line; anything outside the schema is an INP001
 * at its line. Knows no rule logic: the rules read the budgets.
 */
#include <stdio.h>
#include <string.h>

#include <yaml.h>

#include "flashlint/budgets.h"
#include "flashlint/model.h"

struct bf {
	struct fl_run *run;
	struct fl_budgets *b;
	yaml_document_t doc;
	const char *path;
	bool bad;
};

static struct fl_pos bf_pos(const struct bf *f, const yaml_node_t *n)
{
	return (struct fl_pos){ f->path, (uint32_t)n->start_mark.line + 1,
				(uint32_t)n->start_mark.column + 1 };
}

static void bf_fail(struct bf *f, const yaml_node_t *n, const char *msg)
{
	struct fl_pos p = bf_pos(f, n);
	fl_inp(f->run, f->path, p.line, p.col, "%s", msg);
	f->bad = true;
}

static const char *bf_scalar(struct bf *f, const yaml_node_t *n)
{
	if (!n || n->type != YAML_SCALAR_NODE)
		return NULL;
	return fl_strndup(f->run->arena, (const char *)n->data.scalar.value, n->data.scalar.length);
}

static yaml_node_t *bf_node(struct bf *f, int i)
{
	return yaml_document_get_node(&f->doc, i);
}

/* "90%" (0 to 100) or a byte count ("4096", "0x1000"). */
static bool bf_amount(struct bf *f, yaml_node_t *n, bool pct_only, struct fl_budget *o)
{
	const char *s = bf_scalar(f, n);
	size_t len = s ? strlen(s) : 0;
	o->pos = bf_pos(f, n);
	if (len > 1 && s[len - 1] == '%') {
		o->percent = true;
		if (fl_parse_u64(s, len - 1, &o->value) && o->value <= 100)
			return true;
	} else if (!pct_only && s && fl_parse_u64(s, len, &o->value)) {
		return true;
	}
	bf_fail(f, n, pct_only ? "expected a percentage from 0% to 100%"
			       : "expected a percentage (90%) or a number of bytes (4096, 0x1000)");
	return false;
}

/* The mapping node n, or an INP001 when it is something else. */
static bool bf_is_map(struct bf *f, yaml_node_t *n, const char *what)
{
	if (n && n->type == YAML_MAPPING_NODE)
		return true;
	if (n)
		bf_fail(f, n, fl_printf(f->run->arena, "%s must be a mapping", what));
	return false;
}

/* Each key k and value v of mapping n, through the pair pointer pr. */
#define for_each_pair(f, n, pr, k, v)                                                    \
	for (yaml_node_pair_t *pr = (n)->data.mapping.pairs.start;                          \
	     pr < (n)->data.mapping.pairs.top && ((k) = bf_node(f, pr->key), (v) = bf_node(f, pr->value), 1); \
	     pr++)

/* regions and partitions: {NAME or IMAGE/NAME: percent or bytes} */
static void bf_named(struct bf *f, yaml_node_t *n, void *vec_, const char *what)
{
	FL_VEC(struct fl_budget) *vec = vec_;
	yaml_node_t *k, *v;
	if (!bf_is_map(f, n, what))
		return;
	for_each_pair(f, n, p1, k, v) {
		const char *name = bf_scalar(f, k);
		/* An image's name may hold a slash (a child image's directory): the name
		 * after the last one is the region or partition. */
		const char *slash = name ? strrchr(name, '/') : NULL;
		if (!name || !*name || (slash && (slash == name || !slash[1]))) {
			bf_fail(f, k, fl_printf(f->run->arena, "a key of %s must be NAME or IMAGE/NAME", what));
			continue;
		}
		struct fl_budget bud = { 0 };
		if (!bf_amount(f, v, false, &bud))
			continue;
		if (slash) {
			bud.image = fl_strndup(f->run->arena, name, (size_t)(slash - name));
			name = slash + 1;
		}
		bud.name = name;
		*fl_vec_push(f->run->arena, vec) = bud;
	}
}

/* images: {IMAGE: {headroom: amount, growth: bytes}} */
static void bf_images(struct bf *f, yaml_node_t *n)
{
	yaml_node_t *k, *v, *k2, *v2;
	if (!bf_is_map(f, n, "images"))
		return;
	for_each_pair(f, n, p1, k, v) {
		const char *image = bf_scalar(f, k);
		if (!image || !*image) {
			bf_fail(f, k, "a key of images must be an image's name");
			continue;
		}
		if (!bf_is_map(f, v, fl_printf(f->run->arena, "image '%s'", image)))
			continue;
		for_each_pair(f, v, p2, k2, v2) {
			const char *key = bf_scalar(f, k2);
			struct fl_budget bud = { .image = image };
			if (fl_str_eq(key, "headroom")) {
				if (bf_amount(f, v2, false, &bud))
					*fl_vec_push(f->run->arena, &f->b->headroom) = bud;
			} else if (fl_str_eq(key, "growth")) {
				if (!bf_amount(f, v2, false, &bud))
					continue;
				if (bud.percent)
					bf_fail(f, v2, "growth is a number of bytes, not a percentage");
				else
					*fl_vec_push(f->run->arena, &f->b->growth) = bud;
			} else {
				bf_fail(f, k2, "unknown image budget: expected headroom or growth");
			}
		}
	}
}

static bool bf_cli_default(const struct fl_run *run, unsigned r)
{
	return run->cfg.severity[r] == run->cat->rules[r].severity && !run->cfg.werror[r];
}

/* rules: {ID or name: error|warning|note|off} */
static void bf_rules(struct bf *f, yaml_node_t *n)
{
	static const char *const sev[] = { "off", "note", "warning", "error" };
	yaml_node_t *k, *v;
	if (!bf_is_map(f, n, "rules"))
		return;
	for_each_pair(f, n, p1, k, v) {
		const char *name = bf_scalar(f, k), *val = bf_scalar(f, v);
		unsigned r = name ? fl_catalogue_find(f->run->cat, name) : FL_RULE_NONE;
		if (r == FL_RULE_NONE) {
			bf_fail(f, k, fl_printf(f->run->arena, "unknown rule '%s' (see 'flashlint rules')",
						name ? name : ""));
			continue;
		}
		size_t s = 0;
		while (s < 4 && !fl_str_eq(val, sev[s]))
			s++;
		if (s == 4) {
			bf_fail(f, v, "expected error, warning, note or off");
			continue;
		}
		if (bf_cli_default(f->run, r))
			f->run->cfg.severity[r] = (enum fl_severity)s;
	}
}

/* ignore: [{rule: ID or name, reason: text}] */
static void bf_ignores(struct bf *f, yaml_node_t *n)
{
	if (n->type != YAML_SEQUENCE_NODE) {
		bf_fail(f, n, "ignore must be a list of {rule, reason}");
		return;
	}
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *e = bf_node(f, *it), *k, *v;
		const char *rule = NULL, *reason = NULL;
		yaml_node_t *rule_node = e;
		if (!bf_is_map(f, e, "an ignore"))
			continue;
		for_each_pair(f, e, p1, k, v) {
			const char *key = bf_scalar(f, k);
			if (fl_str_eq(key, "rule")) {
				rule = bf_scalar(f, v);
				rule_node = v;
			} else if (fl_str_eq(key, "reason")) {
				reason = bf_scalar(f, v);
			} else {
				bf_fail(f, k, "unknown key of an ignore: expected rule and reason");
			}
		}
		unsigned r = rule ? fl_catalogue_find(f->run->cat, rule) : FL_RULE_NONE;
		if (r == FL_RULE_NONE)
			bf_fail(f, rule_node, rule ? fl_printf(f->run->arena, "unknown rule '%s' (see 'flashlint rules')", rule)
						   : "an ignore needs a rule:");
		else if (!reason || !*reason)
			bf_fail(f, e, fl_printf(f->run->arena, "ignoring %s needs a reason: (why the finding does not apply)", rule));
		else if (bf_cli_default(f->run, r))
			f->run->cfg.severity[r] = FL_SEV_OFF;
	}
}

static void bf_root(struct bf *f, yaml_node_t *root)
{
	yaml_node_t *k, *v;
	if (!root || (root->type == YAML_SCALAR_NODE && !root->data.scalar.length))
		return; /* an empty file: no budgets */
	if (!bf_is_map(f, root, "a budgets file"))
		return;
	for_each_pair(f, root, p1, k, v) {
		const char *key = bf_scalar(f, k);
		struct fl_budget bud = { 0 };
		if (fl_str_eq(key, "regions"))
			bf_named(f, v, &f->b->regions, "regions");
		else if (fl_str_eq(key, "partitions"))
			bf_named(f, v, &f->b->partitions, "partitions");
		else if (fl_str_eq(key, "images"))
			bf_images(f, v);
		else if (fl_str_eq(key, "rules"))
			bf_rules(f, v);
		else if (fl_str_eq(key, "ignore"))
			bf_ignores(f, v);
		else if (fl_str_eq(key, "region-budget")) {
			if (bf_amount(f, v, true, &bud) && f->run->cfg.headroom_percent == 95)
				f->run->cfg.headroom_percent = (unsigned)bud.value;
		} else if (fl_str_eq(key, "slot-headroom")) {
			if (bf_amount(f, v, true, &bud) && f->run->cfg.slot_headroom_percent == 5)
				f->run->cfg.slot_headroom_percent = (unsigned)bud.value;
		} else
			bf_fail(f, k, fl_printf(f->run->arena,
						"unknown key '%s': expected region-budget, slot-headroom, regions, images, partitions, rules or ignore",
						key ? key : ""));
	}
}

int fl_budgets_read(struct fl_run *run, struct fl_budgets *b, const char *path)
{
	struct bf f = { .run = run, .b = b, .path = path };
	struct fl_buf buf = { 0 };
	yaml_parser_t parser;
	bool parser_ok = false, doc_ok = false;
	int rc = fl_buf_read(path, &buf, run->cfg.max_input);

	memset(b, 0, sizeof(*b));
	b->path = path;
	if (rc) {
		fl_inp(run, path, 0, 0, "cannot read the budgets file: %s", fl_input_strerror(rc));
		rc = -FL_EIO;
		goto out;
	}
	parser_ok = yaml_parser_initialize(&parser);
	if (!parser_ok) {
		rc = -FL_EIO;
		goto out;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf.data, buf.len);
	doc_ok = yaml_parser_load(&parser, &f.doc);
	if (!doc_ok) {
		fl_inp(run, path, (uint32_t)parser.problem_mark.line + 1,
		       (uint32_t)parser.problem_mark.column + 1, "invalid YAML: %s",
		       parser.problem ? parser.problem : "cannot be parsed");
		rc = -FL_EFORMAT;
		goto out;
	}
	bf_root(&f, yaml_document_get_root_node(&f.doc));
	run->cfg.budgets = b;
	rc = f.bad ? -FL_EFORMAT : 0;
out:
	if (doc_ok)
		yaml_document_delete(&f.doc);
	if (parser_ok)
		yaml_parser_delete(&parser);
	fl_buf_close(&buf);
	return rc;
}

/* APPLICATION_SOURCE_DIR of dir/CMakeCache.txt, or NULL. */
static const char *cache_source_dir(struct fl_run *run, const char *dir)
{
	static const char key[] = "APPLICATION_SOURCE_DIR:PATH=";
	struct fl_buf buf = { 0 };
	const char *out = NULL;
	if (!dir || fl_buf_read(fl_path_join(run->arena, dir, "CMakeCache.txt"), &buf, run->cfg.max_input))
		return NULL;
	for (size_t i = 0; i + sizeof(key) - 1 <= buf.len && !out;) {
		const char *nl = memchr(buf.data + i, '\n', buf.len - i);
		size_t end = nl ? (size_t)(nl - buf.data) : buf.len;
		if (end - i >= sizeof(key) - 1 && !memcmp(buf.data + i, key, sizeof(key) - 1))
			out = fl_strndup(run->arena, buf.data + i + sizeof(key) - 1,
					 end - i - (sizeof(key) - 1));
		i = end + 1;
	}
	fl_buf_close(&buf);
	return out;
}

const char *fl_budgets_locate(struct fl_run *run, const struct fl_model *m)
{
	fl_vec_for_each(&m->inputs, in) {
		if (in->kind != FL_IN_PM_STATIC)
			continue;
		const char *slash = strrchr(in->path, '/');
		char *p = slash ? fl_printf(run->arena, "%.*s/flashlint.yml", (int)(slash - in->path), in->path)
				: fl_strdup(run->arena, "flashlint.yml");
		if (fl_is_file(p))
			return p;
	}
	const char *src = cache_source_dir(run, m->build_dir);
	for_each_image(m, it)
		if (!src && (*it)->role == FL_IMG_APP)
			src = cache_source_dir(run, (*it)->dir);
	char *p = src ? fl_path_join(run->arena, src, "flashlint.yml") : NULL;
	return p && fl_is_file(p) ? p : NULL;
}
