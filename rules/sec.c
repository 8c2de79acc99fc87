// SPDX-License-Identifier: Apache-2.0
/*
 * SEC rules: where the linker put each output section relative to the MEMORY
 * regions of its image and the memory of its bootloader slot. Reads the frozen
 * model only; every number printed is derived from the map or the ELF.
 */
#include <stdlib.h>
#include <string.h>

#include "flashlint/rules.h"
#include "fmt.h"
#include "flashlint/imgtool.h"

#define TOP_N 5

/* ---- helpers ------------------------------------------------------------------ */

static uint64_t region_end(const struct fl_region *r)
{
	return fl_end(r->origin, r->length);
}

/* The address at which section s occupies region ri (by VMA, or by LMA for loaded
 * contents), or false when it does not occupy it. */
static bool occupies(const struct fl_section *s, int ri, uint64_t *addr)
{
	if (!(s->flags & FL_SEC_ALLOC) || !s->size)
		return false;
	if (s->vma_region == ri) {
		*addr = s->vma;
		return true;
	}
	if (s->lma_region == ri && s->lma != s->vma && (s->flags & FL_SEC_LOAD)) {
		*addr = s->lma;
		return true;
	}
	return false;
}

/* True when an ELF from the same link as the map exists: that link succeeded, so
 * GNU ld overflowed no region (it fails the link when one does). A section that
 * still runs past a region's end was not assigned to that region. */
static bool link_succeeded(const struct fl_image *img)
{
	if (!img->elf_path || img->map_is_stage || img->map_truncated)
		return false;
	fl_vec_for_each(&img->sections, s)
		if (s->from_elf && s->from_map && (s->flags & FL_SEC_ALLOC) &&
		    (s->map_vma != s->vma || s->map_size != s->size))
			return false;
	return true;
}

struct contrib {
	const char *name;
	const char *owner;
	uint64_t size;
	struct fl_pos pos;
};

