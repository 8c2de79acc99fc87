// SPDX-License-Identifier: Apache-2.0
/*
 * Kconfig .config reader and lookups: values, line numbers, overrides, malformed
 * lines, and every .config of the real corpus against its FACTS.txt. The corpus
 * part passes with a message when ../shared/corpus is absent.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flashlint/readers.h"
#include "check_util.h"

#define DATA FL_TEST_DATA "/kconfig/"
#define CORPUS FL_CORPUS

static struct fl_run run;

static void setup(void)
{
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
}

static void teardown(void)
{
	fl_run_free(&run);
}

static size_t count_inp(void)
{
	return fl_test_count_inp(&run);
}

static const struct fl_diag *inp_at(uint32_t line)
{
	return fl_test_inp_at(&run, line, 0);
}

static const char *write_temp(const char *data, size_t len)
{
	return fl_test_write_temp(&run, "kconfig", data, len);
}

START_TEST(test_values_and_lines)
{
	struct fl_kconfig k = { 0 };
	ck_assert_int_eq(fl_kconfig_read(&run, &k, DATA "basic.config"), 0);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_uint_eq(k.v.n, 13);

	const struct fl_kconfig_entry *e = fl_kconfig_get(&k, "CONFIG_BOARD");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->value, "nrf52840dk");
	ck_assert(e->is_string);
	ck_assert_uint_eq(e->line, 5);

	uint64_t v = 0;
	ck_assert(fl_kconfig_u64(&k, "CONFIG_FLASH_LOAD_OFFSET", &v));
	ck_assert_uint_eq(v, 0xc000);
	ck_assert(fl_kconfig_u64(&k, "CONFIG_BOOT_MAX_IMG_SECTORS", &v));
	ck_assert_uint_eq(v, 128);
	ck_assert_uint_eq(fl_kconfig_get(&k, "CONFIG_BOOT_MAX_IMG_SECTORS")->line, 7);

	ck_assert(fl_kconfig_is_y(&k, "CONFIG_BOOTLOADER_MCUBOOT"));
	ck_assert(fl_kconfig_is_y(&k, "CONFIG_SOME_MODULE"));
	ck_assert_str_eq(fl_kconfig_get(&k, "CONFIG_SOME_MODULE")->value, "m");

	e = fl_kconfig_get(&k, "CONFIG_BOOT_SWAP_USING_SCRATCH");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->value, "n");
	ck_assert(!e->is_string);
	ck_assert_uint_eq(e->line, 10);
	ck_assert(!fl_kconfig_is_y(&k, "CONFIG_BOOT_SWAP_USING_SCRATCH"));

	ck_assert_str_eq(fl_kconfig_get(&k, "CONFIG_MCUBOOT_IMGTOOL_SIGN_VERSION")->value,
			 "2.7.0+0");
	e = fl_kconfig_get(&k, "CONFIG_ESCAPED");
	ck_assert_str_eq(e->value, "a \"quoted\" \\ string");
	ck_assert_uint_eq(e->line, 16);
	e = fl_kconfig_get(&k, "CONFIG_EMPTY_STRING");
	ck_assert_str_eq(e->value, "");
	ck_assert(e->is_string);

	ck_assert(fl_kconfig_is_y(&k, "SB_CONFIG_PARTITION_MANAGER"));
	ck_assert_uint_eq(fl_kconfig_get(&k, "SB_CONFIG_PARTITION_MANAGER")->line, 18);

	/* The later line wins, as Kconfig applies the file top to bottom. */
	ck_assert(fl_kconfig_u64(&k, "CONFIG_FLASH_SIZE", &v));
	ck_assert_uint_eq(v, 1024);
	ck_assert_uint_eq(fl_kconfig_get(&k, "CONFIG_FLASH_SIZE")->line, 20);

	ck_assert(!fl_kconfig_u64(&k, "CONFIG_NEGATIVE", &v));
	ck_assert(!fl_kconfig_u64(&k, "CONFIG_BOARD", &v));
	ck_assert_ptr_null(fl_kconfig_get(&k, "CONFIG_ABSENT"));
	ck_assert(!fl_kconfig_is_y(&k, "CONFIG_ABSENT"));
	ck_assert(!fl_kconfig_u64(&k, "CONFIG_ABSENT", &v));
	ck_assert_uint_eq(v, 1024);
}
END_TEST

