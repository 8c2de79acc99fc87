// SPDX-License-Identifier: Apache-2.0
/*
 * The markdown reporter: the exact comment for a hand-built model (counts, errors
 * before warnings before notes, links, slot and region tables with their
 * numbers) and the escaping of hostile names, messages and paths.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashlint/report.h"
#include "check_util.h"

#define DOC FL_RULE_DOC_URL

/* Drive the reporter the way fl_report() does and return the text (malloc'ed). */
static char *render(const struct fl_run *run, const struct fl_model *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fl_report(&fl_report_md, f, run, m, false), 0);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_uint_eq(strlen(buf), len);
	return buf;
}

static struct fl_image *add_image(struct fl_run *run, struct fl_model *m, const char *name,
				  enum fl_image_role role)
{
	struct fl_image *img = fl_alloc(run->arena, sizeof(*img));
	img->name = name;
	img->role = role;
	*fl_vec_push(run->arena, &m->images) = img;
	return img;
}

static void add_region(struct fl_run *run, struct fl_image *img, const char *name,
		       uint64_t origin, uint64_t length, uint64_t used)
{
	struct fl_region *r = fl_vec_push(run->arena, &img->regions);
	r->name = name;
	r->origin = origin;
	r->length = length;
	r->attrs = "xr";
	r->used = used;
	r->used_end = origin + used;
}

static void add_partition(struct fl_run *run, struct fl_model *m, const char *name,
			  uint64_t address, uint64_t size)
{
	struct fl_partition *p = fl_vec_push(run->arena, &m->partitions);
	p->name = name;
	p->address = address;
	p->size = size;
	p->region = "flash_primary";
	p->pos = (struct fl_pos){ "partitions.yml", 1, 1 };
}

/*
 * An MCUboot application with 4096 loaded bytes at 0x10200 for a 131072-byte
 * slot. Without a .config imgtool's defaults apply: header 0x200 (mcuboot_pad),
 * RSA-2048 TLVs of 0x150, trailer 3 x 128 x 4 + 4 x 8 + 16 = 1584. Used:
 * 512 + 4096 + 336 + 1584 = 6528 bytes, 124544 free, 4.98 % -> "5.0 %".
 */
static void build_model(struct fl_run *run, struct fl_model *m, const char *app_name,
			const char *region_name)
{
	ck_assert_int_eq(fl_run_init(run, &fl_catalogue), 0);
	memset(m, 0, sizeof(*m));
	add_partition(run, m, "mcuboot_pad", 0x10000, 0x200);
	add_partition(run, m, "mcuboot_primary", 0x10000, 131072);

	struct fl_image *app = add_image(run, m, app_name, FL_IMG_APP);
	add_region(run, app, "FLASH", 0x10200, 130560, 4096);
	add_region(run, app, region_name, 0x20000000, 65536, 65535);
	add_region(run, app, "EMPTY", 0x30000000, 0, 0);
	struct fl_section *s = fl_vec_push(run->arena, &app->sections);
	s->name = "text";
	s->vma = s->lma = 0x10200;
	s->size = 4096;
	s->flags = FL_SEC_ALLOC | FL_SEC_LOAD | FL_SEC_EXEC;
	struct fl_load_range *lr = fl_vec_push(run->arena, &app->load);
	lr->start = 0x10200;
	lr->end = 0x11200;
	app->load_start = 0x10200;
	app->load_end = 0x11200;

	struct fl_image *boot = add_image(run, m, "mcuboot", FL_IMG_MCUBOOT);
	add_region(run, boot, "FLASH", 0, 65536, 70000);
	m->frozen = true;
}

START_TEST(test_exact_comment)
{
	struct fl_run run;
	struct fl_model m;
	build_model(&run, &m, "app", "RAM");

	/* A warning sorted before the error (file a < b) must come after it. */
	struct fl_diag *w = fl_diag(&run, FL_RULE_SEC004, (struct fl_pos){ "a.map", 7, 0 },
				    "region 'RAM' is 99%% full");
	fl_diag_note(&run, w, (struct fl_pos){ 0 }, "budget 95%%");
	struct fl_diag *e = fl_diag(&run, FL_RULE_SEC003, (struct fl_pos){ "b.map", 12, 3 },
				    "region 'FLASH' overflowed by 4464 bytes");
	fl_diag_note(&run, e, (struct fl_pos){ "b.map", 40, 0 }, "section 'rodata' takes 4000 bytes");
	fl_diag_note(&run, e, (struct fl_pos){ "b.yml", 0, 0 }, "the partition");
	fl_note_at(&run, (struct fl_pos){ 0 }, "rule INP002 skipped");
	fl_diags_finish(&run);
	ck_assert_uint_eq(run.diags.count[FL_SEV_ERROR], 1);

	char *doc = render(&run, &m);
	ck_assert_str_eq(doc,
		"### flashlint: 1 error, 1 warning\n"
		"\n"
		"- **error** [SEC003](" DOC "SEC003.md): region 'FLASH' overflowed by 4464 bytes — `b.map:12`\n"
		"  - section 'rodata' takes 4000 bytes — `b.map:40`\n"
		"  - the partition — `b.yml`\n"
		"- **warning** [SEC004](" DOC "SEC004.md): region 'RAM' is 99% full — `a.map:7`\n"
		"  - budget 95%\n"
		"- **note**: rule INP002 skipped\n"
		"\n"
		"| image | slot | slot size | used (with trailer) | free after trailer | used % |\n"
		"|---|---|---:|---:|---:|---:|\n"
		"| app | mcuboot\\_primary | 131072 | 6528 | 124544 | 5.0 % |\n"
		"\n"
		"| image | region | used | size | used % |\n"
		"|---|---|---:|---:|---:|\n"
		"| app | FLASH | 4096 | 130560 | 3.1 % |\n"
		"| app | RAM | 65535 | 65536 | 100.0 % |\n"
		"| app | EMPTY | 0 | 0 | — |\n"
		"| mcuboot | FLASH | 70000 | 65536 | 106.8 % |\n");
	free(doc);
	fl_run_free(&run);
}
END_TEST

