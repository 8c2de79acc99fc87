// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer harness for the devicetree_generated.h reader (the node ordinal table):
 * each input is read as the header, and every ordinal kept must name an absolute
 * path taken from one line of it; a rejected input has its INP001. See README.md.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flashlint/catalogue.h"
#include "flashlint/readers.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("devicetree_generated.h", data, size);
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	struct fl_run run;
	if (fl_run_init(&run, &fl_catalogue) != 0)
		return 0;
	struct fl_image *img = fl_alloc(run.arena, sizeof(*img));
	/* A table that breaks off is an INP001 with -FL_EFORMAT, never anything else. */
	int rc = fl_dt_ordinals_read(&run, img, path);
	if ((rc != 0 && rc != -FL_EFORMAT) || (rc != 0) != run.input_failed ||
	    img->dt_ords.n >= lines)
		abort();
	for (size_t i = 0; i < img->dt_ords.n; i++) {
		const char *p = img->dt_ords.v[i].path;
		if (!p || p[0] != '/' || strchr(p, '\n'))
			abort();
	}
	fl_run_free(&run);
	return 0;
}
