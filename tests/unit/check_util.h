/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the Check suites share: where the corpus is, counting and finding INP001
 * diagnostics of a run, writing a temporary input file, and the runner that each
 * suite's main() is. Test code only.
 */
#ifndef FLASHLINT_CHECK_UTIL_H
#define FLASHLINT_CHECK_UTIL_H

#include <check.h>
#include <stdlib.h>
#include <unistd.h>

#include "flashlint/catalogue.h"

#define FL_CORPUS FL_SOURCE_DIR "/../shared/corpus"

static inline size_t fl_test_count_inp(const struct fl_run *run)
{
	size_t n = 0;
	fl_vec_for_each(&run->diags.v, d)
		n += (*d)->rule == FL_RULE_INP001;
	return n;
}

/* The INP001 at line:col (col 0: any column), or NULL. */
static inline const struct fl_diag *fl_test_inp_at(const struct fl_run *run, uint32_t line,
						   uint32_t col)
{
	fl_vec_for_each(&run->diags.v, d)
		if ((*d)->rule == FL_RULE_INP001 && (*d)->pos.line == line &&
		    (!col || (*d)->pos.col == col))
			return *d;
	return NULL;
}

/* data[0..len) in a new file under /tmp named after `tag`; the path lives in run's
 * arena. */
static inline const char *fl_test_write_temp(struct fl_run *run, const char *tag,
					     const void *data, size_t len)
{
	char *path = fl_printf(run->arena, "/tmp/flashlint-%s-XXXXXX", tag);
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

/* Run every test of s; the exit status of a suite's executable. */
static inline int fl_test_main(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
