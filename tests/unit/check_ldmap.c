// SPDX-License-Identifier: Apache-2.0
/*
 * Unit tests of the GNU ld / LLVM lld map reader: real maps linked from the
 * sources in tests/data/ldmap/src, hand-made damaged maps, merging with ELF
 * sections, and the load ranges of the shared corpus maps against their FACTS.
 */
#define _GNU_SOURCE
#include <check.h>
#include <ftw.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "flashlint/readers.h"
#include "check_util.h"

#define DATA FL_TEST_DATA "/ldmap/"
#define CORPUS FL_CORPUS

static struct fl_run run;

static void setup(void)
{
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
}

static void teardown(void)
{
	fl_run_free(&run);
}

static struct fl_image *new_image(void)
{
	return fl_alloc(run.arena, sizeof(struct fl_image));
}

static const struct fl_section *sec(const struct fl_image *img, const char *name)
{
	fl_vec_for_each(&img->sections, s)
		if (!strcmp(s->name, name))
			return s;
	ck_abort_msg("no section '%s'", name);
	return NULL;
}

static bool has_sec(const struct fl_image *img, const char *name)
{
	fl_vec_for_each(&img->sections, s)
		if (!strcmp(s->name, name))
			return true;
	return false;
}

static const struct fl_symbol *sym(const struct fl_image *img, const char *name)
{
	fl_vec_for_each(&img->symbols, y)
		if (!strcmp(y->name, name))
			return y;
	return NULL;
}

static size_t n_inp(void)
{
	size_t n = 0;
	fl_vec_for_each(&run.diags.v, d)
		if ((*d)->rule == FL_RULE_INP001)
			n++;
	return n;
}

static const struct fl_diag *diag(size_t i)
{
	ck_assert_uint_gt(run.diags.v.n, i);
	return run.diags.v.v[i];
}

/* A whole fixture in malloc'ed memory (freed by the caller). */
static char *slurp(const char *path, size_t *len)
{
	struct fl_buf b;
	ck_assert_int_eq(fl_buf_read(path, &b, 0), 0);
	char *d = malloc(b.len + 1);
	ck_assert_ptr_nonnull(d);
	if (b.len)
		memcpy(d, b.data, b.len);
	*len = b.len;
	fl_buf_close(&b);
	return d;
}

static int parse_str(struct fl_image *img, const char *text)
{
	return fl_ldmap_parse(&run, img, "mem.map", text, strlen(text));
}

static struct fl_section *add_elf_section(struct fl_image *img, const char *name, uint64_t vma,
					  uint64_t lma, uint64_t size, unsigned flags)
{
	struct fl_section *s = fl_vec_push(run.arena, &img->sections);
	s->name = fl_strdup(run.arena, name);
	s->vma = vma;
	s->lma = lma;
	s->size = size;
	s->flags = flags;
	s->from_elf = true;
	s->pos = (struct fl_pos){ "a.elf", 0, 0 };
	return s;
}

/* ---- probe ------------------------------------------------------------------------ */

START_TEST(probe_formats)
{
	size_t len;
	char *gnu = slurp(DATA "gnu_basic.map", &len);
	ck_assert(fl_ldmap_probe(gnu, len));
	free(gnu);
	char *lld = slurp(DATA "lld_basic.map", &len);
	ck_assert(fl_ldmap_probe(lld, len));
	free(lld);
	char *over = slurp(DATA "gnu_overflow.map", &len);
	ck_assert(fl_ldmap_probe(over, len));
	free(over);
	char *yml = slurp(DATA "not_a_map.yml", &len);
	ck_assert(!fl_ldmap_probe(yml, len));
	free(yml);
	char *bin = slurp(DATA "garbage.map", &len);
	ck_assert_uint_eq(len, 4096);
	ck_assert(!fl_ldmap_probe(bin, len));
	free(bin);
	ck_assert(!fl_ldmap_probe(NULL, 0));
	ck_assert(!fl_ldmap_probe("Memory Configuration", 20)); /* no line end yet */
	ck_assert(fl_ldmap_probe("\r\nMemory Configuration\r\n", 24));
}
END_TEST

/* ---- GNU ld, map only ---------------------------------------------------------------- */

START_TEST(gnu_basic_regions)
{
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "gnu_basic.map"), 0);
	ck_assert_uint_eq(run.diags.v.n, 0);
	ck_assert_int_eq(img->map_kind, FL_MAP_GNU);
	ck_assert(!img->map_truncated);
	ck_assert_str_eq(img->map_path, DATA "gnu_basic.map");
	ck_assert_uint_eq(img->regions.n, 4);
	const struct fl_region *r = img->regions.v;
	ck_assert_str_eq(r[0].name, "FLASH");
	ck_assert_uint_eq(r[0].origin, 0x10000);
	ck_assert_uint_eq(r[0].length, 0x20000);
	ck_assert_str_eq(r[0].attrs, "xr");
	ck_assert_uint_eq(r[0].pos.line, 8);
	ck_assert_str_eq(r[1].name, "RAM");
	ck_assert_uint_eq(r[1].origin, 0x20000000);
	ck_assert_str_eq(r[1].attrs, "xrw");
	ck_assert_str_eq(r[2].name, "EXTFLASH");
	ck_assert_uint_eq(r[2].origin, 0x10000000);
	ck_assert_uint_eq(r[2].length, 0x800000);
	/* longer than the 16-column name field: the columns shift right */
	ck_assert_str_eq(r[3].name, "RETAINED_MEMORY_LONG_NAME");
	ck_assert_uint_eq(r[3].origin, 0x20010000);
	ck_assert_uint_eq(r[3].length, 0x1000);
	ck_assert_str_eq(r[3].attrs, "rw");
	ck_assert_uint_eq(r[3].pos.line, 11);
}
END_TEST

