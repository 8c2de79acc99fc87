// SPDX-License-Identifier: Apache-2.0
/*
 * The "detail" member of a full JSON report (`check --format json --detail full`):
 * the digest `flashlint diff` compares, so that a saved report stands in for its
 * build directory. Lists of sizes are written one compact [name, size] per line to
 * keep the document a small fraction of the map it summarises.
 */
#include <inttypes.h>

#include "digest_json.h"

static void tuple_sizes(struct json_w *w, const char *key, const struct fl_dg_size *v, size_t n)
{
	json_open(w, key, '[');
	for (size_t i = 0; i < n; i++) {
		json_member(w, NULL);
		fputc('[', w->out);
		json_quote(w->out, v[i].name);
		fprintf(w->out, ", %" PRIu64 "]", v[i].size);
	}
	json_close(w, ']');
}

static void detail_image(struct json_w *w, const struct fl_dg_image *i)
{
	json_open(w, NULL, '{');
	json_str_req(w, "name", i->name);
	json_u64(w, "loaded", i->loaded);
	json_str(w, "slot", i->signed_ ? i->slot : NULL);
	json_u64_opt(w, "slot_size", i->signed_, i->slot_size);
	json_u64_opt(w, "image_size", i->signed_, i->image_size);
	json_u64_opt(w, "trailer", i->signed_, i->trailer);
	json_str(w, "upgrade_mode", i->signed_ && i->has_limit ? i->mode : NULL);
	json_u64_opt(w, "upgrade_limit", i->signed_ && i->has_limit, i->limit);
	json_open(w, "regions", '[');
	fl_vec_for_each(&i->regions, r) {
		json_member(w, NULL);
		fputc('[', w->out);
		json_quote(w->out, r->name ? r->name : "");
		fprintf(w->out, ", %" PRIu64 ", %" PRIu64 ", %" PRIu64 "]", r->origin, r->length, r->used);
	}
	json_close(w, ']');
	tuple_sizes(w, "sections", i->sections.v, i->sections.n);
	tuple_sizes(w, "objects", i->objects.v, i->objects.n);
	tuple_sizes(w, "symbols", i->symbols.v, i->symbols.n);
	json_close(w, '}');
}

void digest_json_write(struct json_w *w, const struct fl_digest *g)
{
	json_open(w, "detail", '{');
	json_bool(w, "partition_manager", g->pm);
	json_open(w, "partitions", '[');
	fl_vec_for_each(&g->parts, p) {
		json_member(w, NULL);
		fputc('[', w->out);
		json_quote(w->out, p->key);
		fputs(", ", w->out);
		json_quote(w->out, p->name);
		fputs(", ", w->out);
		if (p->where)
			json_quote(w->out, p->where);
		else
			fputs("null", w->out);
		fprintf(w->out, ", %" PRIu64 ", %" PRIu64 "]", p->address, p->size);
	}
	json_close(w, ']');
	json_open(w, "growth_budgets", '[');
	fl_vec_for_each(&g->growth, b) {
		json_member(w, NULL);
		fputc('[', w->out);
		json_quote(w->out, b->image ? b->image : "");
		fprintf(w->out, ", %" PRIu64 ", ", b->value);
		json_quote(w->out, b->pos.file ? b->pos.file : "");
		fprintf(w->out, ", %" PRIu32 ", %" PRIu32 "]", b->pos.line, b->pos.col);
	}
	json_close(w, ']');
	json_open(w, "images", '[');
	fl_vec_for_each(&g->images, i)
		detail_image(w, i);
	json_close(w, ']');
	json_close(w, '}');
}
