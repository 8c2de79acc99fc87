// SPDX-License-Identifier: Apache-2.0
/*
 * IMG rules: does each MCUboot-signed image fit its slot, by imgtool's arithmetic
 * (rules/imgtool.c). Reads the frozen model only; the numbers in the message are
 * the three imgtool itself prints.
 */
#include <string.h>

#include "flashlint/rules.h"
#include "fmt.h"
#include "flashlint/imgtool.h"
#include "flashlint/mcuboot.h"

static struct fl_pos src_pos(const struct imgtool_src *s)
{
	return s->pos;
}

static void trailer_note(struct fl_run *run, struct fl_diag *d, const struct imgtool_params *p)
{
	uint64_t max_align = p->align > 8 ? p->align : 8;
	if (p->overwrite_only)
		fl_diag_note(run, d, src_pos(&p->align_src),
			     "trailer: 0x%" PRIx64 " = 2 x %" PRIu64 " + %" PRIu64 " (--overwrite-only, from %s)",
			     p->trailer, max_align, fl_align_up(16, max_align), p->align_src.why);
	else
		fl_diag_note(run, d, src_pos(&p->align_src),
			     "trailer: 0x%" PRIx64 " = 3 x %u sectors x %u-byte writes + %s4 x %" PRIu64 " + %" PRIu64
			     " (write size from %s; %u sectors because the build passes no --max-sectors)",
			     p->trailer, p->max_sectors, p->align, p->encrypted ? "encryption keys + " : "",
			     max_align, fl_align_up(16, max_align), p->align_src.why, p->max_sectors);
}

static void img001_image(struct fl_run *run, const struct fl_model *m, const struct fl_image *img)
{
	struct fl_arena *a = run->arena;
	struct imgtool_params p;
	if (!imgtool_params(m, img, &p))
		return;
	uint64_t need = p.image_size + p.trailer;
	if (need <= p.slot->size)
		return;
	uint64_t over = need - p.slot->size;

	struct fl_diag *d = fl_diag(
		run, FL_RULE_IMG001, p.slot_pos,
		"image '%s' is %s too large for slot '%s': Image size (0x%" PRIx64 ") + trailer (0x%" PRIx64
		") exceeds requested size 0x%" PRIx64,
		img->name, fmt_size(a, over), p.slot->name, p.image_size, p.trailer, p.slot->size);
	d->image = img->name;
	if (p.pad_header)
		fl_diag_note(run, d, src_pos(&p.header_src), "header: %s (%s)",
			     fmt_size(a, p.header_size), p.header_src.why);
	else
		fl_diag_note(run, d, src_pos(&p.header_src),
			     "header: %s (%s), part of the image's own bytes (no --pad-header)",
			     fmt_size(a, p.header_size), p.header_src.why);
	if (p.slot->from_dts)
		fl_diag_note(run, d, (struct fl_pos){ 0 }, "slot size: %s (%s)",
			     fmt_size(a, p.slot->size), p.slot_why);
	fl_diag_note(run, d, (struct fl_pos){ 0 },
		     "loaded bytes: %s..%s, %s%s", fmt_addr(a, p.load_start), fmt_addr(a, p.load_end),
		     fmt_size(a, p.load_end - p.load_start),
		     p.secure_fw     ? fl_printf(a, " (%s merged in front of the application)", p.secure_fw)
		     : p.header_region ? fl_printf(a, " (offsets into the image: its header region '%s' is at 0x0)",
						   p.header_region)
				       : "");
	if (p.sig.tlv_jitter)
		fl_diag_note(run, d, src_pos(&p.sig_src),
			     "TLVs: %s for %s (%s); the signature's DER encoding can add up to %u bytes, so imgtool prints 0x%" PRIx64
			     ", 0x%" PRIx64 " or 0x%" PRIx64,
			     fmt_size(a, p.sig.tlv_size), p.sig.name, p.sig_src.why, p.sig.tlv_jitter,
			     p.image_size, p.image_size + 1, p.image_size + 2);
	else
		fl_diag_note(run, d, src_pos(&p.sig_src), "TLVs: %s for %s (%s)",
			     fmt_size(a, p.sig.tlv_size), p.sig.name, p.sig_src.why);
	trailer_note(run, d, &p);
	/* What imgtool really wrote, where the build kept a signed image. */
	const struct fl_signed_image *si = &img->signed_image;
	if (si->path)
		fl_diag_note(run, d, (struct fl_pos){ si->path, 0, 0 },
			     "the signed image in the build: header 0x%x + image 0x%x + TLVs 0x%" PRIx64
			     " = Image size 0x%" PRIx64 " (predicted 0x%" PRIx64 ")",
			     si->hdr_size, si->img_size, si->size - si->hdr_size - si->img_size, si->size,
			     p.image_size);
	struct slot_memory mem;
	bool spans = false;
	if (imgtool_slot_memory(m, img, p.slot, &mem))
		fl_vec_for_each(&img->sections, s)
			spans |= imgtool_loads_outside(m, img, s, &mem);
	if (spans)
		fl_diag_note(run, d, (struct fl_pos){ 0 },
			     "the image loads bytes outside '%s', the memory of its slot: its size is mostly the gap (see SEC001)",
			     mem.name);
	fl_diag_num(run, d, "image_size", p.image_size);
	fl_diag_num(run, d, "trailer", p.trailer);
	fl_diag_num(run, d, "slot_size", p.slot->size);
	fl_diag_num(run, d, "overflow", over);
	fl_diag_num(run, d, "header_size", p.header_size);
	fl_diag_num(run, d, "tlv_size", p.sig.tlv_size);
}

