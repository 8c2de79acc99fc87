// SPDX-License-Identifier: Apache-2.0
/*
 * Reader for GNU ld and LLVM lld -Map files: memory regions, output sections with
 * their input sections, fill and symbols, merged into what the ELF reader found.
 * One pass over the mapped buffer, no per-line allocation; never prints, never
 * exits, and keeps whatever it could read from a damaged or cut-short map.
 */
#define _GNU_SOURCE /* memrchr */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "flashlint/readers.h"

/* The probe looks this far into the file for a GNU ld heading. */
#define LDMAP_PROBE_WINDOW (64u * 1024u)
/* Names quoted in diagnostics are clipped to this many bytes. */
#define LDMAP_QUOTE_MAX 80

/* Where the GNU reader is in the map. */
enum ldmap_part {
	LDMAP_PRE,     /* archive members, discarded input sections, ... */
	LDMAP_MEMCFG,  /* Memory Configuration */
	LDMAP_SCRIPT,  /* Linker script and memory map */
	LDMAP_DONE,    /* Cross Reference Table and beyond */
};

enum ldmap_num {
	LDMAP_NUM_OK,
	LDMAP_NUM_BAD,   /* not a number */
	LDMAP_NUM_LONG,  /* more than 16 hex digits */
};

/* A name seen on its own line whose figures come on the next one. */
struct ldmap_pending {
	const char *name;  /* into the buffer; NULL when nothing is pending */
	size_t len;
	uint32_t line;
};

/* Owner strings repeat for every input section of an object: one copy each. */
struct ldmap_intern_slot {
	const char *s;
	uint32_t len;
	uint32_t hash;
};

struct ldmap_intern {
	struct ldmap_intern_slot *slot;
	size_t cap;  /* power of two */
	size_t n;
	const char *last;  /* the previous owner: consecutive inputs share it */
	size_t last_len;
};

/* The ELF sections by name. Sections of one name form a chain in ELF order;
 * a slot points at the first one not yet paired with a map section. */
struct ldmap_elf_slot {
	const char *name;  /* NULL: empty slot */
	size_t len;
	uint32_t hash;
	long head;         /* index into img->sections, -1 when all are paired */
};

struct ldmap_elf_index {
	struct ldmap_elf_slot *slot;
	size_t cap;        /* power of two, 0 when the image had no sections */
	long *next;        /* per ELF section: the next one of the same name, or -1 */
};

/* Column layout of an lld map: where the Align field ends, and where names
 * start relative to that. */
struct ldmap_lld_cols {
	size_t align_end;  /* offset of the end of "Align" in the header */
	size_t out_rel;    /* output sections; less than in_rel */
	size_t in_rel;     /* input sections; symbols are indented further */
};

/* The tables lld writes after every other output section, each an output
 * section row followed by its "<internal>:(.name)" input row: .symtab and
 * .strtab unless the output is stripped, .shstrtab always. */
enum ldmap_lld_tab {
	LDMAP_LLD_TAB_NONE,
	LDMAP_LLD_TAB_SYMTAB,
	LDMAP_LLD_TAB_SHSTRTAB,
	LDMAP_LLD_TAB_STRTAB,
};

/* The inputs of one closed section: inputs[first, first + n) of the block. */
struct ldmap_span {
	long sec;  /* index into img->sections */
	size_t first;
	size_t n;
};

struct ldmap_ctx {
	struct fl_run *run;
	struct fl_image *img;
	const char *path;       /* arena copy, used in every position */
	size_t n_elf;           /* sections that were there before the map */
	struct ldmap_elf_index elf; /* ELF sections by name, for merging */
	bool want_symbols;

	/* the output section inputs go to, -1 when none */
	long cur;
	bool cur_keep;          /* store its inputs (it is an alloc section) */
	bool cur_guess;         /* map-only: flags are guessed when it closes */
	size_t cur_real_inputs; /* non-fill inputs seen */
	bool cur_all_nobits;    /* every one of them looks like .bss/.noinit */

	enum ldmap_part part;
	bool output_seen;       /* GNU: ld's OUTPUT(file format) line, near the end */
	struct ldmap_pending out;  /* wrapped output section name */
	struct ldmap_pending in;   /* wrapped input section name */
	struct ldmap_intern owners;
	struct ldmap_lld_cols lld;
	bool lld_out_seen;      /* lld: an output section row was read */
	enum ldmap_lld_tab lld_tab; /* lld: the table the open output section is */
	unsigned lld_tabs_out;  /* lld: bit per table whose output section row was read */
	unsigned lld_tabs_done; /* lld: bit per table whose <internal> input row was read */
	char *pool;             /* unaligned string space taken from the arena */
	size_t pool_left;
	const char *last_in;    /* name of the last input section stored, or NULL */
	size_t last_in_len;
	/* The inputs of every section, one after the other in one block that grows
	 * without copying (fl_block_grow); each section's run of it is only
	 * recorded while the block may still move, and pointed to at the end. A
	 * vector per section would leave every outgrown copy behind in the arena,
	 * and a staging buffer copied out per section touched each input twice. */
	struct fl_input_section *inputs;
	size_t inputs_n, inputs_cap;
	size_t cur_first;       /* where the open section's inputs start */
	FL_VEC(struct ldmap_span) spans;
};

/* ---- small scanners -------------------------------------------------------- */

static inline bool ldmap_is_ws(char c)
{
	return c == ' ' || c == '\t';
}

/* Word-at-a-time scanning: maps are mostly runs of spaces and long names, and
 * byte loops over them were the largest cost of the reader. */
#define LDMAP_ONES 0x0101010101010101ull
#define LDMAP_HIGHS 0x8080808080808080ull
#define LDMAP_SPACES 0x2020202020202020ull
#define LDMAP_TABS 0x0909090909090909ull
#define LDMAP_PARENS 0x2828282828282828ull

static inline uint64_t ldmap_load8(const char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
	return w;
}

