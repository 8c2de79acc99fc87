// SPDX-License-Identifier: Apache-2.0
/*
 * ELF reader: output sections with their load addresses, PT_LOAD segments and the
 * symbol table of one linked image, through libelf only (no hand-written ELF
 * parsing). It never judges the layout and never prints: a damaged file becomes
 * INP001 and whatever was read safely before the damage is kept.
 */
#include <gelf.h>
#include <libelf.h>
#include <string.h>
#include <unistd.h>

#include "elf_compiled.h"
#include "flashlint/readers.h"

/* A PT_LOAD header with the file range the model does not keep. */
struct elf_load {
	uint64_t vaddr, paddr, memsz, offset, filesz;
};

struct elf_ctx {
	struct fl_run *run;
	struct fl_image *img;
	const char *path;
	Elf *elf;
	FL_VEC(struct elf_load) loads;
	const char **sec_names; /* by section index; NULL when unnamed or unreadable */
	size_t shnum;
	uint64_t shoff;
	size_t file_size;
	bool damaged;
	FL_VEC(struct elf_sym_ref) compiled; /* symbols of the flash map and devices */
};

bool fl_elf_probe(const char *buf, size_t len)
{
	return len >= SELFMAG && memcmp(buf, ELFMAG, SELFMAG) == 0;
}

static void elf_bad(struct elf_ctx *c, const char *what)
{
	fl_inp(c->run, c->path, 0, 0, "%s: %s", what, elf_errmsg(-1));
	c->damaged = true;
}

/* [a, a+asz) inside [b, b+bsz), without wrapping. An empty range must start inside
 * (not at the end of) a non-empty one, as readelf's section-to-segment map has it. */
static bool elf_range_in(uint64_t a, uint64_t asz, uint64_t b, uint64_t bsz)
{
	if (a < b)
		return false;
	uint64_t off = a - b;
	if (asz == 0)
		return bsz == 0 ? off == 0 : off < bsz;
	return off < bsz && asz <= bsz - off;
}

/* The load address of an allocated section: the PT_LOAD that holds its memory (and,
 * for sections with file contents, its bytes) moves it by p_paddr - p_vaddr. */
static uint64_t elf_section_lma(const struct elf_ctx *c, const GElf_Shdr *sh)
{
	/* .tbss is a template: it occupies no memory in the segment it sits in. */
	if (sh->sh_type == SHT_NOBITS && (sh->sh_flags & SHF_TLS))
		return sh->sh_addr;
	/* An index loop: fl_vec_for_each would compute NULL + 0 on an empty vector. */
	for (size_t i = 0; i < c->loads.n; i++) {
		const struct elf_load *ld = &c->loads.v[i];
		if (!elf_range_in(sh->sh_addr, sh->sh_size, ld->vaddr, ld->memsz))
			continue;
		if (sh->sh_type != SHT_NOBITS &&
		    !elf_range_in(sh->sh_offset, sh->sh_size, ld->offset, ld->filesz))
			continue;
		/* Unsigned arithmetic wraps exactly as the linker's address does. */
		return ld->paddr + (sh->sh_addr - ld->vaddr);
	}
	return sh->sh_addr;
}

/* libelf quietly shortens header tables that run past the end of the file; a
 * truncated file must not pass for a smaller, valid one. */
static bool elf_table_fits(struct elf_ctx *c, const char *what, uint64_t off, uint64_t num,
			   Elf_Type type)
{
	uint64_t entsize = gelf_fsize(c->elf, type, 1, EV_CURRENT), len, end;
	if (num == 0)
		return true;
	if (!__builtin_mul_overflow(num, entsize, &len) && fl_add_ok(off, len, &end) &&
	    end <= c->file_size)
		return true;
	fl_inp(c->run, c->path, 0, 0,
	       "truncated or corrupt ELF file: expected %llu %s of %llu bytes at offset 0x%llx, but the file has %zu bytes",
	       (unsigned long long)num, what, (unsigned long long)entsize,
	       (unsigned long long)off, c->file_size);
	c->damaged = true;
	return false;
}

