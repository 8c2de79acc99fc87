// SPDX-License-Identifier: Apache-2.0
/*
 * `flashlint diff` below the command line: findings matched by identity across
 * build directories, partition changes and what breaks devices in the field,
 * growers and shrinkers, the --fail-on policy, the markdown size limit, the
 * saved-report reader's errors and the C++ demangler.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "flashlint/catalogue.h"
#include "flashlint/diff.h"

static struct fl_run run;

static void setup(void)
{
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
}

static void teardown(void)
{
	fl_run_free(&run);
}

static struct fl_dg_image *add_image(struct fl_digest *g, const char *name, uint64_t loaded)
{
	struct fl_dg_image *i = fl_vec_push(run.arena, &g->images);
	i->name = name;
	i->loaded = loaded;
	return i;
}

static void add_size(struct fl_dg_image *i, const char *name, uint64_t size)
{
	struct fl_dg_size *s = fl_vec_push(run.arena, &i->symbols);
	s->name = name;
	s->size = size;
}

static void add_part(struct fl_digest *g, const char *name, uint64_t addr, uint64_t size)
{
	struct fl_dg_part *p = fl_vec_push(run.arena, &g->parts);
	p->key = p->name = name;
	p->where = "flash_primary";
	p->address = addr;
	p->size = size;
	p->kind = fl_dg_part_kind_of(name);
}

static void add_finding(struct fl_digest *g, unsigned rule, const char *file,
			uint32_t line, const char *msg)
{
	struct fl_diag d = { .rule = rule, .severity = FL_SEV_ERROR, .msg = msg };
	d.pos.file = file;
	d.pos.line = line;
	fl_digest_add_finding(run.arena, g, fl_rules[rule].id, &d);
}

/* The same finding in two build directories, at another line and with other
 * numbers, is one persisting finding; a finding only in base is fixed. */
START_TEST(test_findings_by_identity)
{
	struct fl_digest a = { .build_dir = "/ci/base" }, b = { .build_dir = "out/new/" };
	struct fl_diff d;

	add_finding(&a, FL_RULE_SEC003, "/ci/base/zephyr/zephyr.map", 60,
		    "region 'FLASH' overflowed by 1216 bytes");
	add_finding(&a, FL_RULE_XFL001, "/ci/base/mcuboot/zephyr/.config", 40, "no driver");
	add_finding(&b, FL_RULE_SEC003, "out/new/zephyr/zephyr.map", 75,
		    "region 'FLASH' overflowed by 0x10 bytes");
	add_finding(&b, FL_RULE_IMG001, "/src/app/pm_static.yml", 19, "too large");
	fl_digest_sort(run.arena, &a);
	fl_digest_sort(run.arena, &b);
	fl_diff_compute(run.arena, &d, &a, &b, NULL);
	ck_assert_uint_eq(d.persisting.n, 1);
	ck_assert_uint_eq(d.added.n, 1);
	ck_assert_str_eq(d.added.v[0]->id, "IMG001");
	ck_assert_uint_eq(d.fixed.n, 1);
	ck_assert_str_eq(d.fixed.v[0]->id, "XFL001");
	ck_assert(d.changed);
	/* check's fingerprint keeps the path as given; the identity does not */
	ck_assert(a.findings.v[0].key == b.findings.v[1].key ||
		  a.findings.v[0].key == b.findings.v[0].key);
	ck_assert(a.findings.v[0].fingerprint != b.findings.v[0].fingerprint &&
		  a.findings.v[0].fingerprint != b.findings.v[1].fingerprint);
}
END_TEST