static void img001(struct fl_run *run, const struct fl_model *m)
{
	for_each_image(m, it)
		img001_image(run, m, *it);
}

/* The MCUboot image index and slot pair an application's imgtool slot belongs to. */
static const struct mcuboot_pair *pair_of(const struct mcuboot *mb, const struct fl_partition *slot,
					  size_t *index)
{
	for (size_t i = 0; i < mb->n; i++)
		if (mcuboot_same_slot(mb->img[i].primary.part, slot) ||
		    mcuboot_same_slot(mb->img[i].secondary.part, slot)) {
			*index = i;
			return &mb->img[i];
		}
	return NULL;
}

/* ---- IMG002 image-exceeds-upgrade-limit --------------------------------------- */

static void img002(struct fl_run *run, const struct fl_model *m)
{
	struct fl_arena *a = run->arena;
	struct mcuboot mb;
	if (!mcuboot_model(m, &mb))
		return;
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		struct imgtool_params p;
		size_t i;
		uint64_t limit;
		const char *how;
		if (!imgtool_params(m, img, &p) || p.image_size + p.trailer > p.slot->size)
			continue; /* IMG001's finding */
		const struct mcuboot_pair *pr = pair_of(&mb, p.slot, &i);
		if (!pr || !mcuboot_max_image(a, &mb, i, &limit, &how) || p.image_size <= limit)
			continue;
		struct fl_diag *d = fl_diag(
			run, FL_RULE_IMG002, pr->primary.pos,
			"image '%s' is %s too large for MCUboot's %s upgrade of slot '%s': header + image + TLVs = 0x%" PRIx64
			" but the bootloader accepts at most 0x%" PRIx64 "; imgtool signs it (0x%" PRIx64
			" + trailer 0x%" PRIx64 " <= 0x%" PRIx64 ")",
			img->name, fmt_size(a, p.image_size - limit), mcuboot_mode_name(mb.mode),
			pr->primary.name, p.image_size, limit, p.image_size, p.trailer, p.slot->size);
		d->image = img->name;
		fl_diag_note(run, d, (struct fl_pos){ 0 }, "the limit: %s", how);
		fl_diag_note(run, d, mb.mode_src.pos, "upgrade mode: %s (%s)", mcuboot_mode_name(mb.mode),
			     mb.mode_src.why);
		if (mb.max_sectors)
			fl_diag_note(run, d, mb.max_src.pos, "BOOT_MAX_IMG_SECTORS = %" PRIu64 " (%s)",
				     mb.max_sectors, mb.max_src.why);
		if (mb.mode == MCUBOOT_MODE_MOVE && pr->primary.sector) {
			uint64_t sz = pr->primary.sector;
			uint64_t last = p.image_size / sz + (p.image_size % sz != 0);
			uint64_t t = mcuboot_trailer(&mb, pr->primary.write);
			uint64_t tp = t / sz + (t % sz != 0);
			/* swap_move.c: the image is validated against the sectors before
			 * the trailer; swap_run() then also wants the sector after the
			 * image free to move into. */
			uint64_t avail = pr->primary.sectors > tp ? (pr->primary.sectors - tp) * sz : 0;
			if (p.image_size <= avail)
				fl_diag_note(run, d, (struct fl_pos){ 0 },
					     "at boot MCUboot logs 'W: Not enough free space to run swap upgrade' and 'W: required %" PRIu64
					     " bytes but only %" PRIu64 " are available', and keeps the old image",
					     (last + 1) * sz, avail);
			else
				fl_diag_note(run, d, (struct fl_pos){ 0 },
					     "at boot MCUboot rejects the update ('Image in the secondary slot is not valid!'): the image reaches into the %" PRIu64
					     " bytes of trailer sectors at the end of the slot",
					     tp * sz);
		} else {
			fl_diag_note(run, d, (struct fl_pos){ 0 },
				     "at boot MCUboot rejects the update ('Image in the secondary slot is not valid!')");
		}
		fl_diag_num(run, d, "image_size", p.image_size);
		fl_diag_num(run, d, "limit", limit);
		fl_diag_num(run, d, "overflow", p.image_size - limit);
		fl_diag_num(run, d, "slot_size", p.slot->size);
	}
}

