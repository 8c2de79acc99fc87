// SPDX-License-Identifier: Apache-2.0
/*
 * PRT rules: the partition layout itself. Partition Manager tables (the generated
 * partitions*.yml, or pm_static.yml when nothing was generated) per domain and
 * region, and devicetree fixed-partitions per device, checked for overlaps, bounds,
 * erase alignment and consistency; MCUboot's slots checked against the bootloader's
 * rules for its upgrade mode (rules/mcuboot.c). Reads the frozen model only.
 */
#include <stdlib.h>
#include <string.h>

#include "flashlint/rules.h"
#include "fmt.h"
#include "flashlint/mcuboot.h"

#define NOR_ERASE_BLOCK 4096 /* the 4 KiB sector erase every SPI NOR chip has */

/* One partition table: the partitions of one region (PM) or device (devicetree). */
struct ptable {
	const char *src;                  /* "Partition Manager", "devicetree of 'app'" */
	const char *what;                 /* "region 'flash_primary'", "device 'flash0'" */
	const struct fl_partition **v;    /* by address */
	size_t n;
	bool has_bounds;                  /* [lo, hi) is known */
	uint64_t lo, hi;
	struct fl_pos bounds_pos;
	const char *bounds_why;           /* where the bounds come from, with the figures */
	const struct fl_device *dev;      /* NULL when unknown */
	uint64_t erase;                   /* erase block, 0 when unknown */
	const char *erase_why;
	struct fl_pos erase_pos;
	bool flash;                       /* erasable flash (not RAM, not OTP) */
	bool pm;                          /* Partition Manager's (where 'span' exists) */
};

static struct fl_pos ppos(const struct fl_model *m, const struct fl_partition *p)
{
	return fl_model_partition_pos(m, p);
}

/* "0x000f8000..0x00100000": start and (exclusive) end. */
static const char *span_of(struct fl_arena *a, uint64_t lo, uint64_t hi)
{
	return fl_printf(a, "%s..%s", fmt_addr(a, lo), fmt_addr(a, hi));
}

static const char *range(struct fl_arena *a, const struct fl_partition *p)
{
	return span_of(a, p->address, fl_end(p->address, p->size));
}

/* Partition Manager ignores the devicetree partitions of an image built with it. */
static bool uses_dt_partitions(const struct fl_image *img)
{
	return !fl_kconfig_is_y(&img->kconfig, "CONFIG_PARTITION_MANAGER_ENABLED");
}

static int cmp_addr(const void *a, const void *b)
{
	const struct fl_partition *x = *(const struct fl_partition *const *)a;
	const struct fl_partition *y = *(const struct fl_partition *const *)b;
	if (x->address != y->address)
		return x->address < y->address ? -1 : 1;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* ---- gathering the tables ------------------------------------------------------ */

/* Where the device's property `name` is written, else the device's node. */
static struct fl_pos prop_pos(const struct fl_device *d, const char *name)
{
	if (d->node)
		fl_vec_for_each(&d->node->props, pr)
			if (!strcmp(pr->name, name))
				return pr->pos;
	return d->pos;
}

/* The extent of a device from its devicetree node: where it is written, and how. */
static void dt_bounds(struct fl_arena *a, const struct fl_device *d, struct ptable *t)
{
	const char *prop = d->size_in_bits ? "size" : d->external ? "size-in-bytes" : "reg";
	t->bounds_pos = prop_pos(d, prop);
	if (d->size_in_bits)
		t->bounds_why = fl_printf(a, "'%s' has size = <%" PRIu64 "> bits in the devicetree: %s",
					  d->name, d->size_prop, fmt_size(a, d->size));
	else if (d->external)
		t->bounds_why = fl_printf(a, "'%s' has size-in-bytes = <%" PRIu64 "> in the devicetree",
					  d->name, d->size_prop);
	else
		t->bounds_why = fl_printf(a, "'%s' has reg = <0x%" PRIx64 " 0x%" PRIx64
					  "> in the devicetree", d->name, t->lo, d->size);
}

/* The image whose devicetree describes the devices of a Partition Manager domain. */
static const struct fl_image *domain_dt(const struct fl_model *m, const char *domain)
{
	const struct fl_image *best = NULL;
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		if (!img->dt.root || !fl_str_eq(img->domain, domain))
			continue;
		if (!best || img->role == FL_IMG_APP)
			best = img;
	}
	return best;
}

static int cmp_str_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* Containers (partitions with a span) by address, the one reaching furthest first,
 * of two over the same range the one listed first. */
static int cmp_container(const void *pa, const void *pb)
{
	const struct fl_partition *x = *(const struct fl_partition *const *)pa;
	const struct fl_partition *y = *(const struct fl_partition *const *)pb;
	if (x->address != y->address)
		return x->address < y->address ? -1 : 1;
	uint64_t xe = fl_end(x->address, x->size), ye = fl_end(y->address, y->size);
	if (xe != ye)
		return xe > ye ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Which partitions of one table g[0..n) a container other than themselves covers:
 * nested[i] for g[i]. The generated files list a container's original span, so
 * nesting is decided by address; of two containers over the same range the one
 * listed first is the outer. Sorting the containers and keeping the furthest end
 * reached so far makes it O(n log n). */
static bool *find_nested(struct fl_arena *a, const struct fl_partition *const *g, size_t n)
{
	bool *nested = fl_alloc(a, n * sizeof(*nested));
	const struct fl_partition **c = fl_alloc(a, n * sizeof(*c));
	size_t nc = 0;
	for (size_t i = 0; i < n; i++)
		if (g[i]->span.n && g[i]->has_address && g[i]->has_size)
			c[nc++] = g[i];
	if (!nc)
		return nested;
	qsort(c, nc, sizeof(*c), cmp_container);
	uint64_t *reach = fl_alloc(a, nc * sizeof(*reach)); /* furthest end of c[0..i] */
	for (size_t i = 0; i < nc; i++) {
		uint64_t e = fl_end(c[i]->address, c[i]->size);
		reach[i] = i && reach[i - 1] > e ? reach[i - 1] : e;
	}
	for (size_t i = 0; i < n; i++) {
		const struct fl_partition *p = g[i];
		if (!p->has_address || !p->has_size)
			continue;
		uint64_t pe = fl_end(p->address, p->size);
		size_t lo = 0, hi = nc; /* the first container that starts at or after p */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (c[mid]->address < p->address)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo > 0 && reach[lo - 1] >= pe)
			nested[i] = true; /* a container that starts before p covers it */
		else if (lo < nc && c[lo]->address == p->address &&
			 fl_end(c[lo]->address, c[lo]->size) >= pe)
			/* c[lo] reaches furthest of those starting with p: it is the outer
			 * one unless it is p itself */
			nested[i] = !p->span.n || c[lo] != p;
	}
	return nested;
}

