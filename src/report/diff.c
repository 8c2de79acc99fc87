// SPDX-License-Identifier: Apache-2.0
/*
 * Comparing two digests: images, findings by their identity across builds,
 * partitions, regions and the sizes by section, object and symbol, then the
 * --fail-on policy. Pure computation over sorted digests; the writers print it.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "flashlint/diff.h"

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

int64_t fl_diff_room_imgtool(const struct fl_dg_image *i)
{
	return (int64_t)i->slot_size - (int64_t)i->image_size - (int64_t)i->trailer;
}

int64_t fl_diff_room_upgrade(const struct fl_dg_image *i)
{
	return (int64_t)i->limit - (int64_t)i->image_size;
}

/* ---- images ------------------------------------------------------------------ */

static bool image_same(const struct fl_dg_image *a, const struct fl_dg_image *b)
{
	return a->loaded == b->loaded && a->signed_ == b->signed_ && fl_str_eq(a->slot, b->slot) &&
	       a->slot_size == b->slot_size && a->image_size == b->image_size &&
	       a->trailer == b->trailer && a->has_limit == b->has_limit && a->limit == b->limit &&
	       fl_str_eq(a->mode, b->mode);
}

static bool region_same(const struct fl_dg_region *a, const struct fl_dg_region *b)
{
	return a->origin == b->origin && a->length == b->length && a->used == b->used;
}

static void diff_regions(struct fl_arena *a, struct fl_diff *d, const char *image,
			 const struct fl_dg_image *x, const struct fl_dg_image *y)
{
	size_t nx = x ? x->regions.n : 0, ny = y ? y->regions.n : 0, i = 0, j = 0;
	while (i < nx || j < ny) {
		const struct fl_dg_region *rx = i < nx ? &x->regions.v[i] : NULL;
		const struct fl_dg_region *ry = j < ny ? &y->regions.v[j] : NULL;
		int c = !rx ? 1 : !ry ? -1 : cmp_str(rx->name, ry->name);
		if (c < 0)
			ry = NULL, i++;
		else if (c > 0)
			rx = NULL, j++;
		else
			i++, j++;
		if (rx && ry && region_same(rx, ry))
			continue;
		struct fl_diff_region *o = fl_vec_push(a, &d->regions);
		o->image = image;
		o->base = rx;
		o->new_ = ry;
	}
}

/* ---- sizes ------------------------------------------------------------------- */

static int cmp_mover(const struct fl_diff_size *a, const struct fl_diff_size *b)
{
	int64_t da = a->delta < 0 ? -a->delta : a->delta, db = b->delta < 0 ? -b->delta : b->delta;
	if (da != db)
		return da > db ? -1 : 1;
	int c = cmp_str(a->image, b->image);
	return c ? c : cmp_str(a->name, b->name);
}

/* Keep s if it is among the FL_DIFF_TOP first in cmp_mover's order of v[0..*n),
 * which stays sorted: one pass over the changes instead of sorting them all. */
static void top_insert(struct fl_diff_size *v, size_t *n, const struct fl_diff_size *s)
{
	if (*n == FL_DIFF_TOP && cmp_mover(s, &v[*n - 1]) >= 0)
		return;
	size_t k = *n < FL_DIFF_TOP ? (*n)++ : *n - 1;
	for (; k > 0 && cmp_mover(s, &v[k - 1]) < 0; k--)
		v[k] = v[k - 1];
	v[k] = *s;
}

/* Every name whose size differs between x and y (either may be NULL, both merged
 * by fl_digest_sort), counted in mv->changed and offered to its largest growers or
 * shrinkers. Two builds of one program list most names in the same order, so the
 * entry of x after the last match is tried before x's look-up table. */
