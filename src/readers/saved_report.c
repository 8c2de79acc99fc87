// SPDX-License-Identifier: Apache-2.0
/*
 * Reading back a report saved by `check --format json --detail full` (jansson):
 * its "detail" member and its diagnostics become the digest `flashlint diff`
 * compares, exactly as the build directory would give it. A document that is not
 * such a report is an INP001 at the line jansson stopped at, or at the file.
 */
#include <string.h>

#include <jansson.h>

#include "flashlint/digest.h"

/* What is being read, for the messages. */
struct sr {
	struct fl_run *run;
	struct fl_arena *a;
	const char *path;
	bool bad;
};

static void sr_bad(struct sr *s, const char *what)
{
	if (!s->bad)
		fl_inp(s->run, s->path, 0, 0, "not a full flashlint report: %s", what);
	s->bad = true;
}

static const char *sr_str(struct sr *s, json_t *v, bool nullable, const char *what)
{
	if (nullable && (!v || json_is_null(v)))
		return NULL;
	if (!json_is_string(v)) {
		sr_bad(s, what);
		return NULL;
	}
	return fl_strndup(s->a, json_string_value(v), json_string_length(v));
}

static uint64_t sr_u64(struct sr *s, json_t *v, const char *what)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		sr_bad(s, what);
		return 0;
	}
	return (uint64_t)json_integer_value(v);
}

/* [[name, size], ...] */
static void sr_sizes(struct sr *s, json_t *arr, struct fl_dg_size **v, size_t *n, const char *what)
{
	if (!json_is_array(arr)) {
		sr_bad(s, what);
		return;
	}
	size_t cnt = json_array_size(arr);
	*v = fl_alloc(s->a, (cnt + 1) * sizeof(**v));
	*n = 0;
	for (size_t i = 0; i < cnt && !s->bad; i++) {
		json_t *t = json_array_get(arr, i);
		if (!json_is_array(t) || json_array_size(t) != 2) {
			sr_bad(s, what);
			return;
		}
		(*v)[*n].name = sr_str(s, json_array_get(t, 0), false, what);
		(*v)[(*n)++].size = sr_u64(s, json_array_get(t, 1), what);
	}
}

static void sr_image(struct sr *s, json_t *o, struct fl_dg_image *i)
{
	if (!json_is_object(o)) {
		sr_bad(s, "an image of \"detail\" is not an object");
		return;
	}
	i->name = sr_str(s, json_object_get(o, "name"), false, "image without a name");
	i->loaded = sr_u64(s, json_object_get(o, "loaded"), "image without \"loaded\"");
	i->slot = sr_str(s, json_object_get(o, "slot"), true, "bad \"slot\"");
	if (i->slot) {
		i->signed_ = true;
		i->slot_size = sr_u64(s, json_object_get(o, "slot_size"), "bad \"slot_size\"");
		i->image_size = sr_u64(s, json_object_get(o, "image_size"), "bad \"image_size\"");
		i->trailer = sr_u64(s, json_object_get(o, "trailer"), "bad \"trailer\"");
		i->mode = sr_str(s, json_object_get(o, "upgrade_mode"), true, "bad \"upgrade_mode\"");
		json_t *lim = json_object_get(o, "upgrade_limit");
		if (lim && !json_is_null(lim)) {
			i->has_limit = true;
			i->limit = sr_u64(s, lim, "bad \"upgrade_limit\"");
		}
	}
	json_t *regs = json_object_get(o, "regions");
	if (!json_is_array(regs)) {
		sr_bad(s, "image without \"regions\"");
		return;
	}
	size_t n = json_array_size(regs);
	fl_vec_reserve(s->a, &i->regions, n);
	for (size_t k = 0; k < n && !s->bad; k++) {
		json_t *t = json_array_get(regs, k);
		if (!json_is_array(t) || json_array_size(t) != 4) {
			sr_bad(s, "a region is not [name, origin, length, used]");
			return;
		}
		struct fl_dg_region *r = fl_vec_push(s->a, &i->regions);
		r->name = sr_str(s, json_array_get(t, 0), false, "bad region name");
		r->origin = sr_u64(s, json_array_get(t, 1), "bad region origin");
		r->length = sr_u64(s, json_array_get(t, 2), "bad region length");
		r->used = sr_u64(s, json_array_get(t, 3), "bad region used");
	}
	sr_sizes(s, json_object_get(o, "sections"), &i->sections.v, &i->sections.n, "bad \"sections\"");
	sr_sizes(s, json_object_get(o, "objects"), &i->objects.v, &i->objects.n, "bad \"objects\"");
	sr_sizes(s, json_object_get(o, "symbols"), &i->symbols.v, &i->symbols.n, "bad \"symbols\"");
	i->sections.cap = i->sections.n;
	i->objects.cap = i->objects.n;
	i->symbols.cap = i->symbols.n;
}

