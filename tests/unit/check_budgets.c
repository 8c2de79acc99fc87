// SPDX-License-Identifier: Apache-2.0
/*
 * The budgets file reader: budgets in percent and bytes with their lines, image
 * and region scopes, rule severities and reasoned ignores, the command line's
 * precedence, and INP001 for what breaks the schema.
 */
#include <check.h>
#include <string.h>

#include "check_util.h"
#include "flashlint/budgets.h"
#include "flashlint/catalogue.h"

static struct fl_run run;

static void setup(void)
{
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
}

static void teardown(void)
{
	fl_run_free(&run);
}

static const char good[] =
	"# budgets\n"
	"region-budget: 90%\n"
	"slot-headroom: 10%\n"
	"regions:\n"
	"  FLASH: 85%\n"
	"  mcuboot/FLASH: 0xc000\n"
	"images:\n"
	"  app:\n"
	"    headroom: 20480\n"
	"    growth: 1024\n"
	"partitions:\n"
	"  mcuboot_primary: 95%\n"
	"rules:\n"
	"  PRT008: error\n"
	"  region-nearly-full: off\n"
	"ignore:\n"
	"  - rule: XFL006\n"
	"    reason: direct-XIP from external flash is what this board does\n";

START_TEST(test_budgets)
{
	struct fl_budgets b;
	const char *p = fl_test_write_temp(&run, "budgets", good, sizeof(good) - 1);
	run.cfg.severity[FL_RULE_SEC004] = FL_SEV_ERROR; /* the command line changed it */
	ck_assert_int_eq(fl_budgets_read(&run, &b, p), 0);
	unlink(p);
	ck_assert_ptr_eq(run.cfg.budgets, &b);
	ck_assert_uint_eq(run.cfg.headroom_percent, 90);
	ck_assert_uint_eq(run.cfg.slot_headroom_percent, 10);

	const struct fl_budget *r = fl_budget_find(b.regions.v, b.regions.n, "app", "FLASH");
	ck_assert_ptr_nonnull(r);
	ck_assert(r->percent && r->value == 85 && r->pos.line == 5 && r->pos.col == 10);
	ck_assert_uint_eq(fl_budget_bytes(r, 1000), 850);
	r = fl_budget_find(b.regions.v, b.regions.n, "mcuboot", "FLASH");
	ck_assert(!r->percent && r->value == 0xc000 && r->pos.line == 6);
	ck_assert_ptr_null(fl_budget_find(b.regions.v, b.regions.n, "app", "RAM"));

	r = fl_budget_find(b.headroom.v, b.headroom.n, "app", NULL);
	ck_assert(r && !r->percent && r->value == 20480 && r->pos.line == 9);
	ck_assert_ptr_null(fl_budget_find(b.headroom.v, b.headroom.n, "mcuboot", NULL));
	r = fl_budget_find(b.growth.v, b.growth.n, "app", NULL);
	ck_assert(r && r->value == 1024 && r->pos.line == 10);
	r = fl_budget_find(b.partitions.v, b.partitions.n, NULL, "mcuboot_primary");
	ck_assert(r && r->percent && r->value == 95);
	ck_assert_uint_eq(fl_budget_bytes(r, 0x76000), 459161);

	ck_assert_int_eq(run.cfg.severity[FL_RULE_PRT008], FL_SEV_ERROR);
	ck_assert_int_eq(run.cfg.severity[FL_RULE_XFL006], FL_SEV_OFF);
	/* the command line set SEC004 already: the file's "off" does not apply */
	ck_assert_int_eq(run.cfg.severity[FL_RULE_SEC004], FL_SEV_ERROR);
	ck_assert_uint_eq(fl_test_count_inp(&run), 0);
}
END_TEST

START_TEST(test_malformed)
{
	static const char bad[] =
		"regions:\n"
		"  FLASH: lots\n"
		"images:\n"
		"  app:\n"
		"    growth: 5%\n"
		"rules:\n"
		"  SEC004: loud\n"
		"ignore:\n"
		"  - rule: SEC004\n"
		"    reason: \"\"\n"
		"slot-headroom: 101%\n";
	struct fl_budgets b;
	const char *p = fl_test_write_temp(&run, "budgets-bad", bad, sizeof(bad) - 1);
	ck_assert_int_eq(fl_budgets_read(&run, &b, p), -FL_EFORMAT);
	unlink(p);
	ck_assert_uint_eq(fl_test_count_inp(&run), 5);
	ck_assert_ptr_nonnull(fl_test_inp_at(&run, 2, 10));
	ck_assert_ptr_nonnull(fl_test_inp_at(&run, 5, 13));
	ck_assert_ptr_nonnull(fl_test_inp_at(&run, 7, 11));
	ck_assert_ptr_nonnull(strstr(fl_test_inp_at(&run, 9, 5)->msg, "needs a reason"));
	ck_assert_ptr_nonnull(fl_test_inp_at(&run, 11, 16));
	ck_assert_uint_eq(run.cfg.slot_headroom_percent, 5);
	ck_assert(run.input_failed);
}
END_TEST

static Suite *budgets_suite(void)
{
	Suite *s = suite_create("budgets");
	TCase *tc = tcase_create("budgets");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_budgets);
	tcase_add_test(tc, test_malformed);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(budgets_suite());
}
