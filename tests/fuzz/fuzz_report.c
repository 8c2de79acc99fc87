// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer harness for a saved report (`check --format json --detail full`, the
 * BASE or NEXT of `flashlint diff`): each input is read as one, and the digest
 * kept must be whole: every name set, each size list indexed so that every entry
 * is found again by its name, every finding with a rule ID. See README.md.
 */
#include <stdint.h>
#include <stdlib.h>

#include "flashlint/catalogue.h"
#include "flashlint/digest.h"
#include "fuzz.h"

static void fuzz_sizes(const struct fl_dg_size *v, size_t n, const struct fl_dg_size_index *ix)
{
	for (size_t i = 0; i < n; i++)
		if (!v[i].name || fl_dg_size_find(ix, &v[i]) != &v[i])
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("report.json", data, size);
	struct fl_run run;
	if (fl_run_init(&run, &fl_catalogue) != 0)
		return 0;
	struct fl_digest g;
	int rc = fl_digest_read(&run, &g, path);
	if (rc != 0 && rc != -FL_EIO && rc != -FL_EFORMAT)
		abort();
	if (rc == 0) {
		for (size_t i = 0; i < g.images.n; i++) {
			const struct fl_dg_image *im = &g.images.v[i];
			if (!im->name)
				abort();
			for (size_t k = 0; k < im->regions.n; k++)
				if (!im->regions.v[k].name)
					abort();
			fuzz_sizes(im->sections.v, im->sections.n, &im->sections_ix);
			fuzz_sizes(im->objects.v, im->objects.n, &im->objects_ix);
			fuzz_sizes(im->symbols.v, im->symbols.n, &im->symbols_ix);
		}
		for (size_t i = 0; i < g.parts.n; i++)
			if (!g.parts.v[i].key || !g.parts.v[i].name)
				abort();
		for (size_t i = 0; i < g.findings.n; i++)
			if (!g.findings.v[i].id || !g.findings.v[i].msg)
				abort();
		for (size_t i = 0; i < g.growth.n; i++)
			if (!g.growth.v[i].image || !g.growth.v[i].pos.file)
				abort();
	}
	fl_run_free(&run);
	return 0;
}
