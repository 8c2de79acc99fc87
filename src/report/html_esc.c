// SPDX-License-Identifier: Apache-2.0
/*
 * Escaping for the HTML report: HTML text and attributes (also SVG text inside
 * HTML), JSON inside a <script type="application/json"> block, and the plain
 * stand-in text handed to Graphviz. Names, paths and messages come from untrusted
 * inputs (a pull request controls them): every byte is accounted for here.
 */
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "html.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/* Bytes that stand for themselves in HTML text and quoted attributes. */
static bool is_plain_html(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f && c != '&' && c != '<' && c != '>' && c != '"' &&
		c != '\'') || c == '\t' || c == '\n';
}

/* Write the character at *sp (advancing it), escaped for HTML. */
static void html_char(FILE *f, const unsigned char **sp)
{
	const unsigned char *s = *sp;
	bool ok;
	size_t n;

	switch (*s) {
	case '&':
		fputs("&amp;", f);
		n = 1;
		break;
	case '<':
		fputs("&lt;", f);
		n = 1;
		break;
	case '>':
		fputs("&gt;", f);
		n = 1;
		break;
	case '"':
		fputs("&quot;", f);
		n = 1;
		break;
	case '\'':
		fputs("&#39;", f);
		n = 1;
		break;
	default:
		if (*s < 0x80) { /* a control character */
			fputs(REPLACEMENT, f);
			n = 1;
			break;
		}
		n = fl_utf8_seq(s, &ok);
		if (ok)
			fwrite(s, 1, n, f);
		else
			fputs(REPLACEMENT, f);
	}
	*sp = s + n;
}

void html_text(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");

	while (*s) {
		const unsigned char *run = s;
		while (is_plain_html(*s))
			s++;
		if (s > run)
			fwrite(run, 1, (size_t)(s - run), f);
		if (*s)
			html_char(f, &s);
	}
}

/* Length in bytes of the character at s (an ill-formed prefix is one character). */
static size_t char_len(const unsigned char *s)
{
	bool ok;
	return *s < 0x80 ? 1 : fl_utf8_seq(s, &ok);
}

size_t html_chars(const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t n = 0;

	while (*s) {
		s += char_len(s);
		n++;
	}
	return n;
}

void html_text_max(FILE *f, const char *str, size_t max_chars)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");

	if (html_chars(str) <= max_chars) {
		html_text(f, str);
		return;
	}
	for (size_t i = 0; i + 1 < max_chars && *s; i++) {
		if (is_plain_html(*s))
			fputc(*s++, f);
		else
			html_char(f, &s);
	}
	fputs("\xe2\x80\xa6", f); /* … */
}

void html_json_str(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");

	fputc('"', f);
	while (*s) {
		const unsigned char *run = s;
		while (*s >= 0x20 && *s < 0x7f && *s != '"' && *s != '\\' && *s != '<' &&
		       *s != '>' && *s != '&')
			s++;
		if (s > run)
			fwrite(run, 1, (size_t)(s - run), f);
		if (!*s)
			break;
		if (*s == '"' || *s == '\\') {
			fputc('\\', f);
			fputc(*s++, f);
		} else if (*s < 0x80) { /* < > & and control characters */
			fprintf(f, "\\u%04x", *s++);
		} else {
			bool ok;
			size_t n = fl_utf8_seq(s, &ok);
			if (ok)
				fwrite(s, 1, n, f);
			else
				fputs("\\ufffd", f);
			s += n;
		}
	}
	fputc('"', f);
}

char *html_plain(struct fl_arena *a, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	char *out = fl_alloc(a, strlen((const char *)s) + 1), *o = out;

	while (*s) {
		unsigned char c = *s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    (c && strchr(" ._:/+,=()_-", c)))
			*o++ = (char)c;
		else
			*o++ = 'x';
		s += char_len(s);
	}
	*o = '\0';
	return out;
}

void html_nonce(char *buf)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char r[16];

	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		struct timespec ts;
		uint64_t x;
		clock_gettime(CLOCK_REALTIME, &ts);
		x = fl_hash((const char *)&ts, sizeof(ts)) ^ (uint64_t)getpid();
		for (size_t i = 0; i < sizeof(r); i++) {
			if (i == 8)
				x = fl_hash((const char *)&x, sizeof(x));
			r[i] = (unsigned char)(x >> (8 * (i % 8)));
		}
	}
	/* 128 bits: 21 full sextets and 2 bits in the 22nd. */
	for (size_t i = 0; i < 22; i++) {
		size_t bit = i * 6;
		unsigned v = r[bit / 8] << 8;
		if (bit / 8 + 1 < sizeof(r))
			v |= r[bit / 8 + 1];
		buf[i] = b64[(v >> (10 - bit % 8)) & 63];
	}
	buf[22] = '\0';
}
