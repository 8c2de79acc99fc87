// SPDX-License-Identifier: Apache-2.0
/*
 * Partition Manager YAML reader: partitions, pm_static and regions fixtures with
 * their exact values and key positions, malformed values, YAML syntax errors and
 * hostile documents (deep nesting, alias bombs), then the real corpus against the
 * partition tables of its FACTS.txt (skipped with a message when absent).
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "flashlint/readers.h"
#include "check_util.h"

#define DATA FL_TEST_DATA "/pm/"
#define CORPUS FL_CORPUS

static struct fl_run run;
static struct fl_model m;

static void setup(void)
{
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	memset(&m, 0, sizeof(m));
}

static void teardown(void)
{
	fl_run_free(&run);
}

static size_t count_inp(void)
{
	return fl_test_count_inp(&run);
}

static const struct fl_diag *inp_at(uint32_t line, uint32_t col)
{
	return fl_test_inp_at(&run, line, col);
}

static const char *write_temp(const char *data, size_t len)
{
	return fl_test_write_temp(&run, "pm", data, len);
}

/* Read `text` from a temporary file as a file of the given kind. */
static int read_text(const char *text, enum fl_input_kind kind)
{
	const char *path = write_temp(text, strlen(text));
	int rc = fl_pm_read(&run, &m, path, kind, NULL);
	unlink(path);
	return rc;
}

static const struct fl_partition *find(const struct fl_partition *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

#define PART(name) find(m.partitions.v, m.partitions.n, name)
#define STATIC(name) find(m.static_partitions.v, m.static_partitions.n, name)

START_TEST(test_partitions)
{
	ck_assert_int_eq(fl_pm_read(&run, &m, DATA "partitions.yml", FL_IN_PM_PARTITIONS, NULL),
			 0);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_uint_eq(m.partitions.n, 9);
	ck_assert_uint_eq(m.static_partitions.n, 0);

	const struct fl_partition *p = PART("mcuboot_primary");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->pos.file, DATA "partitions.yml");
	ck_assert_uint_eq(p->pos.line, 30);
	ck_assert_uint_eq(p->pos.col, 1);
	ck_assert_uint_eq(p->address, 0x10000);
	ck_assert_uint_eq(p->size, 0xe0000);
	ck_assert(p->has_end);
	ck_assert_uint_eq(p->end_address, 0xf0000);
	ck_assert_str_eq(p->region, "flash_primary");
	ck_assert_ptr_null(p->device);
	ck_assert(!p->from_static);
	ck_assert_ptr_null(p->domain);
	/* span: *id001 resolves to the orig_span anchor. */
	ck_assert_uint_eq(p->span.n, 2);
	ck_assert_str_eq(p->span.v[0], "mcuboot_pad");
	ck_assert_str_eq(p->span.v[1], "app");

	p = PART("mcuboot_primary_app");
	ck_assert_uint_eq(p->pos.line, 40);
	ck_assert_uint_eq(p->address, 0x10200);
	ck_assert_uint_eq(p->size, 0xdfe00);
	ck_assert_uint_eq(p->span.n, 1);
	ck_assert_str_eq(p->span.v[0], "app");

	p = PART("mcuboot_secondary");
	ck_assert_uint_eq(p->pos.line, 48);
	ck_assert_uint_eq(p->address, 0);
	ck_assert_uint_eq(p->size, 0xe0000);
	ck_assert_str_eq(p->region, "external_flash");
	ck_assert_str_eq(p->device, "MX25R64");
	ck_assert_uint_eq(p->span.n, 0);

	p = PART("external_flash");
	ck_assert_uint_eq(p->pos.line, 6);
	ck_assert_str_eq(p->device, "DT_CHOSEN(nordic_pm_ext_flash)");
	ck_assert_uint_eq(p->address, 0xe0000);
	ck_assert_uint_eq(p->size, 0x720000);

	/* No region key: the default follows the name. */
	p = PART("mcuboot_sram");
	ck_assert_uint_eq(p->pos.line, 59);
	ck_assert_str_eq(p->region, "sram_primary");
	ck_assert_uint_eq(p->address, 0x20000000);
	ck_assert_uint_eq(p->size, 262144);
	p = PART("settings_storage");
	ck_assert_uint_eq(p->pos.line, 63);
	ck_assert_str_eq(p->region, "flash_primary");
	ck_assert_ptr_null(p->device); /* "device:" with no value */
	ck_assert_uint_eq(p->address, 0xfe000);
	ck_assert_uint_eq(p->size, 0x2000);

	p = PART("app");
	ck_assert_uint_eq(p->pos.line, 1);
	ck_assert_uint_eq(p->address, 0x10200);
	ck_assert_uint_eq(p->size, 0xdfe00);
	p = PART("mcuboot");
	ck_assert_uint_eq(p->pos.line, 12);
	ck_assert_uint_eq(p->size, 0x10000);
	p = PART("mcuboot_pad");
	ck_assert_uint_eq(p->pos.line, 20);
	ck_assert_uint_eq(p->size, 0x200);
}
END_TEST

