// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer harness for the Kconfig .config reader and its lookups: each input is
 * read as a .config file, then every symbol it defined is looked up again.
 * See README.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "flashlint/catalogue.h"
#include "flashlint/readers.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(".config", data, size);
	struct fl_run run;
	if (fl_run_init(&run, &fl_catalogue) == 0) {
		struct fl_kconfig k = { 0 };
		fl_kconfig_read(&run, &k, path);
		/* The index must find what the reader stored, and the last definition. */
		for (size_t i = 0; i < k.v.n; i++) {
			const struct fl_kconfig_entry *e = &k.v.v[i];
			const struct fl_kconfig_entry *got = fl_kconfig_get(&k, e->name);
			if (!got || got < e)
				abort();
			uint64_t v;
			fl_kconfig_u64(&k, e->name, &v);
			fl_kconfig_is_y(&k, e->name);
			if (fl_kconfig_pos(&k, e->name).line != got->line)
				abort();
		}
		fl_run_free(&run);
	}
	return 0;
}
