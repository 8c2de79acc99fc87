// SPDX-License-Identifier: Apache-2.0
/*
 * The HTML report's view of the model, built before anything is drawn: the things
 * a finding can point at (memories, partitions, sections) with their anchors, a
 * (file, line) index from every position the model keeps to those things, and the
 * list of address spaces, each a memory with its bands in lanes: Partition Manager
 * regions, devicetree flash devices, MEMORY regions. A new kind of memory is one
 * more function that appends spaces here; drawing is generic.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "flashlint/imgtool.h"

struct html_pos_slot {
	const char *file;     /* NULL: empty slot */
	uint32_t line;
	int obj;
	uint64_t hash;
};

/* A partition's region: Partition Manager's default when the file names none. */
static const char *part_region(const struct fl_partition *p)
{
	return p->region ? p->region : "flash_primary";
}

void html_layout_partitions(const struct fl_model *m, const struct fl_partition **v, size_t *n,
			    bool *is_static)
{
	*is_static = m->partitions.n == 0;
	*v = *is_static ? m->static_partitions.v : m->partitions.v;
	*n = *is_static ? m->static_partitions.n : m->partitions.n;
}

/* ---- objects and the position index ---------------------------------------------- */

static int new_obj(struct html_ctx *c, const char *anchor)
{
	struct html_obj *o = fl_vec_push(c->a, &c->objs);
	o->anchor = anchor;
	o->finding = -1;
	return (int)(c->objs.n - 1);
}

static uint64_t pos_hash(const char *file, uint32_t line)
{
	return fl_hash(file, strlen(file)) ^ ((uint64_t)line * 0x9e3779b97f4a7c15ull);
}

/* Index pos -> obj; the first object at a position keeps it. */
static void pos_add(struct html_ctx *c, struct fl_pos pos, int obj)
{
	if (!pos.file || !pos.line || obj < 0 || !c->pos_cap)
		return;
	uint64_t h = pos_hash(pos.file, pos.line);
	size_t mask = c->pos_cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		struct html_pos_slot *s = &c->pos_tab[i];
		if (!s->file) {
			if (c->pos_n + 1 >= c->pos_cap) /* never fill the last slot */
				return;
			*s = (struct html_pos_slot){ pos.file, pos.line, obj, h };
			c->pos_n++;
			return;
		}
		if (s->hash == h && s->line == pos.line && !strcmp(s->file, pos.file))
			return;
	}
}

int html_obj_at(const struct html_ctx *c, struct fl_pos pos)
{
	if (!pos.file || !pos.line || !c->pos_cap)
		return -1;
	uint64_t h = pos_hash(pos.file, pos.line);
	size_t mask = c->pos_cap - 1;
	for (size_t i = (size_t)h & mask; c->pos_tab[i].file; i = (i + 1) & mask) {
		const struct html_pos_slot *s = &c->pos_tab[i];
		if (s->hash == h && s->line == pos.line && !strcmp(s->file, pos.file))
			return s->obj;
	}
	return -1;
}

static void pos_init(struct html_ctx *c)
{
	const struct fl_model *m = c->m;
	size_t n = m->pm_regions.n + m->partitions.n + m->static_partitions.n;
	for_each_image(m, it) {
		n += (*it)->regions.n + (*it)->sections.n + (*it)->devices.n + (*it)->dt_partitions.n;
		fl_vec_for_each(&(*it)->sections, s)
			n += s->inputs.n;
	}
	c->pos_cap = 16;
	while (c->pos_cap < 2 * n + 2)
		c->pos_cap *= 2;
	c->pos_tab = fl_alloc(c->a, c->pos_cap * sizeof(*c->pos_tab));
}

/* ---- objects of the model ------------------------------------------------------------ */

const char *html_dt_part_name(const struct fl_partition *p)
{
	return p->label ? p->label : p->name ? p->name : "";
}

static const struct fl_device *dt_device(const struct fl_image *img, int dev)
{
	return dev >= 0 && (size_t)dev < img->devices.n ? &img->devices.v[dev] : NULL;
}