START_TEST(gnu_basic_sections)
{
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "gnu_basic.map"), 0);
	ck_assert_uint_eq(img->sections.n, 25);

	/* wrapped name: the position is the name's own line */
	const struct fl_section *x = sec(img, ".extflash_text_reloc");
	ck_assert_uint_eq(x->vma, 0x10120000);
	ck_assert_uint_eq(x->lma, 0x10120000);
	ck_assert_uint_eq(x->size, 4);
	ck_assert_uint_eq(x->pos.line, 17);
	ck_assert_uint_eq(x->pos.col, 1);
	ck_assert_str_eq(x->pos.file, DATA "gnu_basic.map");
	ck_assert(x->from_map && !x->from_elf);
	ck_assert_uint_eq(x->flags, FL_SEC_ALLOC | FL_SEC_LOAD);
	ck_assert_uint_eq(x->map_vma, 0x10120000);
	ck_assert_uint_eq(x->map_size, 4);

	const struct fl_section *t = sec(img, ".text");
	ck_assert_uint_eq(t->vma, 0x10000);
	ck_assert_uint_eq(t->size, 0x70);
	ck_assert_uint_eq(t->pos.line, 23);
	ck_assert_uint_eq(t->flags, FL_SEC_ALLOC | FL_SEC_LOAD);

	const struct fl_section *l = sec(img, ".a_very_long_output_section_name");
	ck_assert_uint_eq(l->vma, 0x10084);
	ck_assert_uint_eq(l->size, 4);
	ck_assert_uint_eq(l->pos.line, 68);

	/* AT> FLASH: "load address" */
	const struct fl_section *d = sec(img, ".data");
	ck_assert_uint_eq(d->vma, 0x20000000);
	ck_assert_uint_eq(d->lma, 0x10088);
	ck_assert_uint_eq(d->map_lma, 0x10088);
	ck_assert_uint_eq(d->size, 6);
	ck_assert_uint_eq(d->pos.line, 74);
	ck_assert_uint_eq(d->flags, FL_SEC_ALLOC | FL_SEC_LOAD);

	/* NOLOAD after an AT> section: ld gives them a load address in FLASH, but
	 * they are NOBITS and must not count as loaded */
	const struct fl_section *b = sec(img, ".bss");
	ck_assert_uint_eq(b->vma, 0x20000008);
	ck_assert_uint_eq(b->lma, 0x1008e);
	ck_assert_uint_eq(b->size, 4);
	ck_assert_uint_eq(b->flags, FL_SEC_ALLOC);
	const struct fl_section *n = sec(img, ".noinit");
	ck_assert_uint_eq(n->size, 0x40);
	ck_assert_uint_eq(n->flags, FL_SEC_ALLOC);
	ck_assert_uint_eq(n->pos.line, 99);

	/* only a LONG(...) data statement: no inputs, but loaded */
	const struct fl_section *ls = sec(img, ".last_section");
	ck_assert_uint_eq(ls->vma, 0x1008e);
	ck_assert_uint_eq(ls->size, 4);
	ck_assert_uint_eq(ls->inputs.n, 0);
	ck_assert_uint_eq(ls->flags, FL_SEC_ALLOC | FL_SEC_LOAD);
	ck_assert_uint_eq(ls->pos.line, 107);

	/* a section with no address line (empty, removed by ld) is skipped */
	ck_assert(!has_sec(img, ".retained"));
	ck_assert(!has_sec(img, "/DISCARD/"));
	const struct fl_section *rd = sec(img, ".rel.dyn");
	ck_assert_uint_eq(rd->vma, 0x10094);
	ck_assert_uint_eq(rd->size, 0);

	/* debug and attribute sections: non-alloc, inputs not kept */
	const struct fl_section *dbg = sec(img, ".debug_info");
	ck_assert_uint_eq(dbg->flags, 0);
	ck_assert_uint_eq(dbg->size, 0x2ce);
	ck_assert_uint_eq(dbg->inputs.n, 0);
	ck_assert_uint_eq(dbg->pos.line, 122);
	const struct fl_section *at = sec(img, ".ARM.attributes");
	ck_assert_uint_eq(at->flags, 0);
	ck_assert_uint_eq(at->size, 0x2e);
	ck_assert_uint_eq(at->pos.line, 183);
	ck_assert_uint_eq(sec(img, ".comment")->flags, 0);
	ck_assert_uint_eq(sec(img, ".debug_str")->size, 0x141);
}
END_TEST

START_TEST(gnu_basic_inputs)
{
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "gnu_basic.map"), 0);
	const struct fl_section *t = sec(img, ".text");
	ck_assert_uint_eq(t->inputs.n, 11);
	const struct fl_input_section *in = t->inputs.v;
	ck_assert_str_eq(in[0].name, ".text");
	ck_assert_uint_eq(in[0].addr, 0x10000);
	ck_assert_uint_eq(in[0].size, 0);
	ck_assert_str_eq(in[0].owner, "a.o");
	ck_assert_uint_eq(in[0].pos.line, 25);
	/* wrapped input name: figures on the next line, position of the name */
	ck_assert_str_eq(in[1].name,
			 ".text.a_very_long_function_name_that_should_wrap_the_line_in_map");
	ck_assert_uint_eq(in[1].addr, 0x10000);
	ck_assert_uint_eq(in[1].size, 6);
	ck_assert_str_eq(in[1].owner, "a.o");
	ck_assert_uint_eq(in[1].pos.line, 26);
	ck_assert_uint_eq(in[1].pos.col, 2);
	ck_assert(in[2].is_fill);
	ck_assert_str_eq(in[2].name, "*fill*");
	ck_assert_ptr_null(in[2].owner);
	ck_assert_uint_eq(in[2].addr, 0x10006);
	ck_assert_uint_eq(in[2].size, 2);
	ck_assert_uint_eq(in[2].pos.line, 29);
	ck_assert_str_eq(in[3].name, ".text.startup.main");
	ck_assert_uint_eq(in[3].addr, 0x10008);
	ck_assert_uint_eq(in[3].size, 0x40);
	ck_assert_uint_eq(in[3].pos.line, 30);
	/* owners with a space and archive members */
	ck_assert_str_eq(in[5].owner, "sub dir/d.o");
	ck_assert_str_eq(in[6].owner, "libc1.a(c.o)");
	ck_assert_str_eq(in[7].name, ".text.mix");
	ck_assert_uint_eq(in[7].size, 0x14);
	ck_assert_str_eq(in[7].owner, "libc1.a(c.o)");
	/* one copy per owner string */
	ck_assert_ptr_eq(in[6].owner, in[7].owner);
	ck_assert_str_eq(in[9].name, ".text.mix.__stub");
	ck_assert_str_eq(in[9].owner, "linker stubs");
	ck_assert_uint_eq(in[9].addr, 0x10060);
	ck_assert_uint_eq(in[9].size, 8);
	ck_assert(in[10].is_fill);
	ck_assert_uint_eq(in[10].size, 8);
	size_t fills = 0;
	fl_vec_for_each(&t->inputs, i)
		fills += i->is_fill;
	ck_assert_uint_eq(fills, 3);

	const struct fl_section *x = sec(img, ".extflash_text_reloc");
	ck_assert_uint_eq(x->inputs.n, 1);
	ck_assert_str_eq(x->inputs.v[0].name, ".text.extfn");
	ck_assert_str_eq(x->inputs.v[0].owner, "b.o");
	ck_assert_uint_eq(x->inputs.v[0].addr, 0x10120000);
	ck_assert_uint_eq(x->inputs.v[0].pos.line, 20);

	const struct fl_section *ro = sec(img, ".rodata");
	ck_assert_uint_eq(ro->inputs.n, 3);
	ck_assert_str_eq(ro->inputs.v[2].name, ".rodata.table");
	ck_assert_uint_eq(ro->inputs.v[2].size, 0xc);
	ck_assert_str_eq(ro->inputs.v[2].owner, "sub dir/d.o");
	ck_assert_uint_eq(sec(img, ".bss")->inputs.n, 5);
	ck_assert_uint_eq(sec(img, ".data")->inputs.n, 6);
}
END_TEST

START_TEST(gnu_basic_symbols)
{
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "gnu_basic.map"), 0);
	ck_assert_uint_eq(img->symbols.n, 11);
	const struct fl_symbol *m = sym(img, "main");
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(m->value, 0x10008);
	ck_assert_str_eq(m->section, ".text");
	ck_assert_uint_eq(m->size, 0);
	ck_assert_uint_eq(m->type, 0);
	const struct fl_symbol *e = sym(img, "extfn");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->value, 0x10120000);
	ck_assert_str_eq(e->section, ".extflash_text_reloc");
	const struct fl_symbol *z = sym(img, "noinit_buf");
	ck_assert_ptr_nonnull(z);
	ck_assert_uint_eq(z->value, 0x2000000c);
	ck_assert_str_eq(z->section, ".noinit");
	/* ". = ALIGN (0x10)" is an assignment, not a symbol */
	fl_vec_for_each(&img->symbols, y)
		ck_assert(!strchr(y->name, '=') && !strchr(y->name, '('));
}
END_TEST

START_TEST(gnu_crlf)
{
	size_t len;
	char *lf = slurp(DATA "gnu_basic.map", &len);
	char *crlf = malloc(2 * len);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (lf[i] == '\n')
			crlf[n++] = '\r';
		crlf[n++] = lf[i];
	}
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_parse(&run, img, "crlf.map", crlf, n), 0);
	ck_assert_uint_eq(run.diags.v.n, 0);
	ck_assert_uint_eq(img->regions.n, 4);
	ck_assert_str_eq(img->regions.v[0].attrs, "xr");
	ck_assert_uint_eq(img->sections.n, 25);
	const struct fl_section *t = sec(img, ".text");
	ck_assert_uint_eq(t->inputs.n, 11);
	ck_assert_str_eq(t->inputs.v[5].owner, "sub dir/d.o");
	ck_assert_str_eq(t->inputs.v[1].owner, "a.o");
	ck_assert_uint_eq(sec(img, ".data")->lma, 0x10088);
	ck_assert_uint_eq(sec(img, ".extflash_text_reloc")->pos.line, 17);
	ck_assert_uint_eq(img->symbols.n, 11);
	ck_assert_ptr_nonnull(sym(img, "main"));
	ck_assert(!img->map_truncated);
	free(lf);
	free(crlf);
}
END_TEST