START_TEST(test_positions)
{
	struct fl_kconfig k = { 0 };
	ck_assert_int_eq(fl_kconfig_read(&run, &k, DATA "basic.config"), 0);
	struct fl_pos p = fl_kconfig_pos(&k, "CONFIG_BOOTLOADER_MCUBOOT");
	ck_assert_str_eq(p.file, DATA "basic.config");
	ck_assert_uint_eq(p.line, 8);
	ck_assert_uint_eq(p.col, 1);
	p = fl_kconfig_pos(&k, "CONFIG_ABSENT");
	ck_assert_str_eq(p.file, DATA "basic.config");
	ck_assert_uint_eq(p.line, 0);
	ck_assert_uint_eq(p.col, 0);
}
END_TEST

START_TEST(test_zeroed_struct)
{
	struct fl_kconfig k = { 0 };
	uint64_t v = 77;
	ck_assert_ptr_null(fl_kconfig_get(&k, "CONFIG_FOO"));
	ck_assert(!fl_kconfig_is_y(&k, "CONFIG_FOO"));
	ck_assert(!fl_kconfig_u64(&k, "CONFIG_FOO", &v));
	ck_assert_uint_eq(v, 77);
	struct fl_pos p = fl_kconfig_pos(&k, "CONFIG_FOO");
	ck_assert_ptr_null(p.file);
	ck_assert_uint_eq(p.line, 0);
	ck_assert_uint_eq(p.col, 0);
}
END_TEST

START_TEST(test_unindexed_entries)
{
	/* Entries added without the reader (no index) are still found, last one wins. */
	struct fl_kconfig k = { 0 };
	struct fl_kconfig_entry *e = fl_vec_push(run.arena, &k.v);
	*e = (struct fl_kconfig_entry){ "CONFIG_A", "1", false, 3 };
	e = fl_vec_push(run.arena, &k.v);
	*e = (struct fl_kconfig_entry){ "CONFIG_A", "2", false, 9 };
	uint64_t v = 0;
	ck_assert(fl_kconfig_u64(&k, "CONFIG_A", &v));
	ck_assert_uint_eq(v, 2);
	ck_assert_uint_eq(fl_kconfig_get(&k, "CONFIG_A")->line, 9);
}
END_TEST

START_TEST(test_crlf)
{
	struct fl_kconfig k = { 0 };
	ck_assert_int_eq(fl_kconfig_read(&run, &k, DATA "crlf.config"), 0);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_uint_eq(k.v.n, 4);
	ck_assert(fl_kconfig_is_y(&k, "CONFIG_CRLF"));
	ck_assert_str_eq(fl_kconfig_get(&k, "CONFIG_CRLF_OFF")->value, "n");
	ck_assert_uint_eq(fl_kconfig_get(&k, "CONFIG_CRLF_OFF")->line, 2);
	ck_assert_str_eq(fl_kconfig_get(&k, "CONFIG_CRLF_STR")->value, "x y");
	uint64_t v = 0;
	ck_assert(fl_kconfig_u64(&k, "CONFIG_CRLF_HEX", &v));
	ck_assert_uint_eq(v, 0x200);
}
END_TEST