START_TEST(test_static_and_domain)
{
	ck_assert_int_eq(fl_pm_read(&run, &m, DATA "pm_static.yml", FL_IN_PM_STATIC, "CPUNET"),
			 0);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_uint_eq(m.static_partitions.n, 6);
	ck_assert_uint_eq(m.partitions.n, 0);

	const struct fl_partition *p = STATIC("mcuboot");
	ck_assert_uint_eq(p->pos.line, 2);
	ck_assert_uint_eq(p->address, 0);
	ck_assert_uint_eq(p->size, 0xc000);
	ck_assert(p->from_static);
	ck_assert_str_eq(p->domain, "CPUNET");
	ck_assert(!p->has_end);

	p = STATIC("mcuboot_primary");
	ck_assert_uint_eq(p->pos.line, 6);
	ck_assert_uint_eq(p->address, 0xc000);
	ck_assert_uint_eq(p->size, 0x76000);
	ck_assert_uint_eq(p->span.n, 2);
	ck_assert_str_eq(p->span.v[0], "mcuboot_pad");
	ck_assert_str_eq(p->span.v[1], "app");

	/* A span alone is enough in pm_static; a single string is a one-name span. */
	p = STATIC("mcuboot_primary_app");
	ck_assert_uint_eq(p->pos.line, 10);
	ck_assert_uint_eq(p->span.n, 1);
	ck_assert_str_eq(p->span.v[0], "app");
	ck_assert_uint_eq(p->size, 0);

	p = STATIC("tfm_nonsecure");
	ck_assert_uint_eq(p->pos.line, 12);
	ck_assert_uint_eq(p->span.n, 2);
	ck_assert_str_eq(p->span.v[0], "app");
	ck_assert_str_eq(p->span.v[1], "mcuboot_primary_app");

	p = STATIC("mcuboot_secondary");
	ck_assert_uint_eq(p->pos.line, 14);
	ck_assert_str_eq(p->region, "external_flash");
	ck_assert_str_eq(p->device, "MX25R64");
	ck_assert_uint_eq(p->address, 0x82000);

	p = STATIC("littlefs_storage");
	ck_assert_uint_eq(p->pos.line, 19);
	ck_assert_uint_eq(p->address, 0xfe000);
	ck_assert_uint_eq(p->size, 0x2000);
}
END_TEST

START_TEST(test_regions)
{
	ck_assert_int_eq(fl_pm_read(&run, &m, DATA "regions.yml", FL_IN_PM_REGIONS, NULL), 0);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_uint_eq(m.pm_regions.n, 3);
	const struct fl_pm_region *r = &m.pm_regions.v[0];
	ck_assert_str_eq(r->name, "external_flash");
	ck_assert_uint_eq(r->pos.line, 1);
	ck_assert_uint_eq(r->base, 0);
	ck_assert_uint_eq(r->size, 0x800000);
	ck_assert_str_eq(r->placement, "start_to_end");
	ck_assert_str_eq(r->device, "DT_CHOSEN(nordic_pm_ext_flash)");
	ck_assert_str_eq(r->default_driver_kconfig, "CONFIG_PM_EXTERNAL_FLASH_HAS_DRIVER");
	r = &m.pm_regions.v[1];
	ck_assert_str_eq(r->name, "flash_primary");
	ck_assert_uint_eq(r->pos.line, 9);
	ck_assert_uint_eq(r->size, 0x100000);
	ck_assert_str_eq(r->placement, "complex");
	ck_assert_str_eq(r->device, "flash_controller");
	r = &m.pm_regions.v[2];
	ck_assert_str_eq(r->name, "sram_primary");
	ck_assert_uint_eq(r->pos.line, 17);
	ck_assert_uint_eq(r->base, 0x20000000);
	ck_assert_uint_eq(r->size, 0x40000);
	ck_assert_str_eq(r->device, "");
	ck_assert_str_eq(r->default_driver_kconfig, "");
}
END_TEST