/* ---- IMG003 link-address-mismatch --------------------------------------------- */

/* The first loaded section of img at `start`, as a note. */
static void first_section_note(struct fl_run *run, struct fl_diag *d, const struct fl_image *img,
			       uint64_t start)
{
	fl_vec_for_each(&img->sections, s)
		if ((s->flags & FL_SEC_LOAD) && s->size && s->lma == start && s->from_map) {
			fl_diag_note(run, d, s->pos, "the first loaded section, '%s'", s->name);
			break;
		}
}

/* The image built from partition `part` ("spm", "tfm"; "<app>/tfm" in sysbuild). */
static const struct fl_image *image_of_partition(const struct fl_model *m, const char *part)
{
	size_t n = strlen(part);
	for_each_image(m, it) {
		const char *name = (*it)->name;
		size_t k = strlen(name);
		if (k >= n && !strcmp(name + k - n, part) && (k == n || name[k - n - 1] == '/'))
			return *it;
	}
	return NULL;
}

/* The boot chain with secure firmware in the slot: MCUboot boots SPM or TF-M
 * at slot + header, which jumps to the application at the 'app' partition. */
static void img003_chain(struct fl_run *run, const struct fl_model *m, const struct fl_image *img,
			 const struct imgtool_params *p)
{
	struct fl_arena *a = run->arena;
	const char *hdr = fmt_size(a, p->header_size);
	const struct fl_image *sec = p->secure_part ? image_of_partition(m, p->secure_part->name) : NULL;
	if (sec && sec->load.n && sec->load_start != p->link_start) {
		struct fl_diag *d = fl_diag(
			run, FL_RULE_IMG003, fl_model_partition_pos(m, p->secure_part),
			"image '%s' (%s) is linked to start at 0x%" PRIx64 ", but MCUboot boots it from 0x%" PRIx64
			" (%s + %s header): the vector table it jumps to is not where the image put it",
			sec->name, p->secure_fw, sec->load_start, p->link_start, p->slot->name, hdr);
		d->image = sec->name;
		fl_diag_note(run, d, fl_model_partition_pos(m, p->secure_part), "'%s' is defined here: %s, %s",
			     p->secure_part->name, fmt_addr(a, p->secure_part->address),
			     fmt_size(a, p->secure_part->size));
		first_section_note(run, d, sec, sec->load_start);
		fl_diag_num(run, d, "link_start", sec->load_start);
		fl_diag_num(run, d, "expected_start", p->link_start);
	}
	if (!p->app_part || p->app_start == p->app_part->address)
		return;
	struct fl_diag *d = fl_diag(
		run, FL_RULE_IMG003, fl_model_partition_pos(m, p->app_part),
		"image '%s' is linked to start at 0x%" PRIx64 ", but %s jumps to it at 0x%" PRIx64
		" (partition '%s'): the vector table it jumps to is not where the image put it",
		img->name, p->app_start, p->secure_fw, p->app_part->address, p->app_part->name);
	d->image = img->name;
	fl_diag_note(run, d, fl_model_partition_pos(m, p->app_part), "'%s' is defined here: %s, %s",
		     p->app_part->name, fmt_addr(a, p->app_part->address), fmt_size(a, p->app_part->size));
	if (p->secure_part)
		fl_diag_note(run, d, fl_model_partition_pos(m, p->secure_part),
			     "MCUboot boots %s in '%s' at %s (%s + %s header); %s starts the application at '%s'",
			     p->secure_fw, p->secure_part->name, fmt_addr(a, p->link_start), p->slot->name, hdr,
			     p->secure_fw, p->app_part->name);
	first_section_note(run, d, img, p->app_start);
	fl_diag_num(run, d, "link_start", p->app_start);
	fl_diag_num(run, d, "expected_start", p->app_part->address);
}