/* High bit set in each byte of w that is zero; the lowest one is exact. */
static inline uint64_t ldmap_zero_bytes(uint64_t w)
{
	return (w - LDMAP_ONES) & ~w & LDMAP_HIGHS;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LDMAP_SWAR 1
#else
#define LDMAP_SWAR 0
#endif

static inline const char *ldmap_skip_ws(const char *p, const char *e)
{
#if LDMAP_SWAR
	while (e - p >= 8) {
		uint64_t x = ldmap_load8(p) ^ LDMAP_SPACES;
		if (!x) {
			p += 8;
			continue;
		}
		p += __builtin_ctzll(x) >> 3;
		if (*p != '\t')
			return p;
		p++;
	}
#endif
	while (p < e && ldmap_is_ws(*p))
		p++;
	return p;
}

/* The first space, tab or (when stop_paren) '(' in [p, e), or e. */
static inline const char *ldmap_scan(const char *p, const char *e, bool stop_paren)
{
#if LDMAP_SWAR
	while (e - p >= 8) {
		uint64_t w = ldmap_load8(p);
		uint64_t m = ldmap_zero_bytes(w ^ LDMAP_SPACES) | ldmap_zero_bytes(w ^ LDMAP_TABS);
		if (stop_paren)
			m |= ldmap_zero_bytes(w ^ LDMAP_PARENS);
		if (m)
			return p + (__builtin_ctzll(m) >> 3);
		p += 8;
	}
#endif
	while (p < e && !ldmap_is_ws(*p) && !(stop_paren && *p == '('))
		p++;
	return p;
}

static inline const char *ldmap_tok_end(const char *p, const char *e)
{
	return ldmap_scan(p, e, false);
}

static inline const char *ldmap_rtrim(const char *p, const char *e)
{
	while (e > p && ldmap_is_ws(e[-1]))
		e--;
	return e;
}

static inline bool ldmap_is_0x(const char *p, const char *e)
{
	return e - p >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
}

static inline bool ldmap_eq(const char *p, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n == l && !memcmp(p, lit, l);
}

static inline bool ldmap_starts(const char *p, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n >= l && !memcmp(p, lit, l);
}

static bool ldmap_contains(const char *p, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	if (l > n)
		return false;
	for (size_t i = 0; i + l <= n; i++)
		if (p[i] == lit[0] && !memcmp(p + i, lit, l))
			return true;
	return false;
}

/* The value of each byte as a hex digit, -1 for the others, by high nibble:
 * one load per digit instead of two range tests (hex figures were a seventh of
 * the reader's instructions). */
static const signed char ldmap_hexval[256] = {
	/* 0_ */ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* 1_ */ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* 2_ */ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* 3_ */  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, -1, -1, -1, -1, -1, -1,
	/* 4_ */ -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* 5_ */ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* 6_ */ -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* 7_ */ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* 8_ */ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* 9_ */ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* A_ */ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* B_ */ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* C_ */ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* D_ */ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* E_ */ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	/* F_ */ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

static inline int ldmap_xdigit(unsigned char c)
{
	return ldmap_hexval[c];
}

/* Hex digits in [p, e), optionally behind "0x". More than 16 digits is refused
 * even when they are leading zeros: no linker writes such an address. */
static inline enum ldmap_num ldmap_hex(const char *p, const char *e, bool prefix,
				       uint64_t *out)
{
	if (prefix) {
		if (!ldmap_is_0x(p, e))
			return LDMAP_NUM_BAD;
		p += 2;
	}
	if (p == e)
		return LDMAP_NUM_BAD;
	uint64_t v = 0;
	size_t n = (size_t)(e - p);
	for (size_t i = 0; i < n; i++) {
		int d = ldmap_xdigit((unsigned char)p[i]);
		if (d < 0)
			return LDMAP_NUM_BAD;
		v = v << 4 | (uint64_t)d;
	}
	if (n > 16)
		return LDMAP_NUM_LONG;
	*out = v;
	return LDMAP_NUM_OK;
}

static inline bool ldmap_dec_ok(const char *p, const char *e)
{
	if (p == e || e - p > 20)
		return false;
	for (; p < e; p++)
		if ((unsigned)*p - '0' >= 10u)
			return false;
	return true;
}

static inline uint32_t ldmap_col(const char *line, const char *at)
{
	size_t c = (size_t)(at - line) + 1;
	return c > UINT32_MAX ? UINT32_MAX : (uint32_t)c;
}

static inline int ldmap_qlen(size_t n)
{
	return (int)(n > LDMAP_QUOTE_MAX ? LDMAP_QUOTE_MAX : n);
}

/* ---- strings -------------------------------------------------------------------- */

#define LDMAP_POOL_CHUNK (64u * 1024u)

/* A NUL-terminated arena copy of s[0..n). Names are packed into shared chunks:
 * one fl_alloc per string would cost an aligned, zeroed block each time. */
static const char *ldmap_strndup(struct ldmap_ctx *c, const char *s, size_t n)
{
	if (n >= LDMAP_POOL_CHUNK / 4)
		return fl_strndup(c->run->arena, s, n);
	if (c->pool_left < n + 1) {
		c->pool = fl_alloc(c->run->arena, LDMAP_POOL_CHUNK);
		c->pool_left = LDMAP_POOL_CHUNK;
	}
	char *d = c->pool;
	memcpy(d, s, n);
	d[n] = '\0';
	c->pool += n + 1;
	c->pool_left -= n + 1;
	return d;
}

/* ---- owner interning ----------------------------------------------------------- */

static const char *ldmap_intern(struct ldmap_ctx *c, const char *s, size_t n)
{
	struct ldmap_intern *t = &c->owners;
	if (t->last && t->last_len == n && !memcmp(t->last, s, n))
		return t->last;
	if (n > UINT32_MAX)
		return fl_strndup(c->run->arena, s, n);
	if (2 * (t->n + 1) > t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 256;
		struct ldmap_intern_slot *ns = fl_alloc(c->run->arena, ncap * sizeof(*ns));
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->slot[i].s)
				continue;
			size_t j = t->slot[i].hash & (ncap - 1);
			while (ns[j].s)
				j = (j + 1) & (ncap - 1);
			ns[j] = t->slot[i];
		}
		t->slot = ns;
		t->cap = ncap;
	}
	uint32_t h = (uint32_t)fl_hash(s, n);
	size_t j = h & (t->cap - 1);
	for (; t->slot[j].s; j = (j + 1) & (t->cap - 1)) {
		struct ldmap_intern_slot *sl = &t->slot[j];
		if (sl->hash == h && sl->len == n && !memcmp(sl->s, s, n))
			goto found;
	}
	t->slot[j].s = ldmap_strndup(c, s, n);
	t->slot[j].len = (uint32_t)n;
	t->slot[j].hash = h;
	t->n++;
found:
	t->last = t->slot[j].s;
	t->last_len = n;
	return t->last;
}

/* ---- section flags ---------------------------------------------------------------- */

/* Output sections that never occupy target memory. ld gives them VMA 0. */
static const char *const ldmap_nonalloc_prefix[] = {
	".debug", ".zdebug", ".stab", ".comment", ".ARM.attributes",
	".riscv.attributes", ".gnu.attributes", ".note.GNU-stack", ".gnu_debuglink",
	".gnu_debugaltlink", ".symtab", ".strtab", ".shstrtab", ".xtensa.info",
	".xt.prop", ".xt.lit", ".xt.insn", /* Xtensa property tables for tools */
	".llvm_addrsig", ".gnu.build.attributes", ".ident",
};

static bool ldmap_is_nonalloc(const char *name, size_t n, uint64_t vma)
{
	if (vma != 0)
		return false;
	for (size_t i = 0; i < sizeof(ldmap_nonalloc_prefix) / sizeof(ldmap_nonalloc_prefix[0]); i++)
		if (ldmap_starts(name, n, ldmap_nonalloc_prefix[i]))
			return true;
	return false;
}

/* An input section that only reserves memory: compilers put zero-initialised
 * and uninitialised data there, and the ELF marks it SHT_NOBITS. */
static bool ldmap_is_nobits_input(const char *name, size_t n)
{
	return ldmap_starts(name, n, ".bss") || ldmap_starts(name, n, ".sbss") ||
	       ldmap_starts(name, n, ".tbss") || ldmap_starts(name, n, "COMMON") ||
	       ldmap_contains(name, n, ".noinit") || ldmap_contains(name, n, "noinit.");
}

