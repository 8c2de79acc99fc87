// SPDX-License-Identifier: Apache-2.0
/*
 * What the linked ELF says was compiled: the flash map (`default_flash_map` or
 * Partition Manager's `pm_flash_map`, an array of struct flash_area) and the device
 * instances (`__device_*` objects with their name strings), read from the bytes of
 * the sections that hold them, for 32- and 64-bit ELFs of either byte order. It
 * judges nothing; a flash map it cannot decode becomes INP001.
 */
#include <libelf.h>
#include <stdlib.h>
#include <string.h>

#include "elf_compiled.h"

/* An allocated section with file contents, for reading by address. */
struct ec_sec {
	uint64_t addr;
	uint64_t size;
	const unsigned char *bytes; /* sh_size bytes, NULL when unreadable */
};

struct ec {
	struct fl_run *run;
	struct fl_image *img;
	const char *path;
	Elf *elf;
	bool is64;
	bool big;
	unsigned ptr;               /* pointer size: 4 or 8 */
	FL_VEC(struct ec_sec) secs; /* allocated PROGBITS-like sections */
	struct ec_sec *by_ndx;      /* the same, by section index (bytes NULL for others) */
	size_t nsec;
};

bool elf_compiled_wants(const char *name, unsigned type)
{
	/* Called for every symbol: one character decides for almost all. */
	switch (name[0]) {
	case '_':
		return name[1] == '_' && type == STT_OBJECT && !strncmp(name, "__device_", 9);
	case 'd':
		return !strcmp(name, "default_flash_map");
	case 'p':
		return !strcmp(name, "pm_flash_map");
	case 'f':
		return !strcmp(name, "flash_map_entries");
	default:
		return false;
	}
}

static uint64_t ec_word(const struct ec *c, const unsigned char *p, unsigned len)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < len; i++)
		v |= (uint64_t)p[c->big ? len - 1 - i : i] << (8 * i);
	return v;
}

/* The bytes [addr, addr+len) of section `s`, or NULL when they are not all in it. */
static const unsigned char *ec_in(const struct ec_sec *s, uint64_t addr, uint64_t len)
{
	if (!s->bytes || addr < s->addr || addr - s->addr > s->size || len > s->size - (addr - s->addr))
		return NULL;
	return s->bytes + (addr - s->addr);
}

/* The bytes [addr, addr+len) of whichever loaded section holds them, or NULL. */
static const unsigned char *ec_at(const struct ec *c, uint64_t addr, uint64_t len, const struct ec_sec **in)
{
	fl_vec_for_each(&c->secs, s) {
		const unsigned char *p = ec_in(s, addr, len);
		if (p) {
			if (in)
				*in = s;
			return p;
		}
	}
	return NULL;
}

/* The NUL-terminated printable string at addr, or NULL. */
static const char *ec_string(const struct ec *c, uint64_t addr)
{
	const struct ec_sec *s;
	if (!addr || !ec_at(c, addr, 1, &s))
		return NULL;
	const unsigned char *p = s->bytes + (addr - s->addr);
	size_t max = (size_t)(s->size - (addr - s->addr)), len = 0;
	while (len < max && len < 256 && p[len] >= 0x20 && p[len] < 0x7f)
		len++;
	if (len == 0 || len == max || p[len] != 0)
		return NULL;
	return fl_strndup(c->run->arena, (const char *)p, len);
}

/* The bytes of a symbol's object, from the section that holds it. */
static const unsigned char *ec_sym(const struct ec *c, const struct elf_sym_ref *r, uint64_t len)
{
	if (r->shndx && r->shndx < c->nsec) {
		const unsigned char *p = ec_in(&c->by_ndx[r->shndx], r->value, len);
		if (p)
			return p;
	}
	return ec_at(c, r->value, len, NULL);
}

static void ec_sections(struct ec *c)
{
	if (elf_getshdrnum(c->elf, &c->nsec) != 0)
		c->nsec = 0;
	c->by_ndx = fl_alloc(c->run->arena, (c->nsec ? c->nsec : 1) * sizeof(*c->by_ndx));
	for (Elf_Scn *scn = elf_nextscn(c->elf, NULL); scn; scn = elf_nextscn(c->elf, scn)) {
		GElf_Shdr sh;
		size_t ndx = elf_ndxscn(scn);
		if (!gelf_getshdr(scn, &sh) || ndx >= c->nsec || !(sh.sh_flags & SHF_ALLOC) ||
		    sh.sh_type == SHT_NOBITS || sh.sh_size == 0)
			continue;
		Elf_Data *d = elf_rawdata(scn, NULL);
		if (!d || !d->d_buf || d->d_size < sh.sh_size)
			continue; /* elf.c reports sections that run past the file */
		struct ec_sec s = { sh.sh_addr, sh.sh_size, d->d_buf };
		c->by_ndx[ndx] = s;
		*fl_vec_push(c->run->arena, &c->secs) = s;
	}
}