/* The erase block of a device: its erase-block-size, or a NOR chip's sector. */
static void dt_erase(struct fl_arena *a, const struct fl_device *d, struct ptable *t)
{
	if (d->erase_block) {
		t->erase = d->erase_block;
		t->erase_why = fl_printf(a, "'%s' has erase-block-size = <%" PRIu32 ">", d->name,
					 d->erase_block);
		t->erase_pos = prop_pos(d, "erase-block-size");
	} else if (d->external) {
		t->erase = NOR_ERASE_BLOCK;
		t->erase_why = fl_printf(a, "'%s' is NOR flash, whose smallest erase is a %u-byte sector",
					 d->name, NOR_ERASE_BLOCK);
		t->erase_pos = d->pos;
	}
}

static void pm_bounds(struct fl_arena *a, const struct fl_model *m, const char *domain,
		      const char *region, const struct fl_pm_region *r, struct ptable *t)
{
	t->flash = strstr(region, "flash") != NULL;
	const struct fl_image *img = domain_dt(m, domain);
	const struct fl_device *d = NULL;
	if (img && !strcmp(region, "flash_primary") && img->flash_dev >= 0)
		d = &img->devices.v[img->flash_dev];
	else if (img && !strcmp(region, "external_flash") && img->pm_ext_dev >= 0)
		d = &img->devices.v[img->pm_ext_dev];
	t->dev = d;
	if (r) {
		t->has_bounds = true;
		t->lo = r->base;
		t->hi = fl_end(r->base, r->size);
		t->bounds_pos = r->pos;
		t->bounds_why = fl_printf(a, "region '%s' in regions.yml: base_address 0x%" PRIx64
					  ", size 0x%" PRIx64, r->name, r->base, r->size);
	} else if (d && d->size) {
		t->has_bounds = true;
		t->lo = d->external ? 0 : d->base;
		t->hi = fl_end(t->lo, d->size);
		dt_bounds(a, d, t);
	}
	if (d && (d->erase_block || d->external)) {
		dt_erase(a, d, t);
	} else if (!strcmp(region, "external_flash")) {
		t->erase = NOR_ERASE_BLOCK;
		t->erase_why = "external flash is NOR, whose smallest erase is a 4096-byte sector";
	}
}

typedef void (*table_fn)(struct fl_run *run, const struct fl_model *m, const struct ptable *t,
			 const void *ctx);

/* Partitions of one table together, each table in the order its partitions are
 * listed: by (domain, region, place in the list). */
static int cmp_table(const void *pa, const void *pb)
{
	const struct fl_partition *x = *(const struct fl_partition *const *)pa;
	const struct fl_partition *y = *(const struct fl_partition *const *)pb;
	int c = cmp_str_null(x->domain, y->domain);
	if (!c)
		c = cmp_str_null(x->region, y->region);
	if (c)
		return c;
	return x < y ? -1 : x > y;
}

/* One table of a list sorted by cmp_table: n partitions from index `at`. */
struct table_run {
	const struct fl_partition *first; /* its first partition in the list */
	size_t at, n;
};

static int cmp_run(const void *pa, const void *pb)
{
	const struct table_run *x = pa, *y = pb;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* Partition Manager regions by (domain, name), the first listed first. */
static int cmp_region(const void *pa, const void *pb)
{
	const struct fl_pm_region *x = *(const struct fl_pm_region *const *)pa;
	const struct fl_pm_region *y = *(const struct fl_pm_region *const *)pb;
	int c = cmp_str_null(x->domain, y->domain);
	if (!c)
		c = strcmp(x->name, y->name);
	if (c)
		return c;
	return x < y ? -1 : x > y;
}

/* The first region of the sorted r[0..n) named `name` in `domain`, or NULL: what
 * fl_model_pm_region() finds, in O(log n). */
static const struct fl_pm_region *find_region(const struct fl_pm_region *const *r, size_t n,
					      const char *domain, const char *name)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_str_null(r[mid]->domain, domain);
		if (!c)
			c = strcmp(r[mid]->name, name);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && fl_str_eq(r[lo]->domain, domain) && !strcmp(r[lo]->name, name) ? r[lo] : NULL;
}

static int cmp_domain(const void *key, const void *elem)
{
	return cmp_str_null(*(const char *const *)key,
			    (*(const struct fl_partition *const *)elem)->domain);
}