START_TEST(gnu_x86_64)
{
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "gnu_x86_64.map"), 0);
	ck_assert_uint_eq(run.diags.v.n, 0);
	ck_assert_uint_eq(img->regions.n, 2);
	ck_assert_str_eq(img->regions.v[0].name, "ROM");
	ck_assert_uint_eq(img->regions.v[0].origin, 0x100000000);
	ck_assert_uint_eq(img->regions.v[0].length, 0x10000);
	ck_assert_uint_eq(img->regions.v[0].pos.line, 10);
	ck_assert_uint_eq(img->regions.v[1].origin, 0x100100000);
	ck_assert_uint_eq(img->sections.n, 9);
	/* the "Discarded input sections" part creates nothing */
	ck_assert(!has_sec(img, ".note.GNU-stack"));
	const struct fl_section *d = sec(img, ".data");
	ck_assert_uint_eq(d->vma, 0x100100000);
	ck_assert_uint_eq(d->lma, 0x100000018);
	ck_assert_uint_eq(d->size, 8);
	ck_assert_uint_eq(d->pos.line, 29);
	const struct fl_section *b = sec(img, ".bss");
	ck_assert_uint_eq(b->lma, 0x100000020);
	ck_assert_uint_eq(b->size, 0x40);
	ck_assert_uint_eq(b->flags, FL_SEC_ALLOC);
	const struct fl_section *c = sec(img, ".comment");
	ck_assert_uint_eq(c->flags, 0);
	ck_assert_uint_eq(c->pos.line, 54);
	ck_assert_uint_eq(img->symbols.n, 3);
	ck_assert_uint_eq(sym(img, "scratch")->value, 0x100100020);
}
END_TEST

START_TEST(gnu_overflow_complete)
{
	/* GNU ld 2.40 reported "region `FLASH' overflowed by 536 bytes" for this link
	 * and still wrote the whole map, ending with a newline. */
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "gnu_overflow.map"), 0);
	ck_assert_uint_eq(run.diags.v.n, 0);
	ck_assert(!img->map_truncated);
	ck_assert_uint_eq(img->regions.n, 2);
	ck_assert_uint_eq(img->regions.v[0].length, 0x1000);
	ck_assert_uint_eq(img->sections.n, 13);
	const struct fl_section *r = sec(img, ".rodata");
	ck_assert_uint_eq(r->vma, 0x14);
	ck_assert_uint_eq(r->size, 0x1200);
	ck_assert_uint_eq(r->pos.line, 34);
	ck_assert_uint_eq(r->inputs.n, 1);
	ck_assert_uint_eq(r->inputs.v[0].pos.line, 36);
	const struct fl_section *d = sec(img, ".data");
	ck_assert_uint_eq(d->lma, 0x1214);
	/* the loaded end lies 536 bytes past the end of FLASH */
	ck_assert_uint_eq(d->lma + d->size - (img->regions.v[0].origin + img->regions.v[0].length),
			  536);
}
END_TEST

START_TEST(gnu_truncated_fixture)
{
	/* the map cut in the middle of line 43 (".data ... load addr") */
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "gnu_truncated.map"), 0);
	ck_assert_uint_eq(n_inp(), 0);
	ck_assert(img->map_truncated);
	ck_assert_uint_eq(img->sections.n, 8);
	ck_assert(!has_sec(img, ".data"));
	ck_assert_uint_eq(sec(img, ".rodata")->size, 0x1200);
	ck_assert_uint_eq(sec(img, ".rel.dyn")->vma, 0x1214);
}
END_TEST

/* Every prefix of a real map. An lld map (read with no ELF): cut before its first
 * output section row it is an INP001; cut anywhere before the end of its closing
 * "<internal>:(.strtab)" row, one note says where it ends. A GNU map (read with no ELF, as after a failed link): cut before its script part
 * it is an INP001; cut before ld's closing OUTPUT(...) line, one note says where it
 * ends; cut after it, nothing is reported. */
/* The line a map cut at byte `cut` ends on: complete lines, plus the cut one. */
static unsigned lines_in(const char *buf, size_t cut)
{
	unsigned n = 0;
	for (size_t i = 0; i < cut; i++)
		n += buf[i] == '\n';
	return n + (buf[cut - 1] != '\n');
}

static void check_prefixes(const char *path)
{
	size_t len;
	char *buf = slurp(path, &len);
	const char *nl = memchr(buf, '\n', len);
	ck_assert_ptr_nonnull(nl);
	size_t first = (size_t)(nl - buf) + 1;
	size_t second = (size_t)((const char *)memchr(nl + 1, '\n', len - first) - buf) + 1;
	/* lld: the end of the closing .shstrtab row */
	const char *sh = memmem(buf, len, "<internal>:(.shstrtab)\n", 23);
	size_t tables = sh ? (size_t)(sh - buf) + 23 : 0;
	const char *script = memmem(buf, len, "\nLinker script and memory map\n", 30);
	const char *output = memmem(buf, len, "\nOUTPUT(", 8);
	size_t script_end = script ? (size_t)(script - buf) + 30 : 0;
	size_t output_end = output ? (size_t)((const char *)memchr(output + 1, '\n', len - (size_t)(output + 1 - buf)) - buf) + 1 : 0;
	for (size_t cut = 0; cut <= len; cut++) {
		struct fl_run r;
		ck_assert_int_eq(fl_run_init(&r, &fl_catalogue), 0);
		struct fl_image *img = fl_alloc(r.arena, sizeof(*img));
		int rc = fl_ldmap_parse(&r, img, "cut.map", buf, cut);
		if (cut < first) {
			ck_assert_int_eq(rc, -FL_EFORMAT);
			ck_assert_uint_eq(r.diags.v.n, 1);
			ck_assert_uint_eq(r.diags.v.v[0]->pos.line, 1);
		} else if (!script && cut < second) {
			ck_assert_int_eq(rc, -FL_EFORMAT);
			ck_assert_uint_eq(r.diags.v.n, 1);
			ck_assert_uint_eq(r.diags.v.v[0]->rule, fl_catalogue.input_rule);
			ck_assert_ptr_nonnull(strstr(r.diags.v.v[0]->msg, "before its first output section"));
		} else if (!script && cut < len) {
			ck_assert_int_eq(rc, 0);
			ck_assert_uint_eq(r.diags.v.n, 1);
			ck_assert_uint_eq(r.diags.v.v[0]->rule, FL_RULE_NONE);
			ck_assert_uint_eq(r.diags.v.v[0]->pos.line, lines_in(buf, cut));
			ck_assert_ptr_nonnull(strstr(r.diags.v.v[0]->msg, "the map ends "));
			ck_assert_ptr_nonnull(strstr(r.diags.v.v[0]->msg,
						     cut < tables ? "'<internal>:(.shstrtab)'" : "'<internal>:(.strtab)'"));
		} else if (script && cut < script_end) {
			ck_assert_int_eq(rc, -FL_EFORMAT);
			ck_assert_uint_eq(r.diags.v.n, 1);
			ck_assert_uint_eq(r.diags.v.v[0]->rule, fl_catalogue.input_rule);
		} else if (script && cut < output_end) {
			ck_assert_int_eq(rc, 0);
			ck_assert_uint_eq(r.diags.v.n, 1);
			ck_assert_uint_eq(r.diags.v.v[0]->rule, FL_RULE_NONE);
			ck_assert_ptr_nonnull(strstr(r.diags.v.v[0]->msg, "the map ends "));
			ck_assert_int_eq(img->map_truncated, buf[cut - 1] != '\n');
		} else {
			ck_assert_int_eq(rc, 0);
			if (r.diags.v.n)
				ck_abort_msg("cut at %zu: %s", cut, r.diags.v.v[0]->msg);
			ck_assert_int_eq(img->map_truncated, buf[cut - 1] != '\n');
		}
		fl_run_free(&r);
	}
	free(buf);
}

