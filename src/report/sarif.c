// SPDX-License-Identifier: Apache-2.0
/*
 * The SARIF 2.1.0 reporter: one run whose tool.driver.rules[] is the whole catalogue
 * (each rule with its doc page as help), one result per finding, notes with a place
 * as relatedLocations, free-standing notes as tool execution notifications. The log
 * must stay valid against the OASIS schema and the SARIF validator for any model,
 * even one read from hostile inputs; it must not reorder, filter or judge findings.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flashlint/report.h"
#include "flashlint/rules.h"
#include "json_w.h"

#ifndef FLASHLINT_VERSION
#define FLASHLINT_VERSION "0.1.0"
#endif

#define SARIF_SCHEMA \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
/* Relative input paths are relative to the directory flashlint ran in; code
 * scanning resolves this base as the root of the checkout. */
#define SARIF_SRCROOT "%SRCROOT%"
/* Key of the result fingerprint in partialFingerprints (name/vN, SARIF 3.27.17). */
#define SARIF_FINGERPRINT "flashlint/v1"

/* Nesting depth of the results array, which on_diag and end write into. */
#define SARIF_RESULTS_DEPTH 4 /* { runs [ { results [ */

/* ---- strings ----------------------------------------------------------------- */

static bool sarif_is_unreserved(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' || ch == '_' || ch == '~';
}

/*
 * prefix + path percent-encoded as an RFC 3986 path: '/' separates segments and
 * every byte outside the unreserved set (spaces, '#', '%', '?', ':', '\\',
 * non-ASCII, control bytes) becomes %XX. The result lives in the arena.
 */
static char *sarif_encode_path(struct fl_arena *a, const char *prefix, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t plen = strlen(prefix), n = strlen(path);
	char *out = fl_alloc(a, plen + 3 * n + 1), *o = out;

	memcpy(o, prefix, plen);
	o += plen;
	for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
		if (sarif_is_unreserved(*s) || *s == '/') {
			*o++ = (char)*s;
		} else {
			*o++ = '%';
			*o++ = hex[*s >> 4];
			*o++ = hex[*s & 15];
		}
	}
	*o = '\0';
	return out;
}

/* True if path has a ".." segment. */
static bool sarif_has_dotdot(const char *path)
{
	for (const char *p = path; *p;) {
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return true;
		p += len;
		while (*p == '/')
			p++;
	}
	return false;
}

/*
 * The absolute path `path` without "." segments and repeated slashes, with ".."
 * segments resolved lexically ("/.." is "/", as POSIX has it). Lexical resolution
 * is used only for a file that cannot be resolved on disk.
 */
static char *sarif_lexical_path(struct fl_arena *a, const char *path)
{
	char *out = fl_alloc(a, strlen(path) + 2);
	size_t o = 0;

	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (o && out[o - 1] != '/')
				o--;
			if (o)
				o--;
		} else if (len && !(len == 1 && p[0] == '.')) {
			out[o++] = '/';
			memcpy(out + o, p, len);
			o += len;
		}
		p += len;
	}
	if (!o)
		out[o++] = '/';
	out[o] = '\0';
	return out;
}

/*
 * The artifactLocation of `path`: a relative reference against SARIF_SRCROOT for
 * a relative path (leading "./" removed), a file:// URI for an absolute one. A
 * path through ".." is resolved on disk (or, for an absolute path that does not
 * exist, lexically) into an absolute URI: SARIF forbids ".." in file URIs, and a
 * reference that climbs out of its base means nothing to a code-scanning service.
 */
static void sarif_artifact_location(struct json_w *w, struct fl_arena *a, const char *key,
				    const char *path)
{
	const char *base = NULL;
	char *uri = NULL;

	if (sarif_has_dotdot(path)) {
		char *real = realpath(path, NULL);
		if (real) {
			uri = sarif_encode_path(a, "file://", real);
			free(real);
		}
	}
	if (!uri && *path == '/')
		uri = sarif_encode_path(a, "file://", sarif_lexical_path(a, path));
	if (!uri) {
		const char *rel = path;
		while (rel[0] == '.' && rel[1] == '/') {
			rel += 2;
			while (*rel == '/')
				rel++;
		}
		uri = sarif_encode_path(a, "", *rel ? rel : ".");
		base = SARIF_SRCROOT;
	}
	json_open(w, key, '{');
	json_str(w, "uri", uri);
	if (base)
		json_str(w, "uriBaseId", base);
	json_close(w, '}');
}