/* Devicetree partitions by device, in the order they are listed. */
static int cmp_dev(const void *pa, const void *pb)
{
	const struct fl_partition *x = *(const struct fl_partition *const *)pa;
	const struct fl_partition *y = *(const struct fl_partition *const *)pb;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Run fn over every table: Partition Manager leaves (or top-level partitions) per
 * domain and region, then the devicetree partitions of each image that has its own
 * (images with the same partitions as an earlier one are skipped). The partitions
 * are grouped by sorting, so that all tables together take O(n log n) time and O(n)
 * memory however many regions there are. */
static void for_each_table(struct fl_run *run, const struct fl_model *m, table_fn fn,
			   bool leaves, const void *ctx)
{
	struct fl_arena *a = run->arena;
	const struct fl_pm_region **regions = fl_alloc(a, m->pm_regions.n * sizeof(*regions));
	for (size_t i = 0; i < m->pm_regions.n; i++)
		regions[i] = &m->pm_regions.v[i];
	if (m->pm_regions.n > 1)
		qsort(regions, m->pm_regions.n, sizeof(*regions), cmp_region);
	/* Partition Manager: generated files per domain, pm_static where nothing was
	 * generated. */
	const struct fl_partition **generated = NULL; /* pass 0's list, by domain first */
	size_t ngenerated = 0;
	for (int pass = 0; pass < 2; pass++) {
		const struct fl_partition *v = pass ? m->static_partitions.v : m->partitions.v;
		size_t n = pass ? m->static_partitions.n : m->partitions.n;
		const struct fl_partition **s = fl_alloc(a, n * sizeof(*s));
		for (size_t i = 0; i < n; i++)
			s[i] = &v[i];
		if (n > 1)
			qsort(s, n, sizeof(*s), cmp_table);
		struct table_run *runs = fl_alloc(a, n * sizeof(*runs));
		size_t nruns = 0;
		for (size_t i = 0, j; i < n; i = j) {
			for (j = i + 1; j < n && fl_str_eq(s[j]->domain, s[i]->domain) &&
					fl_str_eq(s[j]->region, s[i]->region); j++)
				;
			runs[nruns++] = (struct table_run){ s[i], i, j - i };
		}
		if (nruns > 1)
			qsort(runs, nruns, sizeof(*runs), cmp_run);
		if (!pass) {
			generated = s;
			ngenerated = n;
		}
		for (size_t r = 0; r < nruns; r++) {
			const struct fl_partition *const *g = s + runs[r].at;
			const struct fl_partition *p = runs[r].first;
			if (pass && ngenerated &&
			    bsearch(&p->domain, generated, ngenerated, sizeof(*generated), cmp_domain))
				continue;
			struct ptable t = { 0 };
			t.src = pass ? "pm_static.yml" : "Partition Manager";
			t.pm = true;
			t.what = p->domain ? fl_printf(a, "region '%s' of domain %s", p->region, p->domain)
					   : fl_printf(a, "region '%s'", p->region);
			t.v = fl_alloc(a, runs[r].n * sizeof(*t.v));
			bool *nested = leaves ? NULL : find_nested(a, g, runs[r].n);
			for (size_t k = 0; k < runs[r].n; k++) {
				const struct fl_partition *q = g[k];
				if (!q->has_address || !q->has_size)
					continue;
				if (leaves ? q->span.n > 0 : nested[k])
					continue;
				t.v[t.n++] = q;
			}
			pm_bounds(a, m, p->domain, p->region,
				  find_region(regions, m->pm_regions.n, p->domain, p->region), &t);
			if (t.n > 1)
				qsort(t.v, t.n, sizeof(*t.v), cmp_addr);
			fn(run, m, &t, ctx);
		}
	}
	/* Devicetree. */
	for (size_t k = 0; k < m->images.n; k++) {
		const struct fl_image *img = m->images.v[k];
		if (!img->dt_partitions.n || !uses_dt_partitions(img))
			continue;
		bool dup = false;
		for (size_t j = 0; j < k && !dup; j++) {
			const struct fl_image *o = m->images.v[j];
			if (o->dt_partitions.n != img->dt_partitions.n || !uses_dt_partitions(o))
				continue;
			dup = true;
			for (size_t i = 0; i < o->dt_partitions.n && dup; i++) {
				const struct fl_partition *x = &o->dt_partitions.v[i], *y = &img->dt_partitions.v[i];
				dup = !strcmp(x->name, y->name) && x->address == y->address &&
				      x->size == y->size && !strcmp(x->device, y->device);
			}
		}
		if (dup)
			continue;
		const struct fl_partition **s = fl_alloc(a, img->dt_partitions.n * sizeof(*s));
		size_t ns = 0;
		fl_vec_for_each(&img->dt_partitions, p)
			if (p->dev >= 0 && p->has_address)
				s[ns++] = p;
		if (ns > 1)
			qsort(s, ns, sizeof(*s), cmp_dev);
		size_t at = 0;
		for (size_t di = 0; di < img->devices.n && at < ns; di++) {
			const struct fl_device *d = &img->devices.v[di];
			size_t from = at;
			while (at < ns && s[at]->dev == (int)di)
				at++;
			if (at == from)
				continue;
			struct ptable t = { 0 };
			t.src = fl_printf(a, "devicetree of '%s'", img->name);
			t.what = fl_printf(a, "device '%s'", d->name);
			t.v = s + from;
			t.n = at - from;
			t.dev = d;
			t.flash = true;
			if (d->size) {
				t.has_bounds = true;
				t.lo = d->mapped ? d->base : 0;
				t.hi = fl_end(t.lo, d->size);
				dt_bounds(a, d, &t);
			}
			dt_erase(a, d, &t);
			fn(run, m, &t, ctx);
		}
	}
}

/* ---- PRT001 partitions-overlap --------------------------------------------------- */

/* The fact behind every overlap of partitions that lie wholly inside `far`: it
 * holds them without being their container (with Partition Manager, it has no
 * 'span'). All of them make one PRT001 (fl_diag_cause). */
static struct fl_cause *container_cause(struct fl_run *run, const struct fl_model *m,
					const struct ptable *t, const struct fl_partition *far)
{
	struct fl_arena *a = run->arena;
	struct fl_cause *c = fl_alloc(a, sizeof(*c));
	c->key = far;
	c->pos = ppos(m, far);
	c->head = fl_printf(a, "partition '%s' (%s) overlaps ", far->name, range(a, far));
	if (t->pm) {
		c->tail = fl_printf(a, " partitions that lie inside it in %s, and has no 'span' that would make it their container",
				    t->what);
		c->hint = "a partition that holds others names them in its 'span' (span: [...]); without one it is a partition of its own, which they overlap";
	} else {
		c->tail = fl_printf(a, " partitions that lie inside it in %s", t->what);
	}
	return c;
}

static void prt001_table(struct fl_run *run, const struct fl_model *m, const struct ptable *t,
			 const void *ctx)
{
	(void)ctx;
	struct fl_arena *a = run->arena;
	const struct fl_partition *far = NULL; /* the one reaching furthest so far */
	struct fl_cause *cause = NULL;         /* far holding others, once needed */
	for (size_t i = 0; i < t->n; i++) {
		const struct fl_partition *p = t->v[i];
		if (far && p->address < fl_end(far->address, far->size) && p->size) {
			uint64_t end = fl_end(p->address, p->size), fend = fl_end(far->address, far->size);
			uint64_t olen = (end < fend ? end : fend) - p->address;
			/* Reported at the one that runs into the other: the partition
			 * that starts first. */
			struct fl_diag *d = fl_diag(run, FL_RULE_PRT001, ppos(m, far),
						    "partition '%s' (%s) overlaps '%s' (%s) by %s in %s",
						    far->name, range(a, far), p->name, range(a, p),
						    fmt_size(a, olen), t->what);
			fl_diag_note(run, d, ppos(m, p), "'%s' is defined here", p->name);
			fl_diag_num(run, d, "address", far->address);
			fl_diag_num(run, d, "size", far->size);
			fl_diag_num(run, d, "other_address", p->address);
			fl_diag_num(run, d, "other_size", p->size);
			fl_diag_num(run, d, "overlap", olen);
			/* One of the two holds the other: the outer one is the cause.
			 * Sorted by address, a holder that starts where its first part
			 * starts comes after that part. */
			const struct fl_partition *outer = NULL, *inner = NULL;
			if (end <= fend && far->size > p->size)
				outer = far, inner = p;
			else if (p->address == far->address && end > fend)
				outer = p, inner = far;
			if (outer) {
				if (!cause || cause->key != outer)
					cause = container_cause(run, m, t, outer);
				fl_diag_cause(run, d, cause, ppos(m, inner), "'%s' (%s) lies inside '%s'",
					      inner->name, range(a, inner), outer->name);
			}
		}
		if (!far || fl_end(p->address, p->size) > fl_end(far->address, far->size))
			far = p;
	}
}

static void prt001(struct fl_run *run, const struct fl_model *m)
{
	for_each_table(run, m, prt001_table, true, NULL);
}

/* ---- PRT002 partition-outside-device ---------------------------------------------- */

static void prt002_table(struct fl_run *run, const struct fl_model *m, const struct ptable *t,
			 const void *ctx)
{
	(void)ctx;
	struct fl_arena *a = run->arena;
	if (!t->has_bounds)
		return;
	for (size_t i = 0; i < t->n; i++) {
		const struct fl_partition *p = t->v[i];
		uint64_t end = fl_end(p->address, p->size);
		if (p->address >= t->lo && end <= t->hi)
			continue;
		bool before = p->address < t->lo;
		struct fl_diag *d = fl_diag(
			run, FL_RULE_PRT002, ppos(m, p),
			"partition '%s' (%s) %s %s, which is %s (%s)", p->name, range(a, p),
			before ? "starts before" : fl_printf(a, "ends %s past the end of", fmt_size(a, end - t->hi)),
			t->what, span_of(a, t->lo, t->hi), fmt_size(a, t->hi - t->lo));
		const struct fl_device *dev = t->dev;
		/* Far past the end but inside the bit count: the size was read as bytes. */
		if (dev && dev->size_in_bits && !before && end - t->lo <= dev->size_prop &&
		    end - t->lo > 2 * dev->size)
			fl_diag_note(run, d, prop_pos(dev, "size"),
				     "'%s' has size = <%" PRIu64 "> in the devicetree, which counts bits: the chip holds %s; read as bytes, the size would have held this partition",
				     dev->name, dev->size_prop, fmt_size(a, dev->size));
		else
			fl_diag_note(run, d, t->bounds_pos, "%s", t->bounds_why);
		fl_diag_num(run, d, "address", p->address);
		fl_diag_num(run, d, "size", p->size);
		fl_diag_num(run, d, "device_start", t->lo);
		fl_diag_num(run, d, "device_end", t->hi);
	}
}

static void prt002(struct fl_run *run, const struct fl_model *m)
{
	for_each_table(run, m, prt002_table, true, NULL);
}

/* ---- PRT003 partition-misaligned -------------------------------------------------- */

/* Storage the application erases at run time: settings, NVS, littlefs, FAT, ... */
static bool is_storage(const struct fl_partition *p)
{
	return strstr(p->name, "storage") || (p->dt_label && strstr(p->dt_label, "storage"));
}

/* reach[i]: the furthest end of t->v[0..i] (sorted by address). */
static uint64_t *reach_of(struct fl_arena *a, const struct ptable *t)
{
	uint64_t *reach = fl_alloc(a, (t->n ? t->n : 1) * sizeof(*reach));
	for (size_t i = 0; i < t->n; i++) {
		uint64_t e = fl_end(t->v[i]->address, t->v[i]->size);
		reach[i] = i && reach[i - 1] > e ? reach[i - 1] : e;
	}
	return reach;
}

/* What else the erase block part [lo, hi) holds: "of 'name'" for the first
 * partition of t other than p in it, else ", outside the partition". The ones
 * before the first that reaches past lo (reach, from reach_of) end too early,
 * and the ones from the first that starts at hi on start too late. */
static const char *erased_what(struct fl_arena *a, const struct ptable *t, const uint64_t *reach,
			       const struct fl_partition *p, uint64_t lo, uint64_t hi)
{
	size_t b = 0, e = t->n;
	while (b < e) {
		size_t mid = b + (e - b) / 2;
		if (reach[mid] <= lo)
			b = mid + 1;
		else
			e = mid;
	}
	for (size_t i = b; i < t->n && t->v[i]->address < hi; i++) {
		const struct fl_partition *q = t->v[i];
		if (q != p && q->size && fl_end(q->address, q->size) > lo)
			return fl_printf(a, " of '%s'", q->name);
	}
	return ", outside the partition";
}

static void prt003_table(struct fl_run *run, const struct fl_model *m, const struct ptable *t,
			 const void *ctx)
{
	struct fl_arena *a = run->arena;
	if (!t->erase || !t->flash)
		return;
	const struct mcuboot *mb = ctx;    /* NULL without MCUboot */
	uint64_t *reach = NULL;            /* for erased_what, once needed */
	for (size_t i = 0; i < t->n; i++) {
		const struct fl_partition *p = t->v[i];
		uint64_t base = t->has_bounds ? t->lo : 0;
		uint64_t off = p->address - base, end = off + p->size;
		bool bad_start = off % t->erase != 0;
		bool bad_end = end % t->erase != 0 && !(t->has_bounds && fl_end(p->address, p->size) == t->hi);
		if (!bad_start && !bad_end)
			continue;
		bool slot = mb && mcuboot_is_slot(mb, p);
		if (!slot && !is_storage(p))
			continue; /* nothing erases it at run time */
		if (!reach)
			reach = reach_of(a, t);
		struct fl_diag *d;
		if (bad_start) {
			uint64_t lo = p->address - off % t->erase;
			d = fl_diag(run, FL_RULE_PRT003, ppos(m, p),
				    "partition '%s' starts at %s, %" PRIu64 " bytes into a %" PRIu64
				    "-byte erase block of %s: its first erase block also covers %s%s",
				    p->name, fmt_addr(a, p->address), off % t->erase, t->erase, t->what,
				    span_of(a, lo, p->address), erased_what(a, t, reach, p, lo, p->address));
		} else {
			uint64_t pe = fl_end(p->address, p->size);
			uint64_t hi = pe + (t->erase - end % t->erase);
			d = fl_diag(run, FL_RULE_PRT003, ppos(m, p),
				    "partition '%s' ends at %s, %" PRIu64 " bytes into a %" PRIu64
				    "-byte erase block of %s: its last erase block also covers %s%s",
				    p->name, fmt_addr(a, pe), end % t->erase, t->erase, t->what,
				    span_of(a, pe, hi), erased_what(a, t, reach, p, pe, hi));
		}
		fl_diag_note(run, d, t->erase_pos, "%s", t->erase_why);
		if (slot)
			fl_diag_note(run, d, (struct fl_pos){ 0 },
				     "'%s' is an MCUboot slot: during an upgrade the bootloader erases it in whole %" PRIu64 "-byte sectors",
				     p->name, t->erase);
		else
			fl_diag_warning(run, d);
		fl_diag_num(run, d, "address", p->address);
		fl_diag_num(run, d, "size", p->size);
		fl_diag_num(run, d, "erase_block", t->erase);
	}
}

static void prt003(struct fl_run *run, const struct fl_model *m)
{
	struct mcuboot mb;
	bool have_mb = mcuboot_model(m, &mb);
	for_each_table(run, m, prt003_table, false, have_mb ? &mb : NULL);
}

/* ---- PRT004–PRT006: MCUboot's slots --------------------------------------------------- */

static const char *slot_desc(struct fl_arena *a, const struct mcuboot_slot *s)
{
	if (!s->sectors)
		return fl_printf(a, "'%s' (%s)", s->name, fmt_size(a, s->size));
	return fl_printf(a, "'%s' (%s, %" PRIu64 " sectors of %" PRIu64 " bytes)", s->name,
			 fmt_size(a, s->size), s->sectors, s->sector);
}

/* Sectors of the primary's trailer (boot_trailer_sz() over its first sector). */
static uint64_t trailer_sectors(const struct mcuboot *mb, const struct mcuboot_slot *p)
{
	uint64_t t = mcuboot_trailer(mb, p->write ? p->write : 1);
	return t / p->sector + (t % p->sector != 0);
}

/* The sector-count test of boot_slots_compatible() in swap_move.c (equal, one
 * more, or the usable primary sectors, all but the trailer's, one more) and
 * swap_offset.c (the secondary equal or one more). */
static bool counts_compatible(const struct mcuboot *mb, const struct mcuboot_slot *p,
			      const struct mcuboot_slot *s)
{
	if (mb->mode == MCUBOOT_MODE_OFFSET)
		return s->sectors == p->sectors || s->sectors == p->sectors + 1;
	return p->sectors == s->sectors || p->sectors == s->sectors + 1 ||
	       p->sectors == s->sectors + 1 + trailer_sectors(mb, p);
}

static void mode_note(struct fl_run *run, struct fl_diag *d, const struct mcuboot *mb)
{
	fl_diag_note(run, d, mb->mode_src.pos, "MCUboot's upgrade mode: %s (%s)",
		     mcuboot_mode_name(mb->mode), mb->mode_src.why);
}

static void prt004(struct fl_run *run, const struct fl_model *m)
{
	struct fl_arena *a = run->arena;
	struct mcuboot mb;
	if (!mcuboot_model(m, &mb) || !mcuboot_mode_swaps(mb.mode))
		return;
	for (size_t i = 0; i < mb.n; i++) {
		const struct mcuboot_slot *p = &mb.img[i].primary, *s = &mb.img[i].secondary;
		if (!s->part)
			continue;
		const char *need = NULL;
		if (mb.mode == MCUBOOT_MODE_SCRATCH || mb.mode == MCUBOOT_MODE_OVERWRITE) {
			if (p->size != s->size)
				need = "two slots of the same size: MCUboot will log 'Cannot upgrade: slots are not compatible'";
		} else {
			if (!p->sectors || !s->sectors || p->sector != s->sector)
				continue; /* unknown, or PRT006's case */
			uint64_t tp = trailer_sectors(&mb, p);
			if (counts_compatible(&mb, p, s))
				continue;
			if (mb.mode == MCUBOOT_MODE_MOVE)
				need = fl_printf(a, "a primary slot of %" PRIu64 ", %" PRIu64 " or %" PRIu64
						 " sectors (as many as the secondary, one more, or one more plus %" PRIu64
						 " trailer sector%s): MCUboot will log 'Cannot upgrade: not a compatible amount of sectors'",
						 s->sectors, s->sectors + 1, s->sectors + 1 + tp, tp, tp == 1 ? "" : "s");
			if (mb.mode == MCUBOOT_MODE_OFFSET)
				need = fl_printf(a, "a secondary slot of %" PRIu64 " or %" PRIu64
						 " sectors (as many as the primary, or one more): MCUboot will log 'Cannot upgrade: not a compatible amount of sectors'",
						 p->sectors, p->sectors + 1);
		}
		if (!need)
			continue;
		struct fl_diag *d = fl_diag(run, FL_RULE_PRT004, s->pos,
					    "slots %s and %s do not suit %s, which needs %s",
					    slot_desc(a, p), slot_desc(a, s), mcuboot_mode_name(mb.mode), need);
		fl_diag_note(run, d, p->pos, "'%s' is defined here", p->name);
		mode_note(run, d, &mb);
		fl_diag_num(run, d, "primary_size", p->size);
		fl_diag_num(run, d, "secondary_size", s->size);
		if (p->sectors && s->sectors) {
			fl_diag_num(run, d, "primary_sectors", p->sectors);
			fl_diag_num(run, d, "secondary_sectors", s->sectors);
		}
	}
}

static void prt005_slot(struct fl_run *run, const struct mcuboot *mb, const struct mcuboot_slot *s)
{
	struct fl_arena *a = run->arena;
	if (!s->part || !s->sectors || s->sectors <= mb->max_sectors)
		return;
	/* Raising BOOT_MAX_IMG_SECTORS is the usual fix: point at its line when the
	 * MCUboot .config has one. */
	bool at_max = mb->max_src.pos.line > 0;
	struct fl_diag *d = fl_diag(
		run, FL_RULE_PRT005, at_max ? mb->max_src.pos : s->pos,
		"slot '%s' has %" PRIu64 " sectors (%s / %" PRIu64 "), more than MCUboot's BOOT_MAX_IMG_SECTORS = %" PRIu64
		": MCUboot will log 'Failed reading sectors; BOOT_MAX_IMG_SECTORS=%" PRIu64
		" - too small?' and not upgrade",
		s->name, s->sectors, fmt_size(a, s->size), s->sector, mb->max_sectors, mb->max_sectors);
	if (at_max)
		fl_diag_note(run, d, s->pos, "'%s' is defined here", s->name);
	else
		fl_diag_note(run, d, mb->max_src.pos, "BOOT_MAX_IMG_SECTORS = %" PRIu64 " (%s)",
			     mb->max_sectors, mb->max_src.why);
	fl_diag_note(run, d, s->sector_src.pos, "sector size: %" PRIu64 " bytes (%s)", s->sector,
		     s->sector_src.why);
	fl_diag_num(run, d, "sectors", s->sectors);
	fl_diag_num(run, d, "max_sectors", mb->max_sectors);
	fl_diag_num(run, d, "sector_size", s->sector);
	fl_diag_num(run, d, "slot_size", s->size);
}

static void prt005(struct fl_run *run, const struct fl_model *m)
{
	struct mcuboot mb;
	if (!mcuboot_model(m, &mb) || !mb.max_sectors || mb.max_auto)
		return;
	if (mb.mode == MCUBOOT_MODE_SINGLE || mb.mode == MCUBOOT_MODE_SINGLE_RAM_LOAD ||
	    mb.mode == MCUBOOT_MODE_FIRMWARE_LOADER)
		return;
	for (size_t i = 0; i < mb.n; i++) {
		prt005_slot(run, &mb, &mb.img[i].primary);
		prt005_slot(run, &mb, &mb.img[i].secondary);
	}
}

/* The value came from a line of a .config. */
static bool is_kconfig_line(const struct imgtool_src *src)
{
	return src->pos.line && src->why && !strncmp(src->why, "CONFIG_", 7);
}

static void prt006(struct fl_run *run, const struct fl_model *m)
{
	struct fl_arena *a = run->arena;
	struct mcuboot mb;
	if (!mcuboot_model(m, &mb) || !mcuboot_mode_swaps(mb.mode))
		return;
	for (size_t i = 0; i < mb.n; i++) {
		const struct mcuboot_slot *p = &mb.img[i].primary, *s = &mb.img[i].secondary;
		if (!s->part || !p->sector || !s->sector)
			continue;
		/* A page size set by a Kconfig line is what to change; else the slot. */
		struct fl_pos at = s->pos;
		if (is_kconfig_line(&s->sector_src))
			at = s->sector_src.pos;
		else if (is_kconfig_line(&p->sector_src))
			at = p->sector_src.pos;
		struct fl_diag *d = NULL;
		if ((mb.mode == MCUBOOT_MODE_MOVE || mb.mode == MCUBOOT_MODE_OFFSET) &&
		    p->sector != s->sector) {
			/* The sector count is compared first, and with sectors of two
			 * sizes it rarely matches. */
			d = fl_diag(run, FL_RULE_PRT006, at,
				    "slot '%s' has %" PRIu64 " sectors of %" PRIu64 " bytes and '%s' %" PRIu64
				    " sectors of %" PRIu64 " bytes: %s swaps sector by sector and needs the same sector size in both slots; MCUboot will log 'Cannot upgrade: %s'",
				    s->name, s->sectors, s->sector, p->name, p->sectors, p->sector,
				    mcuboot_mode_name(mb.mode),
				    counts_compatible(&mb, p, s) ? "not same sector layout"
								 : "not a compatible amount of sectors");
		} else if (mb.mode == MCUBOOT_MODE_SCRATCH || mb.mode == MCUBOOT_MODE_OVERWRITE) {
			uint64_t big = p->sector > s->sector ? p->sector : s->sector;
			uint64_t small = p->sector > s->sector ? s->sector : p->sector;
			if (big % small)
				d = fl_diag(run, FL_RULE_PRT006, at,
					    "slot '%s' has %" PRIu64 "-byte sectors and '%s' %" PRIu64
					    "-byte sectors, neither a multiple of the other: MCUboot will log 'Cannot upgrade: slots have non-compatible sectors'",
					    s->name, s->sector, p->name, p->sector);
			else if (mb.mode == MCUBOOT_MODE_SCRATCH && mb.scratch.part &&
				 mb.scratch.size < big)
				d = fl_diag(run, FL_RULE_PRT006, mb.scratch.pos,
					    "scratch area '%s' (%s) is smaller than the %" PRIu64
					    "-byte sectors of the slots it swaps: MCUboot will log 'Cannot upgrade: not all sectors fit inside scratch'",
					    mb.scratch.name, fmt_size(a, mb.scratch.size), big);
		}
		if (!d)
			continue;
		if (d->pos.file != s->pos.file || d->pos.line != s->pos.line)
			fl_diag_note(run, d, s->pos, "'%s' is defined here", s->name);
		fl_diag_note(run, d, p->sector_src.pos, "'%s': %" PRIu64 "-byte sectors (%s)", p->name,
			     p->sector, p->sector_src.why);
		fl_diag_note(run, d, s->sector_src.pos, "'%s': %" PRIu64 "-byte sectors (%s)", s->name,
			     s->sector, s->sector_src.why);
		mode_note(run, d, &mb);
		fl_diag_num(run, d, "primary_sector", p->sector);
		fl_diag_num(run, d, "secondary_sector", s->sector);
	}
}

/* ---- PRT007 partition-fields-inconsistent ----------------------------------------- */

/* A list of partitions by (domain, name), of equal ones the first listed first. */
struct name_index {
	const struct fl_partition **v;
	size_t n;
};

static int cmp_by_name(const void *pa, const void *pb)
{
	const struct fl_partition *x = *(const struct fl_partition *const *)pa;
	const struct fl_partition *y = *(const struct fl_partition *const *)pb;
	int c = cmp_str_null(x->domain, y->domain);
	if (!c)
		c = strcmp(x->name, y->name);
	if (c)
		return c;
	return x < y ? -1 : x > y;
}

static struct name_index index_names(struct fl_arena *a, const struct fl_partition *v, size_t n)
{
	struct name_index ix = { fl_alloc(a, (n ? n : 1) * sizeof(*ix.v)), n };
	for (size_t i = 0; i < n; i++)
		ix.v[i] = &v[i];
	if (n > 1)
		qsort(ix.v, n, sizeof(*ix.v), cmp_by_name);
	return ix;
}

/* The first partition listed with this domain and name, or NULL. */
static const struct fl_partition *find_in(const struct name_index *ix, const char *domain,
					  const char *name)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_str_null(ix->v[mid]->domain, domain);
		if (!c)
			c = strcmp(ix->v[mid]->name, name);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	const struct fl_partition *p = lo < ix->n ? ix->v[lo] : NULL;
	return p && fl_str_eq(p->domain, domain) && !strcmp(p->name, name) ? p : NULL;
}

