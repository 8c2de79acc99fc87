/* SPDX-License-Identifier: Apache-2.0 */
/*
 * flashlint's rule catalogue, generated from rules/rules.def: the rule IDs as an
 * enum, the table of entries and the catalogue a run is given (fl_run_init). The
 * diagnostics code knows rules only through this catalogue.
 */
#ifndef FLASHLINT_CATALOGUE_H
#define FLASHLINT_CATALOGUE_H

#include "flashlint/diag.h"

/* Inputs a rule needs; a rule whose inputs are missing is skipped with a note. */
enum fl_need {
	NEED_IMAGE = 1u << 0,  /* an ELF or a map of at least one image */
	NEED_ELF = 1u << 1,
	NEED_MAP = 1u << 2,
	NEED_LAYOUT = 1u << 3, /* partitions (Partition Manager or devicetree) */
	NEED_CONFIG = 1u << 4,
};

/* Each rule's index in fl_rules[]. */
enum fl_rule_id {
#define RULE(id, name, sev, need, summary) FL_RULE_##id,
#include "../../rules/rules.def"
#undef RULE
	FL_RULE_COUNT,
};

extern const struct fl_rule_info fl_rules[FL_RULE_COUNT];

/* fl_rules[] as the catalogue of a run; INP001 is its input rule. */
extern const struct fl_catalogue fl_catalogue;

/* Look a rule up by ID ("SEC001", any case) or by name ("region-overflow").
 * Returns its enum fl_rule_id, or FL_RULE_NONE when unknown. */
unsigned fl_rule_lookup(const char *id_or_name);

#endif