/*
 * Flags of an output section the ELF does not describe. The map does not say
 * whether a section is NOBITS, and getting it wrong matters: a NOLOAD .bss placed
 * after an AT> FLASH data section gets a load address inside FLASH, and counting
 * it as loaded would make the image look larger than it is. So a section is
 * taken as NOBITS when
 *   - its name is exactly bss, .bss, noinit, .noinit, .tbss or .sbss, or
 *   - it has input sections and every one that is not *fill* is .bss*, .sbss*,
 *     .tbss*, COMMON or a noinit section (".noinit" or "noinit." in the name), or
 *   - it has no input sections and its name without a leading '.' is bss, sbss,
 *     tbss or noinit, or starts with "bss." or "noinit.".
 * Sections with only data statements (LONG(...)) count as having no inputs and
 * are loaded unless their name says otherwise. Non-alloc sections (debug, symbol
 * tables, attributes) were recognised when the section was opened; EXEC and
 * WRITE stay unknown (0) without the ELF.
 */
static unsigned ldmap_guess_flags(const char *name, size_t real_inputs, bool all_nobits)
{
	size_t n = strlen(name);
	bool nobits;
	if (ldmap_eq(name, n, "bss") || ldmap_eq(name, n, ".bss") ||
	    ldmap_eq(name, n, "noinit") || ldmap_eq(name, n, ".noinit") ||
	    ldmap_eq(name, n, ".tbss") || ldmap_eq(name, n, ".sbss")) {
		nobits = true;
	} else if (real_inputs > 0) {
		nobits = all_nobits;
	} else {
		const char *b = name[0] == '.' ? name + 1 : name;
		size_t bn = strlen(b);
		nobits = ldmap_eq(b, bn, "bss") || ldmap_eq(b, bn, "sbss") ||
			 ldmap_eq(b, bn, "tbss") || ldmap_eq(b, bn, "noinit") ||
			 ldmap_starts(b, bn, "bss.") || ldmap_starts(b, bn, "noinit.");
	}
	return FL_SEC_ALLOC | (nobits ? 0 : FL_SEC_LOAD);
}

/* ---- building the model ----------------------------------------------------------- */

/* The block of inputs is final: the arena keeps it, each closed section points
 * at its run (a section closed twice keeps its last run, as it always did). */
static void ldmap_finish_inputs(struct ldmap_ctx *c)
{
	fl_block_keep(c->run->arena, c->inputs);
	for (size_t i = 0; i < c->spans.n; i++) {
		const struct ldmap_span *sp = &c->spans.v[i];
		struct fl_section *s = &c->img->sections.v[sp->sec];
		s->inputs.v = c->inputs + sp->first;
		s->inputs.n = s->inputs.cap = sp->n;
	}
}

static void ldmap_close_section(struct ldmap_ctx *c)
{
	if (c->cur >= 0 && c->inputs_n > c->cur_first)
		*fl_vec_push(c->run->arena, &c->spans) =
			(struct ldmap_span){ c->cur, c->cur_first, c->inputs_n - c->cur_first };
	c->cur_first = c->inputs_n;
	if (c->cur >= 0 && c->cur_guess) {
		struct fl_section *s = &c->img->sections.v[c->cur];
		s->flags = ldmap_guess_flags(s->name, c->cur_real_inputs, c->cur_all_nobits);
	}
	c->cur = -1;
	c->cur_keep = false;
	c->cur_guess = false;
	c->in.name = NULL;
	c->last_in = NULL;
}

static struct ldmap_elf_slot *ldmap_elf_slot(struct ldmap_elf_index *x, const char *name,
					      size_t n, uint32_t h)
{
	size_t j = h & (x->cap - 1);
	for (; x->slot[j].name; j = (j + 1) & (x->cap - 1)) {
		struct ldmap_elf_slot *sl = &x->slot[j];
		if (sl->hash == h && sl->len == n && !memcmp(sl->name, name, n))
			break;
	}
	return &x->slot[j];
}

/* Index the sections the ELF reader left in img, so that pairing map sections
 * with them stays linear however many there are. */
static void ldmap_elf_index(struct ldmap_ctx *c)
{
	struct ldmap_elf_index *x = &c->elf;
	size_t n_elf = c->n_elf;
	x->cap = 16;
	while (x->cap < 2 * n_elf)
		x->cap *= 2;
	x->slot = fl_alloc(c->run->arena, x->cap * sizeof(*x->slot));
	x->next = fl_alloc(c->run->arena, n_elf * sizeof(*x->next));
	/* walk backwards so that each chain comes out in ELF order */
	for (size_t k = n_elf; k-- > 0;) {
		const char *name = c->img->sections.v[k].name;
		x->next[k] = -1;
		if (!name)
			continue;
		size_t n = strlen(name);
		uint32_t h = (uint32_t)fl_hash(name, n);
		struct ldmap_elf_slot *sl = ldmap_elf_slot(x, name, n, h);
		if (sl->name)
			x->next[k] = sl->head;
		else
			*sl = (struct ldmap_elf_slot){ name, n, h, -1 };
		sl->head = (long)k;
	}
}

/* The first ELF section called name[0..n) not yet paired with a map section;
 * duplicates of a name pair up in order. */
static long ldmap_match(struct ldmap_ctx *c, const char *name, size_t n)
{
	struct ldmap_elf_slot *sl = ldmap_elf_slot(&c->elf, name, n, (uint32_t)fl_hash(name, n));
	if (!sl->name || sl->head < 0)
		return -1;
	long i = sl->head;
	sl->head = c->elf.next[i];
	return i;
}

static void ldmap_open_section(struct ldmap_ctx *c, const char *name, size_t n,
			       uint32_t line, uint32_t col, uint64_t vma, uint64_t lma,
			       uint64_t size)
{
	ldmap_close_section(c);
	struct fl_image *img = c->img;
	struct fl_pos pos = { c->path, line, col };
	long i = c->n_elf ? ldmap_match(c, name, n) : -1;
	struct fl_section *s;
	if (i >= 0) {
		/* The ELF is exact: keep its figures, add the map's. */
		s = &img->sections.v[i];
		c->cur_keep = (s->flags & FL_SEC_ALLOC) != 0;
		c->cur_guess = false;
	} else {
		s = fl_vec_push(c->run->arena, &img->sections);
		i = (long)(img->sections.n - 1);
		s->name = fl_strndup(c->run->arena, name, n);
		s->vma = vma;
		s->lma = lma;
		s->size = size;
		s->from_elf = false;
		s->vma_region = -1;
		s->lma_region = -1;
		bool nonalloc = ldmap_is_nonalloc(name, n, vma);
		s->flags = nonalloc ? 0 : FL_SEC_ALLOC | FL_SEC_LOAD;
		c->cur_keep = !nonalloc;
		c->cur_guess = !nonalloc;
	}
	s->from_map = true;
	s->pos = pos;
	s->map_vma = vma;
	s->map_lma = lma;
	s->map_size = size;
	c->cur = i;
	c->cur_real_inputs = 0;
	c->cur_all_nobits = true;
}

