// SPDX-License-Identifier: Apache-2.0
/*
 * ELF reader: a Cortex-M fixture linked at test time from tests/data/elf (skipped with
 * a message when arm-none-eabi-gcc is missing), checked section by section against
 * the figures `arm-none-eabi-readelf -lSs` and `objdump -h` print for it; then
 * truncated, corrupted and non-ELF inputs, and the 64-bit test executable itself.
 */
#define _GNU_SOURCE /* memfd_create */
#include <check.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "flashlint/readers.h"
#include "check_util.h"

#define SRC FL_TEST_DATA "/elf/"

static char tmpdir[] = "/tmp/flashlint-elf-XXXXXX";
static char fixture[sizeof(tmpdir) + 32];
static bool have_fixture;

static struct fl_run run;
static struct fl_image img;

/* Link the fixture once for the whole suite (before the tests fork). */
static void build_fixture(void)
{
	if (system("command -v arm-none-eabi-gcc >/dev/null 2>&1") != 0) {
		printf("check_elf: arm-none-eabi-gcc not found, fixture tests skipped\n");
		return;
	}
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(fixture, sizeof(fixture), "%s/fixture.elf", tmpdir);
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
		 "arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Os -ffreestanding -nostdlib "
		 "-nostartfiles -fno-asynchronous-unwind-tables -Wl,--build-id=none "
		 "-T %sfixture.ld -o %s %sfixture.c",
		 SRC, fixture, SRC);
	ck_assert_msg(system(cmd) == 0, "%s", cmd);
	have_fixture = true;
}

static void remove_fixture(void)
{
	if (!have_fixture)
		return;
	unlink(fixture);
	rmdir(tmpdir);
}

static void setup(void)
{
	ck_assert_int_eq(fl_run_init(&run, &fl_catalogue), 0);
	memset(&img, 0, sizeof(img));
}

static void teardown(void)
{
	fl_run_free(&run);
}

#define NEED_FIXTURE()                                                     \
	do {                                                               \
		if (!have_fixture) {                                       \
			printf("check_elf: %s skipped (no fixture)\n", __func__); \
			return;                                            \
		}                                                          \
	} while (0)

static size_t count_inp(void)
{
	return fl_test_count_inp(&run);
}

static const char *last_msg(void)
{
	return run.diags.v.n ? run.diags.v.v[run.diags.v.n - 1]->msg : "";
}