static int cmp_contrib(const void *a, const void *b)
{
	const struct contrib *x = a, *y = b;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Sum input sections per owner (object or archive member). */
static size_t objects_of(struct fl_run *run, const struct fl_section *const *secs, size_t n,
			 struct contrib **out)
{
	size_t cap = 0, k = 0;
	for (size_t i = 0; i < n; i++)
		cap += secs[i]->inputs.n;
	struct contrib *v = fl_alloc(run->arena, (cap + 1) * sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		fl_vec_for_each(&secs[i]->inputs, in) {
			if (in->is_fill || !in->owner || !in->size)
				continue;
			size_t j = 0;
			while (j < k && strcmp(v[j].owner, in->owner))
				j++;
			if (j == k) {
				v[k].name = in->owner;
				v[k].owner = in->owner;
				v[k].pos = in->pos;
				k++;
			}
			v[j].size += in->size;
		}
	}
	qsort(v, k, sizeof(*v), cmp_contrib);
	*out = v;
	return k;
}

/* ---- SEC001 image-spans-memories --------------------------------------------- */

static void sec001_image(struct fl_run *run, const struct fl_model *m, const struct fl_image *img)
{
	struct fl_arena *a = run->arena;
	struct imgtool_params p;
	/* Every layout IMG001 signs, Partition Manager or devicetree slots. An
	 * image-relative image has one memory, itself: its load addresses are
	 * offsets into it. */
	if (!imgtool_params(m, img, &p) || p.header_region)
		return;
	struct slot_memory mem;
	if (!imgtool_slot_memory(m, img, p.slot, &mem))
		return;

	const struct fl_section **out = fl_alloc(a, (img->sections.n + 1) * sizeof(*out));
	size_t n = 0;
	uint64_t outside = 0;
	fl_vec_for_each(&img->sections, s)
		if (imgtool_loads_outside(m, img, s, &mem)) {
			out[n++] = s;
			outside += s->size;
		}
	if (!n)
		return;

	const struct fl_section *s0 = out[0];
	struct fl_diag *d = fl_diag(
		run, FL_RULE_SEC001, s0->pos,
		"image '%s' is signed as one image for slot '%s' but loads %s outside '%s': section '%s' at %s",
		img->name, p.slot->name, fmt_size(a, outside), mem.name, s0->name,
		fmt_addr(a, s0->lma));
	d->image = img->name;
	fl_diag_note(run, d, mem.pos, "the slot's memory '%s' is %s..%s", mem.name,
		     fmt_addr(a, mem.lo), fmt_addr(a, mem.hi));
	for (size_t i = 0; i < n; i++)
		fl_diag_note(run, d, out[i]->pos, "section '%s': %s at %s..%s", out[i]->name,
			     fmt_size(a, out[i]->size), fmt_addr(a, out[i]->lma),
			     fmt_addr(a, fl_end(out[i]->lma, out[i]->size)));
	struct contrib *objs;
	size_t no = objects_of(run, out, n, &objs);
	for (size_t i = 0; i < no && i < TOP_N; i++)
		fl_diag_note(run, d, objs[i].pos, "placed outside '%s' from %s: %s", mem.name,
			     objs[i].owner, fmt_size(a, objs[i].size));
	fl_diag_note(run, d, fl_model_partition_pos(m, p.slot),
		     "a signer sees one image from %s to %s: with %s of %s and TLVs of %s it is %s, "
		     "for slot '%s' of %s",
		     fmt_addr(a, p.load_start), fmt_addr(a, p.load_end),
		     p.pad_header ? "a header" : "its own header", fmt_size(a, p.header_size),
		     fmt_size(a, p.sig.tlv_size), fmt_size(a, p.image_size), p.slot->name,
		     fmt_size(a, p.slot->size));
	if (p.pad_header)
		fl_diag_note(run, d, (struct fl_pos){ 0 },
			     "to fix: keep this code in internal flash (drop its zephyr_code_relocate() to the external region), "
			     "or sign it as a separate image for an external slot (NCS: SB_CONFIG_QSPI_XIP_SPLIT_IMAGE=y, "
			     "the QSPI XIP split image)");
	else
		fl_diag_note(run, d, (struct fl_pos){ 0 },
			     "to fix: keep this code in internal flash (drop its zephyr_code_relocate() to the external region), "
			     "or build it as an image of its own with a slot on the external flash (an MCUboot multi-image "
			     "build), which Zephyr's signing of one slot cannot do");
	fl_diag_num(run, d, "bytes_outside", outside);
	fl_diag_num(run, d, "image_size", p.image_size);
	fl_diag_num(run, d, "slot_size", p.slot->size);
	fl_diag_num(run, d, "load_start", p.load_start);
	fl_diag_num(run, d, "load_end", p.load_end);
}

static void sec001(struct fl_run *run, const struct fl_model *m)
{
	for_each_image(m, it)
		sec001_image(run, m, *it);
}

/* ---- SEC002 section-outside-region ------------------------------------------- */

static void sec002_report(struct fl_run *run, const struct fl_image *img,
			  const struct fl_section *s, const char *what, uint64_t addr)
{
	struct fl_arena *a = run->arena;
	struct fl_diag *d = fl_diag(
		run, FL_RULE_SEC002, s->pos,
		"section '%s' of %s has its %saddress %s outside every MEMORY region of image '%s'",
		s->name, fmt_size(a, s->size), what, fmt_addr(a, addr), img->name);
	d->image = img->name;
	fl_vec_for_each(&img->regions, r)
		fl_diag_note(run, d, r->pos, "region '%s' is %s..%s", r->name, fmt_addr(a, r->origin),
			     fmt_addr(a, region_end(r)));
	fl_diag_num(run, d, "address", addr);
	fl_diag_num(run, d, "size", s->size);
}

/* A section that starts in a region and runs past its end, in a link that
 * succeeded: ld placed it there without assigning it to the region. */
static void sec002_crossing(struct fl_run *run, const struct fl_image *img,
			    const struct fl_section *s, int ri, uint64_t addr)
{
	struct fl_arena *a = run->arena;
	const struct fl_region *r = &img->regions.v[ri];
	uint64_t end = fl_end(addr, s->size), rend = region_end(r);
	if (end <= rend)
		return;
	struct fl_diag *d = fl_diag(
		run, FL_RULE_SEC002, s->pos,
		"section '%s' of %s at %s runs %" PRIu64 " bytes past the end of region '%s' (%s)",
		s->name, fmt_size(a, s->size), fmt_addr(a, addr), end - rend, r->name,
		fmt_addr(a, rend));
	d->image = img->name;
	fl_diag_note(run, d, r->pos, "region '%s' is %s..%s", r->name, fmt_addr(a, r->origin),
		     fmt_addr(a, rend));
	fl_diag_num(run, d, "address", addr);
	fl_diag_num(run, d, "size", s->size);
	fl_diag_num(run, d, "past_end", end - rend);
}

static void sec002(struct fl_run *run, const struct fl_model *m)
{
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		if (!img->regions.n)
			continue;
		bool linked = link_succeeded(img);
		fl_vec_for_each(&img->sections, s) {
			if (!(s->flags & FL_SEC_ALLOC) || !s->size)
				continue;
			bool has_lma = (s->flags & FL_SEC_LOAD) && s->lma != s->vma;
			if (s->vma_region < 0)
				sec002_report(run, img, s, "", s->vma);
			else if (has_lma && s->lma_region < 0)
				sec002_report(run, img, s, "load ", s->lma);
			if (!linked)
				continue;
			if (s->vma_region >= 0)
				sec002_crossing(run, img, s, s->vma_region, s->vma);
			if (has_lma && s->lma_region >= 0)
				sec002_crossing(run, img, s, s->lma_region, s->lma);
		}
	}
}