/* owner NULL: a *fill* entry. */
static void ldmap_add_input(struct ldmap_ctx *c, const char *name, size_t n, uint64_t addr,
			    uint64_t size, const char *owner, size_t owner_len, uint32_t line,
			    uint32_t col)
{
	if (c->cur < 0 || !c->cur_keep)
		return;
	if (c->inputs_n == c->inputs_cap) {
		size_t cap = c->inputs_cap ? 2 * c->inputs_cap : 4096;
		c->inputs = fl_block_grow(c->inputs, cap * sizeof(*c->inputs));
		c->inputs_cap = cap;
	}
	struct fl_input_section *in = &c->inputs[c->inputs_n++];
	*in = (struct fl_input_section){ 0 };
	in->addr = addr;
	in->size = size;
	in->pos = (struct fl_pos){ c->path, line, col };
	if (!owner) {
		in->name = "*fill*";
		in->is_fill = true;
		return;
	}
	in->name = ldmap_strndup(c, name, n);
	c->last_in = in->name;
	c->last_in_len = n;
	in->owner = ldmap_intern(c, owner, owner_len);
	c->cur_real_inputs++;
	if (c->cur_all_nobits && !ldmap_is_nobits_input(name, n))
		c->cur_all_nobits = false;
}

static void ldmap_add_symbol(struct ldmap_ctx *c, const char *name, size_t n, uint64_t value)
{
	struct fl_symbol *sym = fl_vec_push(c->run->arena, &c->img->symbols);
	/* With -ffunction-sections the symbol is the tail of the input section
	 * just stored (".text.main" then "main"): share that string. */
	const char *li = c->last_in;
	size_t ll = c->last_in_len;
	if (li && ll > n && li[ll - n - 1] == '.' && !memcmp(li + ll - n, name, n))
		sym->name = li + ll - n;
	else
		sym->name = ldmap_strndup(c, name, n);
	sym->value = value;
	sym->section = c->cur >= 0 ? c->img->sections.v[c->cur].name : NULL;
}

/* Parse the 0x hex field [p, te) of a line; reports INP001 on failure. `what`
 * names the field, `kind` and name[0..n) the object it belongs to. */
static bool ldmap_field(struct ldmap_ctx *c, const char *line, uint32_t lineno,
			const char *p, const char *te, const char *what, const char *kind,
			const char *name, size_t n, uint64_t *out)
{
	enum ldmap_num r = ldmap_hex(p, te, true, out);
	if (r == LDMAP_NUM_OK)
		return true;
	uint32_t col = ldmap_col(line, p);
	if (p == te)
		fl_inp(c->run, c->path, lineno, col,
		       "expected the 0x hex %s of %s '%.*s', found the end of the line", what, kind,
		       ldmap_qlen(n), name);
	else if (r == LDMAP_NUM_LONG)
		fl_inp(c->run, c->path, lineno, col,
		       "expected at most 16 hex digits in the %s of %s '%.*s', found %zu", what,
		       kind, ldmap_qlen(n), name, (size_t)(te - p) - 2);
	else
		fl_inp(c->run, c->path, lineno, col,
		       "expected the 0x hex %s of %s '%.*s', found '%.*s'", what, kind,
		       ldmap_qlen(n), name, ldmap_qlen((size_t)(te - p)), p);
	return false;
}

/* A well-formed "0x<1..16 hex digits>" token at p: its end, or NULL. */
static inline const char *ldmap_hex0x(const char *p, const char *e, uint64_t *out)
{
	if (e - p < 3 || p[0] != '0' || (p[1] | 0x20) != 'x')
		return NULL;
	p += 2;
	const char *d = p;
	uint64_t v = 0;
	for (; p < e; p++) {
		int x = ldmap_xdigit((unsigned char)*p);
		if (x < 0)
			break;
		v = v << 4 | (uint64_t)x;
	}
	if (p == d || p - d > 16 || (p < e && !ldmap_is_ws(*p)))
		return NULL;
	*out = v;
	return p;
}

/* The 0x hex field starting at p: its end, or NULL after reporting INP001. */
static inline const char *ldmap_num(struct ldmap_ctx *c, const char *line, uint32_t lineno,
				    const char *p, const char *e, const char *what,
				    const char *kind, const char *name, size_t n, uint64_t *out)
{
	const char *q = ldmap_hex0x(p, e, out);
	if (!q)
		ldmap_field(c, line, lineno, p, ldmap_tok_end(p, e), what, kind, name, n, out);
	return q;
}

static bool ldmap_no_wrap(struct ldmap_ctx *c, uint32_t lineno, uint32_t col,
			  const char *kind, const char *name, size_t n, uint64_t addr,
			  uint64_t size)
{
	uint64_t end;
	if (fl_add_ok(addr, size, &end))
		return true;
	fl_inp(c->run, c->path, lineno, col,
	       "expected %s '%.*s' to end below 2^64, but 0x%llx + 0x%llx wraps around", kind,
	       ldmap_qlen(n), name, (unsigned long long)addr, (unsigned long long)size);
	return false;
}

/* ---- GNU ld ------------------------------------------------------------------------ */

/* "0x<vma> <size>[ load address 0x<lma>]" starting at p, for the output section
 * name[0..n) whose name is on line name_line. */
static void ldmap_gnu_out_figures(struct ldmap_ctx *c, const char *name, size_t n,
				  uint32_t name_line, const char *line, const char *p,
				  const char *e, uint32_t lineno)
{
	static const char kind[] = "output section";
	uint64_t vma, size, lma;
	const char *te = ldmap_num(c, line, lineno, p, e, "address", kind, name, n, &vma);
	if (!te)
		return;
	const char *sp = ldmap_skip_ws(te, e);
	const char *se = ldmap_num(c, line, lineno, sp, e, "size", kind, name, n, &size);
	if (!se)
		return;
	lma = vma;
	const char *r = ldmap_skip_ws(se, e);
	if (ldmap_starts(r, (size_t)(e - r), "load address")) {
		const char *lp = ldmap_skip_ws(r + 12, e);
		if (!ldmap_num(c, line, lineno, lp, e, "load address", kind, name, n, &lma))
			return;
	}
	uint32_t scol = ldmap_col(line, sp);
	if (!ldmap_no_wrap(c, lineno, scol, kind, name, n, vma, size) ||
	    !ldmap_no_wrap(c, lineno, scol, "the load image of output section", name, n, lma,
			   size))
		return;
	ldmap_open_section(c, name, n, name_line, 1, vma, lma, size);
}

