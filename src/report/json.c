// SPDX-License-Identifier: Apache-2.0
/*
 * The JSON reporter: one pretty-printed "flashlint-report/1" document (see
 * flashlint-report-1.schema.json next to this file) with the model and the findings.
 * Output must stay deterministic and valid against that schema for any model, even
 * one read from hostile inputs; it must not reorder, filter or judge diagnostics.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "flashlint/report.h"
#include "digest_json.h"
#include "json_w.h"

#ifndef FLASHLINT_VERSION
#define FLASHLINT_VERSION "0.1.0"
#endif

#define JSON_SCHEMA_ID "flashlint-report/1"

/* ---- values ------------------------------------------------------------------ */

/* A device name: the model spells "none" as NULL or "". */
static void json_device(struct json_w *w, const char *key, const char *s)
{
	json_str(w, key, s && *s ? s : NULL);
}

/* base + size, or null when the sum does not fit in 64 bits: printing the wrapped
 * value would put the end before the start. */
static void json_end_addr(struct json_w *w, const char *key, uint64_t base, uint64_t size)
{
	uint64_t end;
	bool ok = fl_add_ok(base, size, &end);

	json_u64_opt(w, key, ok, end);
}

/* Lines and columns are 1-based; 0 means "none" and is written as null. */
static void json_pos(struct json_w *w, const struct fl_pos *pos, bool with_col)
{
	json_str(w, "file", pos->file);
	json_u64_opt(w, "line", pos->line != 0, pos->line);
	if (with_col)
		json_u64_opt(w, "column", pos->col != 0, pos->col);
}

/* ---- model ------------------------------------------------------------------- */

static const char *json_kind_name(enum fl_input_kind k)
{
	switch (k) {
	case FL_IN_ELF:
		return "elf";
	case FL_IN_MAP:
		return "map";
	case FL_IN_CONFIG:
		return "config";
	case FL_IN_PM_PARTITIONS:
		return "partitions";
	case FL_IN_PM_STATIC:
		return "pm_static";
	case FL_IN_PM_REGIONS:
		return "regions";
	case FL_IN_DOMAINS:
		return "domains";
	case FL_IN_DTS:
		return "dts";
	case FL_IN_SIGNED:
		return "signed";
	}
	return NULL;
}

static const char *json_role_name(enum fl_image_role r)
{
	switch (r) {
	case FL_IMG_APP:
		return "application";
	case FL_IMG_MCUBOOT:
		return "mcuboot";
	case FL_IMG_OTHER:
		break;
	}
	return "other";
}

static const char *json_map_format(enum fl_map_kind k)
{
	switch (k) {
	case FL_MAP_GNU:
		return "gnu";
	case FL_MAP_LLD:
		return "lld";
	case FL_MAP_NONE:
		break;
	}
	return NULL;
}

/* The name of region `idx` of img, or NULL. Region links are derived by
 * fl_model_freeze(); in a model that was never frozen they are still zero, which
 * would wrongly name region 0, so they are trusted only after freezing. */
static const char *json_region_name(const struct fl_model *m, const struct fl_image *img,
				    int idx)
{
	if (!m->frozen || idx < 0 || (size_t)idx >= img->regions.n)
		return NULL;
	return img->regions.v[idx].name ? img->regions.v[idx].name : "";
}

static void json_inputs(struct json_w *w, const struct fl_model *m)
{
	json_open(w, "inputs", '[');
	fl_vec_for_each(&m->inputs, in) {
		json_open(w, NULL, '{');
		json_str_req(w, "path", in->path);
		json_str(w, "kind", json_kind_name(in->kind));
		json_str(w, "image", in->image);
		json_close(w, '}');
	}
	json_close(w, ']');
}

static void json_memories(struct json_w *w, const struct fl_model *m)
{
	json_open(w, "memories", '[');
	fl_vec_for_each(&m->pm_regions, r) {
		json_open(w, NULL, '{');
		json_str_req(w, "name", r->name);
		json_str(w, "source", "partition-manager");
		json_str(w, "domain", r->domain);
		json_u64(w, "base", r->base);
		json_u64(w, "size", r->size);
		json_end_addr(w, "end", r->base, r->size);
		json_device(w, "device", r->device);
		json_str(w, "default_driver_kconfig", r->default_driver_kconfig);
		json_str(w, "placement", r->placement);
		json_pos(w, &r->pos, false);
		json_close(w, '}');
	}
	for_each_image(m, ip) {
		const struct fl_image *img = *ip;
		fl_vec_for_each(&img->regions, r) {
			json_open(w, NULL, '{');
			json_str_req(w, "name", r->name);
			json_str(w, "source", "linker-map");
			json_str_req(w, "image", img->name);
			json_u64(w, "base", r->origin);
			json_u64(w, "size", r->length);
			json_end_addr(w, "end", r->origin, r->length);
			json_u64_opt(w, "used", m->frozen, r->used);
			json_str_req(w, "attributes", r->attrs);
			json_pos(w, &r->pos, false);
			json_close(w, '}');
		}
	}
	json_close(w, ']');
}