/* True when some partition of ix is in domain. */
static bool has_domain(const struct name_index *ix, const char *domain)
{
	return ix->n && bsearch(&domain, ix->v, ix->n, sizeof(*ix->v), cmp_domain);
}

static void prt007_pm(struct fl_run *run, const struct fl_partition *v, size_t n,
		      const struct name_index *own, const struct name_index *gen, bool generated)
{
	struct fl_arena *a = run->arena;
	for (size_t i = 0; i < n; i++) {
		const struct fl_partition *p = &v[i];
		if (p->has_end && p->has_address && p->has_size &&
		    p->end_address != fl_end(p->address, p->size)) {
			struct fl_diag *d = fl_diag(
				run, FL_RULE_PRT007, p->pos,
				"partition '%s' has end_address %s, but address %s + size 0x%" PRIx64 " = %s",
				p->name, fmt_addr(a, p->end_address), fmt_addr(a, p->address), p->size,
				fmt_addr(a, fl_end(p->address, p->size)));
			fl_diag_num(run, d, "end_address", p->end_address);
			fl_diag_num(run, d, "address", p->address);
			fl_diag_num(run, d, "size", p->size);
		}
		if (!p->span.n)
			continue;
		uint64_t lo = UINT64_MAX, hi = 0;
		bool complete = true;
		const char *names = NULL;
		fl_vec_for_each(&p->span, s) {
			names = names ? fl_printf(a, "%s, '%s'", names, *s) : fl_printf(a, "'%s'", *s);
			const struct fl_partition *q = find_in(own, p->domain, *s);
			if (!q && !generated)
				q = find_in(gen, p->domain, *s);
			if (!q) {
				/* pm_static may span partitions Partition Manager places itself. */
				if (generated) {
					struct fl_diag *d = fl_diag(run, FL_RULE_PRT007, p->pos,
								    "partition '%s' spans '%s', which is not a partition of this file",
								    p->name, *s);
					(void)d;
				}
				complete = false;
				continue;
			}
			if (!q->has_address || !q->has_size) {
				complete = false;
				continue;
			}
			lo = q->address < lo ? q->address : lo;
			hi = fl_end(q->address, q->size) > hi ? fl_end(q->address, q->size) : hi;
		}
		if (!complete || !p->has_address || !p->has_size || lo == UINT64_MAX)
			continue;
		if (p->address != lo || fl_end(p->address, p->size) != hi) {
			struct fl_diag *d = fl_diag(
				run, FL_RULE_PRT007, p->pos,
				"partition '%s' is %s (%s), but the partitions it spans (%s) cover %s (%s)",
				p->name, range(a, p), fmt_size(a, p->size), names, span_of(a, lo, hi),
				fmt_size(a, hi - lo));
			fl_diag_num(run, d, "address", p->address);
			fl_diag_num(run, d, "size", p->size);
			fl_diag_num(run, d, "span_start", lo);
			fl_diag_num(run, d, "span_end", hi);
		}
	}
}

