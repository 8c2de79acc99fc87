// SPDX-License-Identifier: Apache-2.0
/*
 * The SARIF reporter: the rules[] of the whole catalogue, the exact fields of
 * results (ruleId, level after -Werror, regions, related locations, properties,
 * fingerprints), percent-encoded URIs, notifications, the exit code, and the
 * escaping of hostile strings. Documents are read back with Python's json module.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "flashlint/report.h"
#include "flashlint/rules.h"
#include "check_util.h"

/* ---- helpers ------------------------------------------------------------------ */

static char *render(const struct fl_run *run, const struct fl_model *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fl_report(&fl_report_sarif, f, run, m, false), 0);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_uint_eq(strlen(buf), len);
	return buf;
}

/* A fresh temporary file name (malloc'ed); the caller unlinks and frees it. */
static char *temp_path(const char *tag)
{
	const char *dir = getenv("TMPDIR");
	size_t len = strlen(dir && *dir ? dir : "/tmp") + strlen(tag) + 24;
	char *path = malloc(len);
	ck_assert_ptr_nonnull(path);
	snprintf(path, len, "%s/flashlint-%s-XXXXXX", dir && *dir ? dir : "/tmp", tag);
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	return path;
}

/* A Python expression over the parsed log and the JSON text of its value. */
struct query {
	const char *expr;
	const char *want;
};

/*
 * Evaluate every q[i].expr in one Python process with d = the log (parsed
 * strictly: a stray control character or a duplicate key fails), R = its run,
 * res = its results, rules = its rules, and compare the JSON of each value
 * (ensure_ascii, sorted keys) with q[i].want.
 */
static void check_queries(const char *doc, const struct query *q, size_t n)
{
	char *in = temp_path("sarif-doc"), *ex = temp_path("sarif-expr");
	char *outp = temp_path("sarif-out");
	FILE *f = fopen(in, "w");
	ck_assert_ptr_nonnull(f);
	fputs(doc, f);
	ck_assert_int_eq(fclose(f), 0);
	f = fopen(ex, "w");
	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n", q[i].expr);
	ck_assert_int_eq(fclose(f), 0);

	char cmd[2048];
	snprintf(cmd, sizeof(cmd),
		 "python3 -c '\n"
		 "import json, os, sys, urllib.parse\n"
		 "def strict(pairs):\n"
		 "    keys = [k for k, _ in pairs]\n"
		 "    assert len(keys) == len(set(keys)), keys\n"
		 "    return dict(pairs)\n"
		 "d = json.load(open(sys.argv[1], encoding=\"utf-8\"), object_pairs_hook=strict)\n"
		 "R = d[\"runs\"][0]; res = R[\"results\"]; rules = R[\"tool\"][\"driver\"][\"rules\"]\n"
		 "with open(sys.argv[3], \"w\") as out:\n"
		 "    for e in open(sys.argv[2], encoding=\"utf-8\").read().splitlines():\n"
		 "        out.write(json.dumps(eval(e), sort_keys=True) + \"\\n\")\n"
		 "' '%s' '%s' '%s'",
		 in, ex, outp);
	int rc = system(cmd);
	ck_assert_msg(rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) == 0, "python failed on:\n%s", doc);

	f = fopen(outp, "r");
	ck_assert_ptr_nonnull(f);
	char *line = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < n; i++) {
		ssize_t len = getline(&line, &cap, f);
		ck_assert_int_gt(len, 0);
		line[len - 1] = '\0';
		ck_assert_msg(!strcmp(line, q[i].want), "%s\n  is: %s\n want: %s", q[i].expr, line,
			      q[i].want);
	}
	free(line);
	fclose(f);
	unlink(in);
	unlink(ex);
	unlink(outp);
	free(in);
	free(ex);
	free(outp);
}