/* Devices and devicetree partitions of image k. Images built for one board share
 * them: a device with the same path, and a partition with the same device, name
 * and place, is the object an earlier image made. */
static void dt_objects(struct html_ctx *c, size_t k)
{
	const struct fl_image *img = c->m->images.v[k];
	c->device_obj[k] = fl_alloc(c->a, (img->devices.n + 1) * sizeof(int));
	c->dtpart_obj[k] = fl_alloc(c->a, (img->dt_partitions.n + 1) * sizeof(int));
	for (size_t i = 0; i < img->devices.n; i++) {
		const struct fl_device *d = &img->devices.v[i];
		int o = -1;
		for (size_t j = 0; j < k && o < 0; j++) {
			const struct fl_image *prev = c->m->images.v[j];
			for (size_t e = 0; e < prev->devices.n && o < 0; e++)
				if (fl_str_eq(prev->devices.v[e].path, d->path) &&
				    prev->devices.v[e].base == d->base && prev->devices.v[e].size == d->size)
					o = c->device_obj[j][e];
		}
		c->device_obj[k][i] = o >= 0 ? o : new_obj(c, fl_printf(c->a, "m-dev-%zu-%zu", k, i));
		pos_add(c, d->pos, c->device_obj[k][i]);
	}
	for (size_t i = 0; i < img->dt_partitions.n; i++) {
		const struct fl_partition *p = &img->dt_partitions.v[i];
		const struct fl_device *d = dt_device(img, p->dev);
		int o = -1;
		for (size_t j = 0; j < k && o < 0 && d; j++) {
			const struct fl_image *prev = c->m->images.v[j];
			for (size_t e = 0; e < prev->dt_partitions.n && o < 0; e++) {
				const struct fl_partition *q = &prev->dt_partitions.v[e];
				const struct fl_device *qd = dt_device(prev, q->dev);
				if (qd && fl_str_eq(qd->path, d->path) && q->address == p->address &&
				    q->size == p->size && !strcmp(html_dt_part_name(q), html_dt_part_name(p)))
					o = c->dtpart_obj[j][e];
			}
		}
		c->dtpart_obj[k][i] = o >= 0 ? o : new_obj(c, fl_printf(c->a, "dp-%zu-%zu", k, i));
		pos_add(c, p->pos, c->dtpart_obj[k][i]);
	}
}

static void make_objects(struct html_ctx *c)
{
	const struct fl_model *m = c->m;
	size_t ni = m->images.n;

	c->pm_region_obj = fl_alloc(c->a, (m->pm_regions.n + 1) * sizeof(int));
	for (size_t i = 0; i < m->pm_regions.n; i++) {
		c->pm_region_obj[i] = new_obj(c, fl_printf(c->a, "m-pm-%zu", i));
		pos_add(c, m->pm_regions.v[i].pos, c->pm_region_obj[i]);
	}
	c->part_obj = fl_alloc(c->a, (m->partitions.n + 1) * sizeof(int));
	for (size_t i = 0; i < m->partitions.n; i++) {
		c->part_obj[i] = new_obj(c, fl_printf(c->a, "p-%zu", i));
		pos_add(c, m->partitions.v[i].pos, c->part_obj[i]);
	}
	/* A pm_static entry points at the generated partition of the same name. */
	c->spart_obj = fl_alloc(c->a, (m->static_partitions.n + 1) * sizeof(int));
	for (size_t i = 0; i < m->static_partitions.n; i++) {
		const struct fl_partition *sp = &m->static_partitions.v[i];
		int o = -1;
		for (size_t j = 0; j < m->partitions.n && o < 0; j++)
			if (fl_str_eq(m->partitions.v[j].domain, sp->domain) &&
			    fl_str_eq(m->partitions.v[j].name, sp->name))
				o = c->part_obj[j];
		if (o < 0)
			o = new_obj(c, fl_printf(c->a, "ps-%zu", i));
		c->spart_obj[i] = o;
		pos_add(c, sp->pos, o);
	}
	c->device_obj = fl_alloc(c->a, (ni + 1) * sizeof(int *));
	c->dtpart_obj = fl_alloc(c->a, (ni + 1) * sizeof(int *));
	for (size_t k = 0; k < ni; k++)
		dt_objects(c, k);
	c->region_obj = fl_alloc(c->a, (ni + 1) * sizeof(int *));
	c->section_obj = fl_alloc(c->a, (ni + 1) * sizeof(int *));
	for (size_t k = 0; k < ni; k++) {
		const struct fl_image *img = m->images.v[k];
		c->region_obj[k] = fl_alloc(c->a, (img->regions.n + 1) * sizeof(int));
		for (size_t j = 0; j < img->regions.n; j++) {
			c->region_obj[k][j] = new_obj(c, fl_printf(c->a, "m-%zu-%zu", k, j));
			pos_add(c, img->regions.v[j].pos, c->region_obj[k][j]);
		}
		c->section_obj[k] = fl_alloc(c->a, (img->sections.n + 1) * sizeof(int));
		for (size_t j = 0; j < img->sections.n; j++) {
			const struct fl_section *s = &img->sections.v[j];
			int o = new_obj(c, fl_printf(c->a, "s-%zu-%zu", k, j));
			c->section_obj[k][j] = o;
			pos_add(c, s->pos, o);
			fl_vec_for_each(&s->inputs, in)
				pos_add(c, in->pos, o);
		}
	}
}

