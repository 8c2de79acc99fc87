// SPDX-License-Identifier: Apache-2.0
/*
 * The command line: parse options into a run configuration, load the build into
 * the model, run the rules, report, and turn the outcome into the exit status
 * (0 clean, 1 errors reported, 2 usage or unreadable input). Only this file exits.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "flashlint/layout.h"
#include "flashlint/report.h"
#include "flashlint/rules.h"

#define EXIT_FINDINGS 1
#define EXIT_USAGE 2

static const char usage_text[] =
	"usage: flashlint check [BUILD_DIR] [options]   analyse a build directory\n"
	"       flashlint report [BUILD_DIR] -o FILE    write the HTML memory map (check's\n"
	"                                               input options apply; --baseline BASE\n"
	"                                               adds the changes since BASE)\n"
	"       flashlint diff BASE NEW [options]       compare two builds (build directories\n"
	"                                               or reports saved with --detail full)\n"
	"       flashlint rules                         list the rules\n"
	"       flashlint explain ID                    show a rule's documentation\n"
	"       flashlint link [check options] -- LINK COMMAND\n"
	"                                               run a link; when it fails, check\n"
	"                                               the map it names (-Map=FILE)\n"
	"       flashlint --version                     the version and the data directory\n"
	"\n"
	"check options:\n"
	"  --elf FILE, --map FILE, --config FILE   the application's ELF, linker map, .config\n"
	"  --pm FILE                 a pm_static.yml (or a generated partitions.yml)\n"
	"  --dts FILE                the application's zephyr.dts\n"
	"  --image NAME=DIR          an image's build directory (repeatable)\n"
	"  --data DIR                flash-driver and SoC XIP data (default: the installed\n"
	"                            share/flashlint/data, else the source tree's rules/data)\n"
	"  --format text|json|sarif|md  output format (default text, on stderr;\n"
	"                            json: flashlint-report/1, sarif: SARIF 2.1.0,\n"
	"                            md: a pull-request comment)\n"
	"  --budgets FILE            the budgets file (default: flashlint.yml beside\n"
	"                            pm_static.yml or in the application source directory)\n"
	"  --detail full             json: add what 'flashlint diff' compares, so the saved\n"
	"                            report can stand in for the build directory\n"
	"  -o FILE                   write the report to FILE (through a temporary file\n"
	"                            renamed into place; a FIFO or device is written in\n"
	"                            place, never replaced)\n"
	"  --on-input-error keep|replace  when an input cannot be read (exit 2), keep an\n"
	"                            existing -o FILE as it was (keep, the default) or\n"
	"                            replace it with this run's report\n"
	"  -W NAME, -Wno-NAME        enable / disable a rule (ID or name)\n"
	"  -Werror, -Werror=NAME     turn warnings (of one rule) into errors\n"
	"  --select IDS, --ignore IDS  comma-separated rules to run only / to skip\n"
	"  --region-budget PCT       SEC004 budget in percent (default 95)\n"
	"  --slot-headroom PCT       IMG004: free space a slot keeps, in percent (default 5)\n"
	"  --color auto|always|never\n"
	"  --max-input-size N[K|M|G]  refuse (INP001) an input file larger than this\n"
	"                            (default 4G; also FLASHLINT_MAX_INPUT); every input\n"
	"                            must be a regular file\n"
	"\n"
	"diff options:\n"
	"  --format text|md|json|sarif  text (default), a pull-request comment, flashlint-diff/1,\n"
	"                            or SARIF 2.1.0 with the new findings only\n"
	"  -o FILE                   write the diff to FILE, as check writes its report\n"
	"  --fail-on LIST            exit 1 on: new-errors, growth:BYTES (an image loads more\n"
	"                            than BYTES more), headroom:PCT (a slot keeps less free)\n"
	"  --data DIR                as for check\n"
	"\n"
	"exit status: 0 no errors, 1 errors reported, 2 usage error or unreadable input\n";

#define FL_CLI_MAX_IMAGES 32

struct cli {
	struct fl_layout_opts layout;
	const char *image_names[FL_CLI_MAX_IMAGES]; /* --image NAME=DIR */
	const char *image_dirs[FL_CLI_MAX_IMAGES];
	size_t n_images;
	const char *format;
	const char *output;
	const char *color; /* auto, always, never */
	const char *data;  /* --data DIR, or NULL for fl_data_dir()'s default */
	bool replace_on_input_error; /* --on-input-error replace */
	const char *detail; /* --detail: "summary" (default) or "full" */
	const char *budgets; /* --budgets FILE, or NULL: flashlint.yml found with the build */
	const char *baseline; /* report --baseline BASE: a build directory or saved report */
	const struct fl_diff *diff; /* report: the changes since the baseline, or NULL */
};