#define CHECK(doc, ...)                                                           \
	do {                                                                      \
		const struct query q_[] = { __VA_ARGS__ };                        \
		check_queries((doc), q_, sizeof(q_) / sizeof(q_[0]));             \
	} while (0)

/* printf into the run's arena, for queries that name catalogue positions. */
#define S(...) fl_printf(run.arena, __VA_ARGS__)

/* ---- model -------------------------------------------------------------------- */

static void add_input(struct fl_run *run, struct fl_model *m, const char *path,
		      enum fl_input_kind kind, const char *image)
{
	struct fl_input_file *in = fl_vec_push(run->arena, &m->inputs);
	in->path = path;
	in->kind = kind;
	in->image = image;
}

/*
 * Inputs with paths that need encoding, and findings of every shape: an error
 * with located and unlocated notes and a repeated number, a warning turned into
 * an error by -Werror=SEC004, a finding without a line, one without a file, a
 * free-standing note and, with `inp`, an INP001.
 */
static void build_run(struct fl_run *run, struct fl_model *m, bool inp)
{
	ck_assert_int_eq(fl_run_init(run, &fl_catalogue), 0);
	memset(m, 0, sizeof(*m));
	run->cfg.werror[FL_RULE_SEC004] = true;
	run->cfg.severity[FL_RULE_SEC002] = FL_SEV_OFF;

	add_input(run, m, "./zephyr/my map#1%.map", FL_IN_MAP, "app");
	add_input(run, m, "/b/\xc3\xbc dir/partitions.yml", FL_IN_PM_PARTITIONS, NULL);
	add_input(run, m, "./zephyr/my map#1%.map", FL_IN_MAP, "app"); /* listed once */
	m->frozen = true;

	struct fl_diag *d = fl_diag(run, FL_RULE_SEC003,
				    (struct fl_pos){ "./zephyr/my map#1%.map", 294, 7 },
				    "region 'FLASH' overflowed by 32572 bytes");
	d->image = "app";
	fl_diag_num(run, d, "overflow", 1);
	fl_diag_num(run, d, "length", 482816);
	fl_diag_num(run, d, "overflow", 32572);
	fl_diag_note(run, d, (struct fl_pos){ "/b/\xc3\xbc dir/partitions.yml", 14, 0 },
		     "region 'FLASH' is partition 'app'");
	fl_diag_note(run, d, (struct fl_pos){ 0 }, "to fix: shrink it");
	fl_diag_note(run, d, (struct fl_pos){ "/b/./c/../d.map", 0, 0 }, "the map");

	fl_diag(run, FL_RULE_SEC004, (struct fl_pos){ "zephyr/zephyr.map", 9, 0 },
		"region 'RAM' is 97%% full");
	fl_diag(run, FL_RULE_IMG001, (struct fl_pos){ "/b/zephyr/zephyr.elf", 0, 0 },
		"image 'app' is 454 bytes too large");
	fl_diag(run, FL_RULE_INP002, (struct fl_pos){ 0 }, "no file at all");
	fl_note_at(run, (struct fl_pos){ 0 }, "rule XFL001 skipped: no .config");
	if (inp)
		fl_inp(run, "bad.yml", 3, 5, "expected a mapping");
	fl_diags_finish(run);
}

/* ---- tests --------------------------------------------------------------------- */