static void diff_sizes(struct fl_arena *a, struct fl_diff_movers *mv, const char *image,
		       const struct fl_dg_size *x, size_t nx, const struct fl_dg_size_index *ix,
		       const struct fl_dg_size *y, size_t ny)
{
	static const struct fl_dg_size_index none;
	bool *seen = fl_alloc(a, nx + 1);
	size_t next = 0;
	fl_vec_reserve(a, &mv->grow, FL_DIFF_TOP - mv->grow.n);
	fl_vec_reserve(a, &mv->shrink, FL_DIFF_TOP - mv->shrink.n);
	for (size_t k = 0; k < ny + nx; k++) {
		const struct fl_dg_size *s = k < ny ? &y[k] : &x[k - ny];
		uint64_t b, n;
		if (k < ny) {
			const struct fl_dg_size *other = NULL;
			if (next < nx && x[next].hash == s->hash && fl_str_eq(x[next].name, s->name))
				other = &x[next];
			else
				other = fl_dg_size_find(ix ? ix : &none, s);
			if (other) {
				seen[other - x] = true;
				next = (size_t)(other - x) + 1;
			}
			b = other ? other->size : 0;
			n = s->size;
		} else {
			if (seen[k - ny])
				continue;
			b = s->size;
			n = 0;
		}
		if (b == n)
			continue;
		struct fl_diff_size o = { .image = image, .name = s->name, .base = b, .new_ = n,
					  .delta = (int64_t)(n - b) };
		mv->changed++;
		if (o.delta > 0)
			top_insert(mv->grow.v, &mv->grow.n, &o);
		else
			top_insert(mv->shrink.v, &mv->shrink.n, &o);
	}
}

/* ---- findings ---------------------------------------------------------------- */

struct keyed {
	uint64_t key;
	size_t index;
};

