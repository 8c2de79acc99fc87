// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer harness for the GNU ld / LLVM lld map reader: every input is read
 * once on its own and once merged into ELF-like sections, and the model it
 * leaves must be consistent. See README.md.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flashlint/catalogue.h"
#include "flashlint/readers.h"

static void fuzz_elf_section(struct fl_run *run, struct fl_image *img, const char *name,
			     uint64_t vma, uint64_t size, unsigned flags)
{
	struct fl_section *s = fl_vec_push(run->arena, &img->sections);
	s->name = name;
	s->vma = vma;
	s->lma = vma;
	s->size = size;
	s->flags = flags;
	s->from_elf = true;
}

/* What every read must leave behind, whatever the input. */
static void fuzz_check(const struct fl_image *img, size_t n_elf, uint32_t max_line)
{
	if (img->map_kind == FL_MAP_NONE && img->sections.n != n_elf)
		__builtin_trap();
	for (size_t i = 0; i < img->sections.n; i++) {
		const struct fl_section *s = &img->sections.v[i];
		if (!s->name)
			__builtin_trap();
		if (i >= n_elf && (s->from_elf || !s->from_map))
			__builtin_trap();
		if (s->from_map && (s->pos.line == 0 || s->pos.line > max_line || !s->pos.file))
			__builtin_trap();
		if (!s->from_elf && s->flags & ~(unsigned)(FL_SEC_ALLOC | FL_SEC_LOAD))
			__builtin_trap();
		for (size_t k = 0; k < s->inputs.n; k++) {
			const struct fl_input_section *in = &s->inputs.v[k];
			if (!in->name || (in->owner == NULL) != in->is_fill)
				__builtin_trap();
			if (in->pos.line == 0 || in->pos.line > max_line)
				__builtin_trap();
			if (in->addr + in->size < in->addr)
				__builtin_trap();
		}
	}
	for (size_t i = 0; i < img->regions.n; i++)
		if (!img->regions.v[i].name || !img->regions.v[i].attrs)
			__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	uint32_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';

	struct fl_run run;
	if (fl_run_init(&run, &fl_catalogue))
		return 0;
	(void)fl_ldmap_probe(buf, size);

	struct fl_image *img = fl_alloc(run.arena, sizeof(*img));
	int rc = fl_ldmap_parse(&run, img, "fuzz.map", buf, size);
	if (rc != 0 && rc != -FL_EFORMAT)
		__builtin_trap();
	fuzz_check(img, 0, lines);

	struct fl_image *m = fl_alloc(run.arena, sizeof(*m));
	fuzz_elf_section(&run, m, ".text", 0x10000, 0x100, FL_SEC_ALLOC | FL_SEC_LOAD | FL_SEC_EXEC);
	fuzz_elf_section(&run, m, "dup", 0x20000, 0x10, FL_SEC_ALLOC | FL_SEC_LOAD);
	fuzz_elf_section(&run, m, "bss", 0x20000000, 0x40, FL_SEC_ALLOC | FL_SEC_WRITE);
	fuzz_elf_section(&run, m, "dup", 0x20010, 0x10, FL_SEC_ALLOC | FL_SEC_LOAD);
	fuzz_elf_section(&run, m, ".debug_info", 0, 0x80, 0);
	struct fl_symbol *sym = fl_vec_push(run.arena, &m->symbols);
	sym->name = "main";
	rc = fl_ldmap_parse(&run, m, "fuzz.map", buf, size);
	if (rc != 0 && rc != -FL_EFORMAT)
		__builtin_trap();
	fuzz_check(m, 5, lines);
	if (m->symbols.n != 1 || m->sections.v[4].inputs.n != 0)
		__builtin_trap();

	fl_run_free(&run);
	return 0;
}
