// SPDX-License-Identifier: Apache-2.0
/*
 * The digest of a build from its frozen model and finished findings: each image's
 * loaded bytes and slot figures (imgtool's and MCUboot's, as IMG001/IMG002 compute
 * them), regions, partitions and the sizes by section, object and symbol.
 * Reads the model only; writes nothing.
 */
#include <elf.h>
#include <string.h>

#include "flashlint/diff.h"
#include "flashlint/catalogue.h"
#include "flashlint/imgtool.h"
#include "flashlint/mcuboot.h"

/* The slot figures of img: imgtool's always, MCUboot's limit when its model
 * knows the slot's image index and mode. */
static void digest_slot(struct fl_arena *a, const struct fl_model *m, const struct fl_image *img,
			const struct mcuboot *mb, bool have_mb, struct fl_dg_image *o)
{
	struct imgtool_params p;
	if (!imgtool_params(m, img, &p))
		return;
	o->signed_ = true;
	o->slot = p.slot->name;
	o->slot_size = p.slot->size;
	o->image_size = p.image_size;
	o->trailer = p.trailer;
	if (!have_mb)
		return;
	for (size_t i = 0; i < mb->n; i++) {
		const char *how;
		if (!mcuboot_same_slot(mb->img[i].primary.part, p.slot) &&
		    !mcuboot_same_slot(mb->img[i].secondary.part, p.slot))
			continue;
		o->has_limit = mcuboot_max_image(a, mb, i, &o->limit, &how);
		o->mode = o->has_limit ? mcuboot_mode_name(mb->mode) : NULL;
		break;
	}
}

static void digest_sizes(struct fl_arena *a, const struct fl_image *img, struct fl_dg_image *o)
{
	fl_vec_for_each(&img->regions, r) {
		struct fl_dg_region *d = fl_vec_push(a, &o->regions);
		d->name = r->name;
		d->origin = r->origin;
		d->length = r->length;
		d->used = r->used;
	}
	size_t n_in = 0;
	fl_vec_for_each(&img->sections, s) {
		if (!(s->flags & FL_SEC_ALLOC) || !s->size)
			continue;
		struct fl_dg_size *d = fl_vec_push(a, &o->sections);
		d->name = s->name;
		d->size = s->size;
		n_in += s->inputs.n;
	}
	/* The map reader interns owners: one pointer per name, so input sections are
	 * summed by pointer first (hundreds of owners for 10^5 input sections), and
	 * by name after. */
	size_t cap = 64;
	while (cap < 2 * n_in + 2 && cap < 4096)
		cap *= 2;
	struct { const char *key; size_t at; } *tab = fl_alloc(a, cap * sizeof(*tab));
	fl_vec_for_each(&img->sections, s) {
		if (!(s->flags & FL_SEC_ALLOC) || !s->size)
			continue;
		fl_vec_for_each(&s->inputs, in) {
			if (in->is_fill || !in->owner || !in->size)
				continue;
			size_t h = (size_t)(((uintptr_t)in->owner >> 4) * 0x9e3779b97f4a7c15ull >> 20) & (cap - 1);
			while (tab[h].key && tab[h].key != in->owner)
				h = (h + 1) & (cap - 1);
			if (!tab[h].key) {
				if (o->objects.n * 2 + 2 > cap) { /* table full: sum the rest by name */
					struct fl_dg_size *d = fl_vec_push(a, &o->objects);
					d->name = in->owner;
					d->size = in->size;
					continue;
				}
				tab[h].key = in->owner;
				tab[h].at = o->objects.n;
				struct fl_dg_size *d = fl_vec_push(a, &o->objects);
				d->name = in->owner;
			}
			o->objects.v[tab[h].at].size += in->size;
		}
	}
	fl_vec_reserve(a, &o->symbols, img->symbols.n);
	fl_vec_for_each(&img->symbols, sym) {
		if (!sym->size || !sym->section || !sym->name || !*sym->name ||
		    (sym->type != STT_FUNC && sym->type != STT_OBJECT))
			continue;
		struct fl_dg_size *d = fl_vec_push(a, &o->symbols);
		d->name = sym->name;
		d->size = sym->size;
		/* Hashed while the name is in the cache, for fl_digest_sort's merge. */
		d->hash = fl_hash(sym->name, strlen(sym->name));
	}
	fl_vec_for_each(&img->load, r)
		o->loaded += r->end >= r->start ? r->end - r->start : 0;
}

static bool has_part(const struct fl_digest *g, const char *key)
{
	fl_vec_for_each(&g->parts, p)
		if (!strcmp(p->key, key))
			return true;
	return false;
}

static void add_part(struct fl_arena *a, struct fl_digest *g, const char *key, const char *name,
		     const char *where, uint64_t address, uint64_t size)
{
	if (has_part(g, key))
		return;
	struct fl_dg_part *d = fl_vec_push(a, &g->parts);
	d->key = key;
	d->name = name;
	d->where = where && *where ? where : NULL;
	d->address = address;
	d->size = size;
	d->kind = fl_dg_part_kind_of(name);
}

static void digest_pm_parts(struct fl_arena *a, struct fl_digest *g, const struct fl_partition *v,
			    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct fl_partition *p = &v[i];
		const char *key = p->domain ? fl_printf(a, "%s/%s", p->domain, p->name) : p->name;
		add_part(a, g, key, p->name, p->device && *p->device ? p->device : p->region,
			 p->address, p->size);
	}
}

/* The devicetree partitions of every image, once each: each image's zephyr.dts
 * has its own copy of the same flash layout. */
static void digest_dt_parts(struct fl_arena *a, struct fl_digest *g, const struct fl_model *m)
{
	for_each_image(m, ip) {
		const struct fl_image *img = *ip;
		fl_vec_for_each(&img->dt_partitions, p) {
			const char *dev = p->dev >= 0 && (size_t)p->dev < img->devices.n
						  ? img->devices.v[p->dev].name : NULL;
			const char *name = p->label ? p->label : p->name;
			add_part(a, g, fl_printf(a, "%s/%s", dev ? dev : "", name), name, dev,
				 p->address, p->size);
		}
	}
}

void fl_digest_build(struct fl_arena *a, struct fl_digest *g, const struct fl_run *run,
		     const struct fl_model *m)
{
	struct mcuboot mb;
	bool have_mb = mcuboot_model(m, &mb);

	memset(g, 0, sizeof(*g));
	g->build_dir = m->build_dir;
	fl_vec_reserve(a, &g->images, m->images.n);
	for_each_image(m, ip) {
		struct fl_dg_image *o = fl_vec_push(a, &g->images);
		o->name = (*ip)->name;
		digest_slot(a, m, *ip, &mb, have_mb, o);
		digest_sizes(a, *ip, o);
	}
	g->pm = m->partitions.n || m->static_partitions.n;
	if (g->pm) {
		digest_pm_parts(a, g, m->partitions.v, m->partitions.n);
		digest_pm_parts(a, g, m->static_partitions.v, m->static_partitions.n);
	} else {
		digest_dt_parts(a, g, m);
	}
	if (run->cfg.budgets)
		fl_vec_for_each(&run->cfg.budgets->growth, b)
			*fl_vec_push(a, &g->growth) = *b;
	fl_vec_for_each(&run->diags.v, dp)
		fl_digest_add_finding(a, g, (*dp)->rule < FL_RULE_COUNT ? fl_rules[(*dp)->rule].id : NULL,
				      *dp);
	fl_digest_sort(a, g);
}