START_TEST(test_bad_values)
{
	ck_assert_int_eq(fl_pm_read(&run, &m, DATA "bad_values.yml", FL_IN_PM_PARTITIONS, NULL),
			 0);
	ck_assert(run.input_failed);
	ck_assert_uint_eq(count_inp(), 11);
	ck_assert_uint_eq(m.partitions.n, 2);

	const struct fl_diag *d = inp_at(5, 12);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "partition 'negative': 'address' is negative (-0x100): "
				 "expected an integer from 0 to 2^64-1");
	d = inp_at(9, 9);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "partition 'letters': 'size' is 'abc': "
				 "expected an integer (decimal or 0x hex)");
	ck_assert_ptr_nonnull(inp_at(11, 12));   /* 1.5 */
	d = inp_at(14, 12);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "partition 'too_big': 'address' 0x10000000000000000 does not "
				 "fit in 64 bits: expected at most 0xffffffffffffffff");
	d = inp_at(18, 9);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "partition 'wraps': address 0xffffffffffff0000 + size 0x20000 "
				 "wraps past 2^64: expected an end at most 0xffffffffffffffff");
	d = inp_at(19, 1);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg,
			 "partition 'no_size' has no 'size': expected both address and size");
	ck_assert_ptr_nonnull(inp_at(21, 16));   /* not_a_mapping: 0x4000 */
	ck_assert_ptr_nonnull(inp_at(23, 12));   /* '0x5000' */
	ck_assert_ptr_nonnull(inp_at(26, 12));   /* [1, 2] */
	ck_assert_ptr_nonnull(inp_at(31, 13));   /* [b] inside the span */
	d = inp_at(37, 1);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "duplicate key 'good_one' (also on line 1): "
				 "expected each name once; the later entry is used");

	/* The later good_one replaces the first; end_address is stored as written. */
	const struct fl_partition *p = PART("good_one");
	ck_assert_uint_eq(p->pos.line, 37);
	ck_assert_uint_eq(p->address, 0x8000);
	ck_assert_uint_eq(p->size, 0x10);
	p = PART("good_two");
	ck_assert_uint_eq(p->pos.line, 32);
	ck_assert_uint_eq(p->address, 0x7000);
	ck_assert_uint_eq(p->size, 0x800);
	ck_assert(p->has_end);
	ck_assert_uint_eq(p->end_address, 0x9999);
	ck_assert_ptr_null(PART("negative"));
	ck_assert_ptr_null(PART("wraps"));
}
END_TEST

START_TEST(test_number_forms)
{
	ck_assert_int_eq(read_text("a:\n  address: 4096\n  size: 0X10\n"
				   "b:\n  address: 0o20\n  size: 0b101\n"
				   "c:\n  address: 010\n  size: 1_000\n"
				   "d:\n  address: +0x10\n  size: 0xffffffffffffffef\n"
				   "e:\n  address: 0xffffffffffffffff\n  size: 0\n",
				   FL_IN_PM_PARTITIONS),
			 0);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_uint_eq(m.partitions.n, 5);
	ck_assert_uint_eq(PART("a")->address, 4096);
	ck_assert_uint_eq(PART("a")->size, 16);
	ck_assert_uint_eq(PART("b")->address, 16);
	ck_assert_uint_eq(PART("b")->size, 5);
	ck_assert_uint_eq(PART("c")->address, 8);
	ck_assert_uint_eq(PART("c")->size, 1000);
	ck_assert_uint_eq(PART("d")->address, 16);
	ck_assert_uint_eq(PART("d")->size, 0xffffffffffffffefull);
	ck_assert_uint_eq(PART("e")->address, UINT64_MAX);
	ck_assert_uint_eq(PART("e")->size, 0);
}
END_TEST

