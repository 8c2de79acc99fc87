/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Core services shared by every layer: the per-run arena, arena-backed vectors,
 * source positions, whole-file input buffers and checked 64-bit arithmetic.
 * Depends on nothing but libc; knows no file format and no rule.
 */
#ifndef FLASHLINT_CORE_H
#define FLASHLINT_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- arena ----------------------------------------------------------------- */

struct fl_arena;

/* Create an empty arena; NULL only when the process is out of memory. */
struct fl_arena *fl_arena_new(void);
/* Free the arena and everything allocated from it. NULL is accepted. */
void fl_arena_free(struct fl_arena *a);
/* Zeroed, max-aligned memory that lives until fl_arena_free(). Aborts on OOM. */
void *fl_alloc(struct fl_arena *a, size_t size);
/* Copy of s[0..n) with a terminating NUL. */
char *fl_strndup(struct fl_arena *a, const char *s, size_t n);
char *fl_strdup(struct fl_arena *a, const char *s);
/* printf into arena memory. */
char *fl_printf(struct fl_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *fl_vprintf(struct fl_arena *a, const char *fmt, va_list ap);
/* Bytes handed out so far (for the benchmark and tests). */
size_t fl_arena_used(const struct fl_arena *a);

/* A block of zeroed memory of its own, for one array whose final size is only
 * known at the end (the map's input sections): fl_block_grow() extends it in
 * place or lets the kernel move its pages, never copying or zeroing them again.
 * fl_block_keep() gives it to the arena, which frees it with the rest;
 * fl_block_free() frees one that was not kept. Aborts on OOM like fl_alloc(). */
void *fl_block_new(size_t size);
/* The block p (from fl_block_new, or NULL for a new one) with room for at least
 * size bytes; its contents are kept, the returned address may differ. */
void *fl_block_grow(void *p, size_t size);
void fl_block_keep(struct fl_arena *a, void *p);
void fl_block_free(void *p);

/* ---- vectors ----------------------------------------------------------------
 * FL_VEC(T) is an anonymous struct {T *v; size_t n, cap;}. Storage comes from the
 * arena; growth doubles, the old block is simply abandoned in the arena.
 */
#define FL_VEC(T) struct { T *v; size_t n; size_t cap; }

void *fl_vec_grow_(struct fl_arena *a, void *v, size_t *cap, size_t elsz, size_t need);

/* Append one zeroed element and return a pointer to it. */
#define fl_vec_push(a, vec)                                                       \
	((vec)->n == (vec)->cap                                                   \
		 ? (void)((vec)->v = fl_vec_grow_((a), (vec)->v, &(vec)->cap,     \
						  sizeof(*(vec)->v), (vec)->n + 1)) \
		 : (void)0,                                                       \
	 &(vec)->v[(vec)->n++])

/* An empty vector may have v == NULL: NULL + 0 is not computed. */
/* Make room for `more` further elements at once, when their number is known:
 * growing one push at a time would leave each outgrown copy in the arena. */
#define fl_vec_reserve(a, vec, more)                                              \
	((vec)->n + (more) > (vec)->cap                                           \
		 ? (void)((vec)->v = fl_vec_grow_((a), (vec)->v, &(vec)->cap,     \
						  sizeof(*(vec)->v), (vec)->n + (more))) \
		 : (void)0)

#define fl_vec_for_each(vec, it)                                                   \
	for (__typeof__((vec)->v[0]) *it = (vec)->v, *it##_end_ = it ? it + (vec)->n : it; \
	     it != it##_end_; it++)

/* ---- text -------------------------------------------------------------------- */

/* a and b are equal strings, or both NULL. */
static inline bool fl_str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Length of the UTF-8 sequence that starts with the non-ASCII byte at s (at least
 * 1) and whether it is well-formed (no overlongs, no surrogates, nothing above
 * U+10FFFF); an ill-formed one reports its maximal valid prefix, to be replaced by
 * one U+FFFD. Never reads past the NUL terminator. */
size_t fl_utf8_seq(const unsigned char *s, bool *ok);

/* Write s to f as plain terminal text: every byte a terminal would act on is made
 * visible instead. C0 controls and DEL become \n, \r, \t or \xHH (so a name can
 * neither forge an output line nor send an escape sequence), C1 controls
 * (U+0080..U+009F) and the bidirectional controls U+202A..U+202E, U+2066..U+2069
 * become \uHHHH, ill-formed UTF-8 becomes \xHH per byte; the rest is copied.
 * NULL is written as "". Returns what fputs would (EOF on a write error). */
int fl_fput_esc(const char *s, FILE *f);

/* The 1-based line of the first merge-conflict marker git writes ("<<<<<<< ...",
 * "=======", ">>>>>>> ...") in buf[0..len), or 0 when there is none. */
uint32_t fl_conflict_marker(const char *buf, size_t len);

/* ---- positions --------------------------------------------------------------- */

/* A place in an input file. line 0 means "the file as a whole"; col 0 means "no
 * column". Lines and columns are 1-based. file points into the arena. */
struct fl_pos {
	const char *file;
	uint32_t line;
	uint32_t col;
};

/* ---- input files ------------------------------------------------------------- */

/* A whole input file in memory (mmap'ed when possible). data is not NUL-terminated
 * when mapped; always use len. */
struct fl_buf {
	const char *data;
	size_t len;
	void *map_;   /* mmap base, or NULL */
	void *heap_;  /* malloc'ed copy, or NULL */
};

/* The input size limit when none is given (--max-input-size, FLASHLINT_MAX_INPUT):
 * 4 GiB, some 40 times the largest ELF or map of a real build seen so far. */
#define FL_INPUT_LIMIT (UINT64_C(4) << 30)

/* Why an input is refused, beyond errno values (errno codes stay below 4096). */
enum fl_input_err {
	FL_EIN_FIFO = 4096,   /* a FIFO: reading it could wait forever */
	FL_EIN_DEVICE,        /* a character or block device (/dev/zero never ends) */
	FL_EIN_OTHER,         /* a socket or anything else that is not a regular file */
	FL_EIN_TOO_BIG,       /* a regular file larger than the limit */
};

/* Open path to read an input: it may be reached through symbolic links, but what
 * is opened must be a regular file of at most `limit` bytes (0: FL_INPUT_LIMIT).
 * Opening never blocks (a FIFO is refused, not waited on). Returns the descriptor
 * (O_CLOEXEC, the caller closes it) with the file's size in *size, or -errno or
 * -FL_EIN_*. */
int fl_input_open(const char *path, uint64_t limit, uint64_t *size);
/* Text for an error of fl_input_open() or fl_buf_read(): "not a regular file but
 * a FIFO", or strerror() of an errno value. */
const char *fl_input_strerror(int err);
/* Read the input path (as fl_input_open() opens it) into *buf. Returns 0, or
 * -errno / -FL_EIN_* (buf is left empty on error). */
int fl_buf_read(const char *path, struct fl_buf *buf, uint64_t limit);
/* Release what fl_buf_read() acquired. Safe on an empty buf. */
void fl_buf_close(struct fl_buf *buf);

/* True if path exists and is a regular file / a directory (links followed). */
bool fl_is_file(const char *path);
bool fl_is_dir(const char *path);
/* True if something, of any type, is at path (a dangling link too). */
bool fl_exists(const char *path);
/* "dir/name" in the arena; dir may be NULL or "" (then just name). */
char *fl_path_join(struct fl_arena *a, const char *dir, const char *name);

/* ---- numbers ----------------------------------------------------------------- */

/* a + b into *out; false (and *out untouched) when it wraps past 2^64 - 1. */
static inline bool fl_add_ok(uint64_t a, uint64_t b, uint64_t *out)
{
	return !__builtin_add_overflow(a, b, out);
}

/* The end of [addr, addr + size), saturated at 2^64 - 1 when it would wrap. */
static inline uint64_t fl_end(uint64_t addr, uint64_t size)
{
	uint64_t e;
	return fl_add_ok(addr, size, &e) ? e : UINT64_MAX;
}

static inline uint64_t fl_align_up(uint64_t v, uint64_t align)
{
	return align ? (v + align - 1) / align * align : v;
}

/* Value of a hex digit, or -1. */
int fl_hex_digit(int c);

/* 64-bit hash of s[0..n), finished with a mixer so that every bit of the result
 * depends on every input bit: safe to mask for table slots or use as a tag. */
uint64_t fl_hash(const char *s, size_t n);

/* Parse an unsigned integer: decimal, 0x hex, 0 octal (C rules) from s[0..n).
 * Returns false on empty input, junk or overflow. */
bool fl_parse_u64(const char *s, size_t n, uint64_t *out);
/* Parse plain hex digits (no 0x) from s[0..n). */
bool fl_parse_hex(const char *s, size_t n, uint64_t *out);



/* ---- error codes --------------------------------------------------------------
 * Functions return 0 or one of these, negated. One list gives codes and texts.
 */
#define FL_ERRORS(X)                                       \
	X(FL_EIO, "cannot read the file")                  \
	X(FL_EFORMAT, "the file is not in the expected format") \
	X(FL_EUSAGE, "invalid command line")               \
	X(FL_ENOINPUT, "no input found")

enum fl_err {
	FL_OK = 0,
#define X(code, text) code,
	FL_ERRORS(X)
#undef X
};

/* Text for an fl_err value (negative or positive). */
const char *fl_strerror(int err);

#endif
