// SPDX-License-Identifier: Apache-2.0
/*
 * The data of the HTML report's tables, one JSON block per table: each image's
 * output sections, its objects (input-section sizes summed by owner, with the
 * archive split off so the page can group by it) and its symbols (less section,
 * file and mapping symbols). The page's
 * script sorts, filters and pages them, so a build with 60,000 symbols stays one
 * light page. Strings go through html_json_str only.
 */
#include <elf.h>
#include <inttypes.h>
#include <string.h>

#include "html.h"

struct owner {
	const char *name;     /* NULL: empty slot */
	uint64_t hash;
	uint64_t flash, ram, total;
	size_t count;         /* input sections */
};

static unsigned addr_width(const struct fl_image *img)
{
	fl_vec_for_each(&img->sections, s)
		if (s->vma > 0xffffffffu || s->lma > 0xffffffffu)
			return 16;
	fl_vec_for_each(&img->symbols, s)
		if (s->value > 0xffffffffu)
			return 16;
	return 8;
}

static void put_addr(FILE *f, unsigned width, uint64_t v)
{
	fprintf(f, "\"0x%0*" PRIx64 "\"", (int)width, v);
}

static void begin_block(struct html_ctx *c, size_t k, const char *what, const char *cols)
{
	fprintf(c->out, "<script type=\"application/json\" id=\"t-%zu-%s\">{\"cols\":%s,\"rows\":[", k,
		what, cols);
}

static void end_block(struct html_ctx *c, const char *extra)
{
	fprintf(c->out, "]%s}</script>\n", extra);
}

static const char *region_name(const struct fl_image *img, int idx)
{
	return idx >= 0 && (size_t)idx < img->regions.n ? img->regions.v[idx].name : "";
}

static void sections_block(struct html_ctx *c, size_t k)
{
	FILE *f = c->out;
	const struct fl_image *img = c->m->images.v[k];
	unsigned w = addr_width(img);
	bool first = true;

	begin_block(c, k, "sections",
		    "[[\"Section\",\"s\"],[\"Run address\",\"a\"],[\"Load address\",\"a\"],"
		    "[\"Size\",\"n\"],[\"Flags\",\"s\"],[\"Memory\",\"s\"],[\"Load memory\",\"s\"],"
		    "[\"Inputs\",\"n\"]]");
	for (size_t j = 0; j < img->sections.n; j++) {
		const struct fl_section *s = &img->sections.v[j];
		if (!(s->flags & FL_SEC_ALLOC) || !s->size)
			continue;
		fputs(first ? "\n[" : ",\n[", f);
		first = false;
		html_json_str(f, s->name);
		fputc(',', f);
		put_addr(f, w, s->vma);
		fputc(',', f);
		put_addr(f, w, s->lma);
		fprintf(f, ",%" PRIu64 ",\"%s%s%s%s\",", s->size, s->flags & FL_SEC_ALLOC ? "A" : "",
			s->flags & FL_SEC_LOAD ? "L" : "", s->flags & FL_SEC_EXEC ? "X" : "",
			s->flags & FL_SEC_WRITE ? "W" : "");
		html_json_str(f, c->m->frozen ? region_name(img, s->vma_region) : "");
		fputc(',', f);
		html_json_str(f, c->m->frozen ? region_name(img, s->lma_region) : "");
		fprintf(f, ",%zu,", s->inputs.n);
		const char *anchor = c->objs.v[c->section_obj[k][j]].anchor;
		if (anchor)
			fprintf(f, "\"%s\"]", anchor);
		else
			fputs("null]", f);
	}
	end_block(c, ",\"anchor\":0,\"sort\":1");
}

/* ---- objects ----------------------------------------------------------------------------- */

static struct owner *owner_slot(struct owner *tab, size_t cap, const char *name)
{
	uint64_t h = fl_hash(name, strlen(name));
	for (size_t i = (size_t)h & (cap - 1);; i = (i + 1) & (cap - 1)) {
		if (!tab[i].name) {
			tab[i].name = name;
			tab[i].hash = h;
			return &tab[i];
		}
		if (tab[i].hash == h && !strcmp(tab[i].name, name))
			return &tab[i];
	}
}

/* Split "dir/libfoo.a(bar.c.obj)" into the archive and the member. */
static void split_owner(const char *owner, const char **archive, size_t *alen, const char **member,
			size_t *mlen)
{
	size_t n = strlen(owner);
	const char *open = n > 2 && owner[n - 1] == ')' ? strrchr(owner, '(') : NULL;
	if (open && open > owner) {
		*archive = owner;
		*alen = (size_t)(open - owner);
		*member = open + 1;
		*mlen = (size_t)(owner + n - 1 - *member);
	} else {
		*archive = "";
		*alen = 0;
		*member = owner;
		*mlen = n;
	}
}