START_TEST(test_missing_fields)
{
	/* partitions.yml needs address and size even with a span; pm_static does not. */
	ck_assert_int_eq(read_text("x:\n  span: [app]\n  size: 0x100\n", FL_IN_PM_PARTITIONS), 0);
	ck_assert_uint_eq(count_inp(), 1);
	ck_assert_str_eq(inp_at(1, 1)->msg,
			 "partition 'x' has no 'address': expected both address and size");
	ck_assert_uint_eq(m.partitions.n, 0);
	ck_assert_int_eq(read_text("y:\n  size: 0x100\n", FL_IN_PM_STATIC), 0);
	ck_assert_uint_eq(count_inp(), 2);
	ck_assert_uint_eq(m.static_partitions.n, 0);
	ck_assert_int_eq(read_text("z:\n  span: [app]\n", FL_IN_PM_STATIC), 0);
	ck_assert_uint_eq(count_inp(), 2);
	ck_assert_uint_eq(m.static_partitions.n, 1);
	ck_assert_int_eq(read_text("r:\n  base_address: 0x0\n", FL_IN_PM_REGIONS), 0);
	ck_assert_uint_eq(count_inp(), 3);
	ck_assert_uint_eq(m.pm_regions.n, 0);
}
END_TEST

START_TEST(test_syntax_error_keeps_earlier)
{
	ck_assert_int_eq(read_text("app:\n  address: 0x1000\n  size: 0x1000\n"
				   "broken:\n  address: 0x2000\n  size: [0x10\n"
				   "other:\n  address: 0x3000\n",
				   FL_IN_PM_PARTITIONS),
			 -FL_EFORMAT);
	ck_assert_uint_eq(count_inp(), 1);
	const struct fl_diag *d = inp_at(7, 6);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "invalid YAML: did not find expected ',' or ']' "
				 "(while parsing a flow sequence)");
	ck_assert_uint_eq(m.partitions.n, 1);
	ck_assert_uint_eq(PART("app")->address, 0x1000);
}
END_TEST

START_TEST(test_document_shapes)
{
	ck_assert_int_eq(read_text("", FL_IN_PM_PARTITIONS), -FL_EFORMAT);
	const struct fl_diag *d = inp_at(1, 0);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "empty file: expected a Partition Manager YAML mapping");
	ck_assert_uint_eq(count_inp(), 1);

	ck_assert_int_eq(read_text("# only a comment\n", FL_IN_PM_REGIONS), -FL_EFORMAT);
	ck_assert_uint_eq(count_inp(), 2);

	ck_assert_int_eq(read_text("- a\n- b\n", FL_IN_PM_PARTITIONS), -FL_EFORMAT);
	d = inp_at(1, 1);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "the document is a list: expected a mapping of partition "
				 "names at the top level");
	ck_assert_uint_eq(count_inp(), 3);

	ck_assert_int_eq(read_text("a: *nowhere\n", FL_IN_PM_PARTITIONS), -FL_EFORMAT);
	ck_assert_str_eq(inp_at(1, 4)->msg,
			 "unknown alias '*nowhere': expected an anchor defined earlier in the file");
	ck_assert_uint_eq(count_inp(), 4);

	ck_assert_int_eq(read_text("a:\n  address: 1\n  size: 2\n---\nb: 1\n", FL_IN_PM_PARTITIONS),
			 -FL_EFORMAT);
	ck_assert_ptr_nonnull(inp_at(4, 1));
	ck_assert_uint_eq(count_inp(), 5);
	ck_assert_uint_eq(m.partitions.n, 1);

	/* Text libyaml's reader rejects is positioned by byte offset. */
	static const char nul[] = "a:\n  address: 1\0\n";
	const char *path = write_temp(nul, sizeof(nul) - 1);
	ck_assert_int_eq(fl_pm_read(&run, &m, path, FL_IN_PM_PARTITIONS, NULL), -FL_EFORMAT);
	unlink(path);
	d = inp_at(2, 13);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "invalid YAML: control characters are not allowed");
	ck_assert_uint_eq(count_inp(), 6);

	ck_assert_int_eq(fl_pm_read(&run, &m, DATA "no-such.yml", FL_IN_PM_PARTITIONS, NULL),
			 -FL_EIO);
	d = inp_at(0, 0);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "cannot read the file: No such file or directory");
	ck_assert_uint_eq(count_inp(), 7);
}
END_TEST

