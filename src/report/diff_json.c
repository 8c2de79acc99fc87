// SPDX-License-Identifier: Apache-2.0
/*
 * The diff as one "flashlint-diff/1" JSON document (flashlint-diff-1.schema.json
 * next to this file): both builds' figures side by side for every changed image,
 * partition and region, the findings by identity, the largest movers and the
 * policy's verdict. Deterministic; never filters beyond what the diff holds.
 */
#include <inttypes.h>
#include <stdio.h>

#include "diff_fmt.h"
#include "json_w.h"

#ifndef FLASHLINT_VERSION
#define FLASHLINT_VERSION "0.1.0"
#endif

static void json_i64(struct json_w *w, const char *key, int64_t v)
{
	json_member(w, key);
	fprintf(w->out, "%" PRId64, v);
}

static void dj_image(struct json_w *w, const char *key, const struct fl_dg_image *i)
{
	if (!i) {
		json_null(w, key);
		return;
	}
	json_open(w, key, '{');
	json_u64(w, "loaded", i->loaded);
	json_str(w, "slot", i->signed_ ? i->slot : NULL);
	json_u64_opt(w, "slot_size", i->signed_, i->slot_size);
	json_u64_opt(w, "image_size", i->signed_, i->image_size);
	json_u64_opt(w, "trailer", i->signed_, i->trailer);
	if (i->signed_)
		json_i64(w, "imgtool_room", fl_diff_room_imgtool(i));
	else
		json_null(w, "imgtool_room");
	json_str(w, "upgrade_mode", i->signed_ && i->has_limit ? i->mode : NULL);
	json_u64_opt(w, "upgrade_limit", i->signed_ && i->has_limit, i->limit);
	if (i->signed_ && i->has_limit)
		json_i64(w, "upgrade_room", fl_diff_room_upgrade(i));
	else
		json_null(w, "upgrade_room");
	json_close(w, '}');
}

static void dj_finding(struct json_w *w, struct fl_arena *a, const struct fl_dg_finding *f)
{
	json_open(w, NULL, '{');
	json_str_req(w, "id", f->id);
	json_str(w, "severity", fl_severity_name(f->severity));
	json_str_req(w, "message", f->msg);
	json_str(w, "file", f->pos.file);
	json_u64_opt(w, "line", f->pos.line != 0, f->pos.line);
	json_u64_opt(w, "column", f->pos.col != 0, f->pos.col);
	json_str(w, "image", f->image);
	json_str(w, "fingerprint", fl_printf(a, "%016" PRIx64, f->fingerprint));
	json_close(w, '}');
}

static void dj_part(struct json_w *w, const char *key, const struct fl_dg_part *p)
{
	if (!p) {
		json_null(w, key);
		return;
	}
	json_open(w, key, '{');
	json_str(w, "where", p->where);
	json_u64(w, "address", p->address);
	json_u64(w, "size", p->size);
	json_close(w, '}');
}

static void dj_region(struct json_w *w, const char *key, const struct fl_dg_region *r)
{
	if (!r) {
		json_null(w, key);
		return;
	}
	json_open(w, key, '{');
	json_u64(w, "origin", r->origin);
	json_u64(w, "length", r->length);
	json_u64(w, "used", r->used);
	json_close(w, '}');
}

static void dj_sizes(struct json_w *w, struct fl_arena *a, const char *key,
		     const struct fl_diff_size *v, size_t n)
{
	json_open(w, key, '[');
	for (size_t i = 0; i < n; i++) {
		json_open(w, NULL, '{');
		json_str_req(w, "image", v[i].image);
		json_str_req(w, "name", v[i].name);
		const char *dm = fl_demangle(a, v[i].name);
		json_str(w, "demangled", dm != v[i].name ? dm : NULL);
		json_u64(w, "base", v[i].base);
		json_u64(w, "new", v[i].new_);
		json_i64(w, "delta", v[i].delta);
		json_close(w, '}');
	}
	json_close(w, ']');
}

static void dj_movers(struct json_w *w, struct fl_arena *a, const char *key,
		      const struct fl_diff_movers *mv)
{
	json_open(w, key, '{');
	json_u64(w, "changed", mv->changed);
	dj_sizes(w, a, "growers", mv->grow.v, mv->grow.n);
	dj_sizes(w, a, "shrinkers", mv->shrink.v, mv->shrink.n);
	json_close(w, '}');
}

int diff_write_json(FILE *out, struct fl_arena *a, const struct fl_diff *d)
{
	struct json_w w = { out, 0, true };

	json_open(&w, NULL, '{');
	json_str(&w, "schema", "flashlint-diff/1");
	json_open(&w, "tool", '{');
	json_str(&w, "name", "flashlint");
	json_str(&w, "version", FLASHLINT_VERSION);
	json_close(&w, '}');
	json_str(&w, "base_build_dir", d->base->build_dir);
	json_str(&w, "new_build_dir", d->new_->build_dir);
	json_bool(&w, "changed", d->changed);
	json_str(&w, "headline", diff_fmt_headline(a, d));

	json_open(&w, "images", '[');
	fl_vec_for_each(&d->images, im) {
		json_open(&w, NULL, '{');
		json_str_req(&w, "name", im->name);
		dj_image(&w, "base", im->base);
		dj_image(&w, "new", im->new_);
		json_close(&w, '}');
	}
	json_close(&w, ']');

	json_open(&w, "findings", '{');
	json_open(&w, "new", '[');
	fl_vec_for_each(&d->added, f)
		dj_finding(&w, a, *f);
	json_close(&w, ']');
	json_open(&w, "fixed", '[');
	fl_vec_for_each(&d->fixed, f)
		dj_finding(&w, a, *f);
	json_close(&w, ']');
	json_u64(&w, "persisting", d->persisting.n);
	json_close(&w, '}');

	json_open(&w, "partitions", '[');
	fl_vec_for_each(&d->parts, p) {
		const struct fl_dg_part *any = p->base ? p->base : p->new_;
		json_open(&w, NULL, '{');
		json_str_req(&w, "key", p->key);
		json_str_req(&w, "name", any->name);
		json_str(&w, "kind", fl_dg_part_kind_name(any->kind));
		dj_part(&w, "base", p->base);
		dj_part(&w, "new", p->new_);
		json_bool(&w, "moved", p->moved);
		json_bool(&w, "resized", p->resized);
		json_bool(&w, "breaks_field_updates", p->breaking);
		json_close(&w, '}');
	}
	json_close(&w, ']');

	json_open(&w, "regions", '[');
	fl_vec_for_each(&d->regions, r) {
		json_open(&w, NULL, '{');
		json_str_req(&w, "image", r->image);
		json_str_req(&w, "name", r->base ? r->base->name : r->new_->name);
		dj_region(&w, "base", r->base);
		dj_region(&w, "new", r->new_);
		json_close(&w, '}');
	}
	json_close(&w, ']');

	dj_movers(&w, a, "sections", &d->sections);
	dj_movers(&w, a, "objects", &d->objects);
	dj_movers(&w, a, "symbols", &d->symbols);

	json_open(&w, "policy", '{');
	json_bool(&w, "passed", d->failed.n == 0);
	json_open(&w, "failed", '[');
	fl_vec_for_each(&d->failed, f)
		json_str_req(&w, NULL, *f);
	json_close(&w, ']');
	json_close(&w, '}');
	json_close(&w, '}');
	fputc('\n', out);
	return 0;
}
