// SPDX-License-Identifier: Apache-2.0
/*
 * The digest's own helpers: a finding's identity across two builds, what a
 * partition is for, and the canonical order of every list. Building a digest from
 * a model and reading one from a saved report live with the report and the readers.
 */
#include <stdlib.h>
#include <string.h>

#include "flashlint/digest.h"

/* The file of a finding as it stays the same from one build to the next: relative
 * to the build directory when inside it, else its base name (a pm_static.yml in
 * the application's source directory). */
static const char *stable_file(const char *build_dir, const char *file)
{
	if (!file)
		return NULL;
	if (build_dir && *build_dir) {
		size_t n = strlen(build_dir);
		while (n > 1 && build_dir[n - 1] == '/')
			n--;
		if (!strncmp(file, build_dir, n) && file[n] == '/')
			return file + n + 1;
	}
	const char *slash = strrchr(file, '/');
	return slash ? slash + 1 : file;
}

void fl_digest_add_finding(struct fl_arena *a, struct fl_digest *g, const char *id,
			   const struct fl_diag *d)
{
	if (!id)
		return;
	struct fl_dg_finding *f = fl_vec_push(a, &g->findings);
	f->id = id;
	f->severity = d->severity;
	f->msg = d->msg;
	f->pos = d->pos;
	f->image = d->image;
	f->key = fl_diag_fingerprint(a, id, d, stable_file(g->build_dir, d->pos.file));
	f->fingerprint = fl_diag_fingerprint(a, id, d, d->pos.file);
}

static bool has_prefix(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

enum fl_dg_part_kind fl_dg_part_kind_of(const char *name)
{
	if (!name)
		return FL_DG_PART_OTHER;
	if (has_prefix(name, "mcuboot_primary") || has_prefix(name, "mcuboot_secondary") ||
	    !strcmp(name, "mcuboot_pad") || (has_prefix(name, "slot") && strstr(name, "_partition")) ||
	    has_prefix(name, "image-"))
		return FL_DG_PART_SLOT;
	if (strstr(name, "scratch"))
		return FL_DG_PART_SCRATCH;
	if (!strcmp(name, "mcuboot") || !strcmp(name, "boot_partition") || !strcmp(name, "mcuboot_partition"))
		return FL_DG_PART_BOOT;
	if (strstr(name, "storage") || strstr(name, "settings") || strstr(name, "nvs") ||
	    strstr(name, "littlefs"))
		return FL_DG_PART_STORAGE;
	return FL_DG_PART_OTHER;
}

const char *fl_dg_part_kind_name(enum fl_dg_part_kind k)
{
	switch (k) {
	case FL_DG_PART_SLOT:
		return "slot";
	case FL_DG_PART_BOOT:
		return "mcuboot";
	case FL_DG_PART_SCRATCH:
		return "scratch";
	case FL_DG_PART_STORAGE:
		return "storage";
	case FL_DG_PART_OTHER:
		break;
	}
	return "other";
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_region(const void *a, const void *b)
{
	return cmp_str(((const struct fl_dg_region *)a)->name, ((const struct fl_dg_region *)b)->name);
}

static int cmp_image(const void *a, const void *b)
{
	return cmp_str(((const struct fl_dg_image *)a)->name, ((const struct fl_dg_image *)b)->name);
}

static int cmp_part(const void *a, const void *b)
{
	return cmp_str(((const struct fl_dg_part *)a)->key, ((const struct fl_dg_part *)b)->key);
}

/* qsort, which must not be handed NULL even for zero elements. */
static void sort_vec(void *v, size_t n, size_t sz, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(v, n, sz, cmp);
}

void fl_digest_sort(struct fl_digest *g)
{
	sort_vec(g->images.v, g->images.n, sizeof(*g->images.v), cmp_image);
	sort_vec(g->parts.v, g->parts.n, sizeof(*g->parts.v), cmp_part);
	fl_vec_for_each(&g->images, img) {
		sort_vec(img->regions.v, img->regions.n, sizeof(*img->regions.v), cmp_region);
	}
}

/* Open-addressing index of names: slot -> 1 + index into v, 0 when free. */
static size_t *name_index(struct fl_arena *a, size_t n, size_t *cap)
{
	*cap = 16;
	while (*cap < n + n / 2 + 2)
		*cap *= 2;
	return fl_alloc(a, *cap * sizeof(size_t));
}

void fl_dg_sizes_merge(struct fl_arena *a, struct fl_dg_size *v, size_t *n)
{
	size_t cap, o = 0;
	size_t *tab = name_index(a, *n, &cap);
	for (size_t i = 0; i < *n; i++) {
		const char *name = v[i].name ? v[i].name : "";
		size_t h = fl_hash(name, strlen(name)) & (cap - 1);
		while (tab[h] && strcmp(v[tab[h] - 1].name ? v[tab[h] - 1].name : "", name))
			h = (h + 1) & (cap - 1);
		if (tab[h]) {
			v[tab[h] - 1].size += v[i].size;
		} else {
			v[o] = v[i];
			tab[h] = ++o;
		}
	}
	*n = o;
}

const struct fl_dg_size *fl_dg_size_find(const struct fl_dg_size_index *ix, const char *name)
{
	if (!ix->cap)
		return NULL;
	size_t h = fl_hash(name, strlen(name)) & (ix->cap - 1);
	while (ix->tab[h]) {
		const struct fl_dg_size *s = &ix->v[ix->tab[h] - 1];
		if (!strcmp(s->name ? s->name : "", name))
			return s;
		h = (h + 1) & (ix->cap - 1);
	}
	return NULL;
}

void fl_dg_size_index(struct fl_arena *a, struct fl_dg_size_index *ix, const struct fl_dg_size *v,
		      size_t n)
{
	ix->v = v;
	ix->tab = name_index(a, n, &ix->cap);
	for (size_t i = 0; i < n; i++) {
		const char *name = v[i].name ? v[i].name : "";
		size_t h = fl_hash(name, strlen(name)) & (ix->cap - 1);
		while (ix->tab[h])
			h = (h + 1) & (ix->cap - 1);
		ix->tab[h] = i + 1;
	}
}
