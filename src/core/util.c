// SPDX-License-Identifier: Apache-2.0
/*
 * Whole-file input buffers (mmap), path helpers, number parsing and error texts.
 * No allocation here outlives its caller's arena or buffer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashlint/core.h"

int fl_input_open(const char *path, uint64_t limit, uint64_t *size)
{
	/* O_NONBLOCK: opening a FIFO does not wait for a writer; O_NOCTTY: a
	 * terminal never becomes the controlling one. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -errno;
	struct stat st;
	int rc = 0;
	if (fstat(fd, &st) < 0)
		rc = -errno;
	else if (S_ISDIR(st.st_mode))
		rc = -EISDIR;
	else if (S_ISFIFO(st.st_mode))
		rc = -FL_EIN_FIFO;
	else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		rc = -FL_EIN_DEVICE;
	else if (!S_ISREG(st.st_mode))
		rc = -FL_EIN_OTHER;
	else if ((uint64_t)st.st_size > (limit ? limit : FL_INPUT_LIMIT))
		rc = -FL_EIN_TOO_BIG;
	else if (fcntl(fd, F_SETFL, 0) < 0) /* blocking again, for read() */
		rc = -errno;
	if (rc) {
		close(fd);
		return rc;
	}
	*size = (uint64_t)st.st_size;
	return fd;
}

const char *fl_input_strerror(int err)
{
	switch (err < 0 ? -err : err) {
	case FL_EIN_FIFO:
		return "not a regular file but a FIFO";
	case FL_EIN_DEVICE:
		return "not a regular file but a device";
	case FL_EIN_OTHER:
		return "not a regular file";
	case FL_EIN_TOO_BIG:
		return "larger than the input size limit (raise it with --max-input-size or "
		       "FLASHLINT_MAX_INPUT)";
	case EISDIR:
		return "not a regular file but a directory";
	}
	return strerror(err < 0 ? -err : err);
}

int fl_buf_read(const char *path, struct fl_buf *buf, uint64_t limit)
{
	memset(buf, 0, sizeof(*buf));
	uint64_t size;
	int fd = fl_input_open(path, limit, &size);
	if (fd < 0)
		return fd;
	int rc = 0;
	if (size == 0) {
		buf->data = ""; /* empty: a valid pointer, so data + len is defined */
		goto out;
	}
	void *p = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p != MAP_FAILED) {
		buf->map_ = p;
		buf->data = p;
		buf->len = (size_t)size;
		goto out;
	}
	/* Not mappable: read the size fstat gave, no more. */
	char *d = malloc((size_t)size);
	if (!d) {
		rc = -ENOMEM;
		goto out;
	}
	size_t len = 0;
	while (len < size) {
		ssize_t n = read(fd, d + len, (size_t)size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(d);
			rc = -errno;
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf->heap_ = d;
	buf->data = d;
	buf->len = len;
out:
	close(fd);
	return rc;
}

void fl_buf_close(struct fl_buf *buf)
{
	if (buf->map_)
		munmap(buf->map_, buf->len);
	free(buf->heap_);
	memset(buf, 0, sizeof(*buf));
}

bool fl_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool fl_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

bool fl_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *fl_path_join(struct fl_arena *a, const char *dir, const char *name)
{
	if (!dir || !*dir)
		return fl_strdup(a, name);
	size_t dl = strlen(dir);
	if (dir[dl - 1] == '/')
		return fl_printf(a, "%s%s", dir, name);
	return fl_printf(a, "%s/%s", dir, name);
}

int fl_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

uint64_t fl_hash(const char *s, size_t n)
{
	/* Eight bytes per step: owners and section names of a big map are long. */
	uint64_t h = 0x9e3779b97f4a7c15u ^ n;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	uint64_t w = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* The last bytes as memcpy() would place them, without its call and the
	 * stall of reading back what it stored byte by byte. */
	for (size_t k = 0; i + k < n; k++)
		w |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
#else
	memcpy(&w, s + i, n - i);
#endif
	h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	return h ^ (h >> 33);
}

bool fl_parse_hex(const char *s, size_t n, uint64_t *out)
{
	if (n == 0)
		return false;
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		int d = fl_hex_digit((unsigned char)s[i]);
		if (d < 0 || v >> 60)
			return false;
		v = v << 4 | (uint64_t)d;
	}
	*out = v;
	return true;
}

