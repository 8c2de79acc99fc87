// SPDX-License-Identifier: Apache-2.0
/*
 * `flashlint link [CHECK OPTIONS] -- LINK COMMAND`: a link launcher. It runs the link
 * command with the build's own stdout, stderr and exit status, and only when the
 * link fails runs `flashlint check` on the map the command names, so the
 * explanation follows ld's message. It must never change a successful link.
 */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "flashlint/core.h"

extern char **environ;

#define LINK_MAX_CHECK_ARGS 64

/* The map file a GNU ld or lld command line writes: -Map=F, -Map F, --Map=F, and
 * the same inside -Wl,... (comma-separated). NULL when it names none. */
static const char *link_map_arg(char **cmd, int n)
{
	const char *map = NULL;
	for (int i = 0; i < n; i++) {
		const char *a = cmd[i];
		if (!strncmp(a, "-Wl,", 4)) {
			/* -Wl,-Map=F or -Wl,-Map,F */
			const char *p = strstr(a, ",-Map");
			if (!p)
				p = strstr(a, ",--Map");
			if (!p)
				continue;
			p = strchr(p + 1, 'M') + 3;
			if (*p == '=' || *p == ',')
				map = p + 1;
			continue;
		}
		if (!strcmp(a, "-Map") || !strcmp(a, "--Map")) {
			if (i + 1 < n)
				map = cmd[++i];
		} else if (!strncmp(a, "-Map=", 5)) {
			map = a + 5;
		} else if (!strncmp(a, "--Map=", 6)) {
			map = a + 6;
		}
	}
	return map && *map ? map : NULL;
}

/* A path inside -Wl,... ends at the next comma. */
static char *link_map_path(const char *map)
{
	size_t n = strcspn(map, ",");
	char *p = malloc(n + 1);
	if (p) {
		memcpy(p, map, n);
		p[n] = '\0';
	}
	return p;
}

/* dir/name when it is a regular file, else NULL; the caller frees it. */
static char *link_sibling(const char *map, const char *name)
{
	const char *slash = strrchr(map, '/');
	size_t dl = slash ? (size_t)(slash - map) + 1 : 0;
	size_t nl = strlen(name);
	char *p = malloc(dl + nl + 1);
	struct stat st;
	if (!p)
		return NULL;
	memcpy(p, map, dl);
	memcpy(p + dl, name, nl + 1);
	if (stat(p, &st) || !S_ISREG(st.st_mode)) {
		free(p);
		return NULL;
	}
	return p;
}

/* Run argv with this process's stdio; return its wait status, or -1 (errno set)
 * when it could not be started. */
static int link_spawn(char **argv, const char *path)
{
	pid_t pid;
	int st;
	int rc = path ? posix_spawn(&pid, path, NULL, NULL, argv, environ)
		      : posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
	if (rc) {
		errno = rc;
		return -1;
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return st;
}

/* The map was written by this link (not left over from an earlier one). */
static bool link_map_is_new(const char *map, const struct timespec *start)
{
	struct stat st;
	if (stat(map, &st) || !S_ISREG(st.st_mode))
		return false;
	if (st.st_mtim.tv_sec != start->tv_sec)
		return st.st_mtim.tv_sec > start->tv_sec;
	return st.st_mtim.tv_nsec >= start->tv_nsec;
}

/* After a failed link: `flashlint check --map MAP [--config C] [--dts D]
 * --select SEC002,SEC003 OPTS`,
 * with the .config and zephyr.dts beside the map when a Zephyr build left them. */
static void link_explain(const char *self, char **opts, int n_opts, const char *map_arg,
			 const struct timespec *start)
{
	char *map = link_map_path(map_arg);
	char *config = NULL, *dts = NULL;
	if (!map)
		return;
	if (!link_map_is_new(map, start)) {
		fputs("flashlint: note: the failed link wrote no new map '", stderr);
		fl_fput_esc(map, stderr);
		fputs("': nothing to explain\n", stderr);
		goto out;
	}
	if (n_opts > LINK_MAX_CHECK_ARGS) {
		fprintf(stderr, "flashlint: note: more than %d check options: the map is not analysed\n",
			LINK_MAX_CHECK_ARGS);
		goto out;
	}
	config = link_sibling(map, ".config");
	dts = link_sibling(map, "zephyr.dts");
	char *argv[LINK_MAX_CHECK_ARGS + 12];
	int n = 0;
	argv[n++] = "flashlint";
	argv[n++] = "check";
	argv[n++] = "--map";
	argv[n++] = map;
	if (config) {
		argv[n++] = "--config";
		argv[n++] = config;
	}
	if (dts) {
		argv[n++] = "--dts";
		argv[n++] = dts;
	}
	/* What a map alone can show about a failed link; options given to link
	 * come after, so their own --select or --ignore wins. */
	argv[n++] = "--select";
	argv[n++] = "SEC002,SEC003";
	for (int i = 0; i < n_opts; i++)
		argv[n++] = opts[i];
	argv[n] = NULL;
	fputs("flashlint: the link failed; what its map ", stderr);
	fl_fput_esc(map, stderr);
	fputs(" shows:\n", stderr);
	fflush(stderr);
	if (link_spawn(argv, self) < 0) {
		int err = errno;
		fputs("flashlint: error: cannot run '", stderr);
		fl_fput_esc(self, stderr);
		fprintf(stderr, " check': %s\n", strerror(err));
	}
out:
	free(dts);
	free(config);
	free(map);
}

/* This executable, to run `check` with: /proc/self/exe where there is one. */
static const char *link_self(const char *argv0)
{
	static char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = '\0';
		return buf;
	}
	return argv0;
}

int fl_cli_link(int argc, char **argv)
{
	int sep = 2;
	while (sep < argc && strcmp(argv[sep], "--"))
		sep++;
	if (sep >= argc - 1) {
		fputs("flashlint: error: link needs '-- LINK COMMAND' (flashlint link [CHECK OPTIONS] -- "
		      "COMMAND ARGS...)\n(run 'flashlint --help' for usage)\n",
		      stderr);
		return FL_CLI_EXIT_USAGE;
	}
	char **cmd = argv + sep + 1;
	int n_cmd = argc - sep - 1;
	struct timespec start;
	clock_gettime(CLOCK_REALTIME, &start);
	/* The filesystem may round times down: a map written in this second counts. */
	start.tv_nsec = 0;

	int st = link_spawn(cmd, NULL);
	if (st < 0) {
		int err = errno;
		fputs("flashlint: error: cannot run '", stderr);
		fl_fput_esc(cmd[0], stderr);
		fprintf(stderr, "': %s\n", strerror(err));
		return 127;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;

	const char *map = link_map_arg(cmd, n_cmd);
	if (map)
		link_explain(link_self(argv[0]), argv + 2, sep - 2, map, &start);
	if (WIFSIGNALED(st)) {
		/* Die as the linker died, so the build tool reports the same. */
		signal(WTERMSIG(st), SIG_DFL);
		raise(WTERMSIG(st));
		return 128 + WTERMSIG(st);
	}
	return WEXITSTATUS(st);
}