START_TEST(test_depth_limit)
{
	char text[256] = "a: ";
	for (int i = 0; i < 40; i++)
		strcat(text, "[");
	for (int i = 0; i < 40; i++)
		strcat(text, "]");
	strcat(text, "\n");
	ck_assert_int_eq(read_text(text, FL_IN_PM_PARTITIONS), -FL_EFORMAT);
	ck_assert_uint_eq(count_inp(), 1);
	/* The root mapping and 31 brackets fill the 32 levels: the bracket at column 35
	 * is the first one too deep. */
	const struct fl_diag *d = inp_at(1, 35);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg,
			 "nesting deeper than 32 levels: expected a flat Partition Manager mapping");
}
END_TEST

static char *alias_bomb(int levels, int fanout)
{
	size_t cap = (size_t)levels * (size_t)fanout * 16 + 64;
	char *s = malloc(cap), *o = s;
	o += sprintf(o, "l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i < levels; i++) {
		o += sprintf(o, "l%d: &l%d [", i, i);
		for (int j = 0; j < fanout; j++)
			o += sprintf(o, "%s*l%d", j ? ", " : "", i - 1);
		o += sprintf(o, "]\n");
	}
	return s;
}

START_TEST(test_alias_bomb)
{
	/* 9^20 nodes if aliases were expanded; must stay linear. */
	char *s = alias_bomb(20, 9);
	clock_t t0 = clock();
	ck_assert_int_eq(read_text(s, FL_IN_PM_PARTITIONS), 0);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	free(s);
	ck_assert_msg(secs < 2.0, "alias bomb took %.2f s", secs);
	ck_assert_uint_eq(count_inp(), 20); /* each level is a list, not a partition */
	ck_assert_uint_eq(m.partitions.n, 0);
}
END_TEST

START_TEST(test_alias_and_node_limits)
{
	char *s = malloc(10001 * 4 + 64), *o = s;
	o += sprintf(o, "a: &a [x]\nb: [");
	for (int i = 0; i < 10001; i++)
		o += sprintf(o, "%s*a", i ? "," : "");
	strcpy(o, "]\n");
	ck_assert_int_eq(read_text(s, FL_IN_PM_PARTITIONS), -FL_EFORMAT);
	free(s);
	const struct fl_diag *d = inp_at(2, 30005);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "more than 10000 YAML aliases: expected a Partition Manager "
				 "file of reasonable size");

	s = malloc(100001 * 2 + 64);
	o = s;
	o += sprintf(o, "a: [");
	for (int i = 0; i < 100001; i++)
		o += sprintf(o, "%s1", i ? "," : "");
	strcpy(o, "]\n");
	ck_assert_int_eq(read_text(s, FL_IN_PM_PARTITIONS), -FL_EFORMAT);
	free(s);
	/* The root mapping, key a and the list are 3 nodes: the 99998th item is one too many. */
	d = inp_at(1, 5 + 2 * 99997);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "more than 100000 YAML nodes: expected a Partition Manager "
				 "file of reasonable size");
}
END_TEST

START_TEST(test_anchor_limit)
{
	char *s = malloc(10001 * 12 + 64), *o = s;
	uint32_t col = 5, want = 0;
	o += sprintf(o, "a: [");
	for (int i = 0; i < 10001; i++) {
		if (i == 10000)
			want = col;
		int n = sprintf(o, "&a%d x, ", i);
		o += n;
		col += (uint32_t)n;
	}
	strcpy(o, "]\n");
	ck_assert_int_eq(read_text(s, FL_IN_PM_PARTITIONS), -FL_EFORMAT);
	free(s);
	ck_assert_uint_eq(want, 98895);
	const struct fl_diag *d = inp_at(1, want);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "more than 10000 YAML anchors: expected a Partition Manager "
				 "file of reasonable size");
}
END_TEST

