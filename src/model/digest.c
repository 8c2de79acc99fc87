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

void fl_digest_sort(struct fl_arena *a, struct fl_digest *g)
{
	sort_vec(g->images.v, g->images.n, sizeof(*g->images.v), cmp_image);
	sort_vec(g->parts.v, g->parts.n, sizeof(*g->parts.v), cmp_part);
	fl_vec_for_each(&g->images, img) {
		sort_vec(img->regions.v, img->regions.n, sizeof(*img->regions.v), cmp_region);
		fl_dg_sizes_merge(a, img->sections.v, &img->sections.n, &img->sections_ix);
		fl_dg_sizes_merge(a, img->objects.v, &img->objects.n, &img->objects_ix);
		fl_dg_sizes_merge(a, img->symbols.v, &img->symbols.n, &img->symbols_ix);
	}
}

/* Open addressing at a load of at most 4/5: the slots are 8 bytes, so the probes
 * of one look-up mostly stay in one cache line, and the table of a large image's
 * symbols stays in a core's cache. */
static struct fl_dg_name_slot *name_index(struct fl_arena *a, size_t n, size_t *cap)
{
	*cap = 16;
	while (*cap < n + n / 4 + 2)
		*cap *= 2;
	return fl_alloc(a, *cap * sizeof(struct fl_dg_name_slot));
}

static const char *name_of(const struct fl_dg_size *s)
{
	return s->name ? s->name : "";
}

/* How many names fl_dg_sizes_merge hashes ahead: their slots are fetched while it
 * works, instead of one cache miss after the other (the table of a large image's
 * symbols does not stay in a core's cache while the names stream past). */
#define MERGE_AHEAD 16

void fl_dg_sizes_merge(struct fl_arena *a, struct fl_dg_size *v, size_t *n,
		       struct fl_dg_size_index *ix)
{
	*ix = (struct fl_dg_size_index){ .v = v };
	if (!*n)
		return;
	size_t cap, o = 0;
	struct fl_dg_name_slot *tab = name_index(a, *n, &cap);
	uint64_t ahead[MERGE_AHEAD];
	for (size_t i0 = 0; i0 < *n; i0 += MERGE_AHEAD) {
		size_t m = *n - i0 < MERGE_AHEAD ? *n - i0 : MERGE_AHEAD;
		for (size_t j = 0; j < m; j++) {
			const char *name = name_of(&v[i0 + j]);
			ahead[j] = v[i0 + j].hash ? v[i0 + j].hash : fl_hash(name, strlen(name));
			__builtin_prefetch(&tab[ahead[j] & (cap - 1)]);
		}
		/* v[i] is read before anything is written at i: o <= i. */
		for (size_t j = 0; j < m; j++) {
			size_t i = i0 + j;
			uint64_t h = ahead[j];
			size_t k = h & (cap - 1);
			while (tab[k].at && (tab[k].hash != (uint32_t)h || v[tab[k].at - 1].hash != h ||
					     strcmp(name_of(&v[tab[k].at - 1]), name_of(&v[i]))))
				k = (k + 1) & (cap - 1);
			if (tab[k].at) {
				v[tab[k].at - 1].size += v[i].size;
			} else {
				v[o] = v[i];
				v[o].hash = h;
				tab[k].hash = (uint32_t)h;
				tab[k].at = (uint32_t)++o;
			}
		}
	}
	*n = o;
	ix->tab = tab;
	ix->cap = cap;
}

const struct fl_dg_size *fl_dg_size_find(const struct fl_dg_size_index *ix,
					 const struct fl_dg_size *key)
{
	if (!ix->cap)
		return NULL;
	for (size_t k = key->hash & (ix->cap - 1); ix->tab[k].at; k = (k + 1) & (ix->cap - 1)) {
		if (ix->tab[k].hash != (uint32_t)key->hash)
			continue;
		const struct fl_dg_size *s = &ix->v[ix->tab[k].at - 1];
		if (s->hash == key->hash && !strcmp(name_of(s), name_of(key)))
			return s;
	}
	return NULL;
}
