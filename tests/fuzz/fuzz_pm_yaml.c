// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer harness for the Partition Manager YAML reader: each input is read as
 * partitions.yml, pm_static.yml and regions.yml in turn. See README.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "flashlint/catalogue.h"
#include "flashlint/readers.h"
#include "fuzz.h"

static void fuzz_pm_check(const struct fl_partition *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t end;
		/* Whatever is kept has a name, a region, a position and no wrap. */
		if (!v[i].name || !v[i].region || !v[i].pos.line ||
		    !fl_add_ok(v[i].address, v[i].size, &end))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum fl_input_kind kinds[] = { FL_IN_PM_PARTITIONS, FL_IN_PM_STATIC,
						    FL_IN_PM_REGIONS };
	const char *path = fuzz_file("partitions.yml", data, size);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		struct fl_run run;
		if (fl_run_init(&run, &fl_catalogue) != 0)
			break;
		struct fl_model m = { 0 };
		fl_pm_read(&run, &m, path, kinds[i], i ? "CPUNET" : NULL);
		fuzz_pm_check(m.partitions.v, m.partitions.n);
		fuzz_pm_check(m.static_partitions.v, m.static_partitions.n);
		for (size_t j = 0; j < m.pm_regions.n; j++) {
			const struct fl_pm_region *r = &m.pm_regions.v[j];
			uint64_t end;
			if (!r->name || !r->pos.line || !fl_add_ok(r->base, r->size, &end))
				abort();
		}
		fl_run_free(&run);
	}
	return 0;
}
