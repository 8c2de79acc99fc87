// SPDX-License-Identifier: Apache-2.0
/*
 * The diagnostics list: catalogue look-ups, the run configuration (-W, -Werror),
 * sorting by place, de-duplication and severity counts.
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
	tcase_add_test(tc, numbers_and_arena);
	suite_add_tcase(s, tc);
	return fl_test_main(s);
}