START_TEST(gnu_every_prefix)
{
	check_prefixes(DATA "gnu_basic.map");
}
END_TEST

START_TEST(lld_every_prefix)
{
	check_prefixes(DATA "lld_basic.map");
}
END_TEST

START_TEST(gnu_statements)
{
	static const char map[] =
		"Memory Configuration\n"                                                  /* 1 */
		"\n"
		"Name             Origin             Length             Attributes\n"
		"FLASH            0x00000000         0x00001000         xr\n"              /* 4 */
		"*default*        0x00000000         0xffffffff\n"
		"\n"
		"Linker script and memory map\n"                                          /* 7 */
		"\n"
		" .orphan        0x00000000        0x4 early.o\n"                          /* 9 */
		"                0x00000000                __start = .\n"
		"\n"
		".foo            0x00000000        0x8\n"                                  /* 12 */
		" *(.foo)\n"
		"                0x00000000        0x4 LONG 0x1\n"
		" .foo.x         0x00000004        0x4 x.o\n"                              /* 15 */
		"                                   0x8 (size before relaxing)\n"
		"                0x00000004                foo_x\n"
		"                [!provide]                        PROVIDE (bar = .)\n"
		"                0x00000001                ASSERT ((SIZEOF (.foo) == 0x8), bad)\n"
		"\n"
		".no_address_section_with_a_long_name\n"                                  /* 21 */
		" *(.nothing)\n"
		"\n"
		".rel.dyn\n"                                                              /* 24 */
		"\n"
		"/DISCARD/\n"
		" *(.comment)\n"
		"LOAD x.o\n"
		"OUTPUT(x.elf elf32-littlearm)\n"
		"\n"
		"Cross Reference Table\n"                                                 /* 31 */
		"\n"
		".late           0x00000100        0x4\n";
	struct fl_image *img = new_image();
	ck_assert_int_eq(parse_str(img, map), 0);
	ck_assert_uint_eq(run.diags.v.n, 0);
	ck_assert_uint_eq(img->regions.n, 1);
	ck_assert_uint_eq(img->regions.v[0].pos.line, 4);
	ck_assert_uint_eq(img->sections.n, 1);
	const struct fl_section *f = sec(img, ".foo");
	ck_assert_uint_eq(f->pos.line, 12);
	ck_assert_uint_eq(f->size, 8);
	ck_assert_uint_eq(f->inputs.n, 1);
	ck_assert_str_eq(f->inputs.v[0].name, ".foo.x");
	ck_assert_str_eq(f->inputs.v[0].owner, "x.o");
	ck_assert_uint_eq(f->inputs.v[0].addr, 4);
	ck_assert_uint_eq(f->inputs.v[0].size, 4);
	ck_assert_uint_eq(f->inputs.v[0].pos.line, 15);
	ck_assert_uint_eq(img->symbols.n, 1);
	ck_assert_str_eq(img->symbols.v[0].name, "foo_x");
	ck_assert_uint_eq(img->symbols.v[0].value, 4);
	ck_assert_str_eq(img->symbols.v[0].section, ".foo");
}
END_TEST

START_TEST(gnu_regions_only)
{
	static const char map[] = "Memory Configuration\n"
				  "\n"
				  "Name             Origin             Length             Attributes\n"
				  "FLASH            0x0000000000018000 0x0000000000068000 xr\n"
				  "SRAM1            0x0000000021000000 0x0000000000010000\n"
				  "*default*        0x0000000000000000 0xffffffffffffffff\n"
				  "\n"
				  "Linker script and memory map\n"
				  "\n"
				  "OUTPUT(a.elf elf32-littlearm)\n";
	struct fl_image *img = new_image();
	ck_assert_int_eq(parse_str(img, map), 0);
	ck_assert_uint_eq(run.diags.v.n, 0);
	ck_assert_int_eq(img->map_kind, FL_MAP_GNU);
	ck_assert_uint_eq(img->regions.n, 2);
	ck_assert_uint_eq(img->regions.v[0].origin, 0x18000);
	ck_assert_uint_eq(img->regions.v[0].length, 0x68000);
	ck_assert_str_eq(img->regions.v[1].attrs, "");
	ck_assert_uint_eq(img->regions.v[1].pos.line, 5);
	ck_assert_uint_eq(img->sections.n, 0);
}
END_TEST

/* ---- LLVM lld ---------------------------------------------------------------------- */

START_TEST(lld_basic)
{
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "lld_basic.map"), 0);
	ck_assert_uint_eq(run.diags.v.n, 0);
	ck_assert_int_eq(img->map_kind, FL_MAP_LLD);
	ck_assert_uint_eq(img->regions.n, 0);
	ck_assert_uint_eq(img->sections.n, 21);
	const struct fl_section *t = sec(img, ".text");
	ck_assert_uint_eq(t->vma, 0x10000);
	ck_assert_uint_eq(t->size, 0x70);
	ck_assert_uint_eq(t->pos.line, 6);
	ck_assert_uint_eq(t->pos.col, 34);
	ck_assert_uint_eq(t->flags, FL_SEC_ALLOC | FL_SEC_LOAD);
	/* the ALIGN assignment at the input column is not an input */
	ck_assert_uint_eq(t->inputs.n, 8);
	ck_assert_str_eq(t->inputs.v[1].name,
			 ".text.a_very_long_function_name_that_should_wrap_the_line_in_map");
	ck_assert_str_eq(t->inputs.v[1].owner, "a.o");
	ck_assert_uint_eq(t->inputs.v[1].size, 6);
	ck_assert_uint_eq(t->inputs.v[1].pos.line, 8);
	ck_assert_uint_eq(t->inputs.v[1].pos.col, 42);
	ck_assert_str_eq(t->inputs.v[4].owner, "sub dir/d.o");
	ck_assert_str_eq(t->inputs.v[6].name, ".text.mix");
	ck_assert_str_eq(t->inputs.v[6].owner, "libc1.a(c.o)");
	ck_assert_uint_eq(t->inputs.v[6].addr, 0x10048);
	ck_assert_uint_eq(t->inputs.v[6].size, 0x14);
	ck_assert_str_eq(t->inputs.v[7].name, ".text.thunk");
	ck_assert_str_eq(t->inputs.v[7].owner, "<internal>");
	const struct fl_section *d = sec(img, ".data");
	ck_assert_uint_eq(d->vma, 0x20000000);
	ck_assert_uint_eq(d->lma, 0x10088);
	ck_assert_uint_eq(d->size, 6);
	ck_assert_uint_eq(d->inputs.n, 6);
	ck_assert_uint_eq(sec(img, ".bss")->flags, FL_SEC_ALLOC);
	ck_assert_uint_eq(sec(img, ".noinit")->flags, FL_SEC_ALLOC);
	ck_assert_uint_eq(sec(img, ".noinit")->size, 0x40);
	const struct fl_section *ls = sec(img, ".last_section");
	ck_assert_uint_eq(ls->inputs.n, 0);
	ck_assert_uint_eq(ls->flags, FL_SEC_ALLOC | FL_SEC_LOAD);
	const struct fl_section *dbg = sec(img, ".debug_info");
	ck_assert_uint_eq(dbg->flags, 0);
	ck_assert_uint_eq(dbg->inputs.n, 0);
	ck_assert_uint_eq(sec(img, ".symtab")->flags, 0);
	ck_assert_uint_eq(sec(img, ".strtab")->size, 0xd5);
	/* mapping symbols ($t, $d) are left out; Thumb functions keep bit 0 */
	ck_assert_uint_eq(img->symbols.n, 11);
	ck_assert_uint_eq(sym(img, "main")->value, 0x10009);
	ck_assert_str_eq(sym(img, "main")->section, ".text");
	ck_assert_ptr_null(sym(img, "$t"));
	ck_assert_uint_eq(sym(img, "counter")->value, 0x20000000);
}
END_TEST

