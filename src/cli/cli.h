/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the command-line files share: the subcommands that live outside main.c and
 * where an installed flashlint finds its data. Only main() exits.
 */
#ifndef FLASHLINT_CLI_H
#define FLASHLINT_CLI_H

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

#endif