/* "0x<addr> <size> <owner>" starting at p for the input section name[0..n). */
static void ldmap_gnu_in_figures(struct ldmap_ctx *c, const char *name, size_t n,
				 uint32_t name_line, const char *line, const char *p,
				 const char *e, uint32_t lineno)
{
	static const char kind[] = "input section";
	uint64_t addr, size;
	const char *te = ldmap_num(c, line, lineno, p, e, "address", kind, name, n, &addr);
	if (!te)
		return;
	const char *sp = ldmap_skip_ws(te, e);
	const char *se = ldmap_num(c, line, lineno, sp, e, "size", kind, name, n, &size);
	if (!se)
		return;
	if (!ldmap_no_wrap(c, lineno, ldmap_col(line, sp), kind, name, n, addr, size))
		return;
	const char *op = ldmap_skip_ws(se, e);
	const char *oe = ldmap_rtrim(op, e);
	ldmap_add_input(c, name, n, addr, size, op, (size_t)(oe - op), name_line, 2);
}

/* A line of the Memory Configuration table. */
static void ldmap_gnu_region(struct ldmap_ctx *c, const char *p, const char *e, uint32_t lineno)
{
	const char *ne = ldmap_tok_end(p, e);
	size_t n = (size_t)(ne - p);
	if (ldmap_eq(p, n, "*default*") || ldmap_eq(p, n, "Name"))
		return;
	uint64_t origin, length;
	const char *op = ldmap_skip_ws(ne, e);
	const char *oe = ldmap_tok_end(op, e);
	if (!ldmap_field(c, p, lineno, op, oe, "origin", "memory region", p, n, &origin))
		return;
	const char *lp = ldmap_skip_ws(oe, e);
	const char *le = ldmap_tok_end(lp, e);
	if (!ldmap_field(c, p, lineno, lp, le, "length", "memory region", p, n, &length))
		return;
	if (!ldmap_no_wrap(c, lineno, ldmap_col(p, lp), "memory region", p, n, origin, length))
		return;
	const char *ap = ldmap_skip_ws(le, e);
	struct fl_region *r = fl_vec_push(c->run->arena, &c->img->regions);
	r->name = fl_strndup(c->run->arena, p, n);
	r->origin = origin;
	r->length = length;
	r->attrs = fl_strndup(c->run->arena, ap, (size_t)(ldmap_rtrim(ap, e) - ap));
	r->pos = (struct fl_pos){ c->path, lineno, 1 };
}

/* Patterns of the script (" *(.text)", " KEEP(...)", " *b.o(.text.*)") are
 * echoed at the input-section indent; input section names carry no '(' unless
 * they start with '.' (a quoted file name after .noinit. may). */
static bool ldmap_is_pattern(const char *p, size_t n)
{
	if (p[0] == '*')
		return true;
	return p[0] != '.' && memchr(p, '(', n) != NULL;
}

/* A line at the input indent: " .name", " .name 0x.. 0x.. owner", " *fill* ...". */
static void ldmap_gnu_input_line(struct ldmap_ctx *c, const char *line, const char *e,
				 uint32_t lineno)
{
	const char *np = line + 1;
	const char *ne = ldmap_tok_end(np, e);
	size_t n = (size_t)(ne - np);
	const char *r = ldmap_skip_ws(ne, e);
	if (ldmap_eq(np, n, "*fill*")) {
		if (c->cur < 0 || !c->cur_keep)
			return;
		uint64_t addr, size;
		const char *ae = ldmap_num(c, line, lineno, r, e, "address", "a", np, n, &addr);
		if (!ae)
			return;
		const char *sp = ldmap_skip_ws(ae, e);
		if (!ldmap_num(c, line, lineno, sp, e, "size", "a", np, n, &size))
			return;
		if (!ldmap_no_wrap(c, lineno, ldmap_col(line, sp), "fill", np, n, addr, size))
			return;
		ldmap_add_input(c, np, n, addr, size, NULL, 0, lineno, 2);
		return;
	}
	if (ldmap_is_pattern(np, n))
		return;
	if (r == e) {
		if (c->cur >= 0 && c->cur_keep)
			c->in = (struct ldmap_pending){ np, n, lineno };
		return;
	}
	if (!ldmap_is_0x(r, e) || c->cur < 0 || !c->cur_keep)
		return;
	ldmap_gnu_in_figures(c, np, n, lineno, line, r, e, lineno);
}

/* A line indented further: symbol, assignment, data statement, PROVIDE,
 * "(size before relaxing)". Only symbols are kept. */
static void ldmap_gnu_deep_line(struct ldmap_ctx *c, const char *line, const char *e)
{
	const char *p = ldmap_skip_ws(line, e);
	uint64_t v;
	const char *te = ldmap_hex0x(p, e, &v);
	if (!te)
		return;
	const char *np = ldmap_skip_ws(te, e);
	const char *ne = ldmap_rtrim(np, e);
	size_t n = (size_t)(ne - np);
	/* a symbol name has no space and no '(': that leaves out assignments,
	 * PROVIDE, ASSERT and "(size before relaxing)" */
	if (n == 0 || ldmap_is_0x(np, ne) || ldmap_scan(np, ne, true) != ne)
		return;
	ldmap_add_symbol(c, np, n, v);
}

/* Is the line, without its line end, exactly lit? */
static inline bool ldmap_line_is(const char *p, const char *e, const char *lit)
{
	return ldmap_eq(p, (size_t)(e - p), lit);
}

/* The statements ld prints unindented in the script part besides output
 * sections (ldlang.c print_statement): their first word. */
static bool ldmap_is_statement(const char *p, size_t n)
{
	static const char *const words[] = { "LOAD", "START", "END", "INSERT", "Address" };
	static const char *const calls[] = { "OUTPUT(", "TARGET(", "INPUT(" };
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (ldmap_eq(p, n, words[i]))
			return true;
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (ldmap_starts(p, n, calls[i]))
			return true;
	return false;
}

static void ldmap_gnu_script_line(struct ldmap_ctx *c, const char *p, const char *e,
				  uint32_t lineno)
{
	if (p == e) {
		c->out.name = NULL;
		c->in.name = NULL;
		return;
	}
	if (!ldmap_is_ws(*p)) {
		ldmap_close_section(c);
		c->out.name = NULL;
		if (ldmap_line_is(p, e, "Cross Reference Table")) {
			c->part = LDMAP_DONE;
			return;
		}
		const char *te = ldmap_tok_end(p, e);
		size_t n = (size_t)(te - p);
		const char *r = ldmap_skip_ws(te, e);
		if (ldmap_starts(p, n, "OUTPUT("))
			c->output_seen = true;
		if (r == e) {
			if (!ldmap_eq(p, n, "/DISCARD/"))
				c->out = (struct ldmap_pending){ p, n, lineno };
			return;
		}
		/* LOAD, OUTPUT(...), START GROUP, ... carry no address. */
		if (ldmap_is_0x(r, e))
			ldmap_gnu_out_figures(c, p, n, lineno, p, r, e, lineno);
		else if (!ldmap_is_statement(p, n))
			fl_inp(c->run, c->path, lineno, 1,
			       "'%.*s' is no line ld writes here: expected an output section with its address and size, LOAD, OUTPUT(...), START GROUP or END GROUP",
			       ldmap_qlen((size_t)(ldmap_rtrim(p, e) - p)), p);
		return;
	}
	if (c->out.name || c->in.name) {
		/* The figures of a wrapped name: two 0x fields, the first at the
		 * 16-column indent. Anything else means the name had none. */
		const char *q = ldmap_skip_ws(p, e);
		const char *qe = ldmap_tok_end(q, e);
		const char *r = ldmap_skip_ws(qe, e);
		bool figures = ldmap_is_0x(q, qe) && (r == e || ldmap_is_0x(r, e));
		struct ldmap_pending pd = c->out.name ? c->out : c->in;
		bool is_out = c->out.name != NULL;
		c->out.name = NULL;
		c->in.name = NULL;
		if (figures) {
			if (is_out)
				ldmap_gnu_out_figures(c, pd.name, pd.len, pd.line, p, q, e, lineno);
			else
				ldmap_gnu_in_figures(c, pd.name, pd.len, pd.line, p, q, e, lineno);
			return;
		}
	}
	if (c->cur >= 0 && !c->cur_keep)
		return;
	if (p + 1 < e && p[0] == ' ' && !ldmap_is_ws(p[1]))
		ldmap_gnu_input_line(c, p, e, lineno);
	else if (c->want_symbols)
		ldmap_gnu_deep_line(c, p, e);
}