START_TEST(test_header_and_rules)
{
	struct fl_run run;
	struct fl_model m;
	build_run(&run, &m, false);
	char *doc = render(&run, &m);

	CHECK(doc,
	      { "d[\"version\"]", "\"2.1.0\"" },
	      { "d[\"$schema\"]",
		"\"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json\"" },
	      { "len(d[\"runs\"])", "1" },
	      { "R[\"tool\"][\"driver\"][\"name\"]", "\"flashlint\"" },
	      { "R[\"tool\"][\"driver\"][\"version\"] == R[\"tool\"][\"driver\"][\"semanticVersion\"] != \"\"", "true" },
	      { "R[\"tool\"][\"driver\"][\"informationUri\"]", "\"https://github.com/flashlint/flashlint\"" },
	      { S("len(rules) == %d", FL_RULE_COUNT), "true" },
	      { S("rules[%d][\"name\"]", FL_RULE_SEC004), "\"region-nearly-full\"" },
	      { S("rules[%d][\"shortDescription\"][\"text\"]", FL_RULE_SEC004),
		"\"a MEMORY region is filled above its budget\"" },
	      { S("rules[%d][\"defaultConfiguration\"]", FL_RULE_SEC004), "{\"level\": \"warning\"}" },
	      { S("rules[%d][\"defaultConfiguration\"]", FL_RULE_IMG001), "{\"level\": \"error\"}" },
	      { S("rules[%d][\"helpUri\"]", FL_RULE_INP001),
		"\"https://github.com/flashlint/flashlint/blob/main/rules/docs/INP001.md\"" },
	      /* the first paragraph of "What it checks", as plain text */
	      { S("rules[%d][\"fullDescription\"][\"text\"][:75]", FL_RULE_SEC001),
		"\"For the application image of an MCUboot build \\u2014 every layout IMG001 signs: \"" },
	      { "any(c in r[\"fullDescription\"][\"text\"] for r in rules for c in \"`*\\n\")", "false" },
	      { S("rules[%d][\"fullDescription\"][\"text\"].endswith(\"with devicetree partitions, the flash device the slot is a partition of.\")",
		  FL_RULE_SEC001),
		"true" },
	      { S("rules[%d][\"help\"][\"markdown\"] == rules[%d][\"help\"][\"text\"]", FL_RULE_SEC003,
		  FL_RULE_SEC003), "true" },
	      { S("rules[%d][\"help\"][\"markdown\"].startswith(\"# SEC003 region-overflow: \")",
		  FL_RULE_SEC003), "true" },
	      /* artifacts: one per distinct input, percent-encoded */
	      { "[a[\"location\"] for a in R[\"artifacts\"]]",
		"[{\"uri\": \"zephyr/my%20map%231%25.map\", \"uriBaseId\": \"%SRCROOT%\"}, "
		"{\"uri\": \"file:///b/%C3%BC%20dir/partitions.yml\"}]" },
	      { "R[\"artifacts\"][0][\"description\"][\"text\"]", "\"linker map of image 'app'\"" },
	      { "R[\"originalUriBaseIds\"][\"%SRCROOT%\"][\"uri\"] == \"file://\" + urllib.parse.quote(os.getcwd()) + \"/\"",
		"true" });

	/* Every catalogue rule, in catalogue order, so that ruleIndex is the enum;
	 * with its doc page, when it has one. */
	struct query q[FL_RULE_COUNT];
	for (int i = 0; i < FL_RULE_COUNT; i++) {
		static const char *const level[] = { "none", "note", "warning", "error" };
		q[i].expr = S("[rules[%d][k] for k in (\"id\", \"name\", \"helpUri\")] + "
			      "[rules[%d][\"defaultConfiguration\"][\"level\"], \"help\" in rules[%d]]",
			      i, i, i);
		q[i].want = S("[\"%s\", \"%s\", \"%s%s.md\", \"%s\", %s]", fl_rules[i].id,
			      fl_rules[i].name, FL_RULE_DOC_URL, fl_rules[i].id,
			      level[fl_rules[i].severity], fl_rule_doc((enum fl_rule_id)i) ? "true" : "false");
	}
	check_queries(doc, q, FL_RULE_COUNT);
	free(doc);
	fl_run_free(&run);
}
END_TEST