START_TEST(test_bad_lines)
{
	struct fl_kconfig k = { 0 };
	ck_assert_int_eq(fl_kconfig_read(&run, &k, DATA "bad.config"), 0);
	ck_assert_uint_eq(count_inp(), 5);
	ck_assert(run.input_failed);

	const struct fl_diag *d = inp_at(2);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->pos.col, 1);
	ck_assert_str_eq(d->msg,
			 "unexpected text: expected a Kconfig assignment (CONFIG_NAME=value) or a comment");
	d = inp_at(4);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->pos.col, 15);
	ck_assert_str_eq(d->msg,
			 "unterminated string value of 'CONFIG_BROKEN': expected a closing '\"'");
	d = inp_at(5);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->pos.col, 1);
	d = inp_at(6);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->pos.col, 21);
	d = inp_at(8);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->pos.col, 1);

	/* Everything readable around the bad lines is kept. */
	ck_assert_uint_eq(k.v.n, 5);
	ck_assert(fl_kconfig_is_y(&k, "CONFIG_FIRST"));
	uint64_t v = 0;
	ck_assert(fl_kconfig_u64(&k, "CONFIG_SECOND", &v));
	ck_assert_uint_eq(v, 0x10);
	ck_assert_str_eq(fl_kconfig_get(&k, "CONFIG_TRAILING")->value, "a");
	ck_assert_str_eq(fl_kconfig_get(&k, "CONFIG_LAST")->value, "n");
	ck_assert(fl_kconfig_u64(&k, "CONFIG_NO_NEWLINE", &v));
	ck_assert_uint_eq(v, 7);
	ck_assert_uint_eq(fl_kconfig_get(&k, "CONFIG_NO_NEWLINE")->line, 9);
	ck_assert_ptr_null(fl_kconfig_get(&k, "CONFIG_BROKEN"));
	ck_assert_ptr_null(fl_kconfig_get(&k, "CONFIG_NUL"));
}
END_TEST

START_TEST(test_empty_and_missing)
{
	struct fl_kconfig k = { 0 };
	const char *empty = write_temp("", 0);
	ck_assert_int_eq(fl_kconfig_read(&run, &k, empty), -FL_EFORMAT);
	ck_assert_uint_eq(count_inp(), 1);
	const struct fl_diag *d = inp_at(1);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "empty .config: expected Kconfig assignments");
	unlink(empty);

	struct fl_kconfig k2 = { 0 };
	ck_assert_int_eq(fl_kconfig_read(&run, &k2, DATA "does-not-exist.config"), -FL_EIO);
	ck_assert_uint_eq(count_inp(), 2);
	d = inp_at(0);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->msg, "cannot read the .config file: No such file or directory");
	ck_assert_uint_eq(k2.v.n, 0);
	/* The path is known even though nothing was read: lookups point at the file. */
	struct fl_pos p = fl_kconfig_pos(&k2, "CONFIG_X");
	ck_assert_str_eq(p.file, DATA "does-not-exist.config");
	ck_assert_uint_eq(p.line, 0);
}
END_TEST

START_TEST(test_long_line_and_many_symbols)
{
	/* A 1 MiB value, then 20000 symbols: all indexed, each found by its line. */
	size_t big = 1u << 20, cap = big + 20000 * 40 + 64;
	char *s = malloc(cap);
	ck_assert_ptr_nonnull(s);
	size_t n = (size_t)sprintf(s, "CONFIG_LONG=\"");
	memset(s + n, 'x', big);
	n += big;
	n += (size_t)sprintf(s + n, "\"\n");
	for (int i = 0; i < 20000; i++)
		n += (size_t)sprintf(s + n, "CONFIG_SYM_%d=%d\n", i, i);
	const char *path = write_temp(s, n);
	free(s);
	struct fl_kconfig k = { 0 };
	ck_assert_int_eq(fl_kconfig_read(&run, &k, path), 0);
	unlink(path);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_uint_eq(k.v.n, 20001);
	ck_assert_uint_eq(strlen(fl_kconfig_get(&k, "CONFIG_LONG")->value), big);
	uint64_t v = 0;
	ck_assert(fl_kconfig_u64(&k, "CONFIG_SYM_12345", &v));
	ck_assert_uint_eq(v, 12345);
	ck_assert_uint_eq(fl_kconfig_get(&k, "CONFIG_SYM_12345")->line, 12347);
	ck_assert(fl_kconfig_u64(&k, "CONFIG_SYM_19999", &v));
	ck_assert_uint_eq(v, 19999);
}
END_TEST

/* ---- the real corpus --------------------------------------------------------- */

/* FACTS.txt lists, per .config, "-- <dir>/.config:" then "   NAME=value" lines
 * ("NAME=n (is not set)" for the comment form, strings with their quotes). */