/* Apply -W/-Wno-/--select/--ignore to one rule name. */
static int set_rule(struct fl_config *cfg, const char *name, enum fl_severity sev)
{
	unsigned r = fl_rule_lookup(name);
	if (r == FL_RULE_NONE)
		return -1;
	if (sev == FL_SEV_NOTE) /* "enable": back to its default severity */
		sev = fl_rules[r].severity;
	cfg->severity[r] = sev;
	return 0;
}

static int set_rule_list(struct fl_config *cfg, const char *list, bool only)
{
	char buf[512];
	if (strlen(list) >= sizeof(buf))
		return fl_cli_usage_error("rule list too long: %s", list);
	if (only)
		for (int i = 0; i < FL_RULE_COUNT; i++)
			cfg->severity[i] = FL_SEV_OFF;
	strcpy(buf, list);
	int n = 0;
	for (char *save, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save), n++)
		if (set_rule(cfg, t, only ? FL_SEV_NOTE : FL_SEV_OFF) < 0)
			return fl_cli_usage_error("unknown rule '%s' (see 'flashlint rules')", t);
	if (!n)
		return fl_cli_usage_error("'%s' names no rule (a comma-separated list of IDs or names)", list);
	return 0;
}

/* "--name VALUE" or "--name=VALUE". */
static bool opt_value(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n))
		return false;
	if (argv[*i][n] == '=') {
		*val = argv[*i] + n + 1;
		return true;
	}
	if (argv[*i][n] != '\0')
		return false;
	*val = *i + 1 < argc ? argv[++*i] : NULL;
	return true;
}

/* A byte count: digits with an optional K, M or G (powers of 1024); 0 when it is
 * none or is 0. */
static uint64_t parse_size(const char *v)
{
	char *end;
	errno = 0;
	unsigned long long n = v && *v >= '0' && *v <= '9' ? strtoull(v, &end, 10) : 0;
	if (!n || errno)
		return 0;
	unsigned shift = *end == 'K' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
	if ((shift && end[1]) || (!shift && *end) || n > UINT64_MAX >> shift)
		return 0;
	return (uint64_t)n << shift;
}