bool fl_parse_u64(const char *s, size_t n, uint64_t *out)
{
	if (n == 0)
		return false;
	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return fl_parse_hex(s + 2, n - 2, out);
	unsigned base = (n > 1 && s[0] == '0') ? 8 : 10;
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(s[i] - '0');
		if (d >= base)
			return false;
		if (__builtin_mul_overflow(v, base, &v) || __builtin_add_overflow(v, d, &v))
			return false;
	}
	*out = v;
	return true;
}

const char *fl_strerror(int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case FL_OK:
		return "success";
#define X(code, text) \
	case code:    \
		return text;
		FL_ERRORS(X)
#undef X
	}
	return "unknown error";
}

/*
 * Length of the UTF-8 sequence at s and whether it is well-formed (no overlongs,
 * no surrogates, nothing above U+10FFFF). An ill-formed sequence reports its
 * maximal valid prefix (at least one byte), which becomes one U+FFFD, as Unicode
 * recommends. The NUL terminator never passes as a continuation byte, so this
 * cannot read past the string.
 */
size_t fl_utf8_seq(const unsigned char *s, bool *ok)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t n;

	if (c >= 0xc2 && c <= 0xdf) {
		n = 1;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 2;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 3;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		*ok = false;
		return 1;
	}
	for (size_t i = 1; i <= n; i++) {
		if (s[i] < lo || s[i] > hi) {
			*ok = false;
			return i;
		}
		lo = 0x80;
		hi = 0xbf;
	}
	*ok = true;
	return n + 1;
}

int fl_fput_esc(const char *str, FILE *f)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	int rc = 0;

	while (*s && rc >= 0) {
		const unsigned char *run = s;
		while (*s >= 0x20 && *s < 0x7f)
			s++;
		if (s > run && fwrite(run, 1, (size_t)(s - run), f) != (size_t)(s - run))
			return EOF;
		if (!*s)
			break;
		if (*s < 0x80) {
			char c = *s == '\n' ? 'n' : *s == '\r' ? 'r' : *s == '\t' ? 't' : 0;
			rc = c ? fprintf(f, "\\%c", c) : fprintf(f, "\\x%02x", *s);
			s++;
			continue;
		}
		bool ok;
		size_t n = fl_utf8_seq(s, &ok);
		uint32_t cp = 0;
		if (ok && n == 2)
			cp = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
		else if (ok && n == 3)
			cp = (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
		if (!ok) {
			for (size_t i = 0; i < n && rc >= 0; i++)
				rc = fprintf(f, "\\x%02x", s[i]);
		} else if ((cp >= 0x80 && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) ||
			   (cp >= 0x2066 && cp <= 0x2069)) {
			rc = fprintf(f, "\\u%04x", (unsigned)cp);
		} else if (fwrite(s, 1, n, f) != n) {
			rc = EOF;
		}
		s += n;
	}
	return rc < 0 ? EOF : 0;
}

uint32_t fl_conflict_marker(const char *buf, size_t len)
{
	if (!len)
		return 0;
	const char *p = buf, *end = buf + len;
	for (uint32_t line = 1; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		size_t n = (size_t)(le - p);
		if (n && le[-1] == '\r')
			n--;
		if (n >= 7 && (*p == '<' || *p == '=' || *p == '>') &&
		    (!memcmp(p, "<<<<<<<", 7) || !memcmp(p, "=======", 7) || !memcmp(p, ">>>>>>>", 7)) &&
		    (n == 7 || p[7] == ' '))
			return line;
		p = nl ? nl + 1 : end;
	}
	return 0;
}