static void sr_parts(struct sr *s, struct fl_digest *g, json_t *arr)
{
	if (!json_is_array(arr)) {
		sr_bad(s, "\"detail\" without \"partitions\"");
		return;
	}
	for (size_t k = 0; k < json_array_size(arr) && !s->bad; k++) {
		json_t *t = json_array_get(arr, k);
		if (!json_is_array(t) || json_array_size(t) != 5) {
			sr_bad(s, "a partition is not [key, name, where, address, size]");
			return;
		}
		struct fl_dg_part *p = fl_vec_push(s->a, &g->parts);
		p->key = sr_str(s, json_array_get(t, 0), false, "bad partition key");
		p->name = sr_str(s, json_array_get(t, 1), false, "bad partition name");
		p->where = sr_str(s, json_array_get(t, 2), true, "bad partition place");
		p->address = sr_u64(s, json_array_get(t, 3), "bad partition address");
		p->size = sr_u64(s, json_array_get(t, 4), "bad partition size");
		p->kind = fl_dg_part_kind_of(p->name);
	}
}

static enum fl_severity sr_severity(const char *s)
{
	if (fl_str_eq(s, "error"))
		return FL_SEV_ERROR;
	if (fl_str_eq(s, "warning"))
		return FL_SEV_WARNING;
	return FL_SEV_NOTE;
}

/* Three capital letters and three digits ("SEC001"). */
static bool sr_is_rule_id(const char *id)
{
	for (int i = 0; i < 6; i++)
		if (i < 3 ? !(id[i] >= 'A' && id[i] <= 'Z') : !(id[i] >= '0' && id[i] <= '9'))
			return false;
	return id[6] == '\0';
}

/* The diagnostics with a rule become findings, as check recorded them. */
static void sr_findings(struct sr *s, struct fl_digest *g, json_t *arr)
{
	if (!json_is_array(arr)) {
		sr_bad(s, "no \"diagnostics\" array");
		return;
	}
	for (size_t k = 0; k < json_array_size(arr) && !s->bad; k++) {
		json_t *o = json_array_get(arr, k);
		if (!json_is_object(o)) {
			sr_bad(s, "a diagnostic is not an object");
			return;
		}
		const char *id = sr_str(s, json_object_get(o, "id"), true, "bad diagnostic id");
		if (!id)
			continue;
		struct fl_diag d = { 0 };
		if (!sr_is_rule_id(id)) {
			sr_bad(s, fl_printf(s->a, "'%s' is not a rule ID", id));
			return;
		}
		d.severity = sr_severity(sr_str(s, json_object_get(o, "severity"), false, "bad severity"));
		d.msg = sr_str(s, json_object_get(o, "message"), false, "bad diagnostic message");
		d.pos.file = sr_str(s, json_object_get(o, "file"), true, "bad diagnostic file");
		json_t *line = json_object_get(o, "line"), *col = json_object_get(o, "column");
		d.pos.line = line && !json_is_null(line) ? (uint32_t)sr_u64(s, line, "bad line") : 0;
		d.pos.col = col && !json_is_null(col) ? (uint32_t)sr_u64(s, col, "bad column") : 0;
		d.image = sr_str(s, json_object_get(o, "image"), true, "bad diagnostic image");
		fl_digest_add_finding(s->a, g, id, &d);
	}
}