static int parse_check(int argc, char **argv, struct cli *o, struct fl_config *cfg)
{
	const char *env = getenv("FLASHLINT_MAX_INPUT");
	if (env && *env && !(cfg->max_input = parse_size(env)))
		return fl_cli_usage_error("FLASHLINT_MAX_INPUT takes a size in bytes (K, M, G allowed), not '%s'",
				   env);
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		if (opt_value(argc, argv, &i, "--elf", &v))
			o->layout.elf = v;
		else if (opt_value(argc, argv, &i, "--map", &v))
			o->layout.map = v;
		else if (opt_value(argc, argv, &i, "--pm", &v))
			o->layout.pm = v;
		else if (opt_value(argc, argv, &i, "--config", &v))
			o->layout.config = v;
		else if (opt_value(argc, argv, &i, "--dts", &v))
			o->layout.dts = v;
		else if (opt_value(argc, argv, &i, "--budgets", &v))
			o->budgets = v;
		else if (!strcmp(argv[1], "report") && opt_value(argc, argv, &i, "--baseline", &v))
			o->baseline = v;
		else if (opt_value(argc, argv, &i, "--data", &v)) {
			if (v && !*v)
				return fl_cli_usage_error("%s", "--data needs a directory");
			o->data = v;
		}
		else if (opt_value(argc, argv, &i, "--image", &v)) {
			const char *eq = v ? strchr(v, '=') : NULL;
			if (!eq || eq == v || !eq[1])
				return fl_cli_usage_error("--image takes NAME=DIR, not '%s'", v ? v : "");
			if (o->n_images == FL_CLI_MAX_IMAGES)
				return fl_cli_usage_error("more than 32 --image options ('%s')", v);
			/* argv strings are writable: split NAME=DIR in place */
			((char *)v)[eq - v] = '\0';
			o->image_names[o->n_images] = v;
			o->image_dirs[o->n_images++] = eq + 1;
			o->layout.image_names = o->image_names;
			o->layout.image_dirs = o->image_dirs;
			o->layout.n_images = o->n_images;
			continue;
		}
		else if (opt_value(argc, argv, &i, "--format", &v))
			o->format = v;
		else if (opt_value(argc, argv, &i, "-o", &v) || opt_value(argc, argv, &i, "--output", &v))
			o->output = v;
		else if (opt_value(argc, argv, &i, "--color", &v))
			o->color = v;
		else if (opt_value(argc, argv, &i, "--max-input-size", &v)) {
			if (!(cfg->max_input = parse_size(v)))
				return fl_cli_usage_error("--max-input-size takes a size in bytes (K, M, G allowed), not '%s'",
						   v ? v : "");
			continue;
		} else if (opt_value(argc, argv, &i, "--on-input-error", &v)) {
			if (!v || (strcmp(v, "keep") && strcmp(v, "replace")))
				return fl_cli_usage_error("--on-input-error takes keep or replace, not '%s'",
						   v ? v : "");
			o->replace_on_input_error = !strcmp(v, "replace");
			continue;
		}
		else if (opt_value(argc, argv, &i, "--detail", &v))
			o->detail = v;
		else if (opt_value(argc, argv, &i, "--select", &v) ||
			 opt_value(argc, argv, &i, "--ignore", &v)) {
			if (!v)
				return fl_cli_usage_error("%s needs a list of rules", a);
			int rc = set_rule_list(cfg, v, !strncmp(a, "--select", 8));
			if (rc)
				return rc;
			continue;
		} else if (opt_value(argc, argv, &i, "--region-budget", &v)) {
			char *end;
			long pct = v ? strtol(v, &end, 10) : -1;
			if (!v || *end || pct < 1 || pct > 100)
				return fl_cli_usage_error("--region-budget takes a percentage from 1 to 100, not '%s'",
						   v ? v : "");
			cfg->headroom_percent = (unsigned)pct;
			continue;
		} else if (opt_value(argc, argv, &i, "--slot-headroom", &v)) {
			char *end;
			long pct = v ? strtol(v, &end, 10) : -1;
			if (!v || *end || pct < 0 || pct > 99)
				return fl_cli_usage_error("--slot-headroom takes a percentage from 0 to 99, not '%s'",
						   v ? v : "");
			cfg->slot_headroom_percent = (unsigned)pct;
			continue;
		} else if (!strcmp(a, "-Werror")) {
			cfg->werror_all = true;
			continue;
		} else if (!strncmp(a, "-Werror=", 8)) {
			unsigned r = fl_rule_lookup(a + 8);
			if (r == FL_RULE_NONE)
				return fl_cli_usage_error("unknown rule '%s' (see 'flashlint rules')", a + 8);
			cfg->werror[r] = true;
			continue;
		} else if (!strncmp(a, "-Wno-", 5)) {
			if (set_rule(cfg, a + 5, FL_SEV_OFF) < 0)
				return fl_cli_usage_error("unknown rule '%s' (see 'flashlint rules')", a + 5);
			continue;
		} else if (!strncmp(a, "-W", 2)) {
			const char *name = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
			if (!name || set_rule(cfg, name, FL_SEV_NOTE) < 0)
				return fl_cli_usage_error("unknown rule '%s' (see 'flashlint rules')", name ? name : "");
			continue;
		} else if (a[0] == '-' && a[1])
			return fl_cli_usage_error("unknown option '%s'", a);
		else if (o->layout.build_dir)
			return fl_cli_usage_error("more than one build directory given ('%s')", a);
		else {
			o->layout.build_dir = a;
			continue;
		}
		if (!v)
			return fl_cli_usage_error("option '%s' needs a value", a);
	}
	if (strcmp(o->format, "text") && strcmp(o->format, "json") && strcmp(o->format, "sarif") &&
	    strcmp(o->format, "md"))
		return fl_cli_usage_error("unknown format '%s' (text, json, sarif or md)", o->format);
	if (o->detail && strcmp(o->detail, "summary") && (strcmp(o->detail, "full") || strcmp(o->format, "json")))
		return fl_cli_usage_error("--detail takes summary, or full with --format json, not '%s'",
					  o->detail);
	if (strcmp(o->color, "auto") && strcmp(o->color, "always") && strcmp(o->color, "never"))
		return fl_cli_usage_error("--color takes auto, always or never, not '%s'", o->color);
	if (!o->layout.build_dir && !o->layout.elf && !o->layout.map && !o->layout.pm &&
	    !o->layout.dts && !o->n_images)
		o->layout.build_dir = access("build", F_OK) == 0 ? "build" : ".";
	return 0;
}