START_TEST(test_huge_scalar)
{
	size_t big = 4u << 20;
	char *s = malloc(big + 64);
	strcpy(s, "app:\n  address: 0x0\n  size: 0x10\n  region: ");
	size_t n = strlen(s);
	memset(s + n, 'r', big);
	strcpy(s + n + big, "\n");
	ck_assert_int_eq(read_text(s, FL_IN_PM_PARTITIONS), 0);
	free(s);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_uint_eq(strlen(PART("app")->region), big);
}
END_TEST

/* ---- the real corpus --------------------------------------------------------- */

static bool is_pm_file(const char *name, enum fl_input_kind *kind)
{
	size_t n = strlen(name);
	if (n < 5 || strcmp(name + n - 4, ".yml") != 0)
		return false;
	if (!strncmp(name, "partitions", 10))
		*kind = FL_IN_PM_PARTITIONS;
	else if (!strncmp(name, "pm_static", 9))
		*kind = FL_IN_PM_STATIC;
	else if (!strncmp(name, "regions", 7))
		*kind = FL_IN_PM_REGIONS;
	else
		return false;
	return true;
}

/* Every Partition Manager file under dir, recursively: none may raise INP001. */
static void read_tree(const char *dir, size_t *files)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char *path = fl_printf(run.arena, "%s/%s", dir, de->d_name);
		enum fl_input_kind kind;
		if (fl_is_dir(path)) {
			read_tree(path, files);
		} else if (is_pm_file(de->d_name, &kind)) {
			struct fl_model mm = { 0 };
			ck_assert_msg(fl_pm_read(&run, &mm, path, kind, NULL) == 0, "%s", path);
			ck_assert_msg(count_inp() == 0, "INP001 in %s: %s", path,
				      run.diags.v.v[run.diags.v.n - 1]->msg);
			ck_assert_msg(mm.partitions.n + mm.static_partitions.n + mm.pm_regions.n > 0,
				      "%s: nothing read", path);
			(*files)++;
		}
	}
	closedir(d);
}

static bool same_name(const char *got, const char *facts)
{
	/* FACTS writes '-' for "none". */
	if (!strcmp(facts, "-"))
		return !got || !*got;
	return got && !strcmp(got, facts);
}

static void check_region_facts(const char *case_dir, const char *rel, char *list,
			       size_t *rows)
{
	struct fl_model mm = { 0 };
	char *path = fl_printf(run.arena, "%s/%s", case_dir, rel);
	ck_assert_int_eq(fl_pm_read(&run, &mm, path, FL_IN_PM_REGIONS, NULL), 0);
	size_t n = 0;
	for (char *save, *item = strtok_r(list, ";", &save); item;
	     item = strtok_r(NULL, ";", &save)) {
		char name[128], dev[256] = "", drv[256] = "-";
		unsigned long long base, size, end;
		int got = sscanf(item, " %127s base=%llx size=%llx end=%llx device=%255s "
				 "default_driver_kconfig=%255s", name, &base, &size, &end, dev, drv);
		ck_assert_msg(got >= 5, "%s: cannot parse '%s'", case_dir, item);
		const struct fl_pm_region *r = NULL;
		fl_vec_for_each(&mm.pm_regions, it)
			if (!strcmp(it->name, name))
				r = it;
		if (!r) {
			ck_abort_msg("%s: region %s missing", path, name);
			continue;
		}
		ck_assert_uint_eq(r->base, base);
		ck_assert_uint_eq(r->size, size);
		ck_assert_msg(same_name(r->device, dev), "%s: %s device", path, name);
		if (got == 6)
			ck_assert_msg(same_name(r->default_driver_kconfig, drv), "%s: %s driver",
				      path, name);
		n++;
	}
	ck_assert_uint_eq(n, mm.pm_regions.n);
	*rows += n;
}

/* "-- build/<file>.yml (sorted by region, address; ...)" then a header line, then
 * "   name address size end region device addr-align span" rows. */