static void json_partition(struct json_w *w, const struct fl_partition *p, bool is_static)
{
	json_open(w, NULL, '{');
	json_str_req(w, "name", p->name);
	json_u64(w, "address", p->address);
	json_u64(w, "size", p->size);
	json_end_addr(w, "end", p->address, p->size);
	json_u64_opt(w, "end_address", p->has_end, p->end_address);
	json_str(w, "region", p->region);
	json_device(w, "device", p->device);
	json_str(w, "domain", p->domain);
	json_open(w, "span", '[');
	fl_vec_for_each(&p->span, s)
		json_str_req(w, NULL, *s);
	json_close(w, ']');
	json_bool(w, "static", is_static || p->from_static);
	json_pos(w, &p->pos, false);
	json_close(w, '}');
}

static void json_dt_device(struct json_w *w, const struct fl_device *d)
{
	json_open(w, NULL, '{');
	json_str_req(w, "name", d->name);
	json_str_req(w, "path", d->path);
	json_str(w, "compatible", d->compatible);
	json_bool(w, "external", d->external);
	json_bool(w, "okay", d->okay);
	json_u64_opt(w, "base", d->mapped, d->base);
	json_u64(w, "size", d->size);
	json_bool(w, "size_in_bits", d->size_in_bits);
	json_u64_opt(w, "erase_block", d->erase_block != 0, d->erase_block);
	json_u64_opt(w, "write_block", d->write_block != 0, d->write_block);
	json_u64_opt(w, "xip_base", d->has_xip, d->xip_base);
	json_u64_opt(w, "xip_size", d->has_xip, d->xip_size);
	json_pos(w, &d->pos, false);
	json_close(w, '}');
}

static void json_partitions(struct json_w *w, const struct fl_model *m)
{
	json_open(w, "partitions", '[');
	fl_vec_for_each(&m->partitions, p)
		json_partition(w, p, false);
	fl_vec_for_each(&m->static_partitions, p)
		json_partition(w, p, true);
	json_close(w, ']');
}

static void json_section(struct json_w *w, const struct fl_model *m,
			 const struct fl_image *img, const struct fl_section *s)
{
	static const struct {
		unsigned bit;
		const char *name;
	} flags[] = {
		{ FL_SEC_ALLOC, "alloc" },
		{ FL_SEC_LOAD, "load" },
		{ FL_SEC_EXEC, "exec" },
		{ FL_SEC_WRITE, "write" },
	};

	json_open(w, NULL, '{');
	json_str_req(w, "name", s->name);
	json_u64(w, "vma", s->vma);
	json_u64(w, "lma", s->lma);
	json_u64(w, "size", s->size);
	json_open(w, "flags", '[');
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (s->flags & flags[i].bit)
			json_str(w, NULL, flags[i].name);
	json_close(w, ']');
	json_str(w, "memory", json_region_name(m, img, s->lma_region));
	json_pos(w, &s->pos, false);
	json_close(w, '}');
}

static const char *json_fa_kind(enum fl_fa_dev_kind k)
{
	switch (k) {
	case FL_FA_DEV_NULL:
		return "null";
	case FL_FA_DEV_DEVICE:
		return "device";
	case FL_FA_DEV_NAME:
		return "name";
	case FL_FA_DEV_UNKNOWN:
		break;
	}
	return "unknown";
}

