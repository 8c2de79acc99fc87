// SPDX-License-Identifier: Apache-2.0
/*
 * Runs the rule families over a frozen model. Decides only whether a rule runs
 * (enabled, inputs present); what a rule finds is the family file's business.
 */
#include <string.h>

#include "flashlint/rules.h"

struct fl_rule_doc {
	const char *id;
	const char *text;
};
extern const struct fl_rule_doc fl_rule_docs[]; /* generated from the doc pages */

const struct fl_rule_impl *const fl_rule_families[] = {
	fl_sec_rules,
	fl_img_rules,
	fl_prt_rules,
	fl_xfl_rules,
	fl_inp_rules,
	NULL,
};

const char *fl_rule_doc(enum fl_rule_id id)
{
	if (id >= FL_RULE_COUNT)
		return NULL;
	for (const struct fl_rule_doc *d = fl_rule_docs; d->id; d++)
		if (!strcmp(d->id, fl_rules[id].id))
			return d->text;
	return NULL;
}

/* Which inputs the model has, as enum fl_need bits. */
static unsigned inputs_present(const struct fl_model *m)
{
	unsigned have = 0;
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		if (img->elf_path)
			have |= NEED_ELF | NEED_IMAGE;
		if (img->map_path)
			have |= NEED_MAP | NEED_IMAGE;
		if (img->kconfig.path)
			have |= NEED_CONFIG;
		if (img->dt_partitions.n)
			have |= NEED_LAYOUT;
	}
	if (m->partitions.n || m->static_partitions.n)
		have |= NEED_LAYOUT;
	return have;
}

static const char *need_text(unsigned missing)
{
	if (missing & NEED_IMAGE)
		return "no ELF or linker map was found";
	if (missing & NEED_ELF)
		return "no ELF file was found";
	if (missing & NEED_MAP)
		return "no linker map was found";
	if (missing & NEED_LAYOUT)
		return "no partition layout was found";
	return "no .config was found";
}

void fl_rules_run(struct fl_run *run, const struct fl_model *m)
{
	unsigned have = inputs_present(m);
	/* One note per missing input, naming every rule it held back. */
	char *skipped[5] = { 0 };
	const char *why[5] = { 0 };
	size_t nwhy = 0;
	for (const struct fl_rule_impl *const *fam = fl_rule_families; *fam; fam++) {
		for (const struct fl_rule_impl *r = *fam; r->check; r++) {
			const struct fl_rule_info *info = &fl_rules[r->id];
			if (run->cfg.severity[r->id] == FL_SEV_OFF)
				continue;
			unsigned missing = info->need & ~have;
			if (!missing) {
				r->check(run, m);
				continue;
			}
			const char *text = need_text(missing);
			size_t i = 0;
			while (i < nwhy && strcmp(why[i], text))
				i++;
			if (i == nwhy) {
				why[nwhy++] = text;
				skipped[i] = fl_printf(run->arena, "%s (%s)", info->id, info->name);
			} else {
				skipped[i] = fl_printf(run->arena, "%s, %s (%s)", skipped[i], info->id,
						       info->name);
			}
		}
	}
	for (size_t i = 0; i < nwhy; i++)
		fl_note_at(run, (struct fl_pos){ 0 }, "%s %s skipped: %s",
			   strchr(skipped[i], ',') ? "rules" : "rule", skipped[i], why[i]);
}