static void check_facts(const char *case_dir, size_t *files, size_t *values)
{
	char *facts = fl_printf(run.arena, "%s/FACTS.txt", case_dir);
	FILE *f = fopen(facts, "r");
	if (!f)
		return;
	char line[4096];
	struct fl_kconfig *k = NULL;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		size_t len = strlen(line);
		if (!strncmp(line, "-- ", 3) && len > 9 && !strcmp(line + len - 9, "/.config:")) {
			line[len - 1] = '\0';
			const char *rel = line + 3;
			if (!strncmp(rel, "./", 2))
				rel += 2;
			k = fl_alloc(run.arena, sizeof(*k));
			char *path = fl_printf(run.arena, "%s/build/%s", case_dir, rel);
			ck_assert_msg(fl_kconfig_read(&run, k, path) == 0, "%s", path);
			ck_assert_msg(count_inp() == 0, "INP001 in %s", path);
			(*files)++;
			continue;
		}
		if (!k || strncmp(line, "   ", 3) != 0) {
			k = NULL;
			continue;
		}
		char *eq = strchr(line + 3, '=');
		if (!eq)
			continue;
		*eq = '\0';
		const char *name = line + 3, *want = eq + 1;
		const struct fl_kconfig_entry *e = fl_kconfig_get(k, name);
		ck_assert_msg(e != NULL, "%s: %s missing", k->path, name);
		if (!strcmp(want, "n (is not set)")) {
			ck_assert_str_eq(e->value, "n");
		} else if (want[0] == '"') {
			ck_assert_msg(e->is_string, "%s: %s", k->path, name);
			char *unq = fl_strndup(run.arena, want + 1, strlen(want) - 2);
			ck_assert_str_eq(e->value, unq);
		} else {
			ck_assert_msg(!strcmp(e->value, want), "%s: %s=%s, FACTS says %s", k->path,
				      name, e->value, want);
		}
		(*values)++;
	}
	fclose(f);
}

START_TEST(test_corpus)
{
	DIR *dir = opendir(CORPUS);
	if (!dir) {
		printf("check_kconfig: %s not found, corpus test skipped\n", CORPUS);
		return;
	}
	size_t files = 0, values = 0;
	struct dirent *de;
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.')
			check_facts(fl_printf(run.arena, "%s/%s", CORPUS, de->d_name), &files,
				    &values);
	closedir(dir);
	printf("check_kconfig: %zu corpus .config files, %zu values checked\n", files, values);
	ck_assert_uint_ge(files, 30);
	ck_assert_uint_ge(values, 300);

	/* The sector limit the slot-sector-count rule reads from this image. */
	struct fl_kconfig k = { 0 };
	ck_assert_int_eq(fl_kconfig_read(&run, &k,
					 CORPUS "/nrf52832_sysbuild_mcuboot_lbs/build/mcuboot/zephyr/.config"),
			 0);
	uint64_t v = 0;
	ck_assert(fl_kconfig_u64(&k, "CONFIG_BOOT_MAX_IMG_SECTORS", &v));
	ck_assert_uint_eq(v, 128);
	ck_assert(fl_kconfig_is_y(&k, "CONFIG_BOOT_SWAP_USING_MOVE"));
	ck_assert_str_eq(fl_kconfig_get(&k, "CONFIG_BOOT_SWAP_USING_SCRATCH")->value, "n");
}
END_TEST

static Suite *kconfig_suite(void)
{
	Suite *s = suite_create("kconfig");
	TCase *tc = tcase_create("reader");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_values_and_lines);
	tcase_add_test(tc, test_positions);
	tcase_add_test(tc, test_zeroed_struct);
	tcase_add_test(tc, test_unindexed_entries);
	tcase_add_test(tc, test_crlf);
	tcase_add_test(tc, test_bad_lines);
	tcase_add_test(tc, test_empty_and_missing);
	tcase_add_test(tc, test_long_line_and_many_symbols);
	tcase_add_test(tc, test_corpus);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(kconfig_suite());
}