bool fl_digest_probe(const char *buf, size_t len)
{
	size_t i = 0;
	while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t'))
		i++;
	return i < len && buf[i] == '{';
}

int fl_digest_read(struct fl_run *run, struct fl_digest *g, const char *path)
{
	struct sr s = { run, run->arena, path, false };
	struct fl_buf buf = { 0 };
	json_error_t err;
	json_t *root = NULL;
	int rc = fl_buf_read(path, &buf, run->cfg.max_input);

	memset(g, 0, sizeof(*g));
	if (rc) {
		fl_inp(run, path, 0, 0, "cannot read the report: %s", fl_input_strerror(rc));
		rc = -FL_EIO;
		goto out;
	}
	root = json_loadb(buf.data, buf.len, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		fl_inp(run, path, err.line > 0 ? (uint32_t)err.line : 0,
		       err.column > 0 ? (uint32_t)err.column : 0, "invalid JSON: %s", err.text);
		rc = -FL_EFORMAT;
		goto out;
	}
	const char *schema = json_string_value(json_object_get(root, "schema"));
	if (!fl_str_eq(schema, "flashlint-report/1")) {
		sr_bad(&s, "\"schema\" is not \"flashlint-report/1\"");
		rc = -FL_EFORMAT;
		goto out;
	}
	json_t *detail = json_object_get(root, "detail");
	if (!json_is_object(detail)) {
		sr_bad(&s, "no \"detail\": save it with check --format json --detail full");
		rc = -FL_EFORMAT;
		goto out;
	}
	g->build_dir = sr_str(&s, json_object_get(root, "build_dir"), true, "bad \"build_dir\"");
	g->pm = json_is_true(json_object_get(detail, "partition_manager"));
	sr_parts(&s, g, json_object_get(detail, "partitions"));
	json_t *gb = json_object_get(detail, "growth_budgets");
	if (!json_is_array(gb))
		sr_bad(&s, "\"detail\" without \"growth_budgets\"");
	for (size_t k = 0; !s.bad && k < json_array_size(gb); k++) {
		json_t *t = json_array_get(gb, k);
		if (!json_is_array(t) || json_array_size(t) != 5) {
			sr_bad(&s, "a growth budget is not [image, bytes, file, line, column]");
			break;
		}
		struct fl_budget *b = fl_vec_push(s.a, &g->growth);
		b->image = sr_str(&s, json_array_get(t, 0), false, "bad growth budget image");
		b->value = sr_u64(&s, json_array_get(t, 1), "bad growth budget");
		b->pos.file = sr_str(&s, json_array_get(t, 2), false, "bad growth budget file");
		b->pos.line = (uint32_t)sr_u64(&s, json_array_get(t, 3), "bad growth budget line");
		b->pos.col = (uint32_t)sr_u64(&s, json_array_get(t, 4), "bad growth budget column");
	}
	json_t *imgs = json_object_get(detail, "images");
	if (!json_is_array(imgs))
		sr_bad(&s, "\"detail\" without \"images\"");
	for (size_t k = 0; !s.bad && k < json_array_size(imgs); k++)
		sr_image(&s, json_array_get(imgs, k), fl_vec_push(s.a, &g->images));
	sr_findings(&s, g, json_object_get(root, "diagnostics"));
	fl_digest_sort(s.a, g);
	rc = s.bad ? -FL_EFORMAT : 0;
out:
	json_decref(root);
	fl_buf_close(&buf);
	return rc;
}