/* A physicalLocation for pos; the region only when pos has a line. */
static void sarif_physical(struct json_w *w, struct fl_arena *a, const struct fl_pos *pos)
{
	json_open(w, "physicalLocation", '{');
	sarif_artifact_location(w, a, "artifactLocation", pos->file);
	if (pos->line) {
		json_open(w, "region", '{');
		json_u64(w, "startLine", pos->line);
		if (pos->col)
			json_u64(w, "startColumn", pos->col);
		json_close(w, '}');
	}
	json_close(w, '}');
}

/* {"text": s} */
static void sarif_message(struct json_w *w, const char *key, const char *s)
{
	json_open(w, key, '{');
	json_str_req(w, "text", s);
	json_close(w, '}');
}

static const char *sarif_level(enum fl_severity s)
{
	return s == FL_SEV_OFF ? "none" : fl_severity_name(s);
}

/* "path:line:col: " of a note, as the text format prints it; "" without a file. */
static const char *sarif_pos_prefix(struct fl_arena *a, const struct fl_pos *pos)
{
	if (!pos->file)
		return "";
	if (!pos->line)
		return fl_printf(a, "%s: ", pos->file);
	if (!pos->col)
		return fl_printf(a, "%s:%" PRIu32 ": ", pos->file, pos->line);
	return fl_printf(a, "%s:%" PRIu32 ":%" PRIu32 ": ", pos->file, pos->line, pos->col);
}

/* The message of d, followed by one line per note that has no place of its own
 * (every note when with_located, prefixed with its place). */
static const char *sarif_message_text(struct fl_arena *a, const struct fl_diag *d,
				      bool with_located)
{
	const char *text = d->msg ? d->msg : "";
	fl_vec_for_each(&d->notes, n) {
		if (n->pos.file && !with_located)
			continue;
		text = fl_printf(a, "%s\n%s%s", text, sarif_pos_prefix(a, &n->pos),
				 n->msg ? n->msg : "");
	}
	return text;
}

/* ---- rule descriptors -------------------------------------------------------- */

/*
 * The first paragraph of the doc page's "What it checks" section (or, without
 * one, the first paragraph after the title) as plain text: lines joined with
 * spaces, code spans and emphasis marks dropped, links reduced to their text.
 * NULL when the page has no such paragraph.
 */
static const char *sarif_doc_paragraph(struct fl_arena *a, const char *doc)
{
	const char *p = strstr(doc, "\n## What it checks\n");
	if (p) {
		p += strlen("\n## What it checks\n");
	} else {
		p = strchr(doc, '\n');
		if (!p)
			return NULL;
	}
	while (*p == '\n')
		p++;
	const char *end = strstr(p, "\n\n");
	if (!end)
		end = p + strlen(p);
	if (end == p || *p == '#')
		return NULL;

	char *out = fl_alloc(a, (size_t)(end - p) + 1), *o = out;
	for (const char *s = p; s < end; s++) {
		if (*s == '`' || *s == '*')
			continue;
		if (*s == '[') {
			/* [text](target): keep the text */
			const char *close = memchr(s, ']', (size_t)(end - s));
			if (close && close + 1 < end && close[1] == '(') {
				const char *rp = memchr(close, ')', (size_t)(end - close));
				if (rp) {
					for (const char *t = s + 1; t < close; t++)
						if (*t != '`' && *t != '*')
							*o++ = *t == '\n' ? ' ' : *t;
					s = rp;
					continue;
				}
			}
		}
		*o++ = *s == '\n' ? ' ' : *s;
	}
	*o = '\0';
	return out;
}

static void sarif_rule(struct json_w *w, struct fl_arena *a, enum fl_rule_id id)
{
	const struct fl_rule_info *r = &fl_rules[id];
	const char *doc = fl_rule_doc(id);
	const char *full = doc ? sarif_doc_paragraph(a, doc) : NULL;

	json_open(w, NULL, '{');
	json_str(w, "id", r->id);
	json_str(w, "name", r->name);
	sarif_message(w, "shortDescription", r->summary);
	sarif_message(w, "fullDescription", full ? full : r->summary);
	json_open(w, "defaultConfiguration", '{');
	json_str(w, "level", sarif_level(r->severity));
	json_close(w, '}');
	json_str(w, "helpUri", fl_printf(a, FL_RULE_DOC_URL "%s.md", r->id));
	if (doc) {
		/* The page is markdown, which reads as plain text too. */
		json_open(w, "help", '{');
		json_str(w, "text", doc);
		json_str(w, "markdown", doc);
		json_close(w, '}');
	}
	json_close(w, '}');
}

/* ---- artifacts ----------------------------------------------------------------- */

