/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the fuzz harnesses share: readers that take a path get each input as a real
 * regular file in a private directory of the fuzzing process, rewritten in place for
 * every input and removed at exit.
 */
#ifndef FLASHLINT_FUZZ_H
#define FLASHLINT_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_dir_[256];
static char fuzz_made_[16][320];
static size_t fuzz_n_made_;

static inline void fuzz_cleanup_(void)
{
	for (size_t i = fuzz_n_made_; i-- > 0;)
		remove(fuzz_made_[i]);
	rmdir(fuzz_dir_);
}

/* The private directory ($TMPDIR or /tmp), created on first use. */
static inline const char *fuzz_dir(void)
{
	if (!fuzz_dir_[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(fuzz_dir_, sizeof(fuzz_dir_), "%s/flashlint-fuzz-XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(fuzz_dir_))
			abort();
		atexit(fuzz_cleanup_);
	}
	return fuzz_dir_;
}

/* Remember a file or directory below fuzz_dir() for removal at exit (children
 * first: call in creation order). */
static inline const char *fuzz_path(const char *rel)
{
	char *p = fuzz_made_[fuzz_n_made_];
	for (size_t i = 0; i < fuzz_n_made_; i++)
		if (!strcmp(fuzz_made_[i] + strlen(fuzz_dir()) + 1, rel))
			return fuzz_made_[i];
	if (fuzz_n_made_ == sizeof(fuzz_made_) / sizeof(fuzz_made_[0]))
		abort();
	snprintf(p, sizeof(fuzz_made_[0]), "%s/%s", fuzz_dir(), rel);
	fuzz_n_made_++;
	return p;
}

/* Write data[0..size) to fuzz_dir()/rel, replacing what was there; the path. */
static inline const char *fuzz_file(const char *rel, const void *data, size_t size)
{
	const char *p = fuzz_path(rel);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		abort();
	const char *d = data;
	while (size) {
		ssize_t w = write(fd, d, size);
		if (w <= 0)
			abort();
		d += w;
		size -= (size_t)w;
	}
	close(fd);
	return p;
}

/* mkdir fuzz_dir()/rel (once); the path. */
static inline const char *fuzz_mkdir(const char *rel)
{
	const char *p = fuzz_path(rel);
	mkdir(p, 0700);
	return p;
}

#endif
