// SPDX-License-Identifier: Apache-2.0
/*
 * The catalogue table generated from rules.def, and the catalogue a run is given.
 * Data and look-up only: it links without the rule families, so a reader alone
 * (a fuzz target, a unit test) can report through it.
 */
#include "flashlint/catalogue.h"

const struct fl_rule_info fl_rules[FL_RULE_COUNT] = {
#define RULE(id_, name_, sev_, need_, summary_) \
	[FL_RULE_##id_] = { #id_, name_, FL_SEV_##sev_, need_, summary_ },
#include "rules.def"
#undef RULE
};

const struct fl_catalogue fl_catalogue = {
	.rules = fl_rules,
	.count = FL_RULE_COUNT,
	.input_rule = FL_RULE_INP001,
};

unsigned fl_rule_lookup(const char *s)
{
	return fl_catalogue_find(&fl_catalogue, s);
}