static const struct fl_section *section(const char *name)
{
	fl_vec_for_each(&img.sections, s)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

static const struct fl_symbol *symbol(const char *name)
{
	fl_vec_for_each(&img.symbols, s)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	unsigned char *d = malloc(*len ? *len : 1);
	ck_assert_uint_eq(fread(d, 1, *len, f), *len);
	fclose(f);
	return d;
}

static const char *write_temp(const void *data, size_t len)
{
	return fl_test_write_temp(&run, "elfin", data, len);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void put16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

/* Section header `i` of the 32-bit fixture. */
static unsigned char *shdr(unsigned char *elf, unsigned i)
{
	return elf + get32(elf + 0x20) + 40u * i;
}

/* Read a modified copy of the fixture. */
static int read_patched(unsigned char *elf, size_t len)
{
	const char *path = write_temp(elf, len);
	int rc = fl_elf_read(&run, &img, path);
	unlink(path);
	return rc;
}

static void assert_section(const char *name, uint64_t vma, uint64_t lma, uint64_t size,
			   unsigned flags)
{
	const struct fl_section *s = section(name);
	ck_assert_msg(s != NULL, "section %s missing", name);
	ck_assert_msg(s->vma == vma, "%s vma 0x%llx", name, (unsigned long long)s->vma);
	ck_assert_msg(s->lma == lma, "%s lma 0x%llx", name, (unsigned long long)s->lma);
	ck_assert_msg(s->size == size, "%s size 0x%llx", name, (unsigned long long)s->size);
	ck_assert_msg(s->flags == flags, "%s flags %u", name, s->flags);
	ck_assert(s->from_elf);
	ck_assert(!s->from_map);
	ck_assert_str_eq(s->pos.file, fixture);
	ck_assert_uint_eq(s->pos.line, 0);
	ck_assert_uint_eq(s->pos.col, 0);
}

START_TEST(test_sections)
{
	NEED_FIXTURE();
	ck_assert_int_eq(fl_elf_read(&run, &img, fixture), 0);
	ck_assert_uint_eq(count_inp(), 0);
	ck_assert_str_eq(img.elf_path, fixture);
	/* readelf -S: 11 headers, index 0 is the null section. */
	ck_assert_uint_eq(img.sections.n, 10);
	ck_assert_str_eq(img.sections.v[0].name, "text");
	ck_assert_str_eq(img.sections.v[9].name, ".shstrtab");

	assert_section("text", 0x10200, 0x10200, 0x24, FL_SEC_ALLOC | FL_SEC_LOAD | FL_SEC_EXEC);
	/* RAM data loaded from flash right after text (objdump -h LMA 0x00010224). */
	assert_section("datas", 0x20000000, 0x10224, 0x18,
		       FL_SEC_ALLOC | FL_SEC_LOAD | FL_SEC_WRITE);
	/* NOBITS inside the data segment: its LMA follows the segment's (0x0001023c). */
	assert_section("bss", 0x20000018, 0x1023c, 0x100, FL_SEC_ALLOC | FL_SEC_WRITE);
	/* NOCOPY: executes in place in the XIP window, its own PT_LOAD. */
	assert_section(".extflash_text_reloc", 0x10120000, 0x10120000, 0x4,
		       FL_SEC_ALLOC | FL_SEC_LOAD | FL_SEC_EXEC);
	assert_section(".fixture_info", 0, 0, 4, 0);
	ck_assert_uint_eq(section(".comment")->flags, 0);
	ck_assert_uint_eq(section(".ARM.attributes")->flags, 0);
	/* 25 symbols of 16 bytes. */
	assert_section(".symtab", 0, 0, 0x190, 0);
	assert_section(".shstrtab", 0, 0, 0x66, 0);
}
END_TEST

START_TEST(test_segments)
{
	NEED_FIXTURE();
	ck_assert_int_eq(fl_elf_read(&run, &img, fixture), 0);
	/* readelf -l: three PT_LOAD. */
	ck_assert_uint_eq(img.segments.n, 3);
	const struct fl_segment *s = img.segments.v;
	ck_assert_uint_eq(s[0].vaddr, 0x10000);
	ck_assert_uint_eq(s[0].paddr, 0x10000);
	ck_assert_uint_eq(s[0].filesz, 0x224);
	ck_assert_uint_eq(s[0].memsz, 0x224);
	ck_assert_uint_eq(s[0].flags, PF_R | PF_X);
	ck_assert_uint_eq(s[1].vaddr, 0x20000000);
	ck_assert_uint_eq(s[1].paddr, 0x10224);
	ck_assert_uint_eq(s[1].filesz, 0x18);
	ck_assert_uint_eq(s[1].memsz, 0x118);
	ck_assert_uint_eq(s[1].flags, PF_R | PF_W);
	ck_assert_uint_eq(s[2].vaddr, 0x10120000);
	ck_assert_uint_eq(s[2].paddr, 0x10120000);
	ck_assert_uint_eq(s[2].filesz, 4);
	ck_assert_uint_eq(s[2].memsz, 4);
	ck_assert_uint_eq(s[2].flags, PF_R | PF_X);
}
END_TEST

START_TEST(test_symbols)
{
	NEED_FIXTURE();
	ck_assert_int_eq(fl_elf_read(&run, &img, fixture), 0);
	/* readelf -s lists 25: minus the null symbol and 6 unnamed section symbols;
	 * 8 of the rest are ARM mapping symbols ($t, $d). */
	size_t mapping = 0;
	fl_vec_for_each(&img.symbols, s) {
		ck_assert_msg(s->name[0] != '\0', "unnamed symbol kept");
		mapping += s->name[0] == '$';
	}
	ck_assert_uint_eq(img.symbols.n - mapping, 9);

	const struct fl_symbol *s = symbol("reset_handler");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->value, 0x10209); /* Thumb: bit 0 set */
	ck_assert_uint_eq(s->size, 12);
	ck_assert_uint_eq(s->type, STT_FUNC);
	ck_assert_uint_eq(s->bind, STB_GLOBAL);
	ck_assert_str_eq(s->section, "text");

	s = symbol("ext_worker");
	ck_assert_uint_eq(s->value, 0x10120001);
	ck_assert_uint_eq(s->size, 4);
	ck_assert_uint_eq(s->type, STT_FUNC);
	ck_assert_str_eq(s->section, ".extflash_text_reloc");

	s = symbol("fixture_vectors");
	ck_assert_uint_eq(s->value, 0x10200);
	ck_assert_uint_eq(s->size, 8);
	ck_assert_uint_eq(s->type, STT_OBJECT);
	s = symbol("fixture_version");
	ck_assert_uint_eq(s->value, 0x10214);
	ck_assert_uint_eq(s->size, 16);
	s = symbol("fixture_table");
	ck_assert_uint_eq(s->value, 0x20000000);
	ck_assert_uint_eq(s->size, 20);
	ck_assert_str_eq(s->section, "datas");
	s = symbol("fixture_counter");
	ck_assert_uint_eq(s->value, 0x20000014);
	ck_assert_uint_eq(s->size, 4);
	ck_assert_str_eq(s->section, "datas");
	s = symbol("fixture_buf");
	ck_assert_uint_eq(s->value, 0x20000018);
	ck_assert_uint_eq(s->size, 256);
	ck_assert_str_eq(s->section, "bss");

	s = symbol("fixture_abs_marker");
	ck_assert_uint_eq(s->value, 0x1234);
	ck_assert_uint_eq(s->type, STT_NOTYPE);
	ck_assert_uint_eq(s->bind, STB_GLOBAL);
	ck_assert_ptr_null(s->section); /* SHN_ABS */

	s = symbol("fixture.c");
	ck_assert_uint_eq(s->type, STT_FILE);
	ck_assert_uint_eq(s->bind, STB_LOCAL);
	ck_assert_ptr_null(s->section);
}
END_TEST

START_TEST(test_not_elf)
{
	ck_assert_int_eq(fl_elf_read(&run, &img, SRC "does-not-exist.elf"), -FL_EIO);
	ck_assert_uint_eq(count_inp(), 1);
	ck_assert_str_eq(last_msg(), "cannot read the ELF file: No such file or directory");
	ck_assert_uint_eq(run.diags.v.v[0]->pos.line, 0);
	ck_assert_str_eq(run.diags.v.v[0]->pos.file, SRC "does-not-exist.elf");

	ck_assert_int_eq(fl_elf_read(&run, &img, SRC), -FL_EIO);
	ck_assert_str_eq(last_msg(), "cannot read the ELF file: not a regular file but a directory");

	const char *empty = write_temp("", 0);
	ck_assert_int_eq(fl_elf_read(&run, &img, empty), -FL_EFORMAT);
	unlink(empty);
	ck_assert_str_eq(last_msg(), "empty file: expected an ELF executable");

	/* The linker script is text, not ELF. */
	ck_assert_int_eq(fl_elf_read(&run, &img, SRC "fixture.ld"), -FL_EFORMAT);
	ck_assert_str_eq(last_msg(),
			 "not an ELF file: expected an executable starting with 0x7f 'E' 'L' 'F'");

	static const unsigned char header_only[] = { 0x7f, 'E', 'L', 'F', 1, 1, 1, 0 };
	const char *path = write_temp(header_only, sizeof(header_only));
	ck_assert_int_eq(fl_elf_read(&run, &img, path), -FL_EFORMAT);
	unlink(path);
	ck_assert_uint_eq(count_inp(), 5);
	ck_assert_uint_eq(img.sections.n + img.segments.n + img.symbols.n, 0);
	ck_assert_ptr_null(img.elf_path); /* nothing here was an ELF */

	ck_assert(fl_elf_probe((const char *)header_only, sizeof(header_only)));
	ck_assert(!fl_elf_probe((const char *)header_only, 3));
	ck_assert(!fl_elf_probe("!<arch>\n", 8));
}
END_TEST

START_TEST(test_every_truncation)
{
	NEED_FIXTURE();
	size_t len;
	unsigned char *elf = slurp(fixture, &len);
	/* readelf -S: "There are 11 section headers, starting at offset 0x22dc". */
	ck_assert_uint_eq(get32(elf + 0x20), 0x22dc);
	ck_assert_uint_eq(len, 0x22dc + 11 * 40);
	/* An in-memory file: rewriting a disk file 9000 times waits on the disk. */
	int mfd = memfd_create("flashlint-cut", 0);
	ck_assert_int_ge(mfd, 0);
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", mfd);
	/* The section headers come last, so every cut must be noticed. Failures are
	 * collected first: an assertion per iteration would dominate the run time. */
	size_t missed = 0, first_missed = SIZE_MAX;
	for (size_t cut = 0; cut < len; cut++) {
		if (ftruncate(mfd, 0) != 0 || pwrite(mfd, elf, cut, 0) != (ssize_t)cut)
			ck_abort_msg("cannot rewrite the in-memory file");
		struct fl_run r;
		struct fl_image im = { 0 };
		fl_run_init(&r, &fl_catalogue);
		int rc = fl_elf_read(&r, &im, path);
		bool ok = rc == -FL_EFORMAT && r.diags.v.n >= 1 && r.input_failed;
		if (cut >= 0x34 + 3 * 32)
			ok = ok && im.segments.n == 3;
		if (!ok && missed++ == 0)
			first_missed = cut;
		fl_run_free(&r);
	}
	ck_assert_msg(missed == 0, "%zu cuts not reported, the first at %zu bytes", missed,
		      first_missed);
	close(mfd);

	ck_assert_int_eq(read_patched(elf, 300), -FL_EFORMAT);
	ck_assert_uint_eq(count_inp(), 1);
	ck_assert_str_eq(last_msg(), "truncated or corrupt ELF file: expected 11 section headers "
				     "of 40 bytes at offset 0x22dc, but the file has 300 bytes");
	ck_assert_uint_eq(img.sections.n, 0);
	free(elf);
}
END_TEST

START_TEST(test_bad_section_names)
{
	NEED_FIXTURE();
	size_t len;
	unsigned char *elf = slurp(fixture, &len);
	/* datas' name offset far outside .shstrtab: that section alone is lost. */
	put32(shdr(elf, 2), 0xffff);
	ck_assert_int_eq(read_patched(elf, len), -FL_EFORMAT);
	ck_assert_uint_eq(count_inp(), 1);
	ck_assert_msg(strstr(last_msg(), "section 2: name offset 65535 lies outside the "
					 "section-name string table") == last_msg(),
		      "%s", last_msg());
	ck_assert_uint_eq(img.sections.n, 9);
	ck_assert_ptr_null(section("datas"));
	ck_assert_uint_eq(section("bss")->lma, 0x1023c);
	ck_assert_ptr_null(symbol("fixture_counter")->section);
	ck_assert_str_eq(symbol("fixture_buf")->section, "bss");
	free(elf);
}
END_TEST

START_TEST(test_bad_string_tables)
{
	NEED_FIXTURE();
	size_t len;
	unsigned char *elf = slurp(fixture, &len);
	/* e_shstrndx beyond the section count: no section has a name. */
	put16(elf + 0x32, 200);
	ck_assert_int_eq(read_patched(elf, len), -FL_EFORMAT);
	ck_assert_uint_eq(count_inp(), 1);
	ck_assert_uint_eq(img.sections.n, 0);
	ck_assert_uint_eq(img.segments.n, 3);
	free(elf);

	/* .symtab's string table link pointed at NOBITS bss: names are unreadable. */
	fl_run_free(&run);
	fl_run_init(&run, &fl_catalogue);
	memset(&img, 0, sizeof(img));
	elf = slurp(fixture, &len);
	ck_assert_uint_eq(get32(shdr(elf, 8) + 4), SHT_SYMTAB);
	put32(shdr(elf, 8) + 24, 3);
	ck_assert_int_eq(read_patched(elf, len), -FL_EFORMAT);
	ck_assert_uint_eq(count_inp(), 1);
	ck_assert_str_eq(last_msg(),
			 "symbol table '.symtab': 24 symbol names lie outside its string table");
	ck_assert_uint_eq(img.symbols.n, 0);
	ck_assert_uint_eq(img.sections.n, 10);

	/* A section whose bytes would run past the end of the file. */
	fl_run_free(&run);
	fl_run_init(&run, &fl_catalogue);
	memset(&img, 0, sizeof(img));
	put32(shdr(elf, 8) + 24, 9);
	put32(shdr(elf, 5) + 20, 0x100000); /* .fixture_info size */
	ck_assert_int_eq(read_patched(elf, len), -FL_EFORMAT);
	ck_assert_uint_eq(count_inp(), 1);
	ck_assert_str_eq(last_msg(), "section '.fixture_info': 1048576 bytes at offset 0x2004 run "
				     "past the end of the file (9364 bytes)");
	ck_assert_uint_eq(section(".fixture_info")->size, 0x100000);
	ck_assert_uint_eq(img.symbols.n, 17);
	free(elf);
}
END_TEST

START_TEST(test_lma_edge_cases)
{
	NEED_FIXTURE();
	size_t len;
	unsigned char *elf = slurp(fixture, &len);
	/* Section addresses that no segment holds keep lma = vma, including one whose
	 * end would wrap past 2^32 in a 32-bit file. */
	put32(shdr(elf, 1) + 12, 0x30000000);  /* text sh_addr */
	put32(shdr(elf, 2) + 12, 0xfffffff0);  /* datas sh_addr, size 0x18 */
	ck_assert_int_eq(read_patched(elf, len), 0);
	ck_assert_uint_eq(section("text")->lma, 0x30000000);
	ck_assert_uint_eq(section("datas")->lma, 0xfffffff0);
	ck_assert_uint_eq(section("bss")->lma, 0x1023c);
	free(elf);
}
END_TEST

START_TEST(test_native_elf64)
{
	/* The test program itself: 64-bit, position independent, with a symbol table. */
	ck_assert_int_eq(fl_elf_read(&run, &img, "/proc/self/exe"), 0);
	ck_assert_uint_eq(count_inp(), 0);
	const struct fl_section *text = section(".text");
	ck_assert_ptr_nonnull(text);
	ck_assert_uint_eq(text->flags, FL_SEC_ALLOC | FL_SEC_LOAD | FL_SEC_EXEC);
	ck_assert_uint_eq(text->lma, text->vma);
	const struct fl_section *bss = section(".bss");
	ck_assert_ptr_nonnull(bss);
	ck_assert_uint_eq(bss->flags, FL_SEC_ALLOC | FL_SEC_WRITE);
	ck_assert_uint_eq(bss->lma, bss->vma);
	const struct fl_symbol *s = symbol("main");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->type, STT_FUNC);
	ck_assert_uint_eq(s->bind, STB_GLOBAL);
	ck_assert_str_eq(s->section, ".text");
	ck_assert_uint_ge(s->value, text->vma);
	ck_assert_uint_lt(s->value, text->vma + text->size);
	ck_assert_uint_ge(img.segments.n, 2);
}
END_TEST

static Suite *elf_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("reader");
	tcase_add_unchecked_fixture(tc, build_fixture, remove_fixture);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 100);
	tcase_add_test(tc, test_sections);
	tcase_add_test(tc, test_segments);
	tcase_add_test(tc, test_symbols);
	tcase_add_test(tc, test_not_elf);
	tcase_add_test(tc, test_every_truncation);
	tcase_add_test(tc, test_bad_section_names);
	tcase_add_test(tc, test_bad_string_tables);
	tcase_add_test(tc, test_lma_edge_cases);
	tcase_add_test(tc, test_native_elf64);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return fl_test_main(elf_suite());
}