static void ec_devices(struct ec *c, const struct elf_sym_ref *refs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct elf_sym_ref *r = &refs[i];
		if (strncmp(r->name, "__device_", 9) || r->size == 0)
			continue;
		struct fl_elf_device *d = fl_vec_push(c->run->arena, &c->img->elf_devices);
		d->symbol = r->name;
		d->addr = r->value;
		d->ord = -1;
		const unsigned char *p = r->size >= c->ptr ? ec_sym(c, r, c->ptr) : NULL;
		d->name = p ? ec_string(c, ec_word(c, p, c->ptr)) : NULL;
		const char *num = r->name + 9;
		if (!strncmp(num, "dts_ord_", 8) && num[8] >= '0' && num[8] <= '9') {
			char *end;
			unsigned long v = strtoul(num + 8, &end, 10);
			if (!*end && v <= UINT32_MAX) {
				d->ord = (long)v;
				d->path = fl_image_dt_ord_path(c->img, d->ord);
			}
		}
	}
}

static const struct elf_sym_ref *ec_find(const struct elf_sym_ref *refs, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(refs[i].name, name))
			return &refs[i];
	return NULL;
}

/* Returns true when the flash map is there but cannot be decoded. */
static bool ec_flash_map(struct ec *c, const struct elf_sym_ref *refs, size_t n)
{
	const struct elf_sym_ref *fm = ec_find(refs, n, "pm_flash_map");
	if (!fm)
		fm = ec_find(refs, n, "default_flash_map");
	if (!fm)
		return false;
	struct fl_flash_map *map = &c->img->flash_map;
	/* struct flash_area: u8 fa_id, u8 fa_device_id, u16 pad16, off_t fa_off,
	 * size_t fa_size, const struct device *fa_dev (const char *fa_dev_name in older
	 * trees)[, const char *fa_label]. off_t and size_t are pointer-sized. */
	unsigned w = c->ptr, off_at = w, min = 4 * w;
	uint64_t count = 0;
	const struct elf_sym_ref *ent = ec_find(refs, n, "flash_map_entries");
	const unsigned char *pc = ent && ent->size >= 4 ? ec_sym(c, ent, 4) : NULL;
	if (pc)
		count = ec_word(c, pc, 4);
	else
		count = fm->size / min;
	if (count == 0 && fm->size == 0) {
		map->symbol = fm->name;
		map->addr = fm->value;
		return false; /* an empty flash map */
	}
	if (count == 0 || fm->size % count || fm->size / count < min || fm->size / count > 16 * w) {
		fl_inp(c->run, c->path, 0, 0,
		       "compiled flash map '%s': %llu bytes do not hold flash_map_entries = %llu entries of struct flash_area (at least %u bytes each)",
		       fm->name, (unsigned long long)fm->size, (unsigned long long)count, min);
		return true;
	}
	const unsigned char *p = ec_sym(c, fm, fm->size);
	if (!p) {
		fl_inp(c->run, c->path, 0, 0,
		       "compiled flash map '%s': its %llu bytes at 0x%08llx are in no section with contents",
		       fm->name, (unsigned long long)fm->size, (unsigned long long)fm->value);
		return true;
	}
	map->symbol = fm->name;
	map->addr = fm->value;
	map->bytes = fm->size;
	map->count = count;
	map->entry_size = (uint32_t)(fm->size / count);
	fl_vec_reserve(c->run->arena, &map->v, count);
	for (uint64_t i = 0; i < count; i++) {
		const unsigned char *e = p + i * map->entry_size;
		struct fl_flash_area *a = fl_vec_push(c->run->arena, &map->v);
		a->id = e[0];
		a->device_id = e[1];
		a->offset = ec_word(c, e + off_at, w);
		a->size = ec_word(c, e + off_at + w, w);
		a->dev_ptr = ec_word(c, e + off_at + 2 * w, w);
		a->device = -1;
		if (map->entry_size >= min + w)
			a->label = ec_string(c, ec_word(c, e + off_at + 3 * w, w));
		if (!a->dev_ptr) {
			a->dev_kind = FL_FA_DEV_NULL;
			continue;
		}
		for (size_t d = 0; d < c->img->elf_devices.n; d++)
			if (c->img->elf_devices.v[d].addr == a->dev_ptr) {
				a->dev_kind = FL_FA_DEV_DEVICE;
				a->device = (int)d;
				a->dev_name = c->img->elf_devices.v[d].name;
				break;
			}
		if (a->device >= 0)
			continue;
		a->dev_name = ec_string(c, a->dev_ptr);
		a->dev_kind = a->dev_name ? FL_FA_DEV_NAME : FL_FA_DEV_UNKNOWN;
	}
	return false;
}

bool elf_compiled_read(struct fl_run *run, struct fl_image *img, const char *path, Elf *elf,
		       const struct elf_sym_ref *refs, size_t n)
{
	GElf_Ehdr eh;
	if (!gelf_getehdr(elf, &eh))
		return false;
	struct ec c = { .run = run, .img = img, .path = path, .elf = elf };
	c.is64 = gelf_getclass(elf) == ELFCLASS64;
	c.big = eh.e_ident[EI_DATA] == ELFDATA2MSB;
	c.ptr = c.is64 ? 8 : 4;
	ec_sections(&c);
	ec_devices(&c, refs, n);
	return ec_flash_map(&c, refs, n);
}
