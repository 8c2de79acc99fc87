/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the command-line files share: the subcommands that live outside main.c and
 * where an installed flashlint finds its data. Only main() exits.
 */
#ifndef FLASHLINT_CLI_H
#define FLASHLINT_CLI_H

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

#endif
