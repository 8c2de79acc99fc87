// SPDX-License-Identifier: Apache-2.0
/*
 * Kconfig .config reader (the scripts/kconfig output format: CONFIG_* and SB_CONFIG_*
 * assignments, "# ... is not set" lines). Values are kept as written; interpreting
 * them (y/n, numbers) is the model's lookups' job (src/model/kconfig.c).
 * Never prints: a line it cannot understand becomes INP001 and reading goes on.
 */
#include <string.h>

#include "flashlint/readers.h"

/* ---- reader ------------------------------------------------------------------- */

static bool kconfig_is_name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static bool kconfig_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static uint32_t kconfig_col(size_t zero_based)
{
	return zero_based >= UINT32_MAX ? UINT32_MAX : (uint32_t)zero_based + 1;
}

static size_t kconfig_name_len(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && kconfig_is_name_char(s[i]))
		i++;
	return i;
}

static struct fl_kconfig_entry *kconfig_add(struct fl_run *run, struct fl_kconfig *k,
					    const char *name, size_t nlen, uint32_t line)
{
	struct fl_kconfig_entry *e = fl_vec_push(run->arena, &k->v);
	e->name = fl_strndup(run->arena, name, nlen);
	e->line = line;
	return e;
}

/* "# NAME is not set": the only comment Kconfig gives a meaning to. */
static bool kconfig_not_set(struct fl_run *run, struct fl_kconfig *k, const char *s,
			    size_t n, uint32_t line)
{
	static const char tail[] = " is not set";
	if (n < 2 || s[1] != ' ')
		return false;
	size_t nlen = kconfig_name_len(s + 2, n - 2);
	if (nlen == 0 || n - 2 - nlen != sizeof(tail) - 1 ||
	    memcmp(s + 2 + nlen, tail, sizeof(tail) - 1) != 0)
		return false;
	kconfig_add(run, k, s + 2, nlen, line)->value = "n";
	return true;
}

/* A quoted value: \" and \\ (any backslash pair, as Kconfig reads it) unescape. */
static void kconfig_string(struct fl_run *run, struct fl_kconfig *k, const char *name,
			   size_t nlen, const char *s, size_t n, uint32_t line, size_t col0)
{
	char *val = fl_alloc(run->arena, n);
	size_t o = 0, i = 1;
	for (; i < n && s[i] != '"'; i++) {
		if (s[i] == '\\' && i + 1 < n)
			i++;
		val[o++] = s[i];
	}
	if (i >= n) {
		fl_inp(run, k->path, line, kconfig_col(col0),
		       "unterminated string value of '%.*s': expected a closing '\"'", (int)nlen,
		       name);
		return;
	}
	struct fl_kconfig_entry *e = kconfig_add(run, k, name, nlen, line);
	e->value = val;
	e->is_string = true;
	for (i++; i < n; i++)
		if (!kconfig_is_blank(s[i])) {
			fl_inp(run, k->path, line, kconfig_col(col0 + i),
			       "unexpected text after the string value of '%.*s': expected the end of the line",
			       (int)nlen, name);
			return;
		}
}

static void kconfig_line(struct fl_run *run, struct fl_kconfig *k, const char *s, size_t n,
			 uint32_t line)
{
	if (memchr(s, '\0', n)) {
		fl_inp(run, k->path, line, 1,
		       "NUL byte in a text line: expected a Kconfig assignment or a comment");
		return;
	}
	size_t lead = 0;
	while (lead < n && kconfig_is_blank(s[lead]))
		lead++;
	while (n > lead && kconfig_is_blank(s[n - 1]))
		n--;
	s += lead;
	n -= lead;
	if (n == 0)
		return;
	if (s[0] == '#') {
		kconfig_not_set(run, k, s, n, line);
		return;
	}
	size_t nlen = kconfig_name_len(s, n);
	if (nlen == 0 || nlen == n || s[nlen] != '=') {
		fl_inp(run, k->path, line, 1,
		       "unexpected text: expected a Kconfig assignment (CONFIG_NAME=value) or a comment");
		return;
	}
	const char *v = s + nlen + 1;
	size_t vlen = n - nlen - 1;
	if (vlen > 0 && v[0] == '"') {
		kconfig_string(run, k, s, nlen, v, vlen, line, lead + nlen + 1);
		return;
	}
	kconfig_add(run, k, s, nlen, line)->value = fl_strndup(run->arena, v, vlen);
}

int fl_kconfig_read(struct fl_run *run, struct fl_kconfig *k, const char *path)
{
	struct fl_buf buf;
	k->path = fl_strdup(run->arena, path);
	int err = fl_buf_read(path, &buf, run->cfg.max_input);
	if (err) {
		fl_inp(run, k->path, 0, 0, "cannot read the .config file: %s", fl_input_strerror(err));
		return -FL_EIO;
	}
	int rc = 0;
	if (buf.len == 0) {
		fl_inp(run, k->path, 1, 0, "empty .config: expected Kconfig assignments");
		rc = -FL_EFORMAT;
		goto out;
	}
	uint32_t line = 0;
	for (const char *p = buf.data, *end = buf.data + buf.len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		if (line < UINT32_MAX)
			line++;
		kconfig_line(run, k, p, (size_t)(eol - p), line);
		p = nl ? nl + 1 : end;
	}
	fl_kconfig_index(run->arena, k);
out:
	fl_buf_close(&buf);
	return rc;
}