/* ---- spaces ----------------------------------------------------------------------------- */

static struct html_space *new_space(struct html_ctx *c, const char *group, const char *kind,
				    const char *name, int obj)
{
	struct html_space *s = fl_vec_push(c->a, &c->spaces);
	s->group = group;
	s->kind = kind;
	s->name = name ? name : "";
	s->obj = obj;
	return s;
}

static unsigned add_lane(struct html_ctx *c, struct html_space *s, const char *title,
			 const char *image)
{
	struct html_lane *l = fl_vec_push(c->a, &s->lanes);
	l->title = title;
	l->image = image;
	return (unsigned)(s->lanes.n - 1);
}

static struct html_band *add_band(struct html_ctx *c, struct html_space *s, unsigned lane,
				  enum html_band_kind kind, uint64_t start, uint64_t end,
				  const char *label, int obj)
{
	struct html_band *b = fl_vec_push(c->a, &s->bands);
	b->kind = kind;
	b->lane = lane;
	b->start = start;
	b->end = end < start ? start : end;
	b->label = label ? label : "";
	b->obj = obj;
	return b;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Free bands in `lane` for the parts of [lo, hi) that no band of the lanes in
 * `mask` (bit per lane) covers. */
static void add_free(struct html_ctx *c, struct html_space *s, unsigned lane, uint64_t mask,
		     uint64_t lo, uint64_t hi)
{
	size_t n = 0;
	uint64_t *iv = fl_alloc(c->a, (2 * s->bands.n + 2) * sizeof(uint64_t));
	fl_vec_for_each(&s->bands, b)
		if (b->lane < 64 && (mask >> b->lane & 1) && b->end > b->start) {
			iv[2 * n] = b->start;
			iv[2 * n + 1] = b->end;
			n++;
		}
	qsort(iv, n, 2 * sizeof(uint64_t), cmp_u64); /* by start */
	uint64_t at = lo;
	for (size_t i = 0; i < n && at < hi; i++) {
		if (iv[2 * i] > at)
			add_band(c, s, lane, HTML_BAND_FREE, at, iv[2 * i] < hi ? iv[2 * i] : hi, "free", -1);
		if (iv[2 * i + 1] > at)
			at = iv[2 * i + 1];
	}
	if (at < hi)
		add_band(c, s, lane, HTML_BAND_FREE, at, hi, "free", -1);
}

/* Mark the band that carries obj's anchor. */
static void set_primary(struct html_ctx *c, struct html_band *b, bool *placed)
{
	if (b->obj < 0 || placed[b->obj])
		return;
	placed[b->obj] = true;
	b->primary = true;
	(void)c;
}

/* True when the Partition Manager region `name` holds CPU addresses for img: the
 * memory imgtool's rules would take for a slot in that region. */
static bool pm_region_is_cpu(const struct fl_model *m, const struct fl_image *img,
			     const struct fl_pm_region *r)
{
	struct fl_partition probe = { .name = r->name, .region = r->name, .domain = r->domain };
	struct slot_memory mem;
	return imgtool_slot_memory(m, img, &probe, &mem) && mem.lo == r->base;
}

/* Which sections of image k load outside the memory of its slot (as SEC001 sees it). */
static bool *outside_slot(struct html_ctx *c, size_t k)
{
	const struct fl_image *img = c->m->images.v[k];
	bool *out = fl_alloc(c->a, img->sections.n + 1);
	struct imgtool_params p;
	struct slot_memory mem;
	if (!imgtool_params(c->m, img, &p) || !imgtool_slot_memory(c->m, img, p.slot, &mem))
		return out;
	for (size_t j = 0; j < img->sections.n; j++)
		out[j] = imgtool_loads_outside(c->m, img, &img->sections.v[j], &mem);
	return out;
}

static bool is_drawn_section(const struct fl_section *s)
{
	return (s->flags & FL_SEC_ALLOC) && s->size > 0;
}

/* Partition Manager regions: partitions as bands, and in CPU-addressed ones the
 * sections of every image of the domain. Partitions whose region is missing from
 * regions.yml get a view of their own, sized to fit them. */
static void pm_spaces(struct html_ctx *c, bool *placed, bool **outside)
{
	const struct fl_model *m = c->m;
	const struct fl_partition *pv;
	size_t pn;
	bool is_static;
	html_layout_partitions(m, &pv, &pn, &is_static);
	const int *pobj = is_static ? c->spart_obj : c->part_obj;
	bool *done = fl_alloc(c->a, pn + 1);
	size_t nr = m->pm_regions.n;

	/* CPU-addressed regions first, by address; then the others by name. */
	size_t *order = fl_alloc(c->a, (nr + 1) * sizeof(size_t));
	bool *cpu = fl_alloc(c->a, nr + 1);
	for (size_t i = 0; i < nr; i++) {
		order[i] = i;
		for_each_image(m, it)
			if (fl_str_eq((*it)->domain, m->pm_regions.v[i].domain) &&
			    pm_region_is_cpu(m, *it, &m->pm_regions.v[i]))
				cpu[i] = true;
	}
	for (size_t i = 1; i < nr; i++)
		for (size_t j = i; j > 0; j--) {
			const struct fl_pm_region *x = &m->pm_regions.v[order[j - 1]];
			const struct fl_pm_region *y = &m->pm_regions.v[order[j]];
			bool cx = cpu[order[j - 1]], cy = cpu[order[j]];
			bool swap = cx != cy ? cy
					     : cx ? x->base > y->base
						  : strcmp(x->name ? x->name : "", y->name ? y->name : "") > 0;
			if (!swap)
				break;
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}

	for (size_t oi = 0;; oi++) {
		const struct fl_pm_region *r = oi < nr ? &m->pm_regions.v[order[oi]] : NULL;
		const char *rname = NULL, *domain = NULL;
		if (r) {
			rname = r->name ? r->name : "";
			domain = r->domain;
		}
		/* After the known regions: one view per leftover region name. */
		for (size_t first = 0; !r && first < pn; first++) {
			if (done[first])
				continue;
			rname = part_region(&pv[first]);
			domain = pv[first].domain;
			break;
		}
		if (!rname)
			break;

		struct html_space *s = new_space(c, "Partition Manager regions",
						 r ? "Partition Manager region"
						   : "Partition Manager region (not in regions.yml)",
						 rname, r ? c->pm_region_obj[order[oi]] : -1);
		s->domain = domain;
		s->device = r && r->device && *r->device ? r->device : NULL;
		s->cpu_addressed = r && cpu[order[oi]];
		if (s->obj >= 0)
			placed[s->obj] = true;

		bool any_container = false;
		uint64_t lo = UINT64_MAX, hi = 0;
		for (size_t i = 0; i < pn; i++)
			if (!done[i] && fl_str_eq(pv[i].domain, domain) &&
			    !strcmp(part_region(&pv[i]), rname)) {
				any_container |= pv[i].span.n > 0;
				lo = pv[i].address < lo ? pv[i].address : lo;
				uint64_t e = fl_end(pv[i].address, pv[i].size);
				hi = e > hi ? e : hi;
			}
		if (r) {
			s->base = r->base;
			s->size = r->size;
		} else {
			s->base = lo;
			s->size = hi - lo;
		}
		unsigned spans = any_container ? add_lane(c, s, "spans", NULL) : 0;
		unsigned parts = add_lane(c, s, "partitions", NULL);
		for (size_t i = 0; i < pn; i++) {
			const struct fl_partition *p = &pv[i];
			if (done[i] || !fl_str_eq(p->domain, domain) || strcmp(part_region(p), rname))
				continue;
			done[i] = true;
			bool container = p->span.n > 0;
			struct html_band *b = add_band(c, s, container ? spans : parts,
						       container ? HTML_BAND_CONTAINER : HTML_BAND_PARTITION,
						       p->address, fl_end(p->address, p->size), p->name,
						       pobj[i]);
			set_primary(c, b, placed);
		}
		add_free(c, s, parts, 1ull << parts, s->base, fl_end(s->base, s->size));

		if (!s->cpu_addressed)
			continue;
		uint64_t rlo = s->base, rhi = fl_end(s->base, s->size);
		for (size_t k = 0; k < m->images.n; k++) {
			const struct fl_image *img = m->images.v[k];
			if (!fl_str_eq(img->domain, domain))
				continue;
			unsigned lane = 0;
			bool have_lane = false;
			for (size_t j = 0; j < img->sections.n; j++) {
				const struct fl_section *sec = &img->sections.v[j];
				if (!is_drawn_section(sec))
					continue;
				bool at_vma = sec->vma < rhi && fl_end(sec->vma, sec->size) > rlo;
				bool at_lma = (sec->flags & FL_SEC_LOAD) && sec->lma != sec->vma &&
					      sec->lma < rhi && fl_end(sec->lma, sec->size) > rlo;
				if (!at_vma && !at_lma)
					continue;
				if (!have_lane) {
					lane = add_lane(c, s, "sections", img->name);
					have_lane = true;
				}
				int o = c->section_obj[k][j];
				struct html_band *b;
				if (at_vma) {
					b = add_band(c, s, lane, HTML_BAND_SECTION, sec->vma,
						     fl_end(sec->vma, sec->size), sec->name, o);
					b->flags |= outside[k][j] ? HTML_F_OUTSIDE : 0;
				}
				if (at_lma) {
					b = add_band(c, s, lane, HTML_BAND_LOAD, sec->lma,
						     fl_end(sec->lma, sec->size), sec->name, o);
					b->flags |= outside[k][j] ? HTML_F_OUTSIDE : 0;
				}
			}
		}
	}
}

/* The flash devices of image k's devicetree: its fixed-partitions as bands and, on
 * a device the CPU addresses, the image's own sections. */
static void dt_spaces(struct html_ctx *c, size_t k, bool *placed, bool *outside)
{
	const struct fl_image *img = c->m->images.v[k];
	for (size_t i = 0; i < img->devices.n; i++) {
		const struct fl_device *d = &img->devices.v[i];
		struct html_space *s = new_space(c, "devicetree flash devices",
						 d->external ? "devicetree flash device, external"
							     : "devicetree flash device",
						 d->name, c->device_obj[k][i]);
		s->image = img->name;
		s->device = d->compatible;
		s->cpu_addressed = d->mapped;
		s->base = d->mapped ? d->base : 0;
		s->size = d->size;
		if (!placed[s->obj])
			placed[s->obj] = true;
		else
			s->obj = -1; /* another image's view carries the anchor */
		unsigned parts = add_lane(c, s, "partitions", NULL);
		uint64_t hi = fl_end(s->base, s->size);
		for (size_t j = 0; j < img->dt_partitions.n; j++) {
			const struct fl_partition *p = &img->dt_partitions.v[j];
			if (p->dev != (int)i)
				continue;
			struct html_band *b = add_band(c, s, parts, HTML_BAND_PARTITION, p->address,
						       fl_end(p->address, p->size), html_dt_part_name(p),
						       c->dtpart_obj[k][j]);
			set_primary(c, b, placed);
			if (!d->size && b->end > hi)
				hi = b->end;
		}
		if (!d->size)
			s->size = hi - s->base;
		add_free(c, s, parts, 1ull << parts, s->base, hi);
		if (!d->mapped)
			continue;
		unsigned lane = 0;
		bool have_lane = false;
		for (size_t j = 0; j < img->sections.n; j++) {
			const struct fl_section *sec = &img->sections.v[j];
			uint64_t at = (sec->flags & FL_SEC_LOAD) ? sec->lma : sec->vma;
			if (!is_drawn_section(sec) || at >= hi || fl_end(at, sec->size) <= s->base)
				continue;
			if (!have_lane) {
				lane = add_lane(c, s, "sections", img->name);
				have_lane = true;
			}
			struct html_band *b = add_band(c, s, lane,
						       at == sec->vma ? HTML_BAND_SECTION : HTML_BAND_LOAD,
						       at, fl_end(at, sec->size), sec->name,
						       c->section_obj[k][j]);
			b->flags |= outside[j] ? HTML_F_OUTSIDE : 0;
		}
	}
}

/* The MEMORY regions of image k: its sections at their run and load addresses,
 * free space, the bytes past the end, and as context the partitions there. */
static void image_spaces(struct html_ctx *c, size_t k, bool *placed, bool *outside)
{
	const struct fl_model *m = c->m;
	const struct fl_image *img = m->images.v[k];
	const struct fl_partition *pv;
	size_t pn;
	bool is_static;
	html_layout_partitions(m, &pv, &pn, &is_static);
	const int *pobj = is_static ? c->spart_obj : c->part_obj;

	/* Regions by address. */
	size_t nr = img->regions.n;
	size_t *order = fl_alloc(c->a, (nr + 1) * sizeof(size_t));
	for (size_t i = 0; i < nr; i++) {
		size_t j = i;
		while (j > 0 && img->regions.v[order[j - 1]].origin > img->regions.v[i].origin) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}

	for (size_t oi = 0; oi < nr; oi++) {
		size_t ri = order[oi];
		const struct fl_region *r = &img->regions.v[ri];
		struct html_space *s = new_space(c, "MEMORY regions", "MEMORY region", r->name,
						 c->region_obj[k][ri]);
		s->image = img->name;
		s->domain = img->domain;
		s->base = r->origin;
		s->size = r->length;
		s->has_used = m->frozen;
		s->used = r->used;
		s->cpu_addressed = true;
		placed[s->obj] = true;
		uint64_t rend = fl_end(r->origin, r->length);
		uint64_t hi = m->frozen && r->used_end > rend ? r->used_end : rend;

		/* Context: partitions of CPU-addressed Partition Manager regions here. */
		unsigned parts = 0;
		bool have_parts = false;
		for (size_t i = 0; i < pn; i++) {
			const struct fl_partition *p = &pv[i];
			const struct fl_pm_region *pr =
				fl_model_pm_region(m, p->domain, part_region(p));
			uint64_t pe = fl_end(p->address, p->size);
			if (!fl_str_eq(p->domain, img->domain) || p->span.n > 0 || !pr ||
			    !pm_region_is_cpu(m, img, pr) || p->address >= hi || pe <= r->origin)
				continue;
			if (!have_parts) {
				parts = add_lane(c, s, "partitions", NULL);
				have_parts = true;
			}
			add_band(c, s, parts, HTML_BAND_PARTITION, p->address < r->origin ? r->origin : p->address,
				 pe > hi ? hi : pe, p->name, pobj[i]);
		}

		unsigned secs = add_lane(c, s, "sections", NULL);
		unsigned loads = secs;
		bool have_loads = false;
		for (size_t j = 0; j < img->sections.n; j++) {
			const struct fl_section *sec = &img->sections.v[j];
			if (!is_drawn_section(sec))
				continue;
			int o = c->section_obj[k][j];
			if (sec->vma_region == (int)ri) {
				struct html_band *b = add_band(c, s, secs, HTML_BAND_SECTION, sec->vma,
							       fl_end(sec->vma, sec->size), sec->name, o);
				b->flags |= outside[j] ? HTML_F_OUTSIDE : 0;
				set_primary(c, b, placed);
			}
		}
		for (size_t j = 0; j < img->sections.n; j++) {
			const struct fl_section *sec = &img->sections.v[j];
			if (!is_drawn_section(sec) || sec->lma_region != (int)ri ||
			    sec->lma == sec->vma || !(sec->flags & FL_SEC_LOAD))
				continue;
			if (!have_loads) {
				loads = add_lane(c, s, "load images", NULL);
				have_loads = true;
			}
			struct html_band *b = add_band(c, s, loads, HTML_BAND_LOAD, sec->lma,
						       fl_end(sec->lma, sec->size), sec->name,
						       c->section_obj[k][j]);
			b->flags |= outside[j] ? HTML_F_OUTSIDE : 0;
			if (sec->vma_region < 0)
				set_primary(c, b, placed);
		}
		add_free(c, s, secs, (1ull << secs) | (1ull << loads), r->origin, rend);
		if (hi > rend) {
			unsigned ov = add_lane(c, s, "overflow", NULL);
			add_band(c, s, ov, HTML_BAND_OVERFLOW, rend, hi, "overflow", -1);
		}
	}
}

/* ---- findings ----------------------------------------------------------------------------- */

static void link_findings(struct html_ctx *c, const bool *placed)
{
	const struct fl_diags *ds = &c->run->diags;
	for (size_t i = 0; i < ds->v.n; i++) {
		const struct fl_diag *d = ds->v.v[i];
		struct html_finding *f = fl_vec_push(c->a, &c->findings);
		f->d = d;
		f->obj = html_obj_at(c, d->pos);
		if (f->obj >= 0 && !placed[f->obj])
			f->obj = -1;
		f->note_obj = fl_alloc(c->a, (d->notes.n + 1) * sizeof(int));
		for (size_t j = 0; j < d->notes.n; j++) {
			int o = html_obj_at(c, d->notes.v[j].pos);
			f->note_obj[j] = o >= 0 && placed[o] ? o : -1;
		}
		if (d->severity < FL_SEV_WARNING)
			continue;
		unsigned flag = d->severity == FL_SEV_ERROR ? HTML_F_ERROR : HTML_F_WARNING;
		if (f->obj >= 0) {
			struct html_obj *o = &c->objs.v[f->obj];
			o->flags |= flag;
			if (o->finding < 0)
				o->finding = (int)i;
		}
		for (size_t j = 0; j < d->notes.n; j++)
			if (f->note_obj[j] >= 0)
				c->objs.v[f->note_obj[j]].flags |= HTML_F_RELATED;
	}
}

void html_build(struct html_ctx *c)
{
	pos_init(c);
	make_objects(c);

	bool *placed = fl_alloc(c->a, c->objs.n + 1);
	bool **outside = fl_alloc(c->a, (c->m->images.n + 1) * sizeof(bool *));
	for (size_t k = 0; k < c->m->images.n; k++)
		outside[k] = outside_slot(c, k);
	pm_spaces(c, placed, outside);
	for (size_t k = 0; k < c->m->images.n; k++) {
		dt_spaces(c, k, placed, outside[k]);
		image_spaces(c, k, placed, outside[k]);
		/* Sections in no MEMORY region are listed under the image's overview. */
		const struct fl_image *img = c->m->images.v[k];
		for (size_t j = 0; j < img->sections.n; j++)
			if (is_drawn_section(&img->sections.v[j]) && img->sections.v[j].vma_region < 0 &&
			    img->sections.v[j].lma_region < 0)
				placed[c->section_obj[k][j]] = true;
	}
	/* An object without a place on the page keeps no anchor to link to. */
	for (size_t i = 0; i < c->objs.n; i++)
		if (!placed[i])
			c->objs.v[i].anchor = NULL;
	link_findings(c, placed);
}
