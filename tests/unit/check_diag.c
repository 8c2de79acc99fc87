// SPDX-License-Identifier: Apache-2.0
/*
 * The diagnostics list: catalogue look-ups, the run configuration (-W, -Werror),
 * sorting by place, de-duplication, folding the findings of one cause and severity
 * counts.
 */
#include <check.h>
#include <string.h>

#include "flashlint/diag.h"
#include "check_util.h"

START_TEST(lookup_by_id_and_name)
{
	ck_assert_int_eq(fl_rule_lookup("SEC003"), FL_RULE_SEC003);
	ck_assert_int_eq(fl_rule_lookup("sec003"), FL_RULE_SEC003);
	ck_assert_int_eq(fl_rule_lookup("region-overflow"), FL_RULE_SEC003);
	ck_assert_int_eq(fl_rule_lookup("XYZ999"), FL_RULE_NONE);
	ck_assert_str_eq(fl_rules[FL_RULE_IMG001].name, "image-exceeds-slot");
	ck_assert_int_eq(fl_rules[FL_RULE_SEC004].severity, FL_SEV_WARNING);
}
END_TEST

START_TEST(sorted_by_place_then_rule)
{
	struct fl_run run;
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	fl_diag(&run, FL_RULE_SEC003, (struct fl_pos){ "b.map", 10, 1 }, "third");
	fl_diag(&run, FL_RULE_SEC002, (struct fl_pos){ "a.map", 20, 1 }, "second");
	fl_note_at(&run, (struct fl_pos){ 0 }, "last: no place");
	fl_diag(&run, FL_RULE_SEC001, (struct fl_pos){ "a.map", 3, 1 }, "first");
	fl_diag(&run, FL_RULE_SEC002, (struct fl_pos){ "a.map", 20, 1 }, "second");  /* duplicate */
	fl_diags_finish(&run);
	ck_assert_uint_eq(run.diags.v.n, 4);
	ck_assert_str_eq(run.diags.v.v[0]->msg, "first");
	ck_assert_str_eq(run.diags.v.v[1]->msg, "second");
	ck_assert_str_eq(run.diags.v.v[2]->msg, "third");
	ck_assert_str_eq(run.diags.v.v[3]->msg, "last: no place");
	ck_assert_uint_eq(run.diags.count[FL_SEV_ERROR], 3);
	ck_assert_uint_eq(run.diags.count[FL_SEV_NOTE], 1);
	fl_run_free(&run);
}
END_TEST

START_TEST(disabled_rules_dropped_and_werror)
{
	struct fl_run run;
	fl_run_init(&run, &fl_catalogue);
	run.cfg.severity[FL_RULE_SEC003] = FL_SEV_OFF;
	run.cfg.werror[FL_RULE_SEC004] = true;
	struct fl_diag *d = fl_diag(&run, FL_RULE_SEC003, (struct fl_pos){ "x", 1, 1 }, "off");
	fl_diag_note(&run, d, (struct fl_pos){ 0 }, "notes on a disabled diagnostic are harmless");
	struct fl_diag *w = fl_diag(&run, FL_RULE_SEC004, (struct fl_pos){ "x", 2, 1 }, "w");
	fl_diag_num(&run, w, "used", 97);
	fl_diags_finish(&run);
	ck_assert_uint_eq(run.diags.v.n, 1);
	ck_assert_int_eq(run.diags.v.v[0]->severity, FL_SEV_ERROR);
	ck_assert_str_eq(run.diags.v.v[0]->nums.v[0].key, "used");
	ck_assert_uint_eq(run.diags.v.v[0]->nums.v[0].value, 97);
	fl_run_free(&run);
}
END_TEST

START_TEST(inp_marks_input_failed)
{
	struct fl_run run;
	fl_run_init(&run, &fl_catalogue);
	ck_assert(!run.input_failed);
	struct fl_diag *d = fl_inp(&run, "zephyr.map", 7, 3, "expected %s", "hex");
	ck_assert(run.input_failed);
	ck_assert_int_eq(d->rule, FL_RULE_INP001);
	ck_assert_uint_eq(d->pos.line, 7);
	ck_assert_uint_eq(d->pos.col, 3);
	ck_assert_str_eq(d->msg, "expected hex");
	fl_run_free(&run);
}
END_TEST

/* Two findings of one cause fold into one error naming the count, with their notes
 * in emission order and the hint last; a cause with one finding, another rule with
 * the same key and a finding without a cause stay as they are. */