/* Devicetree partitions with a label property, by label, the first listed first. */
static int cmp_dt_label(const void *pa, const void *pb)
{
	const struct fl_partition *x = *(const struct fl_partition *const *)pa;
	const struct fl_partition *y = *(const struct fl_partition *const *)pb;
	int c = strcmp(x->dt_label, y->dt_label);
	if (c)
		return c;
	return x < y ? -1 : x > y;
}

static void prt007(struct fl_run *run, const struct fl_model *m)
{
	struct fl_arena *a = run->arena;
	struct name_index gen = index_names(a, m->partitions.v, m->partitions.n);
	struct name_index st = index_names(a, m->static_partitions.v, m->static_partitions.n);
	prt007_pm(run, m->partitions.v, m->partitions.n, &gen, &gen, true);
	prt007_pm(run, m->static_partitions.v, m->static_partitions.n, &st, &gen, false);
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		if (!uses_dt_partitions(img))
			continue;
		const struct fl_partition **lab = fl_alloc(a, (img->dt_partitions.n + 1) * sizeof(*lab));
		size_t nlab = 0;
		fl_vec_for_each(&img->dt_partitions, p)
			if (p->dt_label)
				lab[nlab++] = p;
		if (nlab > 1)
			qsort(lab, nlab, sizeof(*lab), cmp_dt_label);
		fl_vec_for_each(&img->dt_partitions, p) {
			if (!p->has_address)
				fl_diag(run, FL_RULE_PRT007, p->pos,
					"partition node '%s' has no usable reg: expected <offset size> in the cells of its fixed-partitions parent",
					p->name);
			else if (!p->size)
				fl_diag(run, FL_RULE_PRT007, p->pos, "partition '%s' has size 0", p->name);
			if (!p->dt_label)
				continue;
			/* The partitions listed before p with its label: from the first of
			 * that label in lab[] up to p. */
			size_t lo = 0, hi = nlab;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (strcmp(lab[mid]->dt_label, p->dt_label) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (; lo < nlab && lab[lo] < p && !strcmp(lab[lo]->dt_label, p->dt_label); lo++) {
				const struct fl_partition *q = lab[lo];
				struct fl_diag *d = fl_diag(
					run, FL_RULE_PRT007, p->pos,
					"partitions '%s' and '%s' have the same label \"%s\": flash-area look-ups by label find only one",
					q->name, p->name, p->dt_label);
				fl_diag_note(run, d, q->pos, "'%s' is defined here", q->name);
			}
		}
	}
}

