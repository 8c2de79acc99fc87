// SPDX-License-Identifier: Apache-2.0
/*
 * Writing what a command produces (check's report, report's page, diff's output) to
 * a stream or to -o FILE: never half a file, never through a planted link, never
 * replacing a device or FIFO, every write checked. It writes no content of its own,
 * only the errors of writing and of the command line, names escaped.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashlint/core.h"

#include "cli.h"

int fl_cli_usage_error(const char *fmt, const char *arg)
{
	const char *at = strstr(fmt, "%s");
	fputs("flashlint: error: ", stderr);
	fwrite(fmt, 1, at ? (size_t)(at - fmt) : strlen(fmt), stderr);
	if (at) {
		fl_fput_esc(arg, stderr);
		fputs(at + 2, stderr);
	}
	fputs("\n(run 'flashlint --help' for usage)\n", stderr);
	return FL_CLI_EXIT_USAGE;
}

int fl_cli_write_error(const char *path, int err)
{
	fputs("flashlint: error: cannot write '", stderr);
	fl_fput_esc(path, stderr);
	fprintf(stderr, "': %s\n", strerror(err));
	return -FL_EIO;
}

bool fl_cli_emit_to(FILE *f, const struct fl_cli_emitter *e, bool stream)
{
	errno = 0;
	int rc = e->emit(f, stream, e->ctx);
	int err = errno;
	if (fflush(f) || rc || ferror(f)) {
		errno = err && err != EAGAIN ? err : errno ? errno : EIO;
		return false;
	}
	return true;
}

/* A new file beside `path` (same directory, so rename() is atomic), created with
 * O_EXCL|O_NOFOLLOW: nothing that already exists under its name, a planted
 * symbolic link included, is ever opened. Returns the descriptor, or -1 (errno). */
static int open_temp(struct fl_arena *a, const char *path, char **tmp)
{
	for (unsigned i = 0; i < 100; i++) {
		*tmp = i ? fl_printf(a, "%s.tmp.%ld.%u", path, (long)getpid(), i)
			 : fl_printf(a, "%s.tmp.%ld", path, (long)getpid());
		int fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

bool fl_cli_is_stream(const char *path)
{
	return !path || !strcmp(path, "-") || !strcmp(path, "/dev/stdout");
}

int fl_cli_write(struct fl_arena *a, const char *path, FILE *stream, bool keep,
		 const char *keep_hint, const struct fl_cli_emitter *e)
{
	if (fl_cli_is_stream(path)) {
		if (!fl_cli_emit_to(stream, e, true))
			return fl_cli_write_error(stream == stderr ? "<stderr>" : "<stdout>", errno);
		return 0;
	}
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (!exists && errno != ENOENT)
		return fl_cli_write_error(path, errno);
	if (!exists) {
		struct stat lst;
		if (lstat(path, &lst) == 0) /* a link to nothing: never create its target */
			return fl_cli_write_error(path, ENOENT);
	}
	if (exists && S_ISDIR(st.st_mode))
		return fl_cli_write_error(path, EISDIR);
	if (exists && !S_ISREG(st.st_mode)) {
		int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
		if (!f) {
			int err = errno;
			if (fd >= 0)
				close(fd);
			return fl_cli_write_error(path, err);
		}
		bool ok = fl_cli_emit_to(f, e, false);
		int err = errno;
		if (fclose(f) && ok) {
			ok = false;
			err = errno;
		}
		return ok ? 0 : fl_cli_write_error(path, err);
	}
	if (exists && keep) {
		fputs("flashlint: note: input errors: '", stderr);
		fl_fput_esc(path, stderr);
		fprintf(stderr, "' is left as it was%s\n", keep_hint ? keep_hint : "");
		return 1;
	}
	/* Through a symbolic link: replace what it points to, beside it. */
	const char *target = path;
	char *real = exists ? realpath(path, NULL) : NULL;
	if (real)
		target = fl_strdup(a, real);
	free(real);
	char *tmp;
	int fd = open_temp(a, target, &tmp);
	if (fd < 0)
		return fl_cli_write_error(path, errno);
	if (exists)
		(void)fchmod(fd, st.st_mode & 07777);
	FILE *f = fdopen(fd, "w");
	if (!f) {
		int err = errno;
		close(fd);
		unlink(tmp);
		return fl_cli_write_error(path, err);
	}
	bool ok = fl_cli_emit_to(f, e, false);
	int err = errno;
	if (fclose(f) && ok) {
		ok = false;
		err = errno;
	}
	if (ok && rename(tmp, target)) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		unlink(tmp);
		return fl_cli_write_error(path, err);
	}
	return 0;
}