START_TEST(test_results)
{
	struct fl_run run;
	struct fl_model m;
	build_run(&run, &m, false);
	char *doc = render(&run, &m);

	/* Sorted order: "./zephyr/my map...", "/b/zephyr/zephyr.elf", "zephyr/zephyr.map",
	 * then the location-less ones. */
	CHECK(doc,
	      { "[r[\"ruleId\"] for r in res]", "[\"SEC003\", \"IMG001\", \"SEC004\", \"INP002\"]" },
	      { "[r[\"ruleIndex\"] for r in res]",
		S("[%d, %d, %d, %d]", FL_RULE_SEC003, FL_RULE_IMG001, FL_RULE_SEC004, FL_RULE_INP002) },
	      { "[r[\"level\"] for r in res]", "[\"error\", \"error\", \"error\", \"error\"]" },
	      { "res[0][\"message\"][\"text\"]",
		"\"region 'FLASH' overflowed by 32572 bytes\\nto fix: shrink it\"" },
	      { "res[0][\"locations\"][0][\"physicalLocation\"]",
		"{\"artifactLocation\": {\"uri\": \"zephyr/my%20map%231%25.map\", \"uriBaseId\": \"%SRCROOT%\"}, "
		"\"region\": {\"startColumn\": 7, \"startLine\": 294}}" },
	      { "len(res[0][\"relatedLocations\"])", "2" },
	      { "res[0][\"relatedLocations\"][0]",
		"{\"id\": 1, \"message\": {\"text\": \"region 'FLASH' is partition 'app'\"}, "
		"\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"file:///b/%C3%BC%20dir/partitions.yml\"}, "
		"\"region\": {\"startLine\": 14}}}" },
	      /* a file without a line: no region; ".." resolved away */
	      { "res[0][\"relatedLocations\"][1][\"physicalLocation\"]",
		"{\"artifactLocation\": {\"uri\": \"file:///b/d.map\"}}" },
	      { "res[0][\"relatedLocations\"][1][\"id\"]", "2" },
	      /* each number once, the last value, as integers; then the image */
	      { "res[0][\"properties\"]", "{\"image\": \"app\", \"length\": 482816, \"overflow\": 32572}" },
	      { "list(res[0][\"properties\"])", "[\"overflow\", \"length\", \"image\"]" },
	      { "res[1][\"locations\"][0][\"physicalLocation\"]",
		"{\"artifactLocation\": {\"uri\": \"file:///b/zephyr/zephyr.elf\"}}" },
	      { "\"relatedLocations\" in res[1] or \"properties\" in res[1]", "false" },
	      { "res[2][\"locations\"][0][\"physicalLocation\"][\"region\"]", "{\"startLine\": 9}" },
	      { "\"locations\" in res[3]", "false" },
	      { "[len(r[\"partialFingerprints\"][\"flashlint/v1\"]) for r in res]", "[16, 16, 16, 16]" },
	      { "len({r[\"partialFingerprints\"][\"flashlint/v1\"] for r in res})", "4" },
	      /* the run: exit 1 for errors, -Werror=SEC004 and -Wno-SEC002 as overrides */
	      { "R[\"invocations\"][0][\"executionSuccessful\"]", "true" },
	      { "R[\"invocations\"][0][\"exitCode\"]", "1" },
	      { "R[\"invocations\"][0][\"ruleConfigurationOverrides\"]",
		S("[{\"configuration\": {\"enabled\": false}, \"descriptor\": {\"id\": \"SEC002\", \"index\": %d}}, "
		  "{\"configuration\": {\"level\": \"error\"}, \"descriptor\": {\"id\": \"SEC004\", \"index\": %d}}]",
		  FL_RULE_SEC002, FL_RULE_SEC004) },
	      { "R[\"invocations\"][0][\"toolExecutionNotifications\"]",
		"[{\"level\": \"note\", \"message\": {\"text\": \"rule XFL001 skipped: no .config\"}}]" });
	free(doc);
	fl_run_free(&run);
}
END_TEST