static const char *sarif_kind_text(enum fl_input_kind k)
{
	switch (k) {
	case FL_IN_ELF:
		return "ELF file";
	case FL_IN_MAP:
		return "linker map";
	case FL_IN_CONFIG:
		return "Kconfig .config";
	case FL_IN_PM_PARTITIONS:
		return "Partition Manager partitions";
	case FL_IN_PM_STATIC:
		return "Partition Manager static partitions";
	case FL_IN_PM_REGIONS:
		return "Partition Manager regions";
	case FL_IN_DOMAINS:
		return "sysbuild domains";
	default: /* a kind added later: still described */
		break;
	}
	return "input";
}

/* One artifact per distinct input path (SARIF allows no two with one location). */
static void sarif_artifacts(struct json_w *w, struct fl_arena *a, const struct fl_model *m)
{
	if (!m->inputs.n)
		return;
	json_open(w, "artifacts", '[');
	for (size_t i = 0; i < m->inputs.n; i++) {
		const struct fl_input_file *in = &m->inputs.v[i];
		bool seen = !in->path || !*in->path;
		for (size_t j = 0; j < i && !seen; j++)
			seen = m->inputs.v[j].path && !strcmp(m->inputs.v[j].path, in->path);
		if (seen)
			continue;
		json_open(w, NULL, '{');
		sarif_artifact_location(w, a, "location", in->path);
		const char *what = sarif_kind_text(in->kind);
		if (in->image)
			what = fl_printf(a, "%s of image '%s'", what, in->image);
		sarif_message(w, "description", what);
		json_open(w, "roles", '[');
		json_str(w, NULL, "analysisTarget");
		json_close(w, ']');
		json_close(w, '}');
	}
	json_close(w, ']');
}

/* ---- results ----------------------------------------------------------------- */

/* d's numbers, each key once at its first place with the value attached last (as
 * the JSON report does), then the image. */
static void sarif_properties(struct json_w *w, const struct fl_diag *d)
{
	if (!d->nums.n && !d->image)
		return;
	json_open(w, "properties", '{');
	if (!json_nums(w, d) && d->image)
		json_str(w, "image", d->image);
	json_close(w, '}');
}

static void sarif_result(struct json_w *w, struct fl_arena *a, const struct fl_diag *d)
{
	size_t related = 0;

	json_open(w, NULL, '{');
	json_str(w, "ruleId", fl_rules[d->rule].id);
	json_u64(w, "ruleIndex", (uint64_t)d->rule);
	json_str(w, "level", sarif_level(d->severity));
	sarif_message(w, "message", sarif_message_text(a, d, false));
	if (d->pos.file) {
		json_open(w, "locations", '[');
		json_open(w, NULL, '{');
		sarif_physical(w, a, &d->pos);
		json_close(w, '}');
		json_close(w, ']');
	}
	fl_vec_for_each(&d->notes, n) {
		if (!n->pos.file)
			continue;
		if (!related++)
			json_open(w, "relatedLocations", '[');
		json_open(w, NULL, '{');
		json_u64(w, "id", related);
		sarif_physical(w, a, &n->pos);
		sarif_message(w, "message", n->msg);
		json_close(w, '}');
	}
	if (related)
		json_close(w, ']');
	json_open(w, "partialFingerprints", '{');
	json_str(w, SARIF_FINGERPRINT, fl_printf(a, "%016" PRIx64,
							  fl_diag_fingerprint(a, fl_rules[d->rule].id, d, d->pos.file)));
	json_close(w, '}');
	sarif_properties(w, d);
	json_close(w, '}');
}

/* A free-standing note (no rule): a tool execution notification. */
static void sarif_notification(struct json_w *w, struct fl_arena *a, const struct fl_diag *d)
{
	json_open(w, NULL, '{');
	json_str(w, "level", sarif_level(d->severity));
	sarif_message(w, "message", sarif_message_text(a, d, true));
	if (d->pos.file) {
		json_open(w, "locations", '[');
		json_open(w, NULL, '{');
		sarif_physical(w, a, &d->pos);
		json_close(w, '}');
		json_close(w, ']');
	}
	json_close(w, '}');
}

static bool sarif_is_result(const struct fl_diag *d)
{
	return (unsigned)d->rule < FL_RULE_COUNT;
}

/* ---- reporter ---------------------------------------------------------------- */

/* The directory relative paths are relative to, as a file:// URI ending in '/';
 * NULL when it cannot be found. */
static const char *sarif_cwd_uri(struct fl_arena *a)
{
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return NULL;
	const char *uri = NULL;
	if (cwd[0] == '/')
		uri = sarif_encode_path(a, "file://", cwd[1] ? fl_printf(a, "%s/", cwd) : cwd);
	free(cwd);
	return uri;
}