/* What write_report hands to the shared writer: one reporter and its inputs. */
struct report_job {
	const struct cli *o;        /* the options: colour, -o */
	const struct fl_reporter *r; /* the format */
	struct fl_run *run;         /* the diagnostics */
	const struct fl_model *m;   /* the model they are about */
};

static int emit_report(FILE *f, bool stream, void *ctx)
{
	const struct report_job *j = ctx;
	const struct cli *o = j->o;
	bool color = stream && !o->output && !strcmp(j->r->name, "text") &&
		     (!strcmp(o->color, "always") ||
		      (!strcmp(o->color, "auto") && !getenv("NO_COLOR") && isatty(fileno(f))));
	return fl_report_diff(j->r, f, j->run, j->m, color, o->diff);
}

/* Write the report: text to stderr, other formats to stdout, or to -o FILE
 * (fl_cli_write). After an input error an existing FILE is kept unless
 * --on-input-error replace was given. Returns 0 (written), 1 (FILE kept) or
 * -FL_EIO. */
static int write_report(const struct cli *o, const struct fl_reporter *r, struct fl_run *run,
			const struct fl_model *m)
{
	struct report_job job = { .o = o, .r = r, .run = run, .m = m };
	struct fl_cli_emitter e = { .emit = emit_report, .ctx = &job };
	FILE *stream = !strcmp(r->name, "text") && !o->output ? stderr : stdout;
	return fl_cli_write(run->arena, o->output, stream,
			    run->input_failed && !o->replace_on_input_error,
			    " (--on-input-error replace writes it)", &e);
}

/* What check and report share, in two steps: the run and its options (on a usage
 * error: its exit status, with run already freed), then loading the build into m
 * and running the rules. */
static int parse_run(int argc, char **argv, struct cli *o, struct fl_run *run)
{
	if (fl_run_init(run, &fl_catalogue))
		return EXIT_USAGE;
	int rc = parse_check(argc, argv, o, &run->cfg);
	if (rc)
		fl_run_free(run);
	return rc;
}

/* data holds the flash-driver and XIP knowledge for the rules; it must live as
 * long as m. A data directory that cannot be read is an INP001 (exit 2). */
static void analyse(struct fl_run *run, struct fl_model *m, struct fl_data *data,
		    const struct cli *o)
{
	fl_layout_load(run, m, &o->layout);
	const char *budgets = o->budgets ? o->budgets : fl_budgets_locate(run, m);
	if (budgets)
		fl_budgets_read(run, fl_alloc(run->arena, sizeof(struct fl_budgets)), budgets);
	if (fl_data_load(run, data, fl_cli_data_dir(o->data)) == 0)
		m->data = data;
	fl_model_freeze(run, m);
	fl_rules_run(run, m);
	fl_diags_finish(run);
}

static int cmd_check(int argc, char **argv)
{
	struct fl_run run;
	struct cli o = { .format = "text", .color = "auto" };
	struct fl_model m = { 0 };
	struct fl_data data = { 0 };
	int rc = parse_run(argc, argv, &o, &run);
	if (rc)
		return rc;
	analyse(&run, &m, &data, &o);

	int status = 0;
	bool full = o.detail && !strcmp(o.detail, "full");
	if (write_report(&o, full ? &fl_report_json_full : fl_reporter_find(o.format), &run, &m) < 0)
		status = EXIT_USAGE;
	else if (run.input_failed)
		status = EXIT_USAGE;
	else if (run.diags.count[FL_SEV_ERROR])
		status = EXIT_FINDINGS;
	fl_run_free(&run);
	return status;
}