/* lld writes an ASSERT as a row with no name (location counter, size 0,
 * alignment 1) and lists output sections that stay empty. */
START_TEST(lld_assert_and_empty_sections)
{
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "lld_assert.map"), 0);
	ck_assert_uint_eq(run.diags.v.n, 0);
	ck_assert_int_eq(img->map_kind, FL_MAP_LLD);
	ck_assert_uint_eq(img->sections.n, 21);
	fl_vec_for_each(&img->sections, s)
		ck_assert_uint_gt(strlen(s->name), 0);
	/* the ASSERT row inside .text (line 21) is not an input */
	const struct fl_section *t = sec(img, ".text");
	ck_assert_uint_eq(t->size, 0x60);
	ck_assert_uint_eq(t->inputs.n, 8);
	ck_assert_uint_eq(t->inputs.v[7].pos.line, 17);
	const struct fl_section *x = sec(img, ".ARM.exidx");
	ck_assert_uint_eq(x->vma, 0x10060);
	ck_assert_uint_eq(x->size, 0);
	ck_assert_uint_eq(x->pos.line, 23);
	ck_assert_uint_eq(x->inputs.n, 0);
	const struct fl_section *d = sec(img, ".data");
	ck_assert_uint_eq(d->lma, 0x10078);
	ck_assert_uint_eq(d->size, 6);
	ck_assert_uint_eq(d->pos.line, 36);
	/* the empty NOLOAD section after the second top-level ASSERT (line 47) */
	const struct fl_section *n = sec(img, ".noinit");
	ck_assert_uint_eq(n->vma, 0x20000006);
	ck_assert_uint_eq(n->lma, 0x20000006);
	ck_assert_uint_eq(n->size, 0);
	ck_assert_uint_eq(n->flags, FL_SEC_ALLOC);
	ck_assert_uint_eq(n->pos.line, 48);
	ck_assert_uint_eq(sec(img, ".bss")->size, 4);
	ck_assert_uint_eq(sec(img, ".noinit.buf")->size, 0x40);
}
END_TEST

/* A row without a name that is not an ASSERT (a size, or another alignment) is
 * still malformed. */
START_TEST(lld_nameless_row_with_size)
{
	const char *text = "     VMA      LMA     Size Align Out     In      Symbol\n"
			   "   10000    10000       60     4 .text\n"
			   "   10060    10060        4     1 \n"
			   "       0        0       1a     1 .shstrtab\n"
			   "       0        0       1a     1         <internal>:(.shstrtab)\n";
	struct fl_image *img = new_image();
	parse_str(img, text);
	ck_assert_uint_eq(run.diags.v.n, 1);
	ck_assert_str_eq(diag(0)->msg, "expected a section, input section or symbol name after the alignment");
	ck_assert_uint_eq(diag(0)->pos.line, 3);
}
END_TEST

START_TEST(lld_x86_64)
{
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "lld_x86_64.map"), 0);
	ck_assert_uint_eq(run.diags.v.n, 0);
	ck_assert_uint_eq(img->sections.n, 7);
	const struct fl_section *d = sec(img, ".data");
	ck_assert_uint_eq(d->vma, 0x100100000);
	ck_assert_uint_eq(d->lma, 0x100000018);
	ck_assert_uint_eq(d->pos.col, 50);
	ck_assert_uint_eq(d->inputs.n, 1);
	ck_assert_str_eq(d->inputs.v[0].owner, "x86_64.o");
	ck_assert_uint_eq(sec(img, ".bss")->flags, FL_SEC_ALLOC);
	ck_assert_uint_eq(img->symbols.n, 3);
	ck_assert_uint_eq(sym(img, "_start")->value, 0x100000000);
}
END_TEST

/* ---- merging with the ELF ---------------------------------------------------------- */

START_TEST(merge_with_elf)
{
	struct fl_image *img = new_image();
	const unsigned AX = FL_SEC_ALLOC | FL_SEC_LOAD | FL_SEC_EXEC;
	const unsigned A = FL_SEC_ALLOC | FL_SEC_LOAD;
	const unsigned WA = FL_SEC_ALLOC | FL_SEC_LOAD | FL_SEC_WRITE;
	add_elf_section(img, ".extflash_text_reloc", 0x10120000, 0x10120000, 4, AX);
	/* a size that differs from the map's: the ELF must win */
	add_elf_section(img, ".text", 0x10000, 0x10000, 0x72, AX);
	add_elf_section(img, ".rodata", 0x10070, 0x10070, 0x14, A);
	add_elf_section(img, ".data", 0x20000000, 0x10088, 6, WA);
	add_elf_section(img, ".bss", 0x20000008, 0x20000008, 4, FL_SEC_ALLOC | FL_SEC_WRITE);
	add_elf_section(img, ".debug_info", 0, 0, 0x2ce, 0);
	struct fl_symbol *s0 = fl_vec_push(run.arena, &img->symbols);
	s0->name = "main";
	s0->value = 0x10009;
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "gnu_basic.map"), 0);
	ck_assert_uint_eq(run.diags.v.n, 0);
	/* 6 from the ELF, 19 only in the map */
	ck_assert_uint_eq(img->sections.n, 25);
	const struct fl_section *t = &img->sections.v[1];
	ck_assert_str_eq(t->name, ".text");
	ck_assert(t->from_elf && t->from_map);
	ck_assert_uint_eq(t->size, 0x72);
	ck_assert_uint_eq(t->map_size, 0x70);
	ck_assert_uint_eq(t->flags, AX);
	ck_assert_uint_eq(t->pos.line, 23);
	ck_assert_uint_eq(t->inputs.n, 11);
	const struct fl_section *d = &img->sections.v[3];
	ck_assert_uint_eq(d->lma, 0x10088);
	ck_assert_uint_eq(d->map_lma, 0x10088);
	ck_assert_uint_eq(d->flags, WA);
	/* the ELF's .bss keeps its own LMA; the map's is recorded beside it */
	const struct fl_section *b = &img->sections.v[4];
	ck_assert_uint_eq(b->lma, 0x20000008);
	ck_assert_uint_eq(b->map_lma, 0x1008e);
	ck_assert_uint_eq(b->inputs.n, 5);
	const struct fl_section *dbg = &img->sections.v[5];
	ck_assert(dbg->from_map);
	ck_assert_uint_eq(dbg->inputs.n, 0);
	ck_assert_uint_eq(dbg->pos.line, 122);
	/* map-only sections follow, with guessed flags */
	const struct fl_section *n = sec(img, ".noinit");
	ck_assert(!n->from_elf && n->from_map);
	ck_assert_uint_eq(n->flags, FL_SEC_ALLOC);
	ck_assert_uint_eq(sec(img, ".glue_7")->flags, A);
	ck_assert_uint_eq(sec(img, ".debug_abbrev")->flags, 0);
	/* the ELF's symbol table is exact: nothing added */
	ck_assert_uint_eq(img->symbols.n, 1);
}
END_TEST

