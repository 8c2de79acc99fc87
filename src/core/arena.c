// SPDX-License-Identifier: Apache-2.0
/*
 * The per-run arena: bump allocation from chunks, freed all at once. Also the
 * arena-backed vector growth, and blocks that grow without a copy (mremap)
 * until the arena takes them over. Allocation failure aborts: a post-link
 * checker that runs out of memory has nothing useful left to say.
 *
 * Chunks are anonymous mappings, which the kernel hands out zeroed; as the arena
 * never gives memory out twice, fl_alloc() needs no memset of its own.
 */
#define _GNU_SOURCE /* mremap */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "flashlint/core.h"

/* ThreadSanitizer does not follow mremap(): see fl_block_grow(). */
#if defined(__SANITIZE_THREAD__)
#define FL_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define FL_TSAN 1
#endif
#endif

#define CHUNK_MIN (256u * 1024u)
#define HUGE_CHUNK (2u * 1024u * 1024u)
#define ALIGN 16u

struct chunk {
	struct chunk *prev;
	size_t size;   /* usable bytes after the header */
	size_t used;
	size_t mapped; /* length of the mapping, header included */
	_Alignas(16) unsigned char data[];
};

struct fl_arena {
	struct chunk *head;
	size_t total;
};

static _Noreturn void out_of_memory(void)
{
	fputs("flashlint: out of memory\n", stderr);
	abort();
}

static struct chunk *new_chunk(size_t need, size_t total)
{
	/* Grow with the arena, so that a huge input needs few chunks. */
	size_t len = sizeof(struct chunk) + (need > CHUNK_MIN ? need : CHUNK_MIN);
	if (total / 4 > len)
		len = total / 4;
	if (len >= HUGE_CHUNK)
		len = (len + HUGE_CHUNK - 1) & ~(size_t)(HUGE_CHUNK - 1);
	void *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		out_of_memory();
#ifdef MADV_HUGEPAGE
	/* Large chunks on huge pages: a few faults instead of one per 4 KiB. */
	if (len >= HUGE_CHUNK)
		madvise(m, len, MADV_HUGEPAGE);
#endif
	struct chunk *c = m;
	c->mapped = len;
	c->size = len - sizeof(*c);
	return c;
}

struct fl_arena *fl_arena_new(void)
{
	struct fl_arena *a = calloc(1, sizeof(*a));
	return a;
}

void fl_arena_free(struct fl_arena *a)
{
	if (!a)
		return;
	for (struct chunk *c = a->head, *p; c; c = p) {
		p = c->prev;
		munmap(c, c->mapped);
	}
	free(a);
}

void *fl_alloc(struct fl_arena *a, size_t size)
{
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	struct chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		c = new_chunk(size, a->total);
		c->prev = a->head;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += size;
	a->total += size;
	return p;
}

size_t fl_arena_used(const struct fl_arena *a)
{
	return a->total;
}

/* ---- blocks: a chunk holding one growing array ---- */

static size_t block_len(size_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t len = sizeof(struct chunk) + size;
	return len >= HUGE_CHUNK ? (len + HUGE_CHUNK - 1) & ~(size_t)(HUGE_CHUNK - 1)
				 : (len + page - 1) & ~(page - 1);
}

static struct chunk *block_chunk(void *p)
{
	return (struct chunk *)((unsigned char *)p - offsetof(struct chunk, data));
}

static void *block_setup(struct chunk *c, size_t len)
{
#ifdef MADV_HUGEPAGE
	if (len >= HUGE_CHUNK)
		madvise(c, len, MADV_HUGEPAGE);
#endif
	c->mapped = len;
	c->size = len - sizeof(*c);
	c->used = c->size; /* never a bump chunk once kept */
	return c->data;
}

void *fl_block_new(size_t size)
{
	size_t len = block_len(size);
	void *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		out_of_memory();
	return block_setup(m, len);
}

void *fl_block_grow(void *p, size_t size)
{
	if (!p)
		return fl_block_new(size);
	struct chunk *c = block_chunk(p);
	if (size <= c->size)
		return p;
#ifdef FL_TSAN
	/* Pages mremap() moved would look, to ThreadSanitizer, shared with whichever
	 * thread maps their old address next: copy them instead. */
	unsigned char *n = fl_block_new(size);
	memcpy(n, p, c->size);
	munmap(c, c->mapped);
	return n;
#else
	size_t len = block_len(size);
	void *m = mremap(c, c->mapped, len, MREMAP_MAYMOVE);
	if (m == MAP_FAILED)
		out_of_memory();
	return block_setup(m, len);
#endif
}

void fl_block_keep(struct fl_arena *a, void *p)
{
	if (!p)
		return;
	struct chunk *c = block_chunk(p);
	/* behind the chunk being filled, so that its free room stays in use */
	if (a->head) {
		c->prev = a->head->prev;
		a->head->prev = c;
	} else {
		c->prev = NULL;
		a->head = c;
	}
}

void fl_block_free(void *p)
{
	if (p) {
		struct chunk *c = block_chunk(p);
		munmap(c, c->mapped);
	}
}

char *fl_strndup(struct fl_arena *a, const char *s, size_t n)
{
	char *d = fl_alloc(a, n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *fl_strdup(struct fl_arena *a, const char *s)
{
	return fl_strndup(a, s, strlen(s));
}

char *fl_vprintf(struct fl_arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *d = fl_alloc(a, (size_t)n + 1);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	return d;
}

char *fl_printf(struct fl_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *d = fl_vprintf(a, fmt, ap);
	va_end(ap);
	return d;
}

void *fl_vec_grow_(struct fl_arena *a, void *v, size_t *cap, size_t elsz, size_t need)
{
	size_t ncap = *cap ? *cap * 2 : 8;
	if (ncap < need)
		ncap = need;
	void *nv = fl_alloc(a, ncap * elsz);
	if (v)
		memcpy(nv, v, *cap * elsz);
	*cap = ncap;
	return nv;
}