/* What the ELF says was compiled: device instances and the flash map. */
static void json_compiled(struct json_w *w, const struct fl_image *img)
{
	if (!img->elf_path) {
		json_null(w, "compiled");
		return;
	}
	json_open(w, "compiled", '{');
	json_open(w, "devices", '[');
	fl_vec_for_each(&img->elf_devices, d) {
		json_open(w, NULL, '{');
		json_str_req(w, "symbol", d->symbol);
		json_u64(w, "address", d->addr);
		json_str(w, "name", d->name);
		json_u64_opt(w, "ordinal", d->ord >= 0, (uint64_t)d->ord);
		json_str(w, "path", d->path);
		json_close(w, '}');
	}
	json_close(w, ']');
	const struct fl_flash_map *fm = &img->flash_map;
	if (!fm->symbol) {
		json_null(w, "flash_map");
	} else {
		json_open(w, "flash_map", '{');
		json_str_req(w, "symbol", fm->symbol);
		json_u64(w, "address", fm->addr);
		json_u64(w, "bytes", fm->bytes);
		json_u64(w, "count", fm->count);
		json_u64(w, "entry_size", fm->entry_size);
		json_open(w, "entries", '[');
		fl_vec_for_each(&fm->v, a) {
			const struct fl_elf_device *d =
				a->device >= 0 ? &img->elf_devices.v[a->device] : NULL;
			json_open(w, NULL, '{');
			json_u64(w, "id", a->id);
			json_u64(w, "device_id", a->device_id);
			json_u64(w, "offset", a->offset);
			json_u64(w, "size", a->size);
			json_str(w, "device_kind", json_fa_kind(a->dev_kind));
			json_u64(w, "device_pointer", a->dev_ptr);
			json_str(w, "device_symbol", d ? d->symbol : NULL);
			json_str(w, "device_name", a->dev_name);
			json_str(w, "label", a->label);
			json_close(w, '}');
		}
		json_close(w, ']');
		json_close(w, '}');
	}
	json_close(w, '}');
}

/* The signed image the build holds: its header and TLV areas. */
static void json_signed(struct json_w *w, const struct fl_image *img)
{
	const struct fl_signed_image *s = &img->signed_image;
	if (!s->path) {
		json_null(w, "signed");
		return;
	}
	json_open(w, "signed", '{');
	json_str_req(w, "path", s->path);
	json_u64(w, "base", s->base);
	json_u64(w, "load_address", s->load_addr);
	json_u64(w, "header_size", s->hdr_size);
	json_u64(w, "protected_tlv_size", s->protect_tlv_size);
	json_u64(w, "image_size", s->img_size);
	json_u64(w, "flags", s->flags);
	char ver[48];
	snprintf(ver, sizeof(ver), "%u.%u.%u+%u", s->ver_major, s->ver_minor, s->ver_revision,
		 (unsigned)s->ver_build);
	json_str(w, "version", ver);
	json_open(w, "tlv_areas", '[');
	fl_vec_for_each(&s->tlv, a) {
		json_open(w, NULL, '{');
		json_u64(w, "magic", a->magic);
		json_u64(w, "offset", a->offset);
		json_u64(w, "size", a->total);
		json_open(w, "entries", '[');
		fl_vec_for_each(&a->v, t) {
			json_open(w, NULL, '{');
			json_u64(w, "type", t->type);
			json_u64(w, "length", t->len);
			json_close(w, '}');
		}
		json_close(w, ']');
		json_close(w, '}');
	}
	json_close(w, ']');
	json_u64(w, "size", s->size);
	json_close(w, '}');
}

static void json_image(struct json_w *w, const struct fl_model *m, const struct fl_image *img)
{
	bool loaded = img->load.n > 0;

	json_open(w, NULL, '{');
	json_str_req(w, "name", img->name);
	json_str(w, "role", json_role_name(img->role));
	json_str(w, "domain", img->domain);
	json_str(w, "elf", img->elf_path);
	json_str(w, "map", img->map_path);
	json_str(w, "config", img->kconfig.path);
	json_str(w, "dts", img->dt.path);
	json_open(w, "devices", '[');
	fl_vec_for_each(&img->devices, d)
		json_dt_device(w, d);
	json_close(w, ']');
	json_open(w, "dt_partitions", '[');
	fl_vec_for_each(&img->dt_partitions, p)
		json_partition(w, p, false);
	json_close(w, ']');
	json_str(w, "map_format", json_map_format(img->map_kind));
	json_bool(w, "map_is_stage", img->map_is_stage);
	json_bool(w, "map_truncated", img->map_truncated);
	json_open(w, "load_ranges", '[');
	fl_vec_for_each(&img->load, r) {
		json_open(w, NULL, '{');
		json_u64(w, "start", r->start);
		json_u64(w, "end", r->end);
		/* The model keeps end >= start; a broken range reports 0, not a
		 * wrapped size. */
		json_u64(w, "size", r->end >= r->start ? r->end - r->start : 0);
		json_str(w, "memory", json_region_name(m, img, r->region));
		json_close(w, '}');
	}
	json_close(w, ']');
	json_u64_opt(w, "load_start", loaded, img->load_start);
	json_u64_opt(w, "load_end", loaded, img->load_end);
	/* Debug and other non-allocated sections, and empty ones, say nothing about
	 * memory layout and would dominate the document of a large build. */
	json_open(w, "sections", '[');
	fl_vec_for_each(&img->sections, s)
		if ((s->flags & FL_SEC_ALLOC) && s->size > 0)
			json_section(w, m, img, s);
	json_close(w, ']');
	json_compiled(w, img);
	json_signed(w, img);
	json_close(w, '}');
}