START_TEST(merge_duplicate_names)
{
	static const char map[] = "Linker script and memory map\n"
				  "\n"
				  "dup             0x00001000        0x4\n"
				  " .dup           0x00001000        0x4 a.o\n"
				  "\n"
				  "dup             0x00002000        0x8\n"
				  " .dup           0x00002000        0x8 b.o\n"
				  "\n"
				  "extra           0x00003000        0x2\n"
				  "\n"
				  "dup             0x00004000        0x1\n";
	struct fl_image *img = new_image();
	add_elf_section(img, "dup", 0x1000, 0x1000, 4, FL_SEC_ALLOC | FL_SEC_LOAD);
	add_elf_section(img, "other", 0x1800, 0x1800, 4, FL_SEC_ALLOC | FL_SEC_LOAD);
	add_elf_section(img, "dup", 0x2000, 0x2000, 8, FL_SEC_ALLOC | FL_SEC_LOAD);
	ck_assert_int_eq(parse_str(img, map), 0);
	ck_assert_uint_eq(img->sections.n, 5);
	ck_assert_uint_eq(img->sections.v[0].map_vma, 0x1000);
	ck_assert_uint_eq(img->sections.v[0].pos.line, 3);
	ck_assert_str_eq(img->sections.v[0].inputs.v[0].owner, "a.o");
	ck_assert(!img->sections.v[1].from_map);
	ck_assert_uint_eq(img->sections.v[2].map_vma, 0x2000);
	ck_assert_uint_eq(img->sections.v[2].pos.line, 6);
	ck_assert_str_eq(img->sections.v[2].inputs.v[0].owner, "b.o");
	ck_assert_str_eq(img->sections.v[3].name, "extra");
	ck_assert(!img->sections.v[3].from_elf);
	ck_assert_uint_eq(img->sections.v[3].pos.line, 9);
	/* a third "dup" has no ELF partner left */
	ck_assert_str_eq(img->sections.v[4].name, "dup");
	ck_assert(!img->sections.v[4].from_elf);
	ck_assert_uint_eq(img->sections.v[4].vma, 0x4000);
	ck_assert_uint_eq(img->sections.v[4].pos.line, 11);
}
END_TEST

START_TEST(guessed_nobits)
{
	static const char map[] =
		"Linker script and memory map\n"
		"\n"
		"bss             0x20000000       0x10\n" /* by name, whatever the inputs */
		" .data.x        0x20000000       0x10 a.o\n"
		"\n"
		"my_zeroes       0x20000010       0x18\n" /* by inputs */
		" .bss.a         0x20000010        0x4 a.o\n"
		" *fill*         0x20000014        0x4 \n"
		" COMMON         0x20000018        0x8 a.o\n"
		" .noinit.\"x.c\".0\n"
		"                0x20000020        0x8 a.o\n"
		"\n"
		"mixed           0x20000028        0x8\n"
		" .bss.b         0x20000028        0x4 a.o\n"
		" .data.c        0x2000002c        0x4 a.o\n"
		"\n"
		".noinit.retained\n" /* no inputs: by name */
		"                0x20000030        0x4\n"
		"\n"
		"tdata           0x00001000        0x4\n" /* no inputs, other name: loaded */
		"\n"
		".debug_line     0x00000000      0x100\n"
		" .debug_line    0x00000000      0x100 a.o\n"
		"\n"
		".debugish       0x00000100        0x4\n" /* not at VMA 0: alloc */
		"OUTPUT(a.elf elf32-littlearm)\n";
	struct fl_image *img = new_image();
	ck_assert_int_eq(parse_str(img, map), 0);
	ck_assert_uint_eq(run.diags.v.n, 0);
	ck_assert_uint_eq(img->sections.n, 7);
	ck_assert_uint_eq(sec(img, "bss")->flags, FL_SEC_ALLOC);
	ck_assert_uint_eq(sec(img, "my_zeroes")->flags, FL_SEC_ALLOC);
	ck_assert_uint_eq(sec(img, "my_zeroes")->inputs.n, 4);
	ck_assert_uint_eq(sec(img, "mixed")->flags, FL_SEC_ALLOC | FL_SEC_LOAD);
	ck_assert_uint_eq(sec(img, ".noinit.retained")->flags, FL_SEC_ALLOC);
	ck_assert_uint_eq(sec(img, "tdata")->flags, FL_SEC_ALLOC | FL_SEC_LOAD);
	ck_assert_uint_eq(sec(img, ".debug_line")->flags, 0);
	ck_assert_uint_eq(sec(img, ".debug_line")->inputs.n, 0);
	ck_assert_uint_eq(sec(img, ".debugish")->flags, FL_SEC_ALLOC | FL_SEC_LOAD);
}
END_TEST

/* ---- bad input ---------------------------------------------------------------------- */

START_TEST(bad_missing_file)
{
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "does_not_exist.map"), -FL_EIO);
	ck_assert_uint_eq(n_inp(), 1);
	ck_assert_uint_eq(diag(0)->pos.line, 0);
	ck_assert_str_eq(diag(0)->pos.file, DATA "does_not_exist.map");
	ck_assert_str_eq(diag(0)->msg, "cannot read the map: No such file or directory");
	ck_assert(run.input_failed);
}
END_TEST

START_TEST(bad_empty)
{
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "empty.map"), -FL_EFORMAT);
	ck_assert_uint_eq(n_inp(), 1);
	ck_assert_uint_eq(diag(0)->pos.line, 1);
	ck_assert_str_eq(diag(0)->msg, "empty map file: expected a GNU ld or LLVM lld map");
}
END_TEST

START_TEST(bad_garbage)
{
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "garbage.map"), -FL_EFORMAT);
	ck_assert_uint_eq(n_inp(), 1);
	ck_assert_uint_eq(diag(0)->pos.line, 1);
	ck_assert_ptr_nonnull(strstr(diag(0)->msg, "not a linker map"));
	ck_assert_uint_eq(img->sections.n, 0);
	ck_assert_int_eq(img->map_kind, FL_MAP_NONE);
}
END_TEST

START_TEST(bad_yaml)
{
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "not_a_map.yml"), -FL_EFORMAT);
	ck_assert_uint_eq(n_inp(), 1);
	ck_assert_uint_eq(diag(0)->pos.line, 1);
}
END_TEST

/* Every hex digit in both cases reads as its value; the bytes next to the digit
 * ranges ('/', ':', '@', 'G', '`', 'g') and a byte above 0x7f are no digits. */
START_TEST(gnu_hex_digits)
{
	const char *text = "Memory Configuration\n\n"
			   "Name             Origin             Length             Attributes\n"
			   "FLASH            0x00000000         0xFFFFFFFF         xr\n\n"
			   "Linker script and memory map\n\n"
			   ".a              0x01234567       0x89\n"
			   ".b              0x89ABCDEF       0xabcdef\n"
			   ".c              0x0000fEdC       0xA0\n"
			   ".d              0x00/0       0x10\n"
			   ".e              0x00:0       0x10\n"
			   ".f              0x00@0       0x10\n"
			   ".g              0x00G0       0x10\n"
			   ".h              0x00`0       0x10\n"
			   ".i              0x00g0       0x10\n"
			   ".j              0x00\xb0" "0       0x10\n"
			   "OUTPUT(a.elf elf32-littlearm)\n";
	struct fl_image *img = new_image();
	ck_assert_int_eq(parse_str(img, text), 0);
	ck_assert_uint_eq(sec(img, ".a")->vma, 0x01234567);
	ck_assert_uint_eq(sec(img, ".a")->size, 0x89);
	ck_assert_uint_eq(sec(img, ".b")->vma, 0x89abcdef);
	ck_assert_uint_eq(sec(img, ".b")->size, 0xabcdef);
	ck_assert_uint_eq(sec(img, ".c")->vma, 0xfedc);
	ck_assert_uint_eq(sec(img, ".c")->size, 0xa0);
	ck_assert_uint_eq(n_inp(), 7);
	for (size_t i = 0; i < 7; i++) {
		ck_assert_uint_eq(diag(i)->pos.line, 11 + i);
		ck_assert_uint_eq(diag(i)->pos.col, 17);
		ck_assert_ptr_nonnull(strstr(diag(i)->msg, "expected the 0x hex address of output section"));
	}
}
END_TEST