START_TEST(test_partitions_and_policy)
{
	struct fl_digest a = { 0 }, b = { 0 };
	struct fl_diff d;
	struct fl_diff_policy p = { .new_errors = true, .growth = true, .growth_bytes = 1000,
				    .headroom = true, .headroom_pct = 10 };

	struct fl_dg_image *x = add_image(&a, "app", 2528), *y = add_image(&b, "app", 3576);
	x->signed_ = y->signed_ = true;
	x->slot = y->slot = "mcuboot_primary";
	x->slot_size = y->slot_size = 0x76000;
	x->image_size = 2528 + 0x200 + 0x96;
	y->image_size = 3576 + 0x200 + 0x96;
	x->trailer = y->trailer = 0x630;
	add_size(x, "_ZN6sensor4readEv", 40);
	add_size(y, "_ZN6sensor4readEv", 64);
	add_size(x, "old_table", 100);
	add_part(&a, "mcuboot_secondary", 0x82000, 0x76000);
	add_part(&b, "mcuboot_secondary", 0x8a000, 0x76000);
	add_part(&a, "settings_storage", 0xf8000, 0x8000);
	add_part(&b, "settings_storage", 0xf8000, 0x8000);
	add_part(&a, "app_data", 0xf0000, 0x1000);
	add_part(&b, "app_data", 0xf0000, 0x2000);
	add_part(&b, "extra", 0xfe000, 0x1000);
	fl_digest_sort(run.arena, &a);
	fl_digest_sort(run.arena, &b);
	fl_diff_compute(run.arena, &d, &a, &b, &p);

	ck_assert_uint_eq(d.parts.n, 3); /* app_data resized, extra added, secondary moved */
	ck_assert_str_eq(d.parts.v[0].key, "app_data");
	ck_assert(d.parts.v[0].resized && !d.parts.v[0].breaking);
	ck_assert_str_eq(d.parts.v[1].key, "extra");
	ck_assert(!d.parts.v[1].base && !d.parts.v[1].breaking);
	ck_assert_str_eq(d.parts.v[2].key, "mcuboot_secondary");
	ck_assert(d.parts.v[2].moved && d.parts.v[2].breaking);

	ck_assert_int_eq(fl_diff_room_imgtool(y), 0x76000 - 3576 - 0x200 - 0x96 - 0x630);
	ck_assert_uint_eq(d.symbols.changed, 2);
	ck_assert_uint_eq(d.symbols.grow.n, 1);
	ck_assert_int_eq(d.symbols.grow.v[0].delta, 24);
	ck_assert_str_eq(fl_demangle(run.arena, d.symbols.grow.v[0].name), "sensor::read()");
	ck_assert_uint_eq(d.symbols.shrink.n, 1);
	ck_assert_int_eq(d.symbols.shrink.v[0].delta, -100);

	/* grew by 1048 > 1000; the room (470.3 KB of 472 KB) is above 10 % */
	ck_assert_uint_eq(d.failed.n, 1);
	ck_assert_str_eq(d.failed.v[0], "image 'app' grew by 1048 (0x418) bytes, more than the 1000 allowed");
	p.growth_bytes = 1048;
	p.headroom_pct = 99;
	fl_diff_compute(run.arena, &d, &a, &b, &p);
	ck_assert_uint_eq(d.failed.n, 1);
	ck_assert_ptr_nonnull(strstr(d.failed.v[0], "below the 99% headroom of 478494 bytes"));

	/* a growth budget of the budgets file, without any --fail-on */
	struct fl_budget *gb = fl_vec_push(run.arena, &b.growth);
	gb->image = "app";
	gb->value = 1000;
	gb->pos = (struct fl_pos){ "src/flashlint.yml", 7, 13 };
	fl_diff_compute(run.arena, &d, &a, &b, NULL);
	ck_assert_uint_eq(d.failed.n, 1);
	ck_assert_str_eq(d.failed.v[0], "image 'app' grew by 1048 (0x418) bytes, more than its budget of 1000 at src/flashlint.yml:7");
	gb->value = 1048;
	fl_diff_compute(run.arena, &d, &a, &b, NULL);
	ck_assert_uint_eq(d.failed.n, 0);
}
END_TEST

