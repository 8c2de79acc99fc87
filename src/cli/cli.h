/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the command-line files share: the subcommands that live outside main.c and
 * where an installed flashlint finds its data. Only main() exits.
 */
#ifndef FLASHLINT_CLI_H
#define FLASHLINT_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "flashlint/diff.h"

#define FL_CLI_EXIT_USAGE 2

/* `flashlint link [CHECK OPTIONS] -- COMMAND...`: run a link command and, when it
 * fails, explain its map. Returns the link command's exit status. */
int fl_cli_link(int argc, char **argv);

/* The data directory to read: given (--data) when not NULL, else
 * <executable>/../share/flashlint/data when it exists (an installed or unpacked
 * package, wherever it was moved), else fl_data_dir()'s configured default.
 * The string is static or given; it is never freed. */
const char *fl_cli_data_dir(const char *given);

/* `flashlint diff BASE NEW [options]`; argv[1] is "diff". */
int fl_cli_diff(int argc, char **argv);

/* One build read for a diff: a build directory analysed as check does, or a report
 * saved with --detail full. */
struct fl_cli_side;

/* Read path into a new side (data_dir as --data). NULL when an input was unusable:
 * its diagnostics are printed, and the exit status is 2. */
struct fl_cli_side *fl_cli_side_load(const char *path, const char *data_dir);
const struct fl_digest *fl_cli_side_digest(const struct fl_cli_side *s);
void fl_cli_side_free(struct fl_cli_side *s);

/* What a command writes: emit(f, stream, ctx) writes it all into f and returns 0 or
 * a negative error code; stream tells that f is stdout or stderr rather than -o
 * FILE (colour is only ever for a stream). */
struct fl_cli_emitter {
	int (*emit)(FILE *f, bool stream, void *ctx); /* writes the whole output */
	void *ctx;                                    /* passed to emit */
};

/* A usage error on stderr: fmt holds one %s, for arg, a name from the command line
 * written with its control bytes made visible (fl_fput_esc). Returns
 * FL_CLI_EXIT_USAGE. */
int fl_cli_usage_error(const char *fmt, const char *arg);

/* "flashlint: error: cannot write 'PATH': WHY" on stderr, PATH with its control
 * bytes made visible. Returns -FL_EIO. */
int fl_cli_write_error(const char *path, int err);

/* Emit into f and flush it; false with errno set when any write failed. */
bool fl_cli_emit_to(FILE *f, const struct fl_cli_emitter *e, bool stream);

/* Whether -o path means the command's stream: none, "-" or /dev/stdout. */
bool fl_cli_is_stream(const char *path);

/* Write e's output to stream when fl_cli_is_stream(path), else to path. A path that
 * does not exist or is a regular file is written to a temporary file beside it
 * (O_CREAT|O_EXCL|O_NOFOLLOW) renamed into place, so an interrupted run never
 * leaves half a file (a symbolic link to a regular file stays a link: its target is
 * replaced). Anything else that exists (a FIFO, a terminal, /dev/null) is written
 * in place, never replaced; a directory or a dangling link is refused. When keep
 * is true an existing path is left as it was, with a note on stderr ending in
 * keep_hint (may be NULL). Temporary names are allocated in a. Every error is
 * reported on stderr. Returns 0 (written), 1 (kept) or -FL_EIO. */
int fl_cli_write(struct fl_arena *a, const char *path, FILE *stream, bool keep,
		 const char *keep_hint, const struct fl_cli_emitter *e);

#endif