START_TEST(bad_gnu_numbers)
{
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "gnu_bad_numbers.map"), 0);
	ck_assert_uint_eq(n_inp(), 5);
	/* region without a length */
	ck_assert_uint_eq(diag(0)->pos.line, 5);
	ck_assert_uint_eq(diag(0)->pos.col, 28);
	ck_assert_str_eq(diag(0)->msg,
			 "expected the 0x hex length of memory region 'BROKEN', found the end of the line");
	/* text  0xZZ 0x10 */
	ck_assert_uint_eq(diag(1)->pos.line, 15);
	ck_assert_uint_eq(diag(1)->pos.col, 17);
	ck_assert_str_eq(diag(1)->msg,
			 "expected the 0x hex address of output section 'text', found '0xZZ'");
	/* 18 hex digits */
	ck_assert_uint_eq(diag(2)->pos.line, 18);
	ck_assert_uint_eq(diag(2)->pos.col, 17);
	ck_assert_ptr_nonnull(strstr(diag(2)->msg, "at most 16 hex digits"));
	/* vma + size past 2^64: reported at the size */
	ck_assert_uint_eq(diag(3)->pos.line, 20);
	ck_assert_uint_eq(diag(3)->pos.col, 42);
	ck_assert_ptr_nonnull(strstr(diag(3)->msg, "0xfffffffffffffff0 + 0x20"));
	/* the figures line of a wrapped name */
	ck_assert_uint_eq(diag(4)->pos.line, 23);
	ck_assert_uint_eq(diag(4)->pos.col, 17);
	/* what could be read is kept */
	ck_assert_uint_eq(img->regions.n, 2);
	ck_assert_uint_eq(img->sections.n, 2);
	ck_assert_uint_eq(sec(img, ".text")->inputs.n, 1);
	ck_assert_uint_eq(sec(img, ".rodata")->vma, 0x10010);
	ck_assert_uint_eq(sec(img, ".rodata")->inputs.n, 1);
}
END_TEST

START_TEST(bad_lld_numbers)
{
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, img, DATA "lld_bad_numbers.map"), 0);
	ck_assert_uint_eq(n_inp(), 2);
	ck_assert_uint_eq(diag(0)->pos.line, 4);
	ck_assert_uint_eq(diag(0)->pos.col, 4);
	ck_assert_str_eq(diag(0)->msg, "expected a hex VMA in this lld map row, found '1zz00'");
	ck_assert_uint_eq(diag(1)->pos.line, 6);
	ck_assert_uint_eq(diag(1)->pos.col, 1);
	ck_assert_uint_eq(img->sections.n, 3);
	ck_assert_uint_eq(sec(img, ".text")->inputs.n, 1);
	ck_assert_uint_eq(sec(img, ".rodata2")->vma, 0x10010);
	ck_assert_uint_eq(sec(img, ".tail")->pos.line, 7);
}
END_TEST

START_TEST(bad_hostile_lines)
{
	/* a huge line, NUL bytes, and numbers that overflow, inside a real layout */
	size_t big = 1u << 20;
	size_t cap = big + 4096;
	char *buf = malloc(cap);
	size_t n = 0;
	n += (size_t)sprintf(buf + n, "Linker script and memory map\n\n");
	n += (size_t)sprintf(buf + n, ".text           0x00001000       0x10\n ");
	memset(buf + n, 'a', big);
	n += big;
	n += (size_t)sprintf(buf + n, "\n                0x00001000       0x10 x.o\n");
	static const char nul_line[] = " .x\0y          0x00001010        0x0 \0.o\n";
	memcpy(buf + n, nul_line, sizeof(nul_line) - 1);
	n += sizeof(nul_line) - 1;
	n += (size_t)sprintf(buf + n, "ovf             0x1ffffffffffffffff 0x1\n");
	n += (size_t)sprintf(buf + n, "size            0x10 0x100000000000000000\n");
	struct fl_image *img = new_image();
	ck_assert_int_eq(fl_ldmap_parse(&run, img, "hostile.map", buf, n), 0);
	ck_assert_uint_eq(n_inp(), 2);
	ck_assert_uint_eq(diag(0)->pos.line, 7);
	ck_assert_uint_eq(diag(0)->pos.col, 17);
	ck_assert_uint_eq(diag(1)->pos.line, 8);
	ck_assert_uint_eq(diag(1)->pos.col, 22);
	ck_assert_uint_eq(img->sections.n, 1);
	const struct fl_section *t = sec(img, ".text");
	ck_assert_uint_eq(t->inputs.n, 2);
	ck_assert_uint_eq(strlen(t->inputs.v[0].name), big);
	ck_assert_uint_eq(t->inputs.v[0].pos.line, 4);
	free(buf);
}
END_TEST

/* ---- the shared corpus ------------------------------------------------------------- */

static FL_VEC(char *) corpus_maps;

static int corpus_visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	size_t n = strlen(path);
	if (type == FTW_F && n > 4 && !strcmp(path + n - 4, ".map") && strstr(path, "/build/"))
		*fl_vec_push(run.arena, &corpus_maps) = fl_strdup(run.arena, path);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The "map-derived load range" line of FACTS.txt for the map at rel
 * ("build/.../zephyr.map"), which follows that map's "map: build/..." line: its
 * range and the regions it was taken over ("... lies in BOOT_FLASH/FLASH)"), as
 * "/FLASH/BOOT_FLASH/" for look-ups. Stage maps (zephyr_pre0.map, TF-M's
 * tfm_s.map) have no line of their own. */
static bool facts_range(const char *facts, const char *rel, uint64_t *min, uint64_t *max,
			char *regions, size_t regions_len)
{
	FILE *f = fopen(facts, "r");
	if (!f)
		return false;
	char line[4096], cur[1024] = "";
	bool found = false;
	while (!found && fgets(line, sizeof(line), f)) {
		const char *m = strstr(line, "   map: build/");
		if (m == line) {
			const char *p = line + 8;
			size_t l = strcspn(p, " \n");
			if (l >= sizeof(cur))
				l = sizeof(cur) - 1;
			memcpy(cur, p, l);
			cur[l] = '\0';
			continue;
		}
		const char *in = strstr(line, "lies in ");
		if (strstr(line, "map-derived load range (") && in && !strcmp(cur, rel)) {
			const char *a = strstr(line, " min=0x");
			const char *b = strstr(line, " max(end)=0x");
			in += strlen("lies in ");
			size_t l = strcspn(in, ")");
			if (l + 3 > regions_len)
				break;
			regions[0] = '/';
			memcpy(regions + 1, in, l);
			regions[l + 1] = '/';
			regions[l + 2] = '\0';
			if (a && b)
				found = sscanf(a, " min=0x%" SCNx64, min) == 1 &&
					sscanf(b, " max(end)=0x%" SCNx64, max) == 1;
		}
	}
	fclose(f);
	return found;
}

/* True if region `name` is one of "/A/B/" */
static bool in_list(const char *list, const char *name)
{
	char key[256];
	snprintf(key, sizeof(key), "/%s/", name);
	return strstr(list, key) != NULL;
}

/* Every corpus map reads without an INP001; where FACTS.txt derived a load range
 * from the same map, the sections' load addresses span exactly that range. */