static void elf_read_segments(struct elf_ctx *c)
{
	size_t phnum;
	if (elf_getphdrnum(c->elf, &phnum) != 0) {
		elf_bad(c, "corrupt ELF header: cannot count the program headers");
		return;
	}
	if (phnum == 0) {
		/* An object file or a stripped header: nothing says what is loaded where. */
		fl_inp(c->run, c->path, 0, 0,
		       "no program headers: expected a linked executable, whose segments say what is loaded where");
		c->damaged = true;
		return;
	}
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(c->elf, (int)i, &ph)) {
			fl_inp(c->run, c->path, 0, 0,
			       "corrupt program header %zu: expected %zu program headers inside the file (%s)",
			       i, phnum, elf_errmsg(-1));
			c->damaged = true;
			return;
		}
		if (ph.p_type != PT_LOAD)
			continue;
		struct fl_segment *s = fl_vec_push(c->run->arena, &c->img->segments);
		s->vaddr = ph.p_vaddr;
		s->paddr = ph.p_paddr;
		s->filesz = ph.p_filesz;
		s->memsz = ph.p_memsz;
		s->flags = ph.p_flags;
		struct elf_load *ld = fl_vec_push(c->run->arena, &c->loads);
		ld->vaddr = ph.p_vaddr;
		ld->paddr = ph.p_paddr;
		ld->memsz = ph.p_memsz;
		ld->offset = ph.p_offset;
		ld->filesz = ph.p_filesz;
	}
}

static void elf_read_sections(struct elf_ctx *c)
{
	size_t shstrndx;
	if (elf_getshdrnum(c->elf, &c->shnum) != 0) {
		elf_bad(c, "corrupt ELF header: cannot count the section headers");
		c->shnum = 0;
		return;
	}
	/* With more than 0xff00 sections the count comes from section 0: check again. */
	if (c->shnum == 0 || !elf_table_fits(c, "section headers", c->shoff, c->shnum, ELF_T_SHDR))
		return;
	c->sec_names = fl_alloc(c->run->arena, c->shnum * sizeof(*c->sec_names));
	if (elf_getshdrstrndx(c->elf, &shstrndx) != 0) {
		elf_bad(c, "corrupt ELF header: no section-name string table");
		return;
	}
	bool bad_name = false;
	for (Elf_Scn *scn = elf_nextscn(c->elf, NULL); scn; scn = elf_nextscn(c->elf, scn)) {
		size_t ndx = elf_ndxscn(scn);
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh)) {
			fl_inp(c->run, c->path, 0, 0, "corrupt section header %zu: %s", ndx,
			       elf_errmsg(-1));
			c->damaged = true;
			return;
		}
		if (ndx == 0 || ndx >= c->shnum || sh.sh_type == SHT_NULL)
			continue;
		const char *name = elf_strptr(c->elf, shstrndx, sh.sh_name);
		if (!name) {
			/* One diagnostic for the table, not one per section. */
			if (!bad_name)
				fl_inp(c->run, c->path, 0, 0,
				       "section %zu: name offset %u lies outside the section-name string table (%s)",
				       ndx, (unsigned)sh.sh_name, elf_errmsg(-1));
			bad_name = true;
			c->damaged = true;
			continue;
		}
		if (!*name)
			continue;
		uint64_t end;
		if (sh.sh_type != SHT_NOBITS && sh.sh_size > 0 &&
		    (!fl_add_ok(sh.sh_offset, sh.sh_size, &end) || end > c->file_size)) {
			fl_inp(c->run, c->path, 0, 0,
			       "section '%s': %llu bytes at offset 0x%llx run past the end of the file (%zu bytes)",
			       name, (unsigned long long)sh.sh_size,
			       (unsigned long long)sh.sh_offset, c->file_size);
			c->damaged = true;
		}
		name = fl_strdup(c->run->arena, name);
		c->sec_names[ndx] = name;

		struct fl_section *s = fl_vec_push(c->run->arena, &c->img->sections);
		s->name = name;
		s->vma = sh.sh_addr;
		s->lma = sh.sh_addr;
		s->size = sh.sh_size;
		s->from_elf = true;
		s->pos = (struct fl_pos){ c->path, 0, 0 };
		s->vma_region = -1;
		s->lma_region = -1;
		if (sh.sh_flags & SHF_ALLOC) {
			s->flags |= FL_SEC_ALLOC;
			if (sh.sh_type != SHT_NOBITS && sh.sh_size > 0)
				s->flags |= FL_SEC_LOAD;
			s->lma = elf_section_lma(c, &sh);
		}
		if (sh.sh_flags & SHF_EXECINSTR)
			s->flags |= FL_SEC_EXEC;
		if (sh.sh_flags & SHF_WRITE)
			s->flags |= FL_SEC_WRITE;
	}
}

static const char *elf_symbol_section(const struct elf_ctx *c, const GElf_Sym *sym,
				      Elf32_Word xndx)
{
	size_t ndx = sym->st_shndx;
	if (ndx == SHN_XINDEX)
		ndx = xndx;
	else if (ndx == SHN_UNDEF || ndx >= SHN_LORESERVE)
		return NULL; /* SHN_ABS, SHN_COMMON and the other reserved indices */
	if (ndx >= c->shnum || !c->sec_names)
		return NULL;
	return c->sec_names[ndx];
}