/* ---- SEC003 region-overflow -------------------------------------------------- */

static void sec003_region(struct fl_run *run, const struct fl_model *m,
			  const struct fl_image *img, int ri)
{
	struct fl_arena *a = run->arena;
	const struct fl_region *r = &img->regions.v[ri];
	uint64_t rend = region_end(r);
	if (r->used_end <= rend)
		return;
	uint64_t over = r->used_end - rend;

	/* The first section that crosses the end is the one ld said "will not fit". */
	const struct fl_section *culprit = NULL;
	const struct fl_section **in = fl_alloc(a, (img->sections.n + 1) * sizeof(*in));
	size_t n = 0;
	struct contrib *secs = fl_alloc(a, (img->sections.n + 1) * sizeof(*secs));
	size_t total_inputs = 0;
	fl_vec_for_each(&img->sections, s) {
		uint64_t at;
		if (!occupies(s, ri, &at))
			continue;
		if (!culprit && fl_end(at, s->size) > rend)
			culprit = s;
		secs[n] = (struct contrib){ s->name, NULL, s->size, s->pos };
		in[n++] = s;
		total_inputs += s->inputs.n;
	}
	struct fl_pos pos = culprit ? culprit->pos : r->pos;
	struct fl_diag *d;
	if (culprit)
		d = fl_diag(run, FL_RULE_SEC003, pos,
			    "region '%s' overflowed by %" PRIu64 " bytes: section '%s' of %s does not fit",
			    r->name, over, culprit->name, fmt_size(a, culprit->size));
	else
		d = fl_diag(run, FL_RULE_SEC003, pos, "region '%s' overflowed by %" PRIu64 " bytes",
			    r->name, over);
	d->image = img->name;
	if (img->map_truncated)
		fl_diag_note(run, d, (struct fl_pos){ img->map_path, 0, 0 },
			     "the map ends mid-line: ld stopped writing it, so sections after the cut are not counted");
	fl_diag_note(run, d, r->pos, "region '%s' is %s at %s; %s were placed in it", r->name,
		     fmt_size(a, r->length), fmt_addr(a, r->origin), fmt_size(a, r->used));
	fl_vec_for_each(&m->partitions, p)
		if (p->address == r->origin && p->size == r->length &&
		    (!p->domain || !img->domain || !strcmp(p->domain, img->domain))) {
			fl_diag_note(run, d, fl_model_partition_pos(m, p),
				     "region '%s' is partition '%s'", r->name, p->name);
			break;
		}
	qsort(secs, n, sizeof(*secs), cmp_contrib);
	for (size_t i = 0; i < n && i < TOP_N; i++)
		fl_diag_note(run, d, secs[i].pos, "section '%s' takes %s", secs[i].name,
			     fmt_size(a, secs[i].size));
	struct contrib *inputs = fl_alloc(a, (total_inputs + 1) * sizeof(*inputs));
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		fl_vec_for_each(&in[i]->inputs, x)
			if (!x->is_fill && x->size)
				inputs[k++] = (struct contrib){ x->name, x->owner, x->size, x->pos };
	qsort(inputs, k, sizeof(*inputs), cmp_contrib);
	for (size_t i = 0; i < k && i < TOP_N; i++)
		fl_diag_note(run, d, inputs[i].pos, "input section '%s' from %s takes %s",
			     inputs[i].name, inputs[i].owner ? inputs[i].owner : "the linker script",
			     fmt_size(a, inputs[i].size));
	fl_diag_num(run, d, "overflow", over);
	fl_diag_num(run, d, "region_size", r->length);
	fl_diag_num(run, d, "used", r->used);
}

/* Only a failed link can overflow a region (see link_succeeded()). */
static void sec003(struct fl_run *run, const struct fl_model *m)
{
	for_each_image(m, it)
		for (size_t i = 0; i < (*it)->regions.n && !link_succeeded(*it); i++)
			sec003_region(run, m, *it, (int)i);
}

/* ---- SEC004 region-nearly-full ----------------------------------------------- */

/* A region filled to the byte by a single input section, or by one section made
 * only of data statements, was sized for that one fixed blob (RP2040's 256-byte
 * boot2, a key store, Espressif's 32-byte MCUboot header): it has no headroom
 * to lose. */