static void img003(struct fl_run *run, const struct fl_model *m)
{
	struct fl_arena *a = run->arena;
	struct mcuboot mb;
	bool have_mb = mcuboot_model(m, &mb);
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		struct imgtool_params p;
		if (!imgtool_params(m, img, &p))
			continue;
		if (p.secure_fw) {
			img003_chain(run, m, img, &p);
			continue;
		}
		if (have_mb && (mb.mode == MCUBOOT_MODE_RAM_LOAD || mb.mode == MCUBOOT_MODE_SINGLE_RAM_LOAD))
			continue; /* linked for RAM, copied there by the bootloader */
		/* The lowest loaded byte: the vector table (PM), rom_start's header gap
		 * (devicetree). */
		uint64_t start = p.load_start;
		if (start == p.link_start)
			continue;
		size_t i;
		const struct mcuboot_pair *pr = have_mb ? pair_of(&mb, p.slot, &i) : NULL;
		/* Direct-XIP runs an image in place from either slot: one built for the
		 * secondary is linked there. */
		if (pr && mb.mode == MCUBOOT_MODE_DIRECT_XIP && pr->secondary.part &&
		    !pr->secondary.external &&
		    start == pr->secondary.start + (p.pad_header ? p.header_size : 0))
			continue;
		struct fl_pos pos = p.slot_pos;
		const char *why = "";
		const struct fl_kconfig *k = &img->kconfig;
		if (!p.pad_header) {
			const struct fl_kconfig_entry *e = fl_kconfig_get(k, "CONFIG_USE_DT_CODE_PARTITION");
			if (k->path && (!e || strcmp(e->value, "y")) && fl_kconfig_get(k, "CONFIG_FLASH_LOAD_OFFSET")) {
				pos = fl_kconfig_pos(k, "CONFIG_FLASH_LOAD_OFFSET");
				why = " (CONFIG_FLASH_LOAD_OFFSET, CONFIG_USE_DT_CODE_PARTITION is off)";
			} else if (img->code_partition) {
				pos = img->code_partition->pos;
				why = fl_printf(a, " (zephyr,code-partition is '%s')", img->code_partition->name);
			}
		}
		const char *slot_name = p.pad_header ? p.slot->name : "slot0_partition";
		struct fl_diag *d = fl_diag(
			run, FL_RULE_IMG003, pos,
			"image '%s' is linked to start at 0x%" PRIx64 "%s, but MCUboot boots it from 0x%" PRIx64
			" (%s%s): the vector table it jumps to is not where the image put it",
			img->name, start, why, p.link_start, slot_name,
			p.pad_header ? fl_printf(a, " + %s header", fmt_size(a, p.header_size)) : "'s start");
		d->image = img->name;
		/* The slot MCUboot boots: imgtool's slot with Partition Manager, slot0
		 * with devicetree partitions (imgtool is given slot1's size). */
		const struct fl_partition *boot_slot =
			p.pad_header ? p.slot : fl_image_dt_partition(img, slot_name);
		if (boot_slot)
			fl_diag_note(run, d, p.pad_header ? p.slot_pos : boot_slot->pos,
				     "'%s' is defined here: %s, %s", boot_slot->name,
				     fmt_addr(a, boot_slot->address), fmt_size(a, boot_slot->size));
		first_section_note(run, d, img, start);
		fl_diag_num(run, d, "link_start", start);
		fl_diag_num(run, d, "expected_start", p.link_start);
	}
}

/* ---- IMG004 slot-headroom-low ------------------------------------------------ */

