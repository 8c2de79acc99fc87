// SPDX-License-Identifier: Apache-2.0
/*
 * The streaming JSON writer shared by the JSON and SARIF reporters (json_w.h).
 * It writes what it is given, byte-exact and in order; it knows no schema.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "flashlint/core.h"
#include "json_w.h"

/* ---- strings ----------------------------------------------------------------- */

/* s as a JSON string literal (RFC 8259). Paths and names come from untrusted
 * inputs, so every byte is accounted for; plain runs are written in one go. */
void json_quote(FILE *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	fputc('"', out);
	while (*s) {
		const unsigned char *run = s;
		while (*s >= 0x20 && *s < 0x80 && *s != '"' && *s != '\\')
			s++;
		if (s > run)
			fwrite(run, 1, (size_t)(s - run), out);
		if (!*s)
			break;
		if (*s == '"' || *s == '\\') {
			fputc('\\', out);
			fputc(*s++, out);
		} else if (*s < 0x20) {
			fprintf(out, "\\u%04x", *s++);
		} else {
			bool ok;
			size_t n = fl_utf8_seq(s, &ok);
			if (ok)
				fwrite(s, 1, n, out);
			else
				fputs("\\ufffd", out);
			s += n;
		}
	}
	fputc('"', out);
}

/* ---- structure --------------------------------------------------------------- */

static void json_newline(struct json_w *w)
{
	fputc('\n', w->out);
	for (unsigned i = 0; i < w->depth; i++)
		fputs("  ", w->out);
}

/* Start an object member (key) or an array element (key NULL). */
void json_member(struct json_w *w, const char *key)
{
	if (!w->first)
		fputc(',', w->out);
	w->first = false;
	if (w->depth)
		json_newline(w);
	if (key) {
		json_quote(w->out, key);
		fputs(": ", w->out);
	}
}

void json_open(struct json_w *w, const char *key, char bracket)
{
	json_member(w, key);
	fputc(bracket, w->out);
	w->depth++;
	w->first = true;
}

/* Empty containers stay on one line ("[]"), like json.dumps and jq print them. */
void json_close(struct json_w *w, char bracket)
{
	w->depth--;
	if (!w->first)
		json_newline(w);
	fputc(bracket, w->out);
	w->first = false;
}

void json_null(struct json_w *w, const char *key)
{
	json_member(w, key);
	fputs("null", w->out);
}

/* A string that may be absent: NULL becomes null. */
void json_str(struct json_w *w, const char *key, const char *s)
{
	if (!s) {
		json_null(w, key);
		return;
	}
	json_member(w, key);
	json_quote(w->out, s);
}

/* A string the schema requires (names, messages, paths): a model that lacks one
 * still yields a valid document, with "". */
void json_str_req(struct json_w *w, const char *key, const char *s)
{
	json_str(w, key, s ? s : "");
}

void json_u64(struct json_w *w, const char *key, uint64_t v)
{
	json_member(w, key);
	fprintf(w->out, "%" PRIu64, v);
}

void json_u64_opt(struct json_w *w, const char *key, bool has, uint64_t v)
{
	if (has)
		json_u64(w, key, v);
	else
		json_null(w, key);
}

void json_bool(struct json_w *w, const char *key, bool v)
{
	json_member(w, key);
	fputs(v ? "true" : "false", w->out);
}

bool json_nums(struct json_w *w, const struct fl_diag *d)
{
	bool image = false;
	for (size_t i = 0; i < d->nums.n; i++) {
		const struct fl_num *n = &d->nums.v[i];
		bool seen = false;
		if (!n->key)
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = d->nums.v[j].key && !strcmp(d->nums.v[j].key, n->key);
		if (seen)
			continue;
		uint64_t v = n->value;
		for (size_t j = i + 1; j < d->nums.n; j++)
			if (d->nums.v[j].key && !strcmp(d->nums.v[j].key, n->key))
				v = d->nums.v[j].value;
		json_u64(w, n->key, v);
		image = image || !strcmp(n->key, "image");
	}
	return image;
}