/* The SHT_SYMTAB_SHNDX section that extends `symtab`'s section indices, if any. */
static Elf_Data *elf_find_xindex(const struct elf_ctx *c, size_t symtab)
{
	for (Elf_Scn *scn = elf_nextscn(c->elf, NULL); scn; scn = elf_nextscn(c->elf, scn)) {
		GElf_Shdr sh;
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB_SHNDX &&
		    sh.sh_link == symtab)
			return elf_getdata(scn, NULL);
	}
	return NULL;
}

/* Symbol i of a symbol table's data. libelf hands the data over in memory
 * representation (host byte order, aligned Elf32_Sym / Elf64_Sym), so the entries
 * are read in place: gelf_getsymshndx() per symbol was a sixth of a large ELF's
 * reading. */
static void elf_sym_at(const Elf_Data *d, bool is64, size_t i, GElf_Sym *out)
{
	if (is64) {
		*out = ((const Elf64_Sym *)d->d_buf)[i];
		return;
	}
	const Elf32_Sym *s = &((const Elf32_Sym *)d->d_buf)[i];
	out->st_name = s->st_name;
	out->st_info = s->st_info;
	out->st_other = s->st_other;
	out->st_shndx = s->st_shndx;
	out->st_value = s->st_value;
	out->st_size = s->st_size;
}

/* The symbol names: the string table copied once into the arena, when it ends
 * with a NUL (then every offset inside it starts a terminated name), else NULL
 * and names are looked up one by one. One copy instead of one per symbol. */
static const char *elf_sym_strings(const struct elf_ctx *c, size_t strndx, size_t *size)
{
	Elf_Scn *scn = elf_getscn(c->elf, strndx);
	Elf_Data *d = scn ? elf_getdata(scn, NULL) : NULL;
	if (!d || !d->d_buf || d->d_size == 0 || d->d_type != ELF_T_BYTE ||
	    ((const char *)d->d_buf)[d->d_size - 1] != '\0')
		return NULL;
	char *t = fl_alloc(c->run->arena, d->d_size);
	memcpy(t, d->d_buf, d->d_size);
	*size = d->d_size;
	return t;
}

static void elf_read_symtab(struct elf_ctx *c, Elf_Scn *scn, const GElf_Shdr *sh)
{
	const char *tab = c->sec_names && elf_ndxscn(scn) < c->shnum
				  ? c->sec_names[elf_ndxscn(scn)] : NULL;
	if (!tab)
		tab = ".symtab";
	Elf_Data *data = elf_getdata(scn, NULL);
	if (!data) {
		fl_inp(c->run, c->path, 0, 0,
		       "cannot read the symbol table '%s': expected %llu bytes inside the file (%s)",
		       tab, (unsigned long long)sh->sh_size, elf_errmsg(-1));
		c->damaged = true;
		return;
	}
	size_t entsz = gelf_fsize(c->elf, ELF_T_SYM, 1, EV_CURRENT);
	if (entsz == 0 || !data->d_buf)
		return;
	size_t n = data->d_size / entsz;
	bool raw = data->d_type == ELF_T_SYM;
	bool is64 = gelf_getclass(c->elf) == ELFCLASS64;
	Elf_Data *xdata = elf_find_xindex(c, elf_ndxscn(scn));
	const Elf32_Word *xv = xdata && xdata->d_buf && xdata->d_type == ELF_T_WORD
				       ? xdata->d_buf : NULL;
	size_t nx = xv ? xdata->d_size / sizeof(Elf32_Word) : 0;
	size_t strs_size = 0;
	const char *strs = elf_sym_strings(c, sh->sh_link, &strs_size);
	size_t bad_names = 0;
	fl_vec_reserve(c->run->arena, &c->img->symbols, n);
	for (size_t i = 1; i < n; i++) {
		GElf_Sym sym;
		Elf32_Word xndx = 0;
		if (raw) {
			elf_sym_at(data, is64, i, &sym);
			if (sym.st_shndx == SHN_XINDEX && i < nx)
				xndx = xv[i];
		} else if (!gelf_getsymshndx(data, xdata, (int)i, &sym, &xndx)) {
			/* Only the extended index can be missing here: keep the symbol. */
			if (!gelf_getsym(data, (int)i, &sym))
				break;
			xndx = 0;
		}
		unsigned type = GELF_ST_TYPE(sym.st_info);
		const char *name = !strs ? elf_strptr(c->elf, sh->sh_link, sym.st_name)
				   : sym.st_name < strs_size ? strs + sym.st_name : NULL;
		if (!name) {
			bad_names++;
			continue;
		}
		if (!*name && (type == STT_SECTION || type == STT_FILE))
			continue;
		struct fl_symbol *s = fl_vec_push(c->run->arena, &c->img->symbols);
		s->name = strs ? name : fl_strdup(c->run->arena, name);
		s->value = sym.st_value;
		s->size = sym.st_size;
		s->type = (uint8_t)type;
		s->bind = (uint8_t)GELF_ST_BIND(sym.st_info);
		s->section = elf_symbol_section(c, &sym, xndx);
		if (elf_compiled_wants(s->name, type)) {
			size_t ndx = sym.st_shndx == SHN_XINDEX ? xndx
				     : sym.st_shndx >= SHN_LORESERVE ? 0 : sym.st_shndx;
			*fl_vec_push(c->run->arena, &c->compiled) =
				(struct elf_sym_ref){ s->name, sym.st_value, sym.st_size, ndx };
		}
	}
	if (bad_names) {
		fl_inp(c->run, c->path, 0, 0,
		       "symbol table '%s': %zu symbol names lie outside its string table",
		       tab, bad_names);
		c->damaged = true;
	}
}