static void img004(struct fl_run *run, const struct fl_model *m)
{
	struct fl_arena *a = run->arena;
	struct mcuboot mb;
	bool have_mb = mcuboot_model(m, &mb);
	unsigned pct = run->cfg.slot_headroom_percent;
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		struct imgtool_params p;
		if (!imgtool_params(m, img, &p) || p.image_size + p.trailer > p.slot->size)
			continue;
		uint64_t free_sign = p.slot->size - p.image_size - p.trailer;
		uint64_t free = free_sign, limit = 0;
		const char *how = NULL;
		size_t i;
		const struct mcuboot_pair *pr = have_mb ? pair_of(&mb, p.slot, &i) : NULL;
		bool runtime = pr && mcuboot_max_image(a, &mb, i, &limit, &how);
		if (runtime) {
			if (p.image_size > limit)
				continue; /* IMG002's finding */
			if (limit - p.image_size < free)
				free = limit - p.image_size;
		}
		uint64_t budget = p.slot->size / 100 * pct + p.slot->size % 100 * pct / 100;
		const char *what = fl_printf(a, "the %u%% headroom budget", pct);
		/* The budgets file: the image's headroom, else the most its slot may hold. */
		const struct fl_budgets *bs = run->cfg.budgets;
		const struct fl_budget *b =
			bs ? fl_budget_find(bs->headroom.v, bs->headroom.n, img->name, NULL) : NULL;
		const struct fl_budget *pb =
			bs && !b ? fl_budget_find(bs->partitions.v, bs->partitions.n, NULL, p.slot->name) : NULL;
		if (b) {
			budget = fl_budget_bytes(b, p.slot->size);
			what = b->percent ? fl_printf(a, "the %u%% headroom budget", (unsigned)b->value)
					  : "the headroom budget";
		} else if (pb) {
			uint64_t most = fl_budget_bytes(pb, p.slot->size);
			budget = most < p.slot->size ? p.slot->size - most : 0;
			what = pb->percent ? fl_printf(a, "the budget of slot '%s' (at most %u%% used)",
						       p.slot->name, (unsigned)pb->value)
					   : fl_printf(a, "the budget of slot '%s' (at most %s used)",
						       p.slot->name, fmt_size(a, most));
		}
		if (free >= budget)
			continue;
		struct fl_diag *d = fl_diag(
			run, FL_RULE_IMG004, b ? b->pos : pb ? pb->pos : p.slot_pos,
			"image '%s' leaves %s free in slot '%s' (%s), below %s of %s",
			img->name, fmt_size(a, free), p.slot->name, fmt_size(a, p.slot->size), what,
			fmt_size(a, budget));
		d->image = img->name;
		if (b || pb)
			fl_diag_note(run, d, p.slot_pos, "slot '%s' is defined here", p.slot->name);
		fl_diag_note(run, d, (struct fl_pos){ 0 },
			     "imgtool: slot 0x%" PRIx64 " - Image size 0x%" PRIx64 " - trailer 0x%" PRIx64 " = %s free",
			     p.slot->size, p.image_size, p.trailer, fmt_size(a, free_sign));
		if (runtime)
			fl_diag_note(run, d, mb.mode_src.pos, "MCUboot accepts at most 0x%" PRIx64 " (%s): %s free",
				     limit, how, fmt_size(a, limit - p.image_size));
		fl_diag_num(run, d, "free", free);
		fl_diag_num(run, d, "budget", budget);
		fl_diag_num(run, d, "image_size", p.image_size);
		fl_diag_num(run, d, "slot_size", p.slot->size);
	}
}

/* ---- IMG005 link-region-exceeds-slot ------------------------------------------- */

static void img005(struct fl_run *run, const struct fl_model *m)
{
	struct fl_arena *a = run->arena;
	for_each_image(m, it) {
		const struct fl_image *img = *it;
		struct imgtool_params p;
		if (!imgtool_params(m, img, &p) || p.secure_fw)
			continue;
		int ri = fl_image_region_at(img, p.load_start, 0);
		if (ri < 0)
			continue;
		const struct fl_region *r = &img->regions.v[ri];
		/* The largest image the link allows, as imgtool counts it. */
		uint64_t region_end = fl_end(r->origin, r->length);
		if (region_end <= p.load_start)
			continue;
		uint64_t room = region_end - p.load_start + (p.pad_header ? p.header_size : 0);
		if (room <= p.slot->size)
			continue;
		struct fl_diag *d = fl_diag(
			run, FL_RULE_IMG005, r->pos,
			"region '%s' of image '%s' lets the image grow to %s (header included), %s more than slot '%s' (%s): an image too large for the slot still links",
			r->name, img->name, fmt_size(a, room), fmt_size(a, room - p.slot->size), p.slot->name,
			fmt_size(a, p.slot->size));
		d->image = img->name;
		fl_diag_note(run, d, p.slot_pos, "'%s' is defined here (%s)", p.slot->name, p.slot_why);
		if (img->code_partition && !p.pad_header)
			fl_diag_note(run, d, img->code_partition->pos,
				     "the region is zephyr,code-partition '%s' (%s)", img->code_partition->name,
				     fmt_size(a, img->code_partition->size));
		fl_diag_num(run, d, "region_room", room);
		fl_diag_num(run, d, "slot_size", p.slot->size);
		fl_diag_num(run, d, "excess", room - p.slot->size);
	}
}

const struct fl_rule_impl fl_img_rules[] = {
	{ FL_RULE_IMG001, img001 },
	{ FL_RULE_IMG002, img002 },
	{ FL_RULE_IMG003, img003 },
	{ FL_RULE_IMG004, img004 },
	{ FL_RULE_IMG005, img005 },
	{ 0, NULL },
};