/* An unreadable input: INP001 is an ordinary result and the exit code is 2. */
START_TEST(test_inp001_exit_code)
{
	struct fl_run run;
	struct fl_model m;
	build_run(&run, &m, true);
	char *doc = render(&run, &m);
	CHECK(doc,
	      { "[r[\"ruleId\"] for r in res][:2]", "[\"SEC003\", \"IMG001\"]" },
	      { "[r for r in res if r[\"ruleId\"] == \"INP001\"][0][\"locations\"][0][\"physicalLocation\"]",
		"{\"artifactLocation\": {\"uri\": \"bad.yml\", \"uriBaseId\": \"%SRCROOT%\"}, "
		"\"region\": {\"startColumn\": 5, \"startLine\": 3}}" },
	      { "[r[\"ruleIndex\"] for r in res if r[\"ruleId\"] == \"INP001\"]", S("[%d]", FL_RULE_INP001) },
	      { "R[\"invocations\"][0][\"exitCode\"]", "2" });
	free(doc);
	fl_run_free(&run);
}
END_TEST

/* The fingerprint ignores numbers and lines: a finding whose byte counts change
 * keeps its identity; another file or rule does not. */
START_TEST(test_fingerprint_stability)
{
	struct fl_run run;
	struct fl_model m = { 0 };
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	fl_diag(&run, FL_RULE_SEC003, (struct fl_pos){ "a.map", 10, 1 },
		"region 'FLASH' overflowed by 12 (0xc) bytes at 0x1000");
	fl_diag(&run, FL_RULE_SEC003, (struct fl_pos){ "a.map", 99, 1 },
		"region 'FLASH' overflowed by 4464 (0x1170) bytes at 0x20");
	fl_diag(&run, FL_RULE_SEC003, (struct fl_pos){ "b.map", 10, 1 },
		"region 'FLASH' overflowed by 12 (0xc) bytes at 0x1000");
	fl_diag(&run, FL_RULE_SEC004, (struct fl_pos){ "c.map", 10, 1 },
		"region 'FLASH' overflowed by 12 (0xc) bytes at 0x1000");
	fl_diag(&run, FL_RULE_SEC003, (struct fl_pos){ "d.map", 10, 1 }, "region 'RAM' overflowed");
	fl_diag(&run, FL_RULE_SEC003, (struct fl_pos){ "d.map", 11, 1 }, "region 'ROM' overflowed");
	fl_diags_finish(&run);
	char *doc = render(&run, &m);
	CHECK(doc,
	      { "[r[\"partialFingerprints\"][\"flashlint/v1\"] for r in res][0] == "
		"[r[\"partialFingerprints\"][\"flashlint/v1\"] for r in res][1]", "true" },
	      { "len({r[\"partialFingerprints\"][\"flashlint/v1\"] for r in res})", "5" },
	      { "\"artifacts\" in R", "false" },
	      { "R[\"invocations\"][0][\"exitCode\"]", "1" });
	free(doc);
	fl_run_free(&run);
}
END_TEST