static void elf_read_symbols(struct elf_ctx *c)
{
	for (Elf_Scn *scn = elf_nextscn(c->elf, NULL); scn; scn = elf_nextscn(c->elf, scn)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			return; /* already reported while reading the sections */
		if (sh.sh_type == SHT_SYMTAB) {
			elf_read_symtab(c, scn, &sh);
			return; /* an executable has one symbol table */
		}
	}
}

int fl_elf_read(struct fl_run *run, struct fl_image *img, const char *path)
{
	struct elf_ctx c = { .run = run, .img = img };
	c.path = fl_strdup(run->arena, path);

	int rc = 0;
	uint64_t size;
	int fd = fl_input_open(path, run->cfg.max_input, &size);
	if (fd < 0) {
		fl_inp(run, c.path, 0, 0, "cannot read the ELF file: %s", fl_input_strerror(fd));
		return -FL_EIO;
	}
	if (size == 0) {
		fl_inp(run, c.path, 0, 0, "empty file: expected an ELF executable");
		rc = -FL_EFORMAT;
		goto out;
	}
	if (elf_version(EV_CURRENT) == EV_NONE) {
		fl_inp(run, c.path, 0, 0, "cannot read the ELF file: libelf is out of date (%s)",
		       elf_errmsg(-1));
		rc = -FL_EIO;
		goto out;
	}
	c.elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!c.elf) {
		fl_inp(run, c.path, 0, 0, "cannot read the ELF file: %s", elf_errmsg(-1));
		rc = -FL_EFORMAT;
		goto out;
	}
	if (elf_kind(c.elf) != ELF_K_ELF) {
		fl_inp(run, c.path, 0, 0,
		       "not an ELF file: expected an executable starting with 0x7f 'E' 'L' 'F'");
		rc = -FL_EFORMAT;
		goto out;
	}
	GElf_Ehdr eh;
	if (!gelf_getehdr(c.elf, &eh)) {
		fl_inp(run, c.path, 0, 0, "truncated or corrupt ELF header: %s", elf_errmsg(-1));
		rc = -FL_EFORMAT;
		goto out;
	}
	/* From here on the file is an ELF, even if a damaged one. */
	img->elf_path = c.path;
	elf_rawfile(c.elf, &c.file_size);
	/* Segments first: a section's load address comes from the segment holding it. */
	if (elf_table_fits(&c, "program headers", eh.e_phoff, eh.e_phnum, ELF_T_PHDR))
		elf_read_segments(&c);
	/* e_shnum 0 with e_shoff set: the count is in section 0, which must fit too. */
	c.shoff = eh.e_shoff;
	if (elf_table_fits(&c, "section headers", eh.e_shoff,
			   eh.e_shnum || !eh.e_shoff ? eh.e_shnum : 1, ELF_T_SHDR)) {
		elf_read_sections(&c);
		if (c.sec_names)
			elf_read_symbols(&c);
		/* What was compiled: while the file is open, from the same symbols. */
		if (c.compiled.n &&
		    elf_compiled_read(run, img, c.path, c.elf, c.compiled.v, c.compiled.n))
			c.damaged = true;
	}
	if (c.damaged)
		rc = -FL_EFORMAT;
out:
	if (c.elf)
		elf_end(c.elf);
	close(fd);
	return rc;
}