static bool is_sized_for_one_blob(const struct fl_image *img, int ri)
{
	const struct fl_region *r = &img->regions.v[ri];
	size_t blobs = 0, sections = 0;
	if (r->used != r->length)
		return false;
	fl_vec_for_each(&img->sections, s) {
		uint64_t at;
		if (!occupies(s, ri, &at))
			continue;
		sections++;
		fl_vec_for_each(&s->inputs, in)
			blobs += !in->is_fill && in->size;
	}
	return blobs == 1 || (blobs == 0 && sections == 1);
}

/* Bytes of region ri that only pin a secure image's CMSE veneers (the
 * non-secure callable region) to the end of its SPU region: the gap and the
 * leading *fill* before '.gnu.sgstubs' (SPM, TF-M) and the all-fill
 * '.sg_end_dummy' after it (TF-M). Code that grows takes that space first, so it
 * is free. *name gets the section that set it. */
static uint64_t veneer_padding(const struct fl_image *img, int ri, const char **name)
{
	uint64_t pad = 0;
	fl_vec_for_each(&img->sections, s) {
		uint64_t at;
		if (!occupies(s, ri, &at))
			continue;
		bool stubs = fl_str_eq(s->name, ".gnu.sgstubs");
		bool end_dummy = fl_str_eq(s->name, ".sg_end_dummy");
		if (!stubs && !end_dummy)
			continue;
		uint64_t lead = 0;
		bool content = false;
		fl_vec_for_each(&s->inputs, in) {
			if (!in->is_fill && in->size) {
				content = true;
				if (stubs)
					break;
			} else if (in->is_fill && (!content || end_dummy)) {
				lead += in->size;
			}
		}
		if (end_dummy && content)
			continue;
		if (stubs) {
			/* the gap down to the content below the veneers */
			uint64_t below = img->regions.v[ri].origin;
			fl_vec_for_each(&img->sections, o) {
				uint64_t oat;
				if (o != s && occupies(o, ri, &oat) && oat < at && fl_end(oat, o->size) > below)
					below = fl_end(oat, o->size);
			}
			if (below < at)
				lead += at - below;
		}
		if (lead > pad) /* one veneer area per image */
			*name = s->name;
		pad += lead;
	}
	return pad;
}

static void sec004(struct fl_run *run, const struct fl_model *m)
{
	struct fl_arena *a = run->arena;
	const struct fl_budgets *bs = run->cfg.budgets;
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		fl_vec_for_each(&img->regions, r) {
			if (!r->length || r->used > r->length)
				continue;
			int ri = (int)(r - img->regions.v);
			const char *stubs = NULL;
			uint64_t pad = veneer_padding(img, ri, &stubs);
			uint64_t used = r->used > pad ? r->used - pad : 0;
			/* a budget of the budgets file for this region, else the run's */
			const struct fl_budget *b =
				bs ? fl_budget_find(bs->regions.v, bs->regions.n, img->name, r->name) : NULL;
			unsigned budget = b && b->percent ? (unsigned)b->value : run->cfg.headroom_percent;
			/* used/length > budget/100, in integers; a budget in bytes: used > it */
			if ((b && !b->percent ? used <= b->value
					      : (unsigned __int128)used * 100 <= (unsigned __int128)budget * r->length) ||
			    is_sized_for_one_blob(img, ri))
				continue;
			double pct = 100.0 * (double)used / (double)r->length;
			const char *limit = b && !b->percent ? fmt_size(a, b->value) : fl_printf(a, "%u%%", budget);
			struct fl_diag *d = fl_diag(
				run, FL_RULE_SEC004, b ? b->pos : r->pos,
				"region '%s' is %.2f%% full: %s of %s used, %s free (budget %s)",
				r->name, pct, fmt_size(a, used), fmt_size(a, r->length),
				fmt_size(a, r->length - used), limit);
			d->image = img->name;
			if (b)
				fl_diag_note(run, d, r->pos, "region '%s' of image '%s': %s at 0x%08" PRIx64,
					     r->name, img->name, fmt_size(a, r->length), r->origin);
			if (pad)
				fl_diag_note(run, d, (struct fl_pos){ 0 },
					     "not counted: %s of padding that holds the CMSE veneers ('%s') at the end of the secure region, which the image grows into; ld counts %s used",
					     fmt_size(a, pad), stubs, fmt_size(a, r->used));
			fl_diag_num(run, d, "used", used);
			fl_diag_num(run, d, "region_size", r->length);
			fl_diag_num(run, d, "free", r->length - used);
		}
	}
}

const struct fl_rule_impl fl_sec_rules[] = {
	{ FL_RULE_SEC001, sec001 },
	{ FL_RULE_SEC002, sec002 },
	{ FL_RULE_SEC003, sec003 },
	{ FL_RULE_SEC004, sec004 },
	{ 0, NULL },
};