static void ldmap_gnu_line(struct ldmap_ctx *c, const char *p, const char *e, uint32_t lineno)
{
	switch (c->part) {
	case LDMAP_SCRIPT:
		ldmap_gnu_script_line(c, p, e, lineno);
		return;
	case LDMAP_MEMCFG:
		if (p == e || ldmap_is_ws(*p))
			return;
		if (ldmap_line_is(p, e, "Linker script and memory map"))
			c->part = LDMAP_SCRIPT;
		else
			ldmap_gnu_region(c, p, e, lineno);
		return;
	case LDMAP_PRE:
		if (p == e || (*p != 'M' && *p != 'L'))
			return;
		if (ldmap_line_is(p, e, "Memory Configuration"))
			c->part = LDMAP_MEMCFG;
		else if (ldmap_line_is(p, e, "Linker script and memory map"))
			c->part = LDMAP_SCRIPT;
		return;
	case LDMAP_DONE:
		return;
	}
}

/* ---- LLVM lld ---------------------------------------------------------------------- */

static const char *const ldmap_lld_head[] = {
	"VMA", "LMA", "Size", "Align", "Out", "In", "Symbol",
};

/* Is [p, e) the lld header? Fills the column layout when cols is not NULL. */
static bool ldmap_lld_header(const char *p, const char *e, struct ldmap_lld_cols *cols)
{
	const char *start[7], *end[7];
	const char *q = p;
	for (int i = 0; i < 7; i++) {
		q = ldmap_skip_ws(q, e);
		const char *te = ldmap_tok_end(q, e);
		if (!ldmap_eq(q, (size_t)(te - q), ldmap_lld_head[i]))
			return false;
		start[i] = q;
		end[i] = te;
		q = te;
	}
	if (ldmap_skip_ws(q, e) != e)
		return false;
	if (cols) {
		cols->align_end = (size_t)(end[3] - p);
		cols->out_rel = (size_t)(start[4] - end[3]);
		cols->in_rel = (size_t)(start[5] - end[3]);
	}
	return true;
}

/* One of the hex columns of an lld row (no 0x) at [p, te); reports INP001 on
 * failure. */
static bool ldmap_lld_num(struct ldmap_ctx *c, const char *line, uint32_t lineno,
			  const char *p, const char *te, const char *what, uint64_t *out)
{
	enum ldmap_num r = ldmap_hex(p, te, false, out);
	if (r == LDMAP_NUM_OK)
		return true;
	uint32_t col = ldmap_col(line, p);
	if (p == te)
		fl_inp(c->run, c->path, lineno, col,
		       "expected the %s column of an lld map row, found the end of the line", what);
	else if (r == LDMAP_NUM_LONG)
		fl_inp(c->run, c->path, lineno, col,
		       "expected at most 16 hex digits in the %s column, found %zu", what,
		       (size_t)(te - p));
	else
		fl_inp(c->run, c->path, lineno, col, "expected a hex %s in this lld map row, found '%.*s'",
		       what, ldmap_qlen((size_t)(te - p)), p);
	return false;
}

enum ldmap_lld_kind { LDMAP_LLD_OUT, LDMAP_LLD_IN, LDMAP_LLD_SYM };

static const char *const ldmap_lld_tab_name[] = { NULL, ".symtab", ".shstrtab", ".strtab" };

/* Which of lld's closing tables the output section [t, t + n) is. */
static enum ldmap_lld_tab ldmap_lld_table(const char *t, size_t n)
{
	if (n < 7 || t[0] != '.')
		return LDMAP_LLD_TAB_NONE;
	for (int i = LDMAP_LLD_TAB_SYMTAB; i <= LDMAP_LLD_TAB_STRTAB; i++)
		if (ldmap_eq(t, n, ldmap_lld_tab_name[i]))
			return (enum ldmap_lld_tab)i;
	return LDMAP_LLD_TAB_NONE;
}

/* The input row of the open closing table: "<internal>:(.name)" at the input
 * indent, after the four figures. */
static void ldmap_lld_table_row(struct ldmap_ctx *c, const char *t, const char *te)
{
	const char *name = ldmap_lld_tab_name[c->lld_tab];
	size_t n = strlen(name);
	size_t len = (size_t)(te - t);
	if (len == n + 13 && memcmp(t, "<internal>:(", 12) == 0 && memcmp(t + 12, name, n) == 0 &&
	    te[-1] == ')')
		c->lld_tabs_done |= 1u << c->lld_tab;
}

