// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer harness for the signed-image reader: each input is read as a raw
 * zephyr.signed.bin and as an Intel hex app_signed.hex; what it keeps must add up
 * (header + image + TLV areas = size, every TLV inside its area). See README.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "flashlint/catalogue.h"
#include "flashlint/readers.h"
#include "fuzz.h"

static void check(const struct fl_signed_image *s)
{
	if (!s->path)
		return;
	uint64_t off = (uint64_t)s->hdr_size + s->img_size;
	if (!s->tlv.n)
		abort();
	for (size_t i = 0; i < s->tlv.n; i++) {
		const struct fl_tlv_area *a = &s->tlv.v[i];
		if (a->offset != off || a->total < 4)
			abort();
		uint64_t used = 4;
		for (size_t j = 0; j < a->v.n; j++)
			used += 4u + a->v.v[j].len;
		if (used != a->total)
			abort();
		off += a->total;
	}
	if (off != s->size)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "zephyr.signed.bin", "app_signed.hex" };
	for (int i = 0; i < 2; i++) {
		const char *path = fuzz_file(names[i], data, size);
		struct fl_run run;
		if (fl_run_init(&run, &fl_catalogue) != 0)
			continue;
		struct fl_image img = { 0 };
		fl_signed_read(&run, &img, path);
		check(&img.signed_image);
		fl_run_free(&run);
	}
	return 0;
}
