// SPDX-License-Identifier: Apache-2.0
/*
 * INP rules about the inputs as a whole. INP001 (malformed input) is reported by
 * the readers themselves as they parse; INP002 compares what the ELF and the map
 * of one image say about the same output sections.
 */
#include "flashlint/rules.h"
#include "fmt.h"

static void inp002(struct fl_run *run, const struct fl_model *m)
{
	struct fl_arena *a = run->arena;
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		if (!img->elf_path || !img->map_path)
			continue;
		struct fl_diag *d = NULL;
		size_t differing = 0;
		fl_vec_for_each(&img->sections, s) {
			if (!s->from_elf || !s->from_map || !(s->flags & FL_SEC_ALLOC))
				continue;
			/* A section without bytes has no load address of its own: the ELF
			 * gives it its segment's (paddr + offset), lld's map the location
			 * counter of a NOLOAD or AT> region. Only its address and size
			 * are the link's. */
			if (s->map_vma == s->vma && s->map_size == s->size &&
			    (s->map_lma == s->lma || !s->size))
				continue;
			differing++;
			const char *elf = fl_printf(a, "%s at %s (load %s)", fmt_size(a, s->size),
						    fmt_addr(a, s->vma), fmt_addr(a, s->lma));
			const char *map = fl_printf(a, "%s at %s (load %s)", fmt_size(a, s->map_size),
						    fmt_addr(a, s->map_vma), fmt_addr(a, s->map_lma));
			if (!d) {
				d = fl_diag(run, FL_RULE_INP002, s->pos,
					    "the ELF and the map of image '%s' come from different links: section '%s' is %s in %s but %s in the map",
					    img->name, s->name, elf, img->elf_path, map);
				d->image = img->name;
			} else {
				fl_diag_note(run, d, s->pos, "section '%s' is %s in the ELF but %s in the map",
					     s->name, elf, map);
			}
		}
		if (d)
			fl_diag_num(run, d, "sections_differing", differing);
	}
}

const struct fl_rule_impl fl_inp_rules[] = {
	{ FL_RULE_INP002, inp002 },
	{ 0, NULL },
};