static void json_images(struct json_w *w, const struct fl_model *m)
{
	json_open(w, "images", '[');
	for_each_image(m, ip)
		json_image(w, m, *ip);
	json_close(w, ']');
}

/* ---- reporter ---------------------------------------------------------------- */

/* Everything up to and including the opening of the diagnostics array; with
 * full, the digest `flashlint diff` reads back (the "detail" member) too. */
static void json_head(struct fl_report_ctx *c, bool full)
{
	static const struct fl_model empty;
	const struct fl_model *m = c->m ? c->m : &empty;
	struct json_w w = { c->out, 0, true };

	json_open(&w, NULL, '{');
	json_str(&w, "schema", JSON_SCHEMA_ID);
	json_open(&w, "tool", '{');
	json_str(&w, "name", "flashlint");
	json_str(&w, "version", FLASHLINT_VERSION);
	json_close(&w, '}');
	json_str(&w, "build_dir", m->build_dir);
	json_inputs(&w, m);
	json_memories(&w, m);
	json_partitions(&w, m);
	json_images(&w, m);
	if (full && c->m) {
		struct fl_digest g;
		fl_digest_build(c->run->arena, &g, c->run, c->m);
		digest_json_write(&w, &g);
	}
	json_open(&w, "diagnostics", '[');
}

static void json_begin(struct fl_report_ctx *c)
{
	json_head(c, false);
}

static void json_begin_full(struct fl_report_ctx *c)
{
	json_head(c, true);
}

/* One element of the diagnostics array; c->index 0 is the first one. */
static void json_on_diag(struct fl_report_ctx *c, const struct fl_diag *d)
{
	struct json_w w = { c->out, 2, c->index == 0 };
	bool has_rule = (unsigned)d->rule < FL_RULE_COUNT;

	json_open(&w, NULL, '{');
	json_str(&w, "id", has_rule ? fl_rules[d->rule].id : NULL);
	json_str(&w, "name", has_rule ? fl_rules[d->rule].name : NULL);
	json_str(&w, "severity", fl_severity_name(d->severity));
	json_str_req(&w, "message", d->msg);
	json_pos(&w, &d->pos, true);
	json_str(&w, "image", d->image);

	json_open(&w, "numbers", '{');
	json_nums(&w, d);
	json_close(&w, '}');

	json_open(&w, "notes", '[');
	fl_vec_for_each(&d->notes, n) {
		json_open(&w, NULL, '{');
		json_pos(&w, &n->pos, true);
		json_str_req(&w, "message", n->msg);
		json_close(&w, '}');
	}
	json_close(&w, ']');
	json_close(&w, '}');
}

/* Close the diagnostics array, write the summary and end the document. */
static void json_end_doc(struct fl_report_ctx *c)
{
	const struct fl_diags *ds = &c->run->diags;
	struct json_w w = { c->out, 2, ds->v.n == 0 };

	json_close(&w, ']');
	json_open(&w, "summary", '{');
	json_u64(&w, "errors", ds->count[FL_SEV_ERROR]);
	json_u64(&w, "warnings", ds->count[FL_SEV_WARNING]);
	json_u64(&w, "notes", ds->count[FL_SEV_NOTE]);
	json_close(&w, '}');
	json_close(&w, '}');
	fputc('\n', c->out);
}

const struct fl_reporter fl_report_json = {
	"json",
	json_begin,
	json_on_diag,
	json_end_doc,
};

const struct fl_reporter fl_report_json_full = {
	"json",
	json_begin_full,
	json_on_diag,
	json_end_doc,
};