START_TEST(corpus_load_ranges)
{
	if (!fl_is_dir(CORPUS)) {
		printf("check_ldmap: %s not found, corpus check skipped\n", CORPUS);
		return;
	}
	corpus_maps.v = NULL;
	corpus_maps.n = corpus_maps.cap = 0;
	ck_assert_int_eq(nftw(CORPUS, corpus_visit, 16, FTW_PHYS), 0);
	ck_assert_uint_gt(corpus_maps.n, 0);
	qsort(corpus_maps.v, corpus_maps.n, sizeof(char *), cmp_str);
	size_t root = strlen(CORPUS) + 1, bad = 0, compared = 0;
	printf("%-88s %-23s %-23s\n", "map", "read min..max", "FACTS min..max");
	for (size_t i = 0; i < corpus_maps.n; i++) {
		const char *path = corpus_maps.v[i];
		const char *cs = path + root;
		const char *rel = strchr(cs, '/') + 1;
		char *facts = fl_printf(run.arena, "%.*s/FACTS.txt", (int)(rel - path - 1), path);
		uint64_t fmin = 0, fmax = 0;
		char regions[512] = "/FLASH/";
		bool have = facts_range(facts, rel, &fmin, &fmax, regions, sizeof(regions));

		struct fl_run r;
		ck_assert_int_eq(fl_run_init(&r, &fl_catalogue), 0);
		struct fl_image *img = fl_alloc(r.arena, sizeof(*img));
		int rc = fl_ldmap_read(&r, img, path);
		uint64_t lo = UINT64_MAX, hi = 0;
		fl_vec_for_each(&img->sections, s) {
			if (!(s->flags & FL_SEC_LOAD) || s->size == 0)
				continue;
			bool in_list_region = false;
			fl_vec_for_each(&img->regions, g)
				if (in_list(regions, g->name) && s->lma >= g->origin &&
				    s->lma - g->origin < g->length)
					in_list_region = true;
			if (!in_list_region)
				continue;
			if (s->lma < lo)
				lo = s->lma;
			if (s->lma + s->size > hi)
				hi = s->lma + s->size;
		}
		bool read_ok = rc == 0 && r.diags.v.n == 0 && lo < hi;
		bool ok = read_ok && (!have || (lo == fmin && hi == fmax));
		compared += have;
		printf("%-88s 0x%-9" PRIx64 "..0x%-9" PRIx64 " 0x%-9" PRIx64 "..0x%-9" PRIx64 " %s\n",
		       cs, lo, hi, fmin, fmax,
		       !read_ok ? (r.diags.v.n ? "INP001" : "EMPTY")
		       : !have	? "read (no FACTS line)"
		       : ok	? "match"
				: "MISMATCH");
		if (r.diags.v.n)
			printf("  %u:%u: %s\n", r.diags.v.v[0]->pos.line, r.diags.v.v[0]->pos.col,
			       r.diags.v.v[0]->msg);
		bad += !ok;
		fl_run_free(&r);
	}
	printf("check_ldmap: %zu maps read, %zu compared with FACTS.txt\n", corpus_maps.n, compared);
	ck_assert_uint_eq(bad, 0);
	ck_assert_uint_ge(compared, 47);
}
END_TEST

/* A map read from its file gives back the pages it has read (the memory of a run
 * holds a window of a large map, not all of it), and reads exactly what the same
 * text parsed from memory gives: 24 MiB of debug-section lines, then .text with
 * 20,000 inputs whose wrapped names straddle the pages given back. */
START_TEST(gnu_large_file_window)
{
	size_t cap = 32u << 20, len = 0;
	char *t = malloc(cap);
	ck_assert_ptr_nonnull(t);
	len += (size_t)snprintf(t + len, cap - len,
				"Memory Configuration\n\n"
				"Name             Origin             Length             Attributes\n"
				"FLASH            0x00000000         0x01000000         xr\n"
				"*default*        0x00000000         0xffffffff\n\n"
				"Linker script and memory map\n\n"
				".debug_info     0x00000000  0x1000000\n *(.debug_info)\n");
	for (unsigned i = 0; len < (24u << 20); i++)
		len += (size_t)snprintf(t + len, cap - len,
					" .debug_info    0x%08x      0x100 zephyr/subsys/x/libx.a(file_%05u.c.obj)\n",
					i * 0x100, i % 10000);
	len += (size_t)snprintf(t + len, cap - len, "\n.text           0x00000000    0x%x\n",
				20000 * 4);
	for (unsigned i = 0; i < 20000; i++)
		len += (size_t)snprintf(t + len, cap - len,
					" .text.function_number_%05u_of_the_firmware\n"
					"                0x%08x        0x4 libmod_%02u.a(file_%04u.c.obj)\n"
					"                0x%08x                function_number_%05u_of_the_firmware\n",
					i, i * 4, i % 40, i % 400, i * 4, i);
	len += (size_t)snprintf(t + len, cap - len, "OUTPUT(zephyr.elf elf32-littlearm)\n");
	ck_assert_uint_lt(len, cap - 1);
	const char *path = fl_test_write_temp(&run, "window.map", t, len);

	struct rusage ru;
	ck_assert_int_eq(getrusage(RUSAGE_SELF, &ru), 0);
	long before_kib = ru.ru_maxrss;
	struct fl_image *file = new_image();
	ck_assert_int_eq(fl_ldmap_read(&run, file, path), 0);
	ck_assert_int_eq(getrusage(RUSAGE_SELF, &ru), 0);
	long grown_kib = ru.ru_maxrss - before_kib;
	unlink(path);
	/* The map is 29.0 MB; the window is 4 MiB, plus what the model keeps. */
	ck_assert_uint_gt(len, 27u << 20);
	ck_assert_msg(grown_kib < 14 * 1024, "peak RSS grew by %ld KiB reading a %zu-byte map",
		      grown_kib, len);

	struct fl_image *mem = new_image();
	ck_assert_int_eq(fl_ldmap_parse(&run, mem, path, t, len), 0);
	free(t);
	ck_assert_uint_eq(n_inp(), 0);
	const struct fl_section *a = sec(file, ".text"), *b = sec(mem, ".text");
	ck_assert_uint_eq(a->inputs.n, 20000);
	ck_assert_uint_eq(b->inputs.n, 20000);
	for (size_t i = 0; i < 20000; i++) {
		const struct fl_input_section *x = &a->inputs.v[i], *y = &b->inputs.v[i];
		ck_assert_str_eq(x->name, y->name);
		ck_assert_str_eq(x->owner, y->owner);
		ck_assert_uint_eq(x->addr, 4 * i);
		ck_assert_uint_eq(y->addr, 4 * i);
		ck_assert_uint_eq(x->size, 4);
		ck_assert_uint_eq(x->pos.line, y->pos.line);
	}
	ck_assert_str_eq(a->inputs.v[12345].name, ".text.function_number_12345_of_the_firmware");
	ck_assert_str_eq(a->inputs.v[12345].owner, "libmod_25.a(file_0345.c.obj)");
	ck_assert_uint_eq(file->symbols.n, 20000);
	ck_assert_uint_eq(mem->symbols.n, 20000);
	ck_assert_str_eq(file->symbols.v[19999].name, "function_number_19999_of_the_firmware");
	ck_assert_uint_eq(file->symbols.v[19999].value, 4 * 19999);
	ck_assert_uint_eq(file->sections.n, mem->sections.n);
}
END_TEST

static Suite *ldmap_suite(void)
{
	Suite *s = suite_create("ldmap");
	TCase *tc = tcase_create("ldmap");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, probe_formats);
	tcase_add_test(tc, gnu_basic_regions);
	tcase_add_test(tc, gnu_basic_sections);
	tcase_add_test(tc, gnu_basic_inputs);
	tcase_add_test(tc, gnu_basic_symbols);
	tcase_add_test(tc, gnu_crlf);
	tcase_add_test(tc, gnu_x86_64);
	tcase_add_test(tc, gnu_overflow_complete);
	tcase_add_test(tc, gnu_truncated_fixture);
	tcase_add_test(tc, gnu_every_prefix);
	tcase_add_test(tc, lld_every_prefix);
	tcase_add_test(tc, gnu_statements);
	tcase_add_test(tc, gnu_regions_only);
	tcase_add_test(tc, lld_basic);
	tcase_add_test(tc, lld_assert_and_empty_sections);
	tcase_add_test(tc, lld_nameless_row_with_size);
	tcase_add_test(tc, lld_x86_64);
	tcase_add_test(tc, merge_with_elf);
	tcase_add_test(tc, merge_duplicate_names);
	tcase_add_test(tc, guessed_nobits);
	tcase_add_test(tc, bad_missing_file);
	tcase_add_test(tc, bad_empty);
	tcase_add_test(tc, bad_garbage);
	tcase_add_test(tc, bad_yaml);
	tcase_add_test(tc, gnu_hex_digits);
	tcase_add_test(tc, bad_gnu_numbers);
	tcase_add_test(tc, bad_lld_numbers);
	tcase_add_test(tc, bad_hostile_lines);
	tcase_add_test(tc, corpus_load_ranges);
	tcase_add_test(tc, gnu_large_file_window);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(ldmap_suite());
}