static void check_facts(const char *case_dir, size_t *rows, size_t *tables)
{
	FILE *f = fopen(fl_printf(run.arena, "%s/FACTS.txt", case_dir), "r");
	if (!f)
		return;
	char line[8192];
	struct fl_model *mm = NULL;
	const char *path = NULL;
	size_t seen = 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		char rel[512];
		if (sscanf(line, "-- %511s (sorted by region, address", rel) == 1 &&
		    strstr(rel, ".yml")) {
			mm = fl_alloc(run.arena, sizeof(*mm));
			path = fl_printf(run.arena, "%s/%s", case_dir, rel);
			ck_assert_int_eq(fl_pm_read(&run, mm, path, FL_IN_PM_PARTITIONS, NULL), 0);
			seen = 0;
			(*tables)++;
			continue;
		}
		char *regs = strstr(line, "   regions (");
		if (regs == line && sscanf(line, "   regions (%511[^)]):", rel) == 1) {
			check_region_facts(case_dir, rel, strstr(line, "): ") + 3, rows);
			continue;
		}
		if (!mm)
			continue;
		char name[128], region[128], dev[256], align[64], span[1024];
		unsigned long long addr, size, end;
		if (sscanf(line, " %127s 0x%llx 0x%llx 0x%llx %127s %255s %63s %1023s", name, &addr,
			   &size, &end, region, dev, align, span) != 8) {
			if (seen) {
				/* The table ended: it listed every partition of the file. */
				ck_assert_msg(seen == mm->partitions.n, "%s: %zu rows, %zu read", path,
					      seen, mm->partitions.n);
				mm = NULL;
			}
			continue;
		}
		const struct fl_partition *p = find(mm->partitions.v, mm->partitions.n, name);
		ck_assert_msg(p != NULL, "%s: %s missing", path, name);
		ck_assert_msg(p->address == addr && p->size == size,
			      "%s: %s at 0x%llx+0x%llx, FACTS says 0x%llx+0x%llx", path, name,
			      (unsigned long long)p->address, (unsigned long long)p->size, addr,
			      size);
		ck_assert_str_eq(p->region, region);
		ck_assert_msg(same_name(p->device, dev), "%s: %s device", path, name);
		char *joined = fl_strdup(run.arena, "");
		fl_vec_for_each(&p->span, s)
			joined = fl_printf(run.arena, "%s%s%s", joined, *joined ? "," : "", *s);
		ck_assert_msg(same_name(joined, span), "%s: %s span '%s', FACTS says '%s'", path,
			      name, joined, span);
		seen++;
		(*rows)++;
	}
	fclose(f);
}

START_TEST(test_corpus)
{
	DIR *dir = opendir(CORPUS);
	if (!dir) {
		printf("check_pm_yaml: %s not found, corpus test skipped\n", CORPUS);
		return;
	}
	size_t files = 0, rows = 0, tables = 0;
	struct dirent *de;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		char *case_dir = fl_printf(run.arena, "%s/%s", CORPUS, de->d_name);
		read_tree(fl_printf(run.arena, "%s/build", case_dir), &files);
		check_facts(case_dir, &rows, &tables);
	}
	closedir(dir);
	printf("check_pm_yaml: %zu corpus files read, %zu tables with %zu rows compared\n", files,
	       tables, rows);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_uint_ge(files, 24);
	ck_assert_uint_ge(tables, 12);
	ck_assert_uint_ge(rows, 200);
}
END_TEST

static Suite *pm_yaml_suite(void)
{
	Suite *s = suite_create("pm_yaml");
	TCase *tc = tcase_create("reader");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_partitions);
	tcase_add_test(tc, test_static_and_domain);
	tcase_add_test(tc, test_regions);
	tcase_add_test(tc, test_bad_values);
	tcase_add_test(tc, test_number_forms);
	tcase_add_test(tc, test_missing_fields);
	tcase_add_test(tc, test_syntax_error_keeps_earlier);
	tcase_add_test(tc, test_document_shapes);
	tcase_add_test(tc, test_depth_limit);
	tcase_add_test(tc, test_alias_bomb);
	tcase_add_test(tc, test_alias_and_node_limits);
	tcase_add_test(tc, test_anchor_limit);
	tcase_add_test(tc, test_huge_scalar);
	tcase_add_test(tc, test_corpus);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(pm_yaml_suite());
}