static int cmp_keyed(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

static struct keyed *keyed_findings(struct fl_arena *a, const struct fl_digest *g)
{
	struct keyed *k = fl_alloc(a, (g->findings.n + 1) * sizeof(*k));
	for (size_t i = 0; i < g->findings.n; i++)
		k[i] = (struct keyed){ g->findings.v[i].key, i };
	if (g->findings.n > 1)
		qsort(k, g->findings.n, sizeof(*k), cmp_keyed);
	return k;
}

/* Pair equal identities (as many times as both builds have them); the rest of new
 * is new, the rest of base fixed. Lists keep each build's report order. */
static void diff_findings(struct fl_arena *a, struct fl_diff *d)
{
	const struct fl_digest *x = d->base, *y = d->new_;
	struct keyed *kx = keyed_findings(a, x), *ky = keyed_findings(a, y);
	bool *mx = fl_alloc(a, x->findings.n + 1), *my = fl_alloc(a, y->findings.n + 1);
	size_t i = 0, j = 0;
	while (i < x->findings.n && j < y->findings.n) {
		if (kx[i].key < ky[j].key) {
			i++;
		} else if (kx[i].key > ky[j].key) {
			j++;
		} else {
			mx[kx[i++].index] = true;
			my[ky[j++].index] = true;
		}
	}
	for (size_t k = 0; k < y->findings.n; k++) {
		if (my[k])
			*fl_vec_push(a, &d->persisting) = &y->findings.v[k];
		else
			*fl_vec_push(a, &d->added) = &y->findings.v[k];
	}
	for (size_t k = 0; k < x->findings.n; k++)
		if (!mx[k])
			*fl_vec_push(a, &d->fixed) = &x->findings.v[k];
}

/* ---- partitions -------------------------------------------------------------- */

static void diff_parts(struct fl_arena *a, struct fl_diff *d)
{
	const struct fl_digest *x = d->base, *y = d->new_;
	size_t i = 0, j = 0;
	while (i < x->parts.n || j < y->parts.n) {
		const struct fl_dg_part *px = i < x->parts.n ? &x->parts.v[i] : NULL;
		const struct fl_dg_part *py = j < y->parts.n ? &y->parts.v[j] : NULL;
		int c = !px ? 1 : !py ? -1 : cmp_str(px->key, py->key);
		if (c < 0)
			py = NULL, i++;
		else if (c > 0)
			px = NULL, j++;
		else
			i++, j++;
		bool moved = px && py && px->address != py->address;
		bool resized = px && py && px->size != py->size;
		if (px && py && !moved && !resized && fl_str_eq(px->where, py->where))
			continue;
		struct fl_diff_part *o = fl_vec_push(a, &d->parts);
		o->key = px ? px->key : py->key;
		o->base = px;
		o->new_ = py;
		o->moved = moved || (px && py && !fl_str_eq(px->where, py->where));
		o->resized = resized;
		/* What devices in the field already hold: their images, the bootloader,
		 * the swap state and the stored data stay where the old layout put them. */
		o->breaking = px && px->kind != FL_DG_PART_OTHER && (o->moved || o->resized || !py);
	}
}

/* ---- policy ------------------------------------------------------------------ */

static void policy_fail(struct fl_arena *a, struct fl_diff *d, const char *msg)
{
	*fl_vec_push(a, &d->failed) = msg;
}

static void apply_policy(struct fl_arena *a, struct fl_diff *d, const struct fl_diff_policy *p)
{
	if (p->new_errors) {
		size_t n = 0;
		fl_vec_for_each(&d->added, f)
			n += (*f)->severity == FL_SEV_ERROR;
		if (n)
			policy_fail(a, d, fl_printf(a, "%zu new error%s", n, n == 1 ? "" : "s"));
	}
	fl_vec_for_each(&d->new_->images, y) {
		const struct fl_dg_image *x = NULL;
		fl_vec_for_each(&d->base->images, b)
			if (!strcmp(b->name, y->name))
				x = b;
		uint64_t before = x ? x->loaded : 0;
		if (p->growth && y->loaded > before && y->loaded - before > p->growth_bytes)
			policy_fail(a, d, fl_printf(a, "image '%s' grew by %" PRIu64 " (0x%" PRIx64
						       ") bytes, more than the %" PRIu64 " allowed",
						    y->name, y->loaded - before, y->loaded - before,
						    p->growth_bytes));
		const struct fl_budget *b = fl_budget_find(d->new_->growth.v, d->new_->growth.n, y->name, NULL);
		if (b && y->loaded > before && y->loaded - before > b->value)
			policy_fail(a, d, fl_printf(a, "image '%s' grew by %" PRIu64 " (0x%" PRIx64
						       ") bytes, more than its budget of %" PRIu64 " at %s:%" PRIu32,
						    y->name, y->loaded - before, y->loaded - before, b->value,
						    b->pos.file, b->pos.line));
		if (!p->headroom || !y->signed_)
			continue;
		int64_t room = fl_diff_room_imgtool(y);
		if (y->has_limit && fl_diff_room_upgrade(y) < room)
			room = fl_diff_room_upgrade(y);
		uint64_t need = y->slot_size / 100 * p->headroom_pct +
				y->slot_size % 100 * p->headroom_pct / 100;
		if (room < (int64_t)need)
			policy_fail(a, d, fl_printf(a, "image '%s' leaves %" PRId64 " bytes free in slot '%s', below the %u%% headroom of %" PRIu64
						       " bytes",
						    y->name, room, y->slot ? y->slot : "", p->headroom_pct, need));
	}
}

/* ---- the diff ---------------------------------------------------------------- */

void fl_diff_compute(struct fl_arena *a, struct fl_diff *d, const struct fl_digest *base,
		     const struct fl_digest *new_, const struct fl_diff_policy *policy)
{
	size_t i = 0, j = 0;

	memset(d, 0, sizeof(*d));
	d->base = base;
	d->new_ = new_;
	while (i < base->images.n || j < new_->images.n) {
		const struct fl_dg_image *x = i < base->images.n ? &base->images.v[i] : NULL;
		const struct fl_dg_image *y = j < new_->images.n ? &new_->images.v[j] : NULL;
		int c = !x ? 1 : !y ? -1 : cmp_str(x->name, y->name);
		/* The side that sorts first is the one this step reports; it exists. */
		const char *name = c <= 0 ? x->name : y->name;
		if (c < 0)
			y = NULL, i++;
		else if (c > 0)
			x = NULL, j++;
		else
			i++, j++;
		if (!x || !y || !image_same(x, y)) {
			struct fl_diff_image *o = fl_vec_push(a, &d->images);
			o->name = name;
			o->base = x;
			o->new_ = y;
		}
		diff_regions(a, d, name, x, y);
		diff_sizes(a, &d->sections, name, x ? x->sections.v : NULL, x ? x->sections.n : 0,
			   x ? &x->sections_ix : NULL, y ? y->sections.v : NULL, y ? y->sections.n : 0);
		diff_sizes(a, &d->objects, name, x ? x->objects.v : NULL, x ? x->objects.n : 0,
			   x ? &x->objects_ix : NULL, y ? y->objects.v : NULL, y ? y->objects.n : 0);
		diff_sizes(a, &d->symbols, name, x ? x->symbols.v : NULL, x ? x->symbols.n : 0,
			   x ? &x->symbols_ix : NULL, y ? y->symbols.v : NULL, y ? y->symbols.n : 0);
	}
	diff_findings(a, d);
	diff_parts(a, d);
	d->changed = d->images.n || d->added.n || d->fixed.n || d->parts.n || d->regions.n ||
		     d->sections.changed || d->objects.changed || d->symbols.changed;
	static const struct fl_diff_policy none;
	apply_policy(a, d, policy ? policy : &none);
}