/* An image over its slot shows the overflow as negative free space. */
START_TEST(test_slot_overflow)
{
	struct fl_run run;
	struct fl_model m;
	build_model(&run, &m, "app", "RAM");
	/* 512 + 0x1f800 + 336 + 1584 = 131456 bytes: 384 over, 100.29 % */
	struct fl_image *app = m.images.v[0];
	app->sections.v[0].size = 0x1f800;
	app->load.v[0].end = 0x10200 + 0x1f800;
	app->load_end = app->load.v[0].end;
	fl_diags_finish(&run);

	char *doc = render(&run, &m);
	ck_assert_msg(strstr(doc, "| app | mcuboot\\_primary | 131072 | 131456 | **-384** | 100.3 % |\n"),
		      "%s", doc);
	static const char head[] = "### flashlint: 0 errors, 0 warnings\n\n| image | slot |";
	ck_assert_msg(!strncmp(doc, head, strlen(head)), "%s", doc);
	free(doc);
	fl_run_free(&run);
}
END_TEST

/* Names, messages and paths from a pull request render as text, never markup. */
START_TEST(test_hostile_strings)
{
	struct fl_run run;
	struct fl_model m;
	build_model(&run, &m, "a|b`c*d_e[f]g~h#i!j\\k", "<img src=x onerror=alert(1)>");

	fl_diag(&run, FL_RULE_SEC003, (struct fl_pos){ "dir`x/<b>.map", 3, 0 },
		"section '<script>alert(1)</script>' & '@octo/team'\n# not a heading | cell");
	fl_diag(&run, FL_RULE_SEC003, (struct fl_pos){ "`edge`", 4, 0 }, "bad utf-8 \xff\xfe ok \xc3\xbc");
	fl_diags_finish(&run);

	char *doc = render(&run, &m);
	ck_assert_msg(strstr(doc,
			     ": section '&lt;script&gt;alert(1)&lt;/script&gt;' &amp; '@&#8203;octo/team' "
			     "\\# not a heading \\| cell — ``dir`x/<b>.map:3``\n"),
		      "%s", doc);
	ck_assert_msg(strstr(doc, ": bad utf-8 \xef\xbf\xbd\xef\xbf\xbd ok \xc3\xbc — `` `edge`:4 ``\n"),
		      "%s", doc);
	ck_assert_msg(strstr(doc, "| a\\|b\\`c\\*d\\_e\\[f\\]g\\~h\\#i\\!j\\\\k | mcuboot\\_primary |"),
		      "%s", doc);
	ck_assert_msg(strstr(doc, "| &lt;img src=x onerror=alert(1)&gt; | 65535 | 65536 | 100.0 % |\n"),
		      "%s", doc);
	/* Nothing that could open a tag survives outside a code span. */
	ck_assert_ptr_null(strstr(doc, "<img"));
	ck_assert_ptr_null(strstr(doc, "<script"));
	ck_assert_ptr_null(strstr(doc, "\n# "));
	free(doc);
	fl_run_free(&run);
}
END_TEST

/* No model (a usage error) and no findings: just the heading. */
START_TEST(test_empty)
{
	struct fl_run run;
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	fl_diags_finish(&run);
	char *doc = render(&run, NULL);
	ck_assert_str_eq(doc, "### flashlint: 0 errors, 0 warnings\n");
	free(doc);
	fl_run_free(&run);
}
END_TEST

static Suite *md_suite(void)
{
	Suite *s = suite_create("md");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_exact_comment);
	tcase_add_test(tc, test_slot_overflow);
	tcase_add_test(tc, test_hostile_strings);
	tcase_add_test(tc, test_empty);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(md_suite());
}