START_TEST(test_identical)
{
	struct fl_digest a = { 0 };
	struct fl_diff d;
	add_size(add_image(&a, "app", 100), "main", 10);
	add_part(&a, "mcuboot", 0, 0xc000);
	add_finding(&a, FL_RULE_SEC004, "zephyr/zephyr.map", 3, "region 'RAM' is 96% full");
	fl_digest_sort(run.arena, &a);
	fl_diff_compute(run.arena, &d, &a, &a, NULL);
	ck_assert(!d.changed);
	ck_assert_uint_eq(d.persisting.n, 1);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_int_eq(fl_diff_write("text", f, run.arena, &d), 0);
	fclose(f);
	ck_assert_str_eq(buf, "flashlint diff: no changes\n");
	free(buf);
	ck_assert_int_eq(fl_diff_write("xml", stdout, run.arena, &d), -FL_EUSAGE);
}
END_TEST

/* 3000 new findings with long messages: the comment stays within 65,536 bytes and
 * says how many lines it left out. */
START_TEST(test_md_limit)
{
	struct fl_digest a = { 0 }, b = { 0 };
	struct fl_diff d;
	char *msg = fl_alloc(run.arena, 201);
	memset(msg, 'x', 200);
	for (int i = 0; i < 3000; i++)
		add_finding(&b, FL_RULE_SEC002, fl_printf(run.arena, "f%d.map", i), 1, msg);
	fl_diff_compute(run.arena, &d, &a, &b, NULL);
	ck_assert_uint_eq(d.added.n, 3000);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_int_eq(fl_diff_write("md", f, run.arena, &d), 0);
	fclose(f);
	ck_assert_uint_le(len, 65536);
	ck_assert_uint_gt(len, 60000);
	ck_assert_ptr_nonnull(strstr(buf, "lines were left out to keep this comment within GitHub's 65,536 characters"));
	ck_assert_ptr_nonnull(strstr(buf, "</details>"));
	free(buf);
}
END_TEST

START_TEST(test_saved_report_errors)
{
	static const char broken[] = "{\n  \"schema\": \"flashlint-report/1\",\n  \"detail\": [1,\n}\n";
	static const char summary[] = "{\"schema\": \"flashlint-report/1\", \"build_dir\": null}\n";
	static const char bad_tuple[] =
		"{\"schema\": \"flashlint-report/1\", \"build_dir\": \"b\", \"diagnostics\": [],\n"
		" \"detail\": {\"partition_manager\": true, \"partitions\": [[\"a\", \"a\", null, -1, 4]],"
		" \"images\": []}}\n";
	struct fl_digest g;

	const char *p = fl_test_write_temp(&run, "diff-broken", broken, sizeof(broken) - 1);
	ck_assert_int_eq(fl_digest_read(&run, &g, p), -FL_EFORMAT);
	ck_assert_ptr_nonnull(fl_test_inp_at(&run, 4, 0));
	unlink(p);

	p = fl_test_write_temp(&run, "diff-summary", summary, sizeof(summary) - 1);
	ck_assert_int_eq(fl_digest_read(&run, &g, p), -FL_EFORMAT);
	ck_assert_uint_eq(fl_test_count_inp(&run), 2);
	ck_assert_ptr_nonnull(strstr(run.diags.v.v[1]->msg, "--detail full"));
	unlink(p);

	p = fl_test_write_temp(&run, "diff-tuple", bad_tuple, sizeof(bad_tuple) - 1);
	ck_assert_int_eq(fl_digest_read(&run, &g, p), -FL_EFORMAT);
	ck_assert_uint_eq(fl_test_count_inp(&run), 3);
	ck_assert_ptr_nonnull(strstr(run.diags.v.v[2]->msg, "bad partition address"));
	unlink(p);

	ck_assert_int_eq(fl_digest_read(&run, &g, "/nonexistent/report.json"), -FL_EIO);
	ck_assert_uint_eq(fl_test_count_inp(&run), 4);
}
END_TEST

static Suite *diff_suite(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("diff");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_findings_by_identity);
	tcase_add_test(tc, test_partitions_and_policy);
	tcase_add_test(tc, test_identical);
	tcase_add_test(tc, test_md_limit);
	tcase_add_test(tc, test_saved_report_errors);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(diff_suite());
}
