/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Running the rule catalogue over a frozen model, and the catalogue's documentation.
 * Rules read the model and report through the diagnostics API; nothing else.
 */
#ifndef FLASHLINT_RULES_H
#define FLASHLINT_RULES_H

#include "flashlint/catalogue.h"
#include "flashlint/model.h"

/* One implemented rule: the family files export NULL-terminated tables of these. */
struct fl_rule_impl {
	enum fl_rule_id id;
	void (*check)(struct fl_run *run, const struct fl_model *m);
};

extern const struct fl_rule_impl fl_sec_rules[];
extern const struct fl_rule_impl fl_img_rules[];
extern const struct fl_rule_impl fl_prt_rules[];
extern const struct fl_rule_impl fl_xfl_rules[];
extern const struct fl_rule_impl fl_inp_rules[];

/* All family tables, NULL-terminated. */
extern const struct fl_rule_impl *const fl_rule_families[];

/* Run every enabled rule whose inputs exist; a rule skipped for a missing input
 * gets one note naming the input. */
void fl_rules_run(struct fl_run *run, const struct fl_model *m);

/* The markdown doc page of a rule, or NULL. */
const char *fl_rule_doc(enum fl_rule_id id);

#endif