START_TEST(one_cause_one_error)
{
	struct fl_run run;
	fl_run_init(&run, &fl_catalogue);
	int container, other;
	struct fl_cause c = { &container, { "pm.yml", 3, 1 }, "partition 'p' overlaps ", " partitions",
			      "give it a span" };
	struct fl_cause lone = { &other, { "pm.yml", 40, 1 }, "never ", " used", NULL };
	struct fl_diag *d1 = fl_diag(&run, FL_RULE_PRT001, c.pos, "p overlaps a");
	fl_diag_num(&run, d1, "overlap", 16);
	fl_diag_cause(&run, d1, &c, (struct fl_pos){ "pm.yml", 9, 1 }, "'%s' lies inside", "a");
	struct fl_diag *x = fl_diag(&run, FL_RULE_PRT002, c.pos, "other rule, same key");
	fl_diag_cause(&run, x, &c, (struct fl_pos){ "pm.yml", 3, 1 }, "x");
	struct fl_diag *d2 = fl_diag(&run, FL_RULE_PRT001, c.pos, "p overlaps b");
	fl_diag_cause(&run, d2, &c, (struct fl_pos){ "pm.yml", 7, 1 }, "'%s' lies inside", "b");
	struct fl_diag *l = fl_diag(&run, FL_RULE_PRT001, lone.pos, "only one");
	fl_diag_cause(&run, l, &lone, (struct fl_pos){ "pm.yml", 41, 1 }, "not shown");
	fl_diag(&run, FL_RULE_PRT001, (struct fl_pos){ "pm.yml", 50, 1 }, "no cause");
	fl_diags_finish(&run);

	ck_assert_uint_eq(run.diags.v.n, 4);
	ck_assert_uint_eq(run.diags.count[FL_SEV_ERROR], 4);
	const struct fl_diag *f = run.diags.v.v[0];
	ck_assert_int_eq(f->rule, FL_RULE_PRT001);
	ck_assert_uint_eq(f->pos.line, 3);
	ck_assert_str_eq(f->msg, "partition 'p' overlaps 2 partitions");
	ck_assert_uint_eq(f->findings, 2);
	ck_assert_uint_eq(f->notes.n, 3);
	ck_assert_str_eq(f->notes.v[0].msg, "'a' lies inside");
	ck_assert_uint_eq(f->notes.v[0].pos.line, 9);
	ck_assert_str_eq(f->notes.v[1].msg, "'b' lies inside");
	ck_assert_uint_eq(f->notes.v[1].pos.line, 7);
	ck_assert_str_eq(f->notes.v[2].msg, "give it a span");
	ck_assert_ptr_null(f->notes.v[2].pos.file);
	ck_assert_uint_eq(f->nums.n, 1);
	ck_assert_str_eq(f->nums.v[0].key, "findings");
	ck_assert_uint_eq(f->nums.v[0].value, 2);
	ck_assert_str_eq(run.diags.v.v[1]->msg, "other rule, same key");
	ck_assert_str_eq(run.diags.v.v[2]->msg, "only one");
	ck_assert_uint_eq(run.diags.v.v[2]->findings, 0);
	ck_assert_str_eq(run.diags.v.v[3]->msg, "no cause");
	fl_run_free(&run);
}
END_TEST

/* A disabled rule's findings do not count for their cause, and the fold takes the
 * highest severity of its findings. */
START_TEST(cause_counts_enabled_findings_only)
{
	struct fl_run run;
	fl_run_init(&run, &fl_catalogue);
	int key;
	struct fl_cause c = { &key, { "a.yml", 1, 1 }, "", " findings", NULL };
	struct fl_diag *w = fl_diag(&run, FL_RULE_PRT003, c.pos, "w");
	fl_diag_warning(&run, w);
	fl_diag_cause(&run, w, &c, c.pos, "w");
	struct fl_diag *e = fl_diag(&run, FL_RULE_PRT003, c.pos, "e");
	fl_diag_cause(&run, e, &c, c.pos, "e");
	fl_diags_finish(&run);
	ck_assert_uint_eq(run.diags.v.n, 1);
	ck_assert_int_eq(run.diags.v.v[0]->severity, FL_SEV_ERROR);
	ck_assert_str_eq(run.diags.v.v[0]->msg, "2 findings");
	fl_run_free(&run);

	fl_run_init(&run, &fl_catalogue);
	run.cfg.severity[FL_RULE_PRT001] = FL_SEV_OFF;
	struct fl_diag *a = fl_diag(&run, FL_RULE_PRT001, c.pos, "a");
	fl_diag_cause(&run, a, &c, c.pos, "a");
	struct fl_diag *b = fl_diag(&run, FL_RULE_PRT001, c.pos, "b");
	fl_diag_cause(&run, b, &c, c.pos, "b");
	fl_diags_finish(&run);
	ck_assert_uint_eq(run.diags.v.n, 0);
	fl_run_free(&run);
}
END_TEST