static void ldmap_lld_line(struct ldmap_ctx *c, const char *p, const char *e, uint32_t lineno)
{
	if (ldmap_skip_ws(p, e) == e)
		return;
	/* Where the four number columns end: at the header's Align column when the
	 * numbers fit their widths (then the name's indent can be judged before
	 * any number is parsed), else after the fourth field. */
	size_t ae = c->lld.align_end;
	const char *a_end;
	if ((size_t)(e - p) > ae && p[ae] == ' ' && p[ae - 1] != ' ') {
		a_end = p + ae;
	} else {
		a_end = p;
		for (int i = 0; i < 4; i++)
			a_end = ldmap_tok_end(ldmap_skip_ws(a_end, e), e);
	}
	const char *t = ldmap_skip_ws(a_end, e);
	const char *te = ldmap_rtrim(t, e);
	size_t rel = (size_t)(t - a_end);
	size_t n = (size_t)(te - t);
	enum ldmap_lld_kind kind = rel <= c->lld.out_rel ? LDMAP_LLD_OUT :
				   rel <= c->lld.in_rel	 ? LDMAP_LLD_IN :
							   LDMAP_LLD_SYM;
	if (kind == LDMAP_LLD_IN && c->lld_tab != LDMAP_LLD_TAB_NONE)
		ldmap_lld_table_row(c, t, te);
	/* Rows nobody keeps: inputs and symbols of debug sections, symbols when the
	 * ELF has the table, $a/$t/$d/$x mapping symbols, assignments (the only
	 * names with spaces at the symbol indent). */
	if (kind != LDMAP_LLD_OUT && c->cur >= 0 && !c->cur_keep)
		return;
	if (kind == LDMAP_LLD_SYM && n &&
	    (!c->want_symbols || t[0] == '$' || memchr(t, ' ', n)))
		return;
	if (kind == LDMAP_LLD_IN && n && (c->cur < 0 || te[-1] != ')'))
		return;

	const char *f[4], *fe[4];
	const char *q = p;
	for (int i = 0; i < 4; i++) {
		f[i] = ldmap_skip_ws(q, a_end);
		fe[i] = ldmap_tok_end(f[i], a_end);
		q = fe[i];
	}
	uint64_t vma, lma, size;
	if (!ldmap_lld_num(c, p, lineno, f[0], fe[0], "VMA", &vma) ||
	    !ldmap_lld_num(c, p, lineno, f[1], fe[1], "LMA", &lma) ||
	    !ldmap_lld_num(c, p, lineno, f[2], fe[2], "size", &size))
		return;
	if (!ldmap_dec_ok(f[3], fe[3])) {
		fl_inp(c->run, c->path, lineno, ldmap_col(p, f[3]),
		       "expected a decimal alignment after the size, found '%.*s'",
		       ldmap_qlen((size_t)(fe[3] - f[3])), f[3]);
		return;
	}
	if (n == 0) {
		/* lld writes a linker-script ASSERT as a statement without text: the
		 * location counter, no size, alignment 1, then nothing. */
		if (size == 0 && fe[3] - f[3] == 1 && f[3][0] == '1')
			return;
		fl_inp(c->run, c->path, lineno, ldmap_col(p, t),
		       "expected a section, input section or symbol name after the alignment");
		return;
	}
	uint32_t col = ldmap_col(p, t);
	uint32_t scol = ldmap_col(p, f[2]);
	if (kind == LDMAP_LLD_OUT) {
		/* top-level assignments ("__rom_start = .") sit here too */
		if (memchr(t, ' ', n))
			return;
		c->lld_out_seen = true;
		c->lld_tab = ldmap_lld_table(t, n);
		c->lld_tabs_out |= 1u << c->lld_tab;
		if (!ldmap_no_wrap(c, lineno, scol, "output section", t, n, vma, size) ||
		    !ldmap_no_wrap(c, lineno, scol, "the load image of output section", t, n, lma,
				   size))
			return;
		ldmap_open_section(c, t, n, lineno, col, vma, lma, size);
	} else if (kind == LDMAP_LLD_IN) {
		/* "file.o:(.sec)", "lib.a(m.o):(.sec)", "<internal>:(.sec)"; the owner
		 * may hold spaces and parentheses, so split at the last ":(".
		 * Assignments and data statements (LONG ( 0x1 )) have no ":(". */
		const char *colon = NULL;
		for (const char *s = te - 1; s > t && !colon;) {
			s = memrchr(t + 1, '(', (size_t)(s - t - 1));
			if (!s)
				break;
			if (s[-1] == ':')
				colon = s - 1;
		}
		if (!colon)
			return;
		const char *name = colon + 2;
		size_t nn = (size_t)(te - 1 - name);
		if (!ldmap_no_wrap(c, lineno, scol, "input section", name, nn, vma, size))
			return;
		ldmap_add_input(c, name, nn, vma, size, t, (size_t)(colon - t), lineno, col);
	} else {
		ldmap_add_symbol(c, t, n, vma);
	}
}

/* ---- entry points --------------------------------------------------------------------- */

/* "<<<<<<< ...", "=======" or ">>>>>>> ...": a line git writes, no linker does. */
static bool ldmap_is_conflict_marker(const char *p, const char *e)
{
	return fl_conflict_marker(p, (size_t)(e - p)) == 1;
}

/* ld writes a GNU map to its end, also when the link fails: the Memory
 * Configuration, the script part, and OUTPUT(file format) after the last output
 * section. A map that lacks them was cut short. Cut before the script part,
 * nothing of it can be used: INP001. Cut later, it is an INP001 when the link
 * wrote its ELF (then the map should be whole), and a note when there is no ELF
 * (a failed link's map, read for what it holds, as SEC003 does). */
static int ldmap_gnu_check_end(struct ldmap_ctx *c, uint32_t lineno)
{
	unsigned line = lineno;
	if (c->part == LDMAP_PRE || c->part == LDMAP_MEMCFG) {
		fl_inp(c->run, c->path, line, 0,
		       "the map ends %s: expected the \"Memory Configuration\" and \"Linker script and memory map\" parts that ld writes",
		       c->part == LDMAP_PRE ? "before its Memory Configuration" : "in its Memory Configuration");
		return -FL_EFORMAT;
	}
	if (c->output_seen || c->part == LDMAP_DONE)
		return 0;
	const char *where = "before ld's closing OUTPUT(...) line";
	if (c->img->elf_path) {
		fl_inp(c->run, c->path, lineno, 0,
		       "the map ends at line %u %s: it was cut short, though the link wrote '%s'",
		       line, where, c->img->elf_path);
		return -FL_EFORMAT;
	}
	fl_note_at(c->run, (struct fl_pos){ c->path, line, 0 },
		   "the map ends %sat line %u %s, and there is no ELF: read as the map of a failed link, without what comes after the cut",
		   c->img->map_truncated ? "mid-line " : "", line, where);
	return 0;
}

/* lld writes its map whole once the output's layout is final: every output
 * section, then .symtab (unless stripped), .shstrtab and .strtab, each with its
 * "<internal>" input row. A map without .shstrtab's row, or with .symtab but
 * without .strtab's, was cut short: an INP001 at its last line when the link
 * wrote its ELF, a note when there is none (as for GNU maps). A map without a
 * single output section row says nothing at all: INP001 either way. */
static int ldmap_lld_check_end(struct ldmap_ctx *c, uint32_t lineno)
{
	unsigned line = lineno; /* for %u */
	if (!c->lld_out_seen) {
		fl_inp(c->run, c->path, line, 0,
		       "the map ends at line %u before its first output section: expected the rows lld writes under its header",
		       line);
		return -FL_EFORMAT;
	}
	enum ldmap_lld_tab miss = LDMAP_LLD_TAB_NONE;
	if (!(c->lld_tabs_done & 1u << LDMAP_LLD_TAB_SHSTRTAB))
		miss = LDMAP_LLD_TAB_SHSTRTAB;
	else if ((c->lld_tabs_out & 1u << LDMAP_LLD_TAB_SYMTAB) &&
		 !(c->lld_tabs_done & 1u << LDMAP_LLD_TAB_STRTAB))
		miss = LDMAP_LLD_TAB_STRTAB;
	if (miss == LDMAP_LLD_TAB_NONE)
		return 0;
	const char *name = ldmap_lld_tab_name[miss];
	if (c->img->elf_path) {
		fl_inp(c->run, c->path, line, 0,
		       "the map ends at line %u without the '<internal>:(%s)' row lld closes its maps with: it was cut short, though the link wrote '%s'",
		       line, name, c->img->elf_path);
		return -FL_EFORMAT;
	}
	fl_note_at(c->run, (struct fl_pos){ c->path, line, 0 },
		   "the map ends %sat line %u without the '<internal>:(%s)' row lld closes its maps with, and there is no ELF: read as the map of a failed link, without what comes after the cut",
		   c->img->map_truncated ? "mid-line " : "", line, name);
	return 0;
}