/* Everything up to and including the opening of the results array. */
static void sarif_begin(struct fl_report_ctx *c)
{
	static const struct fl_model empty;
	const struct fl_model *m = c->m ? c->m : &empty;
	struct fl_arena *a = c->run->arena;
	struct json_w w = { c->out, 0, true };
	const char *cwd = sarif_cwd_uri(a);

	json_open(&w, NULL, '{');
	json_str(&w, "$schema", SARIF_SCHEMA);
	json_str(&w, "version", "2.1.0");
	json_open(&w, "runs", '[');
	json_open(&w, NULL, '{');
	json_open(&w, "tool", '{');
	json_open(&w, "driver", '{');
	json_str(&w, "name", "flashlint");
	json_str(&w, "version", FLASHLINT_VERSION);
	json_str(&w, "semanticVersion", FLASHLINT_VERSION);
	json_str(&w, "informationUri", FL_HOME_URL);
	json_open(&w, "rules", '[');
	for (int i = 0; i < FL_RULE_COUNT; i++)
		sarif_rule(&w, a, (enum fl_rule_id)i);
	json_close(&w, ']');
	json_close(&w, '}');
	json_close(&w, '}');
	if (cwd) {
		json_open(&w, "originalUriBaseIds", '{');
		json_open(&w, SARIF_SRCROOT, '{');
		json_str(&w, "uri", cwd);
		json_close(&w, '}');
		json_close(&w, '}');
	}
	sarif_artifacts(&w, a, m);
	json_open(&w, "results", '[');
}

/* One element of the results array: the first result is the first diagnostic
 * that has a rule. */
static void sarif_on_diag(struct fl_report_ctx *c, const struct fl_diag *d)
{
	const struct fl_diags *ds = &c->run->diags;
	bool first = true;

	if (!sarif_is_result(d))
		return;
	for (size_t i = 0; i < c->index && first; i++)
		first = !sarif_is_result(ds->v.v[i]);
	struct json_w w = { c->out, SARIF_RESULTS_DEPTH, first };
	sarif_result(&w, c->run->arena, d);
}

/* -W, -Wno-, --select, --ignore and -Werror as overrides of the catalogue's
 * defaults. */
static void sarif_overrides(struct json_w *w, const struct fl_run *run)
{
	bool open = false;

	for (int i = 0; i < FL_RULE_COUNT; i++) {
		enum fl_severity s = run->cfg.severity[i];
		if (s == FL_SEV_WARNING && (run->cfg.werror_all || run->cfg.werror[i]))
			s = FL_SEV_ERROR;
		if (s == fl_rules[i].severity)
			continue;
		if (!open)
			json_open(w, "ruleConfigurationOverrides", '[');
		open = true;
		json_open(w, NULL, '{');
		json_open(w, "descriptor", '{');
		json_str(w, "id", fl_rules[i].id);
		json_u64(w, "index", (uint64_t)i);
		json_close(w, '}');
		json_open(w, "configuration", '{');
		if (s == FL_SEV_OFF)
			json_bool(w, "enabled", false);
		else
			json_str(w, "level", sarif_level(s));
		json_close(w, '}');
		json_close(w, '}');
	}
	if (open)
		json_close(w, ']');
}

/* Close the results, write the invocation and end the log. */
static void sarif_end(struct fl_report_ctx *c)
{
	const struct fl_run *run = c->run;
	const struct fl_diags *ds = &run->diags;
	bool any = false, notes = false;

	fl_vec_for_each(&ds->v, d)
		any = any || sarif_is_result(*d);
	struct json_w w = { c->out, SARIF_RESULTS_DEPTH, !any };
	json_close(&w, ']');

	json_open(&w, "invocations", '[');
	json_open(&w, NULL, '{');
	json_bool(&w, "executionSuccessful", true);
	json_u64(&w, "exitCode", run->input_failed ? 2 : ds->count[FL_SEV_ERROR] ? 1 : 0);
	sarif_overrides(&w, run);
	fl_vec_for_each(&ds->v, d) {
		if (sarif_is_result(*d))
			continue;
		if (!notes)
			json_open(&w, "toolExecutionNotifications", '[');
		notes = true;
		sarif_notification(&w, run->arena, *d);
	}
	if (notes)
		json_close(&w, ']');
	json_close(&w, '}');
	json_close(&w, ']');
	json_close(&w, '}'); /* the run */
	json_close(&w, ']');
	json_close(&w, '}');
	fputc('\n', c->out);
}

const struct fl_reporter fl_report_sarif = {
	"sarif",
	sarif_begin,
	sarif_on_diag,
	sarif_end,
};
