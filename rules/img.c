// SPDX-License-Identifier: Apache-2.0
/*
 * IMG rules: does each MCUboot-signed image fit its slot, by imgtool's arithmetic
 * (rules/imgtool.c). Reads the frozen model only; the numbers in the message are
 * the three imgtool itself prints.
 */
#include <string.h>

#include "flashlint/rules.h"
#include "fmt.h"
#include "imgtool.h"

static struct fl_pos src_pos(const struct imgtool_src *s)
{
	return s->pos;
}

static void img001_image(struct fl_run *run, const struct fl_model *m, const struct fl_image *img)
{
	struct fl_arena *a = run->arena;
	struct imgtool_params p;
	if (!imgtool_params_pm(m, img, &p))
		return;
	uint64_t need = p.image_size + p.trailer;
	if (need <= p.slot->size)
		return;
	uint64_t over = need - p.slot->size;

	struct fl_diag *d = fl_diag(
		run, FL_RULE_IMG001, fl_model_partition_pos(m, p.slot),
		"image '%s' is %s too large for slot '%s': Image size (0x%" PRIx64 ") + trailer (0x%" PRIx64
		") exceeds requested size 0x%" PRIx64,
		img->name, fmt_size(a, over), p.slot->name, p.image_size, p.trailer, p.slot->size);
	d->image = img->name;
	fl_diag_note(run, d, src_pos(&p.header_src), "header: %s (%s)", fmt_size(a, p.header_size),
		     p.header_src.why);
	fl_diag_note(run, d, (struct fl_pos){ 0 },
		     "loaded bytes: %s..%s, %s", fmt_addr(a, p.load_start), fmt_addr(a, p.load_end),
		     fmt_size(a, p.load_end - p.load_start));
	if (p.sig.tlv_jitter)
		fl_diag_note(run, d, src_pos(&p.sig_src),
			     "TLVs: %s for %s (%s); the signature's DER encoding can add %u byte, so imgtool prints 0x%" PRIx64
			     " or 0x%" PRIx64,
			     fmt_size(a, p.sig.tlv_size), p.sig.name, p.sig_src.why, p.sig.tlv_jitter,
			     p.image_size, p.image_size + p.sig.tlv_jitter);
	else
		fl_diag_note(run, d, src_pos(&p.sig_src), "TLVs: %s for %s (%s)",
			     fmt_size(a, p.sig.tlv_size), p.sig.name, p.sig_src.why);
	uint64_t max_align = p.align > 8 ? p.align : 8;
	fl_diag_note(run, d, src_pos(&p.align_src),
		     "trailer: 0x%" PRIx64 " = 3 x %u sectors x %u-byte writes + %s4 x %" PRIu64 " + %" PRIu64
		     " (write size from %s; %u sectors because the build passes no --max-sectors)",
		     p.trailer, p.max_sectors, p.align, p.encrypted ? "encryption keys + " : "",
		     max_align, fl_align_up(16, max_align), p.align_src.why, p.max_sectors);
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

const struct fl_rule_impl fl_img_rules[] = {
	{ FL_RULE_IMG001, img001 },
	{ 0, NULL },
};
