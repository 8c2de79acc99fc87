// SPDX-License-Identifier: Apache-2.0
/*
 * Building and freezing the model: images, inputs, and what freezing derives —
 * which MEMORY region each section occupies, how full each region is (the figure
 * GNU ld itself computes), and each image's ranges of loaded bytes.
 * No file format is known here and nothing is judged.
 */
#define _GNU_SOURCE /* strcasestr */
#include <stdlib.h>
#include <string.h>

#include "flashlint/model.h"

struct fl_image *fl_model_add_image(struct fl_run *run, struct fl_model *m, const char *name)
{
	struct fl_image *img = fl_alloc(run->arena, sizeof(*img));
	img->name = fl_strdup(run->arena, name);
	img->role = FL_IMG_OTHER;
	img->flash_dev = -1;
	img->pm_ext_dev = -1;
	*fl_vec_push(run->arena, &m->images) = img;
	return img;
}

void fl_model_add_input(struct fl_run *run, struct fl_model *m, const char *path,
			enum fl_input_kind kind, const char *image)
{
	struct fl_input_file *in = fl_vec_push(run->arena, &m->inputs);
	in->path = path;
	in->kind = kind;
	in->image = image;
}

static const struct fl_partition *find_partition(const struct fl_partition *v, size_t n,
						 const char *domain, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (fl_str_eq(v[i].domain, domain) && !strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

const struct fl_partition *fl_model_static_partition(const struct fl_model *m,
						     const char *domain, const char *name)
{
	return find_partition(m->static_partitions.v, m->static_partitions.n, domain, name);
}

const struct fl_partition *fl_model_partition(const struct fl_model *m, const char *domain,
					      const char *name)
{
	const struct fl_partition *p =
		find_partition(m->partitions.v, m->partitions.n, domain, name);
	return p ? p : fl_model_static_partition(m, domain, name);
}

struct fl_pos fl_model_partition_pos(const struct fl_model *m, const struct fl_partition *p)
{
	if (p->from_dts)
		return p->pos;
	const struct fl_partition *s = fl_model_static_partition(m, p->domain, p->name);
	return s ? s->pos : p->pos;
}

const struct fl_pm_region *fl_model_pm_region(const struct fl_model *m, const char *domain,
					      const char *name)
{
	fl_vec_for_each(&m->pm_regions, r)
		if (fl_str_eq(r->domain, domain) && !strcmp(r->name, name))
			return r;
	return NULL;
}

const struct fl_partition *fl_image_dt_partition(const struct fl_image *img, const char *label)
{
	fl_vec_for_each(&img->dt_partitions, p)
		if ((p->label && !strcmp(p->label, label)) || !strcmp(p->name, label))
			return p;
	return NULL;
}

const struct fl_device *fl_image_device(const struct fl_image *img, const char *name)
{
	fl_vec_for_each(&img->devices, d)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

const struct fl_device *fl_image_device_at(const struct fl_image *img, const struct fl_dt_node *node)
{
	fl_vec_for_each(&img->devices, d)
		if (d->node == node)
			return d;
	return NULL;
}

long fl_image_dt_ord(const struct fl_image *img, const char *path)
{
	fl_vec_for_each(&img->dt_ords, o)
		if (!strcmp(o->path, path))
			return o->ord;
	return -1;
}

const char *fl_image_dt_ord_path(const struct fl_image *img, long ord)
{
	fl_vec_for_each(&img->dt_ords, o)
		if ((long)o->ord == ord)
			return o->path;
	return NULL;
}

const struct fl_elf_device *fl_image_elf_device(const struct fl_image *img, const char *name)
{
	if (!name)
		return NULL;
	fl_vec_for_each(&img->elf_devices, d)
		if (fl_str_eq(d->name, name))
			return d;
	return NULL;
}

const struct fl_image *fl_model_image(const struct fl_model *m, const char *name)
{
	for_each_image(m, it)
		if (!strcmp((*it)->name, name))
			return *it;
	return NULL;
}

const struct fl_image *fl_model_image_by_role(const struct fl_model *m, enum fl_image_role role)
{
	for_each_image(m, it)
		if ((*it)->role == role)
			return *it;
	return NULL;
}

static bool region_holds(const struct fl_region *r, uint64_t addr, uint64_t size)
{
	uint64_t rend = fl_end(r->origin, r->length), end;
	if (addr < r->origin)
		return false;
	if (size == 0)
		return addr < rend;
	if (!fl_add_ok(addr, size, &end))
		return false;
	return end <= rend;
}

int fl_image_region_at(const struct fl_image *img, uint64_t addr, uint64_t size)
{
	for (size_t i = 0; i < img->regions.n; i++)
		if (region_holds(&img->regions.v[i], addr, size))
			return (int)i;
	return -1;
}

/* The region GNU ld allocated an address into. An address inside a region is
 * simple. An address past a region's end belongs to it when it continues what was
 * already allocated there: that is how an overflowing link looks in the map (ld
 * keeps placing sections after the end of the region they were assigned to). */
static int region_for(const struct fl_image *img, const uint64_t *current, uint64_t addr)
{
	int below = -1;
	for (size_t i = 0; i < img->regions.n; i++) {
		const struct fl_region *r = &img->regions.v[i];
		if (region_holds(r, addr, 0))
			return (int)i;
		if (r->origin <= addr && (below < 0 || r->origin > img->regions.v[below].origin))
			below = (int)i;
	}
	if (below < 0)
		return -1;
	/* Allow alignment padding between the previous section and this one. */
	const struct fl_region *b = &img->regions.v[below];
	uint64_t slack = fl_align_up(current[below], 0x1000);
	if (current[below] > b->origin && addr <= slack && addr >= fl_end(b->origin, b->length))
		return below;
	return -1;
}

static void note_use(uint64_t *current, int region, uint64_t addr, uint64_t size)
{
	if (region < 0)
		return;
	uint64_t end = fl_end(addr, size);
	if (end > current[region])
		current[region] = end;
}

static void assign_regions(struct fl_run *run, struct fl_image *img)
{
	uint64_t *current = fl_alloc(run->arena, (img->regions.n + 1) * sizeof(*current));
	for (size_t i = 0; i < img->regions.n; i++)
		current[i] = img->regions.v[i].origin;

	/* Map order is allocation order; with only an ELF, address order is the
	 * closest stand-in. */
	fl_vec_for_each(&img->sections, s) {
		s->vma_region = s->lma_region = -1;
		if (!(s->flags & FL_SEC_ALLOC))
			continue;
		s->vma_region = region_for(img, current, s->vma);
		if (s->size)
			note_use(current, s->vma_region, s->vma, s->size);
		if (s->lma == s->vma) {
			s->lma_region = s->vma_region;
			continue;
		}
		s->lma_region = region_for(img, current, s->lma);
		/* A NOLOAD section with an AT> address takes no room in the load
		 * region: ld advances a region's pointer only for loaded contents. */
		if (s->size && (s->flags & FL_SEC_LOAD))
			note_use(current, s->lma_region, s->lma, s->size);
	}
	for (size_t i = 0; i < img->regions.n; i++) {
		struct fl_region *r = &img->regions.v[i];
		r->used_end = current[i];
		r->used = current[i] - r->origin;
	}
}

static bool name_has(const char *name, const char *word)
{
	return strcasestr(name, word) != NULL;
}

bool fl_region_is_ram(const struct fl_region *r)
{
	if (name_has(r->name, "FLASH") || name_has(r->name, "ROM"))
		return false;
	if (strchr(r->attrs ? r->attrs : "", 'w') && !strchr(r->attrs, '!'))
		return true;
	return name_has(r->name, "RAM") || name_has(r->name, "TCM") || name_has(r->name, "CCM");
}

/* A map does not say which sections are NOLOAD. Sections whose contents the map
 * reader could not rule out, placed at their own address (no AT>) in RAM, are
 * taken as uninitialised: a RAM address cannot be programmed, and Zephyr's RAM
 * sections without a load address (_RTT_SECTION_NAME, the devicetree memory
 * regions) are all NOLOAD. With an ELF the flags are exact and left alone. */
static void refine_map_only_flags(struct fl_image *img)
{
	fl_vec_for_each(&img->sections, s)
		if (!s->from_elf && (s->flags & FL_SEC_LOAD) && s->lma == s->vma &&
		    s->vma_region >= 0 && fl_region_is_ram(&img->regions.v[s->vma_region]))
			s->flags &= ~(unsigned)FL_SEC_LOAD;
}

static int cmp_lma(const void *a, const void *b)
{
	const struct fl_section *x = *(const struct fl_section *const *)a;
	const struct fl_section *y = *(const struct fl_section *const *)b;
	if (x->lma != y->lma)
		return x->lma < y->lma ? -1 : 1;
	return 0;
}

static void derive_load_ranges(struct fl_run *run, struct fl_image *img)
{
	size_t n = 0;
	const struct fl_section **v = fl_alloc(run->arena, (img->sections.n + 1) * sizeof(*v));
	fl_vec_for_each(&img->sections, s)
		if ((s->flags & FL_SEC_LOAD) && s->size)
			v[n++] = s;
	if (!n)
		return;
	qsort(v, n, sizeof(*v), cmp_lma);
	struct fl_load_range *cur = NULL;
	for (size_t i = 0; i < n; i++) {
		uint64_t end = fl_end(v[i]->lma, v[i]->size);
		/* One range per stretch of one region; sections outside every region
		 * join only what they touch. */
		if (cur && v[i]->lma_region == cur->region &&
		    (cur->region >= 0 || v[i]->lma <= cur->end)) {
			if (end > cur->end)
				cur->end = end;
			continue;
		}
		cur = fl_vec_push(run->arena, &img->load);
		cur->start = v[i]->lma;
		cur->end = end;
		cur->region = v[i]->lma_region;
	}
	img->load_start = img->load.v[0].start;
	img->load_end = 0;
	fl_vec_for_each(&img->load, r)
		if (r->end > img->load_end)
			img->load_end = r->end;
}

void fl_model_freeze(struct fl_run *run, struct fl_model *m)
{
	for_each_image(m, it) {
		assign_regions(run, *it);
		refine_map_only_flags(*it);
		derive_load_ranges(run, *it);
	}
	m->frozen = true;
}