/* `flashlint report`: the analysis of check, written as the HTML memory map. The
 * findings are in the page and do not fail the command; unreadable input does
 * (exit 2, with the diagnostics on stderr as check prints them). */
static int cmd_report(int argc, char **argv)
{
	static const char text_format[] = "text"; /* any other: --format was given */
	struct fl_run run;
	struct cli o = { .format = text_format, .color = "never" };
	struct fl_model m = { 0 };
	struct fl_data data = { 0 };
	int rc = parse_run(argc, argv, &o, &run);
	if (rc)
		return rc;
	if (o.format != text_format || !o.output) {
		fl_run_free(&run);
		return fl_cli_usage_error("%s", o.output
						  ? "report writes HTML only: --format is an option of check"
						  : "report needs -o FILE (the HTML page to write)");
	}
	analyse(&run, &m, &data, &o);
	int status = 0;
	struct fl_cli_side *base = NULL;
	if (o.baseline) {
		base = fl_cli_side_load(o.baseline, o.data);
		if (!base) {
			fl_run_free(&run);
			return EXIT_USAGE;
		}
		struct fl_digest *now = fl_alloc(run.arena, sizeof(*now));
		struct fl_diff *d = fl_alloc(run.arena, sizeof(*d));
		fl_digest_build(run.arena, now, &run, &m);
		fl_diff_compute(run.arena, d, fl_cli_side_digest(base), now, NULL);
		o.diff = d;
	}
	rc = write_report(&o, &fl_report_html, &run, &m);
	fl_cli_side_free(base);
	if (rc < 0)
		status = EXIT_USAGE;
	else if (rc == 0 && strcmp(o.output, "-") && strcmp(o.output, "/dev/stdout")) {
		fputs("wrote ", stdout);
		fl_fput_esc(o.output, stdout);
		fputc('\n', stdout);
	}
	if (run.input_failed) {
		fl_report(&fl_report_text, stderr, &run, &m, false);
		status = EXIT_USAGE;
	}
	fl_run_free(&run);
	return status;
}

static int cmd_rules(void)
{
	for (int i = 0; i < FL_RULE_COUNT; i++)
		printf("%s  %-30s %-7s %s\n", fl_rules[i].id, fl_rules[i].name,
		       fl_severity_name(fl_rules[i].severity), fl_rules[i].summary);
	return 0;
}

static int cmd_explain(int argc, char **argv)
{
	if (argc != 3)
		return fl_cli_usage_error("%s", "explain takes one rule ID or name");
	unsigned r = fl_rule_lookup(argv[2]);
	if (r == FL_RULE_NONE)
		return fl_cli_usage_error("unknown rule '%s' (see 'flashlint rules')", argv[2]);
	const char *doc = fl_rule_doc(r);
	if (!doc) {
		printf("%s %s: %s\n", fl_rules[r].id, fl_rules[r].name, fl_rules[r].summary);
		return 0;
	}
	fputs(doc, stdout);
	return 0;
}

static int run_command(int argc, char **argv)
{
	if (argc < 2)
		return fl_cli_usage_error("%s", "no command given");
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("flashlint %s\ndata: %s\n", FLASHLINT_VERSION, fl_cli_data_dir(NULL));
		return 0;
	}
	if (!strcmp(cmd, "check"))
		return cmd_check(argc, argv);
	if (!strcmp(cmd, "report"))
		return cmd_report(argc, argv);
	if (!strcmp(cmd, "diff"))
		return fl_cli_diff(argc, argv);
	if (!strcmp(cmd, "rules"))
		return cmd_rules();
	if (!strcmp(cmd, "explain"))
		return cmd_explain(argc, argv);
	if (!strcmp(cmd, "link"))
		return fl_cli_link(argc, argv);
	return fl_cli_usage_error("unknown command '%s'", cmd);
}

/* Whatever a command wrote to stdout (the rules, a doc page, 'wrote FILE') must
 * have been written: a full disk or a closed pipe is an error too. */
int main(int argc, char **argv)
{
	int status = run_command(argc, argv);
	if (status != EXIT_USAGE && (fflush(stdout) || ferror(stdout))) {
		fl_cli_write_error("<stdout>", errno ? errno : EIO);
		status = EXIT_USAGE;
	}
	return status;
}