static const char *const ldmap_gnu_headings[] = {
	"Archive member included to satisfy reference by file (symbol)",
	"As-needed library included to satisfy reference by file (symbol)",
	"Allocating common symbols",
	"Discarded input sections",
	"There are no discarded input sections",
	"Memory Configuration",
	"Linker script and memory map",
};

/* The first line of buf without its line end, or NULL when it is not complete. */
static const char *ldmap_first_line_end(const char *buf, size_t len)
{
	const char *nl = memchr(buf, '\n', len);
	if (!nl)
		return NULL;
	if (nl > buf && nl[-1] == '\r')
		nl--;
	return nl;
}

static bool ldmap_probe_lld(const char *buf, size_t len)
{
	const char *e = ldmap_first_line_end(buf, len);
	return e && ldmap_lld_header(buf, e, NULL);
}

static bool ldmap_probe_gnu(const char *buf, size_t len)
{
	if (len > LDMAP_PROBE_WINDOW)
		len = LDMAP_PROBE_WINDOW;
	const char *p = buf, *end = buf + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		const char *e = nl > p && nl[-1] == '\r' ? nl - 1 : nl;
		if (e > p && (*p == 'A' || *p == 'D' || *p == 'T' || *p == 'M' || *p == 'L'))
			for (size_t i = 0; i < sizeof(ldmap_gnu_headings) / sizeof(ldmap_gnu_headings[0]); i++)
				if (ldmap_line_is(p, e, ldmap_gnu_headings[i]))
					return true;
		p = nl + 1;
	}
	return false;
}

bool fl_ldmap_probe(const char *buf, size_t len)
{
	if (!buf || len == 0)
		return false;
	return ldmap_probe_lld(buf, len) || ldmap_probe_gnu(buf, len);
}

/* A mapped map is given back to the kernel this far behind the line being read:
 * the reader keeps no pointer into it beyond the pending names of the last lines,
 * so peak memory holds a window of the file instead of all of it. */
#define LDMAP_DROP_STEP (4u * 1024u * 1024u)

/* Drop the pages of buf[*done, p) that nothing points into any more. buf is a
 * private read-only file mapping, so a dropped page would read back from the file. */
static void ldmap_drop_behind(const struct ldmap_ctx *c, const char *buf, const char *p,
			      size_t *done)
{
	const char *keep = p;
	if (c->out.name && c->out.name < keep)
		keep = c->out.name;
	if (c->in.name && c->in.name < keep)
		keep = c->in.name;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t upto = (size_t)(keep - buf) / page * page;
	if (upto > *done + page && madvise((void *)(uintptr_t)(buf + *done), upto - *done,
					   MADV_DONTNEED) == 0)
		*done = upto;
}

/* fl_ldmap_parse(); `mapped`: buf is fl_buf_read()'s mapping of the file, whose
 * pages may be dropped once read. */
static int ldmap_parse(struct fl_run *run, struct fl_image *img, const char *path,
		       const char *buf, size_t len, bool mapped)
{
	struct ldmap_ctx c = {
		.run = run,
		.img = img,
		.path = fl_strdup(run->arena, path ? path : "<map>"),
		.cur = -1,
		.part = LDMAP_PRE,
	};
	img->map_path = c.path;
	img->map_truncated = false;
	if (!buf || len == 0) {
		fl_inp(run, c.path, 1, 0, "empty map file: expected a GNU ld or LLVM lld map");
		return -FL_EFORMAT;
	}
	bool lld = ldmap_probe_lld(buf, len);
	if (!lld && !ldmap_probe_gnu(buf, len)) {
		fl_inp(run, c.path, 1, 0,
		       "not a linker map: expected a GNU ld map (\"Memory Configuration\", "
		       "\"Linker script and memory map\") or an LLVM lld map header");
		return -FL_EFORMAT;
	}
	img->map_kind = lld ? FL_MAP_LLD : FL_MAP_GNU;
	c.n_elf = img->sections.n;
	if (c.n_elf)
		ldmap_elf_index(&c);
	c.want_symbols = img->symbols.n == 0;

	const char *p = buf, *end = buf + len;
	uint32_t lineno = 0;
	if (lld) {
		const char *nl = memchr(p, '\n', len);
		const char *e = ldmap_first_line_end(p, len);
		ldmap_lld_header(p, e, &c.lld);
		p = nl + 1;
		lineno = 1;
	}
	size_t dropped = 0;
	const char *drop_at = mapped ? buf + LDMAP_DROP_STEP : end;
	while (p < end) {
		if (p >= drop_at) {
			ldmap_drop_behind(&c, buf, p, &dropped);
			drop_at = p + LDMAP_DROP_STEP;
		}
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break; /* cut mid-line: what is there says nothing reliable */
		if (lineno < UINT32_MAX)
			lineno++;
		const char *e = nl > p && nl[-1] == '\r' ? nl - 1 : nl;
		if ((*p == '<' || *p == '=' || *p == '>') && ldmap_is_conflict_marker(p, e)) {
			fl_inp(run, c.path, lineno, 1,
			       "a merge-conflict marker: no linker writes this line (the map was merged by hand?)");
			ldmap_finish_inputs(&c);
			return -FL_EFORMAT;
		}
		/* Inputs of debug sections are most of a big map: skip them early. */
		if (!lld && c.cur >= 0 && !c.cur_keep && e > p && ldmap_is_ws(*p)) {
			p = nl + 1;
			continue;
		}
		if (lld)
			ldmap_lld_line(&c, p, e, lineno);
		else if (c.part == LDMAP_DONE)
			break;
		else
			ldmap_gnu_line(&c, p, e, lineno);
		p = nl + 1;
	}
	ldmap_close_section(&c);
	ldmap_finish_inputs(&c);
	/* A map that stops mid-line was cut short (linker killed, disk full). */
	img->map_truncated = buf[len - 1] != '\n';
	return lld ? ldmap_lld_check_end(&c, lineno + img->map_truncated)
		   : ldmap_gnu_check_end(&c, lineno + img->map_truncated);
}

int fl_ldmap_parse(struct fl_run *run, struct fl_image *img, const char *path,
		   const char *buf, size_t len)
{
	return ldmap_parse(run, img, path, buf, len, false);
}

int fl_ldmap_read(struct fl_run *run, struct fl_image *img, const char *path)
{
	struct fl_buf b;
	int rc = fl_buf_read(path, &b, run->cfg.max_input);
	if (rc < 0) {
		const char *p = fl_strdup(run->arena, path);
		img->map_path = p;
		fl_inp(run, p, 0, 0, "cannot read the map: %s", fl_input_strerror(rc));
		return -FL_EIO;
	}
	rc = ldmap_parse(run, img, path, b.data, b.len, b.map_ != NULL);
	fl_buf_close(&b);
	return rc;
}
