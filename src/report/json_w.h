/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The streaming JSON writer the JSON and SARIF reporters share: RFC 8259 string
 * literals for any byte sequence, and pretty-printed objects and arrays laid out
 * as Python's json.dumps(indent=2) lays them out. Private to src/report.
 */
#ifndef FLASHLINT_REPORT_JSON_W_H
#define FLASHLINT_REPORT_JSON_W_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "flashlint/diag.h"

/*
 * Where the writer stands. It lives on the stack of one callback only: a reporter
 * rebuilds it from what it knows (c->index, the number of diagnostics), so nothing
 * outlives a report.
 */
struct json_w {
	FILE *out;
	unsigned depth;
	bool first; /* nothing written yet inside the innermost open container */
};

/* str as a JSON string literal. Control characters are escaped, well-formed UTF-8
 * is copied, and every ill-formed sequence becomes one U+FFFD. */
void json_quote(FILE *out, const char *str);

/* Start an object member (key) or an array element (key NULL). */
void json_member(struct json_w *w, const char *key);
/* Open an object ('{') or array ('[') as a member or element. */
void json_open(struct json_w *w, const char *key, char bracket);
/* Close the innermost container; empty ones stay on one line ("[]"). */
void json_close(struct json_w *w, char bracket);

void json_null(struct json_w *w, const char *key);
/* A string that may be absent: NULL becomes null. */
void json_str(struct json_w *w, const char *key, const char *s);
/* A string a schema requires: NULL becomes "". */
void json_str_req(struct json_w *w, const char *key, const char *s);
void json_u64(struct json_w *w, const char *key, uint64_t v);
/* v when has, else null. */
void json_u64_opt(struct json_w *w, const char *key, bool has, uint64_t v);
void json_bool(struct json_w *w, const char *key, bool v);

/* d's numbers as members of the open object: each key once, at its first place,
 * with the value attached last (a key attached twice would make duplicate names,
 * which parsers resolve differently). True when one of them is named "image". */
bool json_nums(struct json_w *w, const struct fl_diag *d);

#endif
