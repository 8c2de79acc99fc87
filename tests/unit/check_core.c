// SPDX-License-Identifier: Apache-2.0
/*
 * Core helpers that stand between flashlint and hostile input: terminal-safe text
 * (fl_fput_esc), input files that must be bounded regular files (fl_input_open,
 * fl_buf_read) and merge-conflict markers (fl_conflict_marker); the arena's
 * growing blocks (fl_block_*).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_util.h"

/* What fl_fput_esc writes for s. */
static char *esc(const char *s)
{
	static char out[512];
	memset(out, 0, sizeof(out));
	FILE *f = fmemopen(out, sizeof(out), "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fl_fput_esc(s, f), 0);
	fclose(f);
	return out;
}

/* A block keeps its contents while it grows past the huge-page size (where the
 * kernel may move it), is zero beyond them, and once kept by the arena leaves the
 * arena's own allocation alone. */
START_TEST(arena_blocks)
{
	struct fl_arena *a = fl_arena_new();
	char *before = fl_alloc(a, 100);
	memset(before, 'b', 100);
	size_t n = 1024;
	uint32_t *v = fl_block_grow(NULL, n * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = (uint32_t)i * 2654435761u;
	for (size_t want = 4 * n; want <= 1024 * 1024; want *= 4) {
		v = fl_block_grow(v, want * sizeof(*v));
		size_t kept = 0, zero = 0;
		for (size_t i = 0; i < n; i++)
			kept += v[i] == (uint32_t)i * 2654435761u;
		for (size_t i = n; i < want; i++)
			zero += v[i] == 0;
		ck_assert_uint_eq(kept, n);
		ck_assert_uint_eq(zero, want - n);
		for (size_t i = n; i < want; i++)
			v[i] = (uint32_t)i * 2654435761u;
		n = want;
	}
	ck_assert_uint_eq(n, 1024 * 1024);
	fl_block_keep(a, v);
	char *after = fl_alloc(a, 100);
	ck_assert(after + 100 <= (char *)v || after >= (char *)(v + n));
	memset(after, 'a', 100);
	ck_assert_uint_eq(before[99], 'b');
	ck_assert_uint_eq(v[n - 1], (uint32_t)(n - 1) * 2654435761u);
	fl_block_free(fl_block_new(3 * 1024 * 1024));
	fl_arena_free(a);
}
END_TEST

START_TEST(esc_controls)
{
	ck_assert_str_eq(esc("zephyr/zephyr.map"), "zephyr/zephyr.map");
	ck_assert_str_eq(esc("a\nfake.c:9:9: error: x"), "a\\nfake.c:9:9: error: x");
	ck_assert_str_eq(esc("\x1b]0;title\x07"), "\\x1b]0;title\\x07");
	ck_assert_str_eq(esc("\t\r\x7f\x01"), "\\t\\r\\x7f\\x01");
	ck_assert_str_eq(esc(NULL), "");
}
END_TEST

START_TEST(esc_utf8)
{
	/* well-formed text stays, C1 controls and bidi overrides are shown as code
	 * points, ill-formed bytes one by one */
	ck_assert_str_eq(esc("gr\xc3\xbc\xc3\x9f"), "gr\xc3\xbc\xc3\x9f");
	ck_assert_str_eq(esc("\xc2\x9b" "2J"), "\\u009b2J");
	ck_assert_str_eq(esc("a\xe2\x80\xae" "b"), "a\\u202eb");
	ck_assert_str_eq(esc("\x9b\xff"), "\\x9b\\xff");
	ck_assert_str_eq(esc("\xe2\x82"), "\\xe2\\x82");
}
END_TEST

START_TEST(esc_write_error)
{
	FILE *f = fopen("/dev/full", "w");
	ck_assert_ptr_nonnull(f);
	setvbuf(f, NULL, _IONBF, 0);
	ck_assert_int_eq(fl_fput_esc("abc\n", f), EOF);
	fclose(f);
}
END_TEST

START_TEST(input_kinds)
{
	struct fl_run run;
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	uint64_t size = 0;
	const char *file = fl_test_write_temp(&run, "core", "0123456789", 10);
	int fd = fl_input_open(file, 0, &size);
	ck_assert_int_ge(fd, 0);
	ck_assert_uint_eq(size, 10);
	close(fd);
	ck_assert_int_eq(fl_input_open(file, 9, &size), -FL_EIN_TOO_BIG);
	ck_assert_str_eq(fl_input_strerror(-FL_EIN_TOO_BIG),
			 "larger than the input size limit (raise it with --max-input-size or "
			 "FLASHLINT_MAX_INPUT)");
	struct fl_buf b;
	ck_assert_int_eq(fl_buf_read(file, &b, 10), 0);
	ck_assert_uint_eq(b.len, 10);
	ck_assert(!memcmp(b.data, "0123456789", 10));
	fl_buf_close(&b);
	unlink(file);

	ck_assert_int_eq(fl_input_open("/tmp", 0, &size), -EISDIR);
	ck_assert_str_eq(fl_input_strerror(-EISDIR), "not a regular file but a directory");
	ck_assert_int_eq(fl_buf_read("/dev/zero", &b, 0), -FL_EIN_DEVICE);
	ck_assert_ptr_null(b.data);
	ck_assert_str_eq(fl_input_strerror(-FL_EIN_DEVICE), "not a regular file but a device");

	/* a FIFO with no writer: refused at once, not waited on */
	char *fifo = fl_printf(run.arena, "/tmp/flashlint-core-fifo-%ld", (long)getpid());
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(fl_buf_read(fifo, &b, 0), -FL_EIN_FIFO);
	ck_assert_str_eq(fl_input_strerror(-FL_EIN_FIFO), "not a regular file but a FIFO");
	unlink(fifo);
	ck_assert_int_eq(fl_buf_read(fifo, &b, 0), -ENOENT);
	ck_assert(!fl_exists(fifo));
	ck_assert(fl_exists("/tmp"));
	fl_run_free(&run);
}
END_TEST

START_TEST(conflict_markers)
{
	static const char ok[] = "a: 1\n<<<<<<x\n=====\n>>>>>>>>\n";
	ck_assert_uint_eq(fl_conflict_marker(ok, sizeof(ok) - 1), 0);
	static const char bad[] = "a: 1\r\nb: 2\n=======\r\n";
	ck_assert_uint_eq(fl_conflict_marker(bad, sizeof(bad) - 1), 3);
	static const char up[] = "<<<<<<< Updated upstream:zephyr.map\n";
	ck_assert_uint_eq(fl_conflict_marker(up, sizeof(up) - 1), 1);
	static const char down[] = "x\n\n>>>>>>> Stashed changes";
	ck_assert_uint_eq(fl_conflict_marker(down, sizeof(down) - 1), 3);
	ck_assert_uint_eq(fl_conflict_marker(NULL, 0), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("core");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, arena_blocks);
	tcase_add_test(tc, esc_controls);
	tcase_add_test(tc, esc_utf8);
	tcase_add_test(tc, esc_write_error);
	tcase_add_test(tc, input_kinds);
	tcase_add_test(tc, conflict_markers);
	suite_add_tcase(s, tc);
	return fl_test_main(s);
}