/* With first_notes the fold keeps the first finding's own notes after the findings'
 * notes and before the hint; the other findings' own notes are dropped. */
START_TEST(cause_keeps_first_notes)
{
	struct fl_run run;
	fl_run_init(&run, &fl_catalogue);
	int key;
	struct fl_cause c = { &key, { "a.dts", 8, 2 }, "no device for ", " partitions", "fix it", true };
	struct fl_diag *a = fl_diag(&run, FL_RULE_XFL002, c.pos, "a");
	fl_diag_note(&run, a, (struct fl_pos){ "a.dts", 20, 1 }, "why it is so");
	fl_diag_cause(&run, a, &c, (struct fl_pos){ "pm.yml", 3, 1 }, "'a' has none");
	struct fl_diag *b = fl_diag(&run, FL_RULE_XFL002, c.pos, "b");
	fl_diag_note(&run, b, (struct fl_pos){ "a.dts", 20, 1 }, "why it is so");
	fl_diag_cause(&run, b, &c, (struct fl_pos){ "pm.yml", 9, 1 }, "'b' has none");
	fl_diags_finish(&run);
	ck_assert_uint_eq(run.diags.v.n, 1);
	const struct fl_diag *f = run.diags.v.v[0];
	ck_assert_str_eq(f->msg, "no device for 2 partitions");
	ck_assert_uint_eq(f->notes.n, 4);
	ck_assert_str_eq(f->notes.v[0].msg, "'a' has none");
	ck_assert_str_eq(f->notes.v[1].msg, "'b' has none");
	ck_assert_str_eq(f->notes.v[2].msg, "why it is so");
	ck_assert_uint_eq(f->notes.v[2].pos.line, 20);
	ck_assert_str_eq(f->notes.v[3].msg, "fix it");
	fl_run_free(&run);
}
END_TEST

START_TEST(numbers_and_arena)
{
	uint64_t v;
	ck_assert(fl_parse_u64("0x10120b52", 10, &v));
	ck_assert_uint_eq(v, 0x10120b52);
	ck_assert(fl_parse_u64("128", 3, &v));
	ck_assert_uint_eq(v, 128);
	ck_assert(!fl_parse_u64("18446744073709551616", 20, &v)); /* 2^64 */
	ck_assert(fl_parse_u64("18446744073709551615", 20, &v));
	ck_assert_uint_eq(v, UINT64_MAX);
	ck_assert(!fl_parse_u64("0x", 2, &v));
	ck_assert(!fl_parse_hex("1ffffffffffffffff", 17, &v));
	ck_assert(!fl_add_ok(UINT64_MAX, 1, &v));
	ck_assert_uint_eq(fl_align_up(0x1001, 0x1000), 0x2000);
	struct fl_arena *a = fl_arena_new();
	for (int i = 0; i < 100000; i++)
		ck_assert_ptr_nonnull(fl_alloc(a, 24));
	ck_assert_uint_ge(fl_arena_used(a), 100000u * 32);
	ck_assert_str_eq(fl_printf(a, "%s-%d", "x", 5), "x-5");
	fl_arena_free(a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("diag");
	TCase *tc = tcase_create("diag");
	tcase_add_test(tc, lookup_by_id_and_name);
	tcase_add_test(tc, sorted_by_place_then_rule);
	tcase_add_test(tc, disabled_rules_dropped_and_werror);
	tcase_add_test(tc, inp_marks_input_failed);
	tcase_add_test(tc, one_cause_one_error);
	tcase_add_test(tc, cause_counts_enabled_findings_only);
	tcase_add_test(tc, cause_keeps_first_notes);
	tcase_add_test(tc, numbers_and_arena);
	suite_add_tcase(s, tc);
	return fl_test_main(s);
}