/* ---- PRT008 layout-sources-disagree ------------------------------------------------ */

/* Devicetree labels of the partitions Partition Manager replaces. */
static const struct {
	const char *pm, *dt;
} pm_dt_names[] = {
	{ "mcuboot", "boot_partition" },
	{ "mcuboot_primary", "slot0_partition" },
	{ "mcuboot_secondary", "slot1_partition" },
	{ "mcuboot_scratch", "scratch_partition" },
	{ "settings_storage", "storage_partition" },
};

/* "pm_static.yml" for "./app/pm_static.yml". */
static const char *file_name(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;
	return s ? s + 1 : path ? path : "pm_static.yml";
}

static void prt008(struct fl_run *run, const struct fl_model *m)
{
	struct fl_arena *a = run->arena;
	/* pm_static.yml against what Partition Manager generated from it. */
	struct name_index gen = index_names(a, m->partitions.v, m->partitions.n);
	if (m->partitions.n)
		fl_vec_for_each(&m->static_partitions, s) {
			if (!strcmp(s->name, "app") || !s->has_address || !s->has_size)
				continue; /* Partition Manager ignores a static app */
			if (!has_domain(&gen, s->domain))
				continue;
			const struct fl_partition *g = find_in(&gen, s->domain, s->name);
			if (!g) {
				fl_diag(run, FL_RULE_PRT008, s->pos,
					"%s defines '%s', but the generated partitions%s.yml has no such partition: the layout was not made from this file",
					file_name(s->pos.file), s->name, s->domain ? fl_printf(a, "_%s", s->domain) : "");
				continue;
			}
			if (g->address == s->address && g->size == s->size)
				continue;
			struct fl_diag *d = fl_diag(
				run, FL_RULE_PRT008, s->pos,
				"%s puts '%s' at %s, but the build placed it at %s: the layout was not made from this file",
				file_name(s->pos.file), s->name, range(a, s), range(a, g));
			fl_diag_note(run, d, g->pos, "the generated '%s'", g->name);
			fl_diag_note(run, d, (struct fl_pos){ 0 },
				     "Partition Manager copies every static partition as it is: this file was changed after the build, or the build read another one (or none)");
			fl_diag_num(run, d, "static_address", s->address);
			fl_diag_num(run, d, "static_size", s->size);
			fl_diag_num(run, d, "address", g->address);
			fl_diag_num(run, d, "size", g->size);
		}
	/* An image that does not use Partition Manager reads its devicetree partitions
	 * while the others use Partition Manager's: both must agree. */
	if (!m->partitions.n)
		return;
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		if (!img->dt_partitions.n || !img->kconfig.path ||
		    fl_kconfig_is_y(&img->kconfig, "CONFIG_PARTITION_MANAGER_ENABLED"))
			continue;
		for (size_t i = 0; i < sizeof(pm_dt_names) / sizeof(pm_dt_names[0]); i++) {
			const struct fl_partition *g = fl_model_partition(m, img->domain, pm_dt_names[i].pm);
			const struct fl_partition *dp = fl_image_dt_partition(img, pm_dt_names[i].dt);
			if (!g || !dp || !g->has_address || (g->address == dp->address && g->size == dp->size))
				continue;
			struct fl_diag *d = fl_diag(
				run, FL_RULE_PRT008, dp->pos,
				"image '%s' is built without Partition Manager and reads '%s' from its devicetree as %s, but Partition Manager has '%s' at %s",
				img->name, dp->name, range(a, dp), g->name, range(a, g));
			fl_diag_note(run, d, fl_model_partition_pos(m, g), "Partition Manager's '%s'", g->name);
			d->image = img->name;
		}
	}
}

const struct fl_rule_impl fl_prt_rules[] = {
	{ FL_RULE_PRT001, prt001 },
	{ FL_RULE_PRT002, prt002 },
	{ FL_RULE_PRT003, prt003 },
	{ FL_RULE_PRT004, prt004 },
	{ FL_RULE_PRT005, prt005 },
	{ FL_RULE_PRT006, prt006 },
	{ FL_RULE_PRT007, prt007 },
	{ FL_RULE_PRT008, prt008 },
	{ 0, NULL },
};