/* Every byte of a hostile string reaches the log as valid JSON. */
START_TEST(test_escaping)
{
	struct fl_run run;
	struct fl_model m = { 0 };
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	struct fl_diag *d = fl_diag(&run, FL_RULE_SEC002,
				    (struct fl_pos){ "we\"ird\\ <img src=x onerror=alert(1)>\x01.map", 1, 0 },
				    "section '\"\\\x1f\x7f' \xff\xc3\x28 \xe2\x82\xac \xf0\x9f\x98\x80 </script>");
	d->image = "<img src=x onerror=alert(1)>";
	fl_diag_note(&run, d, (struct fl_pos){ "?#[]@!$&'()*+,;= :", 2, 0 }, "tab\there");
	fl_diags_finish(&run);
	char *doc = render(&run, &m);
	/* no raw control byte anywhere */
	for (const char *p = doc; *p; p++)
		ck_assert_msg((unsigned char)*p >= 0x20 || *p == '\n', "raw control byte 0x%02x", *p);
	CHECK(doc,
	      { "res[0][\"message\"][\"text\"]",
		"\"section '\\\"\\\\\\u001f\\u007f' \\ufffd\\ufffd( \\u20ac \\ud83d\\ude00 </script>\"" },
	      { "res[0][\"properties\"][\"image\"]", "\"<img src=x onerror=alert(1)>\"" },
	      { "res[0][\"locations\"][0][\"physicalLocation\"][\"artifactLocation\"][\"uri\"]",
		"\"we%22ird%5C%20%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%01.map\"" },
	      { "res[0][\"relatedLocations\"][0][\"physicalLocation\"][\"artifactLocation\"][\"uri\"]",
		"\"%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%20%3A\"" },
	      { "res[0][\"relatedLocations\"][0][\"message\"][\"text\"]", "\"tab\\there\"" },
	      { "urllib.parse.unquote(res[0][\"locations\"][0][\"physicalLocation\"][\"artifactLocation\"][\"uri\"])",
		"\"we\\\"ird\\\\ <img src=x onerror=alert(1)>\\u0001.map\"" });
	free(doc);
	fl_run_free(&run);
}
END_TEST

/* Paths become URIs: relative ones against %SRCROOT%, absolute ones as file://
 * URIs without "." segments, repeated slashes or ".." (SARIF1002). */
START_TEST(test_uris)
{
	static const char *const paths[] = {
		"././a b/x.map",       /* leading "./" dropped */
		"//b//./c/x.map",      /* absolute: normalised */
		"/../b/c/../x.map",    /* no such file: ".." resolved lexically */
		"no/such/../x.map",    /* relative, cannot be resolved: kept relative */
		".",                   /* the directory flashlint ran in */
		"/",
	};
	struct fl_run run;
	struct fl_model m = { 0 };
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	struct fl_diag *d = fl_diag(&run, FL_RULE_SEC003, (struct fl_pos){ "x.map", 1, 1 }, "m");
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		fl_diag_note(&run, d, (struct fl_pos){ paths[i], 0, 0 }, "p");
	fl_diags_finish(&run);
	char *doc = render(&run, &m);
	CHECK(doc,
	      { "[l[\"physicalLocation\"][\"artifactLocation\"] for l in res[0][\"relatedLocations\"]]",
		"[{\"uri\": \"a%20b/x.map\", \"uriBaseId\": \"%SRCROOT%\"}, "
		"{\"uri\": \"file:///b/c/x.map\"}, "
		"{\"uri\": \"file:///b/x.map\"}, "
		"{\"uri\": \"no/such/../x.map\", \"uriBaseId\": \"%SRCROOT%\"}, "
		"{\"uri\": \".\", \"uriBaseId\": \"%SRCROOT%\"}, "
		"{\"uri\": \"file:///\"}]" });
	free(doc);
	fl_run_free(&run);
}
END_TEST

/* No model (usage errors) and no findings: still a whole, valid log. */
START_TEST(test_empty)
{
	struct fl_run run;
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	fl_diags_finish(&run);
	char *doc = render(&run, NULL);
	CHECK(doc,
	      { "res", "[]" },
	      { "\"artifacts\" in R", "false" },
	      { "R[\"invocations\"]", "[{\"executionSuccessful\": true, \"exitCode\": 0}]" },
	      { S("len(rules) == %d", FL_RULE_COUNT), "true" });
	ck_assert_msg(strstr(doc, "\"results\": []"), "%s", doc);
	free(doc);
	fl_run_free(&run);
}
END_TEST

static Suite *sarif_suite(void)
{
	Suite *s = suite_create("sarif");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_header_and_rules);
	tcase_add_test(tc, test_results);
	tcase_add_test(tc, test_inp001_exit_code);
	tcase_add_test(tc, test_fingerprint_stability);
	tcase_add_test(tc, test_escaping);
	tcase_add_test(tc, test_uris);
	tcase_add_test(tc, test_empty);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(sarif_suite());
}