static void objects_block(struct html_ctx *c, size_t k)
{
	FILE *f = c->out;
	const struct fl_image *img = c->m->images.v[k];
	size_t n = 0;
	fl_vec_for_each(&img->sections, s)
		n += s->inputs.n;
	size_t cap = 16;
	while (cap < 2 * n + 2)
		cap *= 2;
	struct owner *tab = fl_alloc(c->a, cap * sizeof(*tab));

	fl_vec_for_each(&img->sections, s) {
		if (!(s->flags & FL_SEC_ALLOC))
			continue;
		bool ram = c->m->frozen && s->vma_region >= 0 &&
			   (size_t)s->vma_region < img->regions.n &&
			   fl_region_is_ram(&img->regions.v[s->vma_region]);
		fl_vec_for_each(&s->inputs, in) {
			if (!in->size)
				continue;
			const char *name = in->is_fill ? "*fill*" : in->owner ? in->owner : "(no object)";
			struct owner *o = owner_slot(tab, cap, name);
			o->total += in->size;
			o->flash += (s->flags & FL_SEC_LOAD) ? in->size : 0;
			o->ram += ram ? in->size : 0;
			o->count++;
		}
	}
	begin_block(c, k, "objects",
		    "[[\"Archive\",\"s\"],[\"Object\",\"s\"],[\"Flash\",\"n\"],[\"RAM\",\"n\"],"
		    "[\"Total\",\"n\"],[\"Input sections\",\"n\"]]");
	bool first = true;
	for (size_t i = 0; i < cap; i++) {
		const struct owner *o = &tab[i];
		if (!o->name)
			continue;
		const char *ar, *mem;
		size_t alen, mlen;
		split_owner(o->name, &ar, &alen, &mem, &mlen);
		fputs(first ? "\n[" : ",\n[", f);
		first = false;
		html_json_str(f, fl_strndup(c->a, ar, alen));
		fputc(',', f);
		html_json_str(f, fl_strndup(c->a, mem, mlen));
		fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%zu]", o->flash, o->ram, o->total,
			o->count);
	}
	end_block(c, ",\"group\":0,\"sort\":4,\"desc\":true");
}

/* ---- symbols ----------------------------------------------------------------------------- */

static const char *sym_type(uint8_t t)
{
	switch (t) {
	case STT_NOTYPE:
		return "none";
	case STT_OBJECT:
		return "object";
	case STT_FUNC:
		return "function";
	case STT_COMMON:
		return "common";
	case STT_TLS:
		return "tls";
	default:
		return "other";
	}
}

static const char *sym_bind(uint8_t b)
{
	switch (b) {
	case STB_LOCAL:
		return "local";
	case STB_GLOBAL:
		return "global";
	case STB_WEAK:
		return "weak";
	default:
		return "other";
	}
}

/* An Arm/AArch64 mapping symbol ($a, $t, $d, $x, "$d.12"): it marks where code or
 * data starts, names nothing, and is half of a large ELF's symbol table. */
static bool is_mapping_symbol(const char *n)
{
	return n[0] == '$' && n[1] && strchr("atdx", n[1]) && (n[2] == '\0' || n[2] == '.');
}

static void symbols_block(struct html_ctx *c, size_t k)
{
	FILE *f = c->out;
	const struct fl_image *img = c->m->images.v[k];
	unsigned w = addr_width(img);
	bool first = true;

	begin_block(c, k, "symbols",
		    "[[\"Symbol\",\"s\"],[\"Address\",\"a\"],[\"Size\",\"n\"],[\"Type\",\"s\"],"
		    "[\"Binding\",\"s\"],[\"Section\",\"s\"]]");
	fl_vec_for_each(&img->symbols, s) {
		if (!s->name || !*s->name || s->type == STT_SECTION || s->type == STT_FILE ||
		    is_mapping_symbol(s->name))
			continue;
		fputs(first ? "\n[" : ",\n[", f);
		first = false;
		html_json_str(f, s->name);
		fputc(',', f);
		put_addr(f, w, s->value);
		fprintf(f, ",%" PRIu64 ",\"%s\",\"%s\",", s->size, sym_type(s->type), sym_bind(s->bind));
		html_json_str(f, s->section ? s->section : "");
		fputc(']', f);
	}
	end_block(c, ",\"sort\":2,\"desc\":true");
}

void html_tables_data(struct html_ctx *c, size_t k)
{
	sections_block(c, k);
	objects_block(c, k);
	symbols_block(c, k);
}
