// SPDX-License-Identifier: Apache-2.0
/*
 * The diff's sentences, shared by the text and markdown writers, and the format
 * dispatch. Only words and numbers here: no markup, no I/O but the dispatch.
 */
#include <inttypes.h>
#include <string.h>

#include "diff_fmt.h"

const char *diff_fmt_change(struct fl_arena *a, uint64_t before, uint64_t after)
{
	return fl_printf(a, "%" PRIu64 " -> %" PRIu64 " (%+" PRId64 ")", before, after,
			 (int64_t)(after - before));
}

static const char *room_change(struct fl_arena *a, int64_t before, int64_t after)
{
	return fl_printf(a, "%" PRId64 " -> %" PRId64 " (%+" PRId64 ")", before, after, after - before);
}

size_t diff_breaking(const struct fl_diff *d)
{
	size_t n = 0;
	fl_vec_for_each(&d->parts, p)
		n += p->breaking;
	return n;
}

static void add_piece(struct fl_arena *a, char **s, const char *piece)
{
	*s = *s ? fl_printf(a, "%s, %s", *s, piece) : fl_strdup(a, piece);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

const char *diff_fmt_headline(struct fl_arena *a, const struct fl_diff *d)
{
	char *s = NULL;
	if (!d->changed)
		return "no changes";
	if (d->images.n)
		add_piece(a, &s, fl_printf(a, "%zu %s changed", d->images.n,
					   plural(d->images.n, "image", "images")));
	add_piece(a, &s, fl_printf(a, "%zu new %s, %zu fixed", d->added.n,
				   plural(d->added.n, "finding", "findings"), d->fixed.n));
	if (d->parts.n) {
		size_t b = diff_breaking(d);
		add_piece(a, &s, fl_printf(a, "%zu %s changed", d->parts.n,
					   plural(d->parts.n, "partition", "partitions")));
		if (b)
			s = fl_printf(a, "%s (%zu %s updates of devices in the field)", s, b,
				      plural(b, "breaks", "break"));
	}
	if (d->regions.n)
		add_piece(a, &s, fl_printf(a, "%zu memory %s changed", d->regions.n,
					   plural(d->regions.n, "region", "regions")));
	if (d->failed.n)
		s = fl_printf(a, "%s; fails the policy", s);
	return s;
}

const char *diff_fmt_image(struct fl_arena *a, const struct fl_diff_image *im)
{
	const struct fl_dg_image *x = im->base, *y = im->new_;
	if (!x)
		return fl_printf(a, "%s: added, loads %" PRIu64 " bytes", im->name, y->loaded);
	if (!y)
		return fl_printf(a, "%s: removed (loaded %" PRIu64 " bytes)", im->name, x->loaded);
	char *s = fl_printf(a, "%s: loaded %s", im->name, diff_fmt_change(a, x->loaded, y->loaded));
	if (!x->signed_ && !y->signed_)
		return s;
	if (x->signed_ != y->signed_)
		return fl_printf(a, "%s; %s", s, y->signed_ ? "now signed into a slot" : "no longer signed into a slot");
	if (x->slot_size != y->slot_size || !fl_str_eq(x->slot, y->slot))
		s = fl_printf(a, "%s; slot '%s' %" PRIu64 " -> '%s' %" PRIu64 " bytes", s, x->slot,
			      x->slot_size, y->slot, y->slot_size);
	else
		s = fl_printf(a, "%s; slot '%s' of %" PRIu64 " bytes", s, y->slot, y->slot_size);
	s = fl_printf(a, "%s: imgtool room %s", s,
		      room_change(a, fl_diff_room_imgtool(x), fl_diff_room_imgtool(y)));
	if (x->has_limit && y->has_limit)
		s = fl_printf(a, "%s, %s upgrade room %s", s, y->mode,
			      room_change(a, fl_diff_room_upgrade(x), fl_diff_room_upgrade(y)));
	else if (y->has_limit)
		s = fl_printf(a, "%s, %s upgrade room %" PRId64, s, y->mode, fl_diff_room_upgrade(y));
	return s;
}

const char *diff_fmt_part(struct fl_arena *a, const struct fl_diff_part *p)
{
	const struct fl_dg_part *x = p->base, *y = p->new_, *any = x ? x : y;
	char *s = fl_printf(a, "%s (%s%s%s)", any->name, fl_dg_part_kind_name(any->kind),
			    any->where ? ", " : "", any->where ? any->where : "");
	if (!x)
		s = fl_printf(a, "%s: added at 0x%08" PRIx64 ", %" PRIu64 " bytes", s, y->address, y->size);
	else if (!y)
		s = fl_printf(a, "%s: removed (was at 0x%08" PRIx64 ", %" PRIu64 " bytes)", s, x->address,
			      x->size);
	else {
		char *what = NULL;
		if (!fl_str_eq(x->where, y->where))
			add_piece(a, &what, fl_printf(a, "moved from '%s' to '%s'", x->where ? x->where : "",
						      y->where ? y->where : ""));
		if (x->address != y->address)
			add_piece(a, &what, fl_printf(a, "moved 0x%08" PRIx64 " -> 0x%08" PRIx64, x->address,
						      y->address));
		if (p->resized)
			add_piece(a, &what, fl_printf(a, "resized %s", diff_fmt_change(a, x->size, y->size)));
		s = fl_printf(a, "%s: %s", s, what);
	}
	if (p->breaking)
		s = fl_printf(a, "%s; breaks updates of devices in the field", s);
	return s;
}

const char *diff_fmt_region(struct fl_arena *a, const struct fl_diff_region *r)
{
	const struct fl_dg_region *x = r->base, *y = r->new_;
	if (!x)
		return fl_printf(a, "%s %s: added, %" PRIu64 " of %" PRIu64 " bytes used", r->image,
				 y->name, y->used, y->length);
	if (!y)
		return fl_printf(a, "%s %s: removed (%" PRIu64 " of %" PRIu64 " bytes used)", r->image,
				 x->name, x->used, x->length);
	if (x->length != y->length)
		return fl_printf(a, "%s %s: %s of %" PRIu64 " -> %" PRIu64 " bytes", r->image, y->name,
				 diff_fmt_change(a, x->used, y->used), x->length, y->length);
	return fl_printf(a, "%s %s: %s of %" PRIu64 " bytes", r->image, y->name,
			 diff_fmt_change(a, x->used, y->used), y->length);
}

int fl_diff_write(const char *format, FILE *out, struct fl_arena *a, const struct fl_diff *d)
{
	int rc;
	if (!strcmp(format, "text"))
		rc = diff_write_text(out, a, d);
	else if (!strcmp(format, "md"))
		rc = diff_write_md(out, a, d);
	else if (!strcmp(format, "json"))
		rc = diff_write_json(out, a, d);
	else if (!strcmp(format, "sarif"))
		rc = diff_write_sarif(out, a, d);
	else
		return -FL_EUSAGE;
	return rc ? rc : ferror(out) ? -FL_EIO : 0;
}
